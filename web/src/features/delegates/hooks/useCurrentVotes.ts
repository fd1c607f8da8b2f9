import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { votingEscrowAbi } from "../../../generated/contracts";

/** The votes of each account now (`getVotes`), in the order given. */
export function useCurrentVotes(accounts: readonly Address[] | undefined) {
  return useReadContracts({
    contracts: (accounts ?? []).map((account) => ({
      address: addresses.escrow,
      abi: votingEscrowAbi,
      functionName: "getVotes" as const,
      args: [account] as const,
    })),
    allowFailure: false,
    query: { enabled: accounts !== undefined && !!addresses.escrow },
  });
}
