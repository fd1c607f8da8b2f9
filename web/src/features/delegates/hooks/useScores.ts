import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { votingEscrowAbi } from "../../../generated/contracts";

/** The own score of each account now (`balanceOf`), in the order given. */
export function useScores(accounts: readonly Address[] | undefined) {
  return useReadContracts({
    contracts: (accounts ?? []).map((account) => ({
      address: addresses.escrow,
      abi: votingEscrowAbi,
      functionName: "balanceOf" as const,
      args: [account] as const,
    })),
    allowFailure: false,
    query: { enabled: accounts !== undefined && !!addresses.escrow },
  });
}
