import type { Address } from "viem";
import { addresses } from "../../../config";
import { useReadVotingEscrowLevelOf } from "../../../generated/contracts";

/** The account's level (0-10) now, read from the escrow. */
export function useLevel(account: Address | undefined) {
  return useReadVotingEscrowLevelOf({
    address: addresses.escrow,
    args: account ? [account] : undefined,
    query: { enabled: !!account },
  });
}
