import type { Address } from "viem";
import { useReadContract } from "wagmi";
import { addresses } from "../../../config";
import { votingEscrowAbi } from "../../../generated/contracts";

/** The connected account's current delegate (itself by default). */
export function useMyDelegate(account: Address | undefined) {
  return useReadContract({
    address: addresses.escrow,
    abi: votingEscrowAbi,
    functionName: "delegates",
    args: [account!],
    query: { enabled: !!account && !!addresses.escrow },
  });
}
