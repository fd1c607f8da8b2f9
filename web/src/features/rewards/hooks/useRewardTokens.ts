import { addresses } from "../../../config";
import { useReadRevenueDistributorRewardTokens } from "../../../generated/contracts";
import { useTokenMeta, type TokenMeta } from "../../../lib/useTokenMeta";

export type RewardToken = TokenMeta;

/** The distributor's reward tokens with their symbols and decimals. */
export function useRewardTokens() {
  const list = useReadRevenueDistributorRewardTokens({ address: addresses.distributor, query: { staleTime: 30_000 } });
  const tokens = list.data ?? [];
  const meta = useTokenMeta(tokens);
  return {
    data: list.data && (tokens.length === 0 ? [] : meta.data),
    isError: list.isError || meta.isError,
    isPending: list.isPending || (tokens.length > 0 && meta.isPending),
    refetch: () => (list.isError ? list.refetch() : meta.refetch()),
  };
}
