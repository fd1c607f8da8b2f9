import { useReadGovernanceTokenSymbol } from "../../../generated/contracts";

export function useTokenSymbol() {
  return useReadGovernanceTokenSymbol({ query: { staleTime: Infinity } });
}
