import { addresses } from "../../../config";
import { useReadGovernanceTokenDecimals } from "../../../generated/contracts";

/** The governance token's decimals (at most 18): amounts are typed and shown in them, scores in 18 decimals. */
export function useTokenDecimals() {
  return useReadGovernanceTokenDecimals({ address: addresses.token, query: { staleTime: Infinity } });
}
