import { erc20Abi, type Address } from "viem";
import { useReadContracts } from "wagmi";
import type { Token } from "../rounds";

/** Symbol and decimals of each token (they do not change), by lower-case address. */
export function useTokens(tokens: readonly Address[]) {
  const unique = [...new Set(tokens.map((t) => t.toLowerCase() as Address))];
  return useReadContracts({
    contracts: unique.flatMap((address) => [
      { address, abi: erc20Abi, functionName: "symbol" } as const,
      { address, abi: erc20Abi, functionName: "decimals" } as const,
    ]),
    allowFailure: false,
    query: {
      enabled: unique.length > 0,
      staleTime: Infinity,
      select: (results): Record<string, Token> =>
        Object.fromEntries(
          unique.map((address, i) => [
            address,
            { address, symbol: results[2 * i] as string, decimals: Number(results[2 * i + 1]) },
          ]),
        ),
    },
  });
}
