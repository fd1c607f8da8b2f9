import type { Address } from "viem";
import { useWriteRevenueDistributorClaim } from "../../../generated/contracts";

/** claim(tokens, relock): pays every finished week; with relock the governance-token share goes into the lock. */
export function useRewardsActions() {
  const claim = useWriteRevenueDistributorClaim();
  return { claim: (tokens: Address[], relock: boolean) => claim.mutateAsync({ args: [tokens, relock] }) };
}
