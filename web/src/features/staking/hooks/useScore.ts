import type { Address } from "viem";
import { addresses } from "../../../config";
import { useReadVotingEscrowBalanceOf } from "../../../generated/contracts";

/** The account's Staking Score now, read from the escrow. */
export function useScore(account: Address | undefined) {
  return useReadVotingEscrowBalanceOf({
    address: addresses.escrow,
    args: account ? [account] : undefined,
    query: { enabled: !!account },
  });
}
