import { erc20Abi, type Address } from "viem";
import { useBalance, useReadContracts } from "wagmi";
import { addresses } from "../../../config";

export type TreasuryAsset = { asset: Address | "ETH"; symbol: string; decimals: number; balance: bigint };

/**
 * What the timelock (the DAO's treasury) holds: ETH and each given ERC-20, with symbol and decimals. A token
 * whose reads fail (not an ERC-20) is left out.
 */
export function useTreasury(tokens: readonly Address[]) {
  const eth = useBalance({ address: addresses.timelock, query: { enabled: !!addresses.timelock } });
  const reads = useReadContracts({
    contracts: tokens.flatMap((address) => [
      { address, abi: erc20Abi, functionName: "symbol" } as const,
      { address, abi: erc20Abi, functionName: "decimals" } as const,
      { address, abi: erc20Abi, functionName: "balanceOf", args: [addresses.timelock!] } as const,
    ]),
    allowFailure: true,
    query: { enabled: !!addresses.timelock && tokens.length > 0 },
  });
  const assets: TreasuryAsset[] = [];
  if (eth.data) assets.push({ asset: "ETH", symbol: "ETH", decimals: 18, balance: eth.data.value });
  tokens.forEach((address, i) => {
    const [symbol, decimals, balance] = [0, 1, 2].map((k) => reads.data?.[3 * i + k]?.result);
    if (typeof symbol === "string" && typeof decimals === "number" && typeof balance === "bigint")
      assets.push({ asset: address, symbol, decimals, balance });
  });
  return {
    data: eth.data && (tokens.length === 0 || reads.data) ? assets : undefined,
    isError: eth.isError || reads.isError,
    isPending: eth.isPending || (tokens.length > 0 && reads.isPending),
    refetch: () => Promise.all([eth.refetch(), reads.refetch()]),
  };
}
