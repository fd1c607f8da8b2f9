import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { votingEscrowAbi } from "../../../generated/contracts";

/** The account's delegate, its own score and its votes now. */
export function useDelegation(account: Address | undefined) {
  const escrow = { address: addresses.escrow, abi: votingEscrowAbi } as const;
  return useReadContracts({
    contracts: [
      { ...escrow, functionName: "delegates", args: [account!] },
      { ...escrow, functionName: "balanceOf", args: [account!] },
      { ...escrow, functionName: "getVotes", args: [account!] },
    ] as const,
    allowFailure: false,
    query: {
      enabled: !!account && !!addresses.escrow,
      select: ([delegate, score, votes]) => ({ delegate, score, votes }),
    },
  });
}
