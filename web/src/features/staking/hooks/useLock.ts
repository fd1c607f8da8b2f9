import type { Address } from "viem";
import { useReadVotingEscrowLocked } from "../../../generated/contracts";
import { addresses } from "../../../config";
import type { Lock } from "../../../lib/score";

/** The account's lock as the escrow reports it (end = 0 while auto-max is on). */
export function useLock(account: Address | undefined) {
  return useReadVotingEscrowLocked({
    address: addresses.escrow,
    args: account ? [account] : undefined,
    query: {
      enabled: !!account,
      select: ([amount, end, autoMax]): Lock => ({ amount, end, autoMax }),
    },
  });
}
