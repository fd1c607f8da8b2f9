import type { Address } from "viem";
import { addresses } from "../../../config";
import { useWriteRevenueDistributorClaim } from "../../../generated/contracts";

/** claim(tokens, relock): pays every finished week; with relock the governance-token share goes into the lock. */
export function useRewardsActions() {
  const claim = useWriteRevenueDistributorClaim();
  return {
    claim: (tokens: Address[], relock: boolean) =>
      claim.mutateAsync({ address: addresses.distributor!, args: [tokens, relock] }),
  };
}
