import type { Address } from "viem";
import { useReadVotingEscrowBalanceOf } from "../../../generated/contracts";

/** The account's Staking Score now, read from the escrow. */
export function useScore(account: Address | undefined) {
  return useReadVotingEscrowBalanceOf({ args: account ? [account] : undefined, query: { enabled: !!account } });
}
