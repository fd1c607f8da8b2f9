import { erc20Abi, type Address } from "viem";
import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { useReadRevenueDistributorRewardTokens } from "../../../generated/contracts";

export type RewardToken = { address: Address; symbol: string; decimals: number };

/** The distributor's reward tokens with their symbols and decimals. */
export function useRewardTokens() {
  const list = useReadRevenueDistributorRewardTokens({ address: addresses.distributor, query: { staleTime: 30_000 } });
  const tokens = list.data ?? [];
  const meta = useReadContracts({
    contracts: tokens.flatMap((address) => [
      { address, abi: erc20Abi, functionName: "symbol" } as const,
      { address, abi: erc20Abi, functionName: "decimals" } as const,
    ]),
    allowFailure: false,
    query: {
      enabled: tokens.length > 0,
      staleTime: Infinity,
      select: (results): RewardToken[] =>
        tokens.map((address, i) => ({
          address,
          symbol: results[2 * i] as string,
          decimals: Number(results[2 * i + 1]),
        })),
    },
  });
  return {
    data: list.data && (tokens.length === 0 ? [] : meta.data),
    isError: list.isError || meta.isError,
    isPending: list.isPending || (tokens.length > 0 && meta.isPending),
    refetch: () => (list.isError ? list.refetch() : meta.refetch()),
  };
}
