import { erc20Abi, type Address } from "viem";
import { useReadContracts } from "wagmi";

/** Symbols of the given tokens, for chart labels. */
export function useTokenSymbols(tokens: readonly Address[]) {
  return useReadContracts({
    contracts: tokens.map((address) => ({ address, abi: erc20Abi, functionName: "symbol" }) as const),
    allowFailure: false,
    query: { enabled: tokens.length > 0, staleTime: Infinity },
  });
}
