import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { votingEscrowAbi } from "../../../generated/contracts";

/** The account's score and the total score now: its share of next week's revenue. */
export function useScoreShare(account: Address | undefined) {
  return useReadContracts({
    contracts: [
      { address: addresses.escrow, abi: votingEscrowAbi, functionName: "balanceOf", args: [account!] },
      { address: addresses.escrow, abi: votingEscrowAbi, functionName: "totalSupply" },
      { address: addresses.escrow, abi: votingEscrowAbi, functionName: "locked", args: [account!] },
      { address: addresses.escrow, abi: votingEscrowAbi, functionName: "token" },
    ] as const,
    allowFailure: false,
    query: { enabled: !!account && !!addresses.escrow },
  });
}
