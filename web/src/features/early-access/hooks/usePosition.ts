import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { earlyAccessAbi, votingEscrowAbi } from "../../../generated/contracts";

export type Position = {
  /** The account's level in the round (at the snapshot, against the round's thresholds). */
  level: number;
  /** Its score at the snapshot (18-decimal score units). */
  score: bigint;
  /** The cap of its level (0 for level 0). */
  cap: bigint;
  committed: bigint;
  claimed: boolean;
  /** What a claim would pay now (before the end: if the round ended now). */
  claimable: { saleTokens: bigint; refund: bigint };
  thresholds: readonly bigint[];
};

/** The account's standing in one round, read from EarlyAccess and the escrow in one multicall. */
export function usePosition(roundId: bigint | undefined, snapshot: bigint | undefined, account: Address | undefined) {
  const early = addresses.earlyAccess!;
  const enabled = roundId !== undefined && snapshot !== undefined && !!account && !!addresses.earlyAccess;
  const args = [roundId ?? 0n, account ?? "0x0000000000000000000000000000000000000000"] as const;
  return useReadContracts({
    contracts: [
      { address: early, abi: earlyAccessAbi, functionName: "levelIn", args },
      { address: early, abi: earlyAccessAbi, functionName: "capOf", args },
      { address: early, abi: earlyAccessAbi, functionName: "committed", args },
      { address: early, abi: earlyAccessAbi, functionName: "hasClaimed", args },
      { address: early, abi: earlyAccessAbi, functionName: "claimable", args },
      { address: early, abi: earlyAccessAbi, functionName: "thresholdsOf", args: [args[0]] },
      {
        address: addresses.escrow!,
        abi: votingEscrowAbi,
        functionName: "balanceOfAt",
        args: [args[1], snapshot ?? 0n],
      },
    ] as const,
    allowFailure: false,
    query: {
      enabled,
      select: ([level, cap, committed, claimed, [saleTokens, refund], thresholds, score]): Position => ({
        level: Number(level),
        cap,
        committed,
        claimed,
        claimable: { saleTokens, refund },
        thresholds,
        score,
      }),
    },
  });
}
