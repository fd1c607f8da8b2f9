import { erc20Abi } from "viem";
import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { votingEscrowAbi } from "../../../generated/contracts";

/** Total score, level thresholds and the token symbol, from the chain (three calls at any scale). */
export function useTotals() {
  return useReadContracts({
    contracts: [
      { address: addresses.escrow, abi: votingEscrowAbi, functionName: "totalSupply" },
      { address: addresses.escrow, abi: votingEscrowAbi, functionName: "levelThresholds" },
      { address: addresses.token, abi: erc20Abi, functionName: "symbol" },
    ] as const,
    allowFailure: false,
    query: {
      enabled: !!addresses.escrow && !!addresses.token,
      select: ([score, thresholds, symbol]) => ({ score, thresholds, symbol }),
    },
  });
}
