import { erc20Abi } from "viem";
import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { votingEscrowAbi } from "../../../generated/contracts";

/** Total locked (tokens held by the escrow), total score and the level thresholds, from the chain. */
export function useTotals() {
  return useReadContracts({
    contracts: [
      { address: addresses.token, abi: erc20Abi, functionName: "balanceOf", args: [addresses.escrow!] },
      { address: addresses.escrow, abi: votingEscrowAbi, functionName: "totalSupply" },
      { address: addresses.escrow, abi: votingEscrowAbi, functionName: "levelThresholds" },
      { address: addresses.token, abi: erc20Abi, functionName: "symbol" },
    ] as const,
    allowFailure: false,
    query: {
      enabled: !!addresses.escrow && !!addresses.token,
      select: ([locked, score, thresholds, symbol]) => ({ locked, score, thresholds, symbol }),
    },
  });
}
