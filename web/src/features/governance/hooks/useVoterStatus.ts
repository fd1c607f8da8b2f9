import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { lockstepGovernorAbi, votingEscrowAbi } from "../../../generated/contracts";

export type VoterStatus = {
  weight: bigint;
  hasVoted: boolean;
  ownScoreAtSnapshot: bigint;
  delegate: Address;
  lock: { amount: bigint; end: bigint; autoMax: boolean };
};

/**
 * What the connected account can do on one proposal: its weight at the snapshot, whether it voted, and what
 * explains a zero weight (no lock at the snapshot, delegated away, expired).
 */
export function useVoterStatus(
  account: Address | undefined,
  id: bigint | undefined,
  snapshot: bigint | undefined,
  now: bigint | undefined,
) {
  const past = snapshot !== undefined && now !== undefined && snapshot < now;
  return useReadContracts({
    contracts: [
      { address: addresses.governor, abi: lockstepGovernorAbi, functionName: "getVotes", args: [account!, snapshot!] },
      { address: addresses.governor, abi: lockstepGovernorAbi, functionName: "hasVoted", args: [id!, account!] },
      { address: addresses.escrow, abi: votingEscrowAbi, functionName: "balanceOfAt", args: [account!, snapshot!] },
      { address: addresses.escrow, abi: votingEscrowAbi, functionName: "delegates", args: [account!] },
      { address: addresses.escrow, abi: votingEscrowAbi, functionName: "locked", args: [account!] },
    ] as const,
    allowFailure: false,
    query: {
      enabled: !!account && id !== undefined && past,
      select: ([weight, hasVoted, ownScoreAtSnapshot, delegate, [amount, end, autoMax]]): VoterStatus => ({
        weight,
        hasVoted,
        ownScoreAtSnapshot,
        delegate,
        lock: { amount, end, autoMax },
      }),
    },
  });
}
