import { addresses } from "../../../config";
import { useReadGovernanceTokenSymbol } from "../../../generated/contracts";

export function useTokenSymbol() {
  return useReadGovernanceTokenSymbol({ address: addresses.token, query: { staleTime: Infinity } });
}
