import type { Address } from "viem";
import { addresses } from "../../../config";
import { revenueDistributorAbi } from "../../../generated/contracts";
import { useReadContracts } from "wagmi";

/** What `account` can claim now, per token (all finished weeks), straight from the distributor. */
export function useClaimable(account: Address | undefined, tokens: readonly Address[] | undefined) {
  return useReadContracts({
    contracts: (tokens ?? []).map(
      (token) =>
        ({
          address: addresses.distributor,
          abi: revenueDistributorAbi,
          functionName: "claimable",
          args: [account!, token],
        }) as const,
    ),
    allowFailure: false,
    query: { enabled: !!account && !!tokens && tokens.length > 0 && !!addresses.distributor },
  });
}
