import { erc20Abi, type Address } from "viem";
import { useReadContracts } from "wagmi";

export type TokenMeta = { address: Address; symbol: string; decimals: number };

/** Symbol and decimals of the given tokens (they do not change), in the order given. */
export function useTokenMeta(tokens: readonly Address[]) {
  return useReadContracts({
    contracts: tokens.flatMap((address) => [
      { address, abi: erc20Abi, functionName: "symbol" } as const,
      { address, abi: erc20Abi, functionName: "decimals" } as const,
    ]),
    allowFailure: false,
    query: {
      enabled: tokens.length > 0,
      staleTime: Infinity,
      select: (results): TokenMeta[] =>
        tokens.map((address, i) => ({
          address,
          symbol: results[2 * i] as string,
          decimals: Number(results[2 * i + 1]),
        })),
    },
  });
}
