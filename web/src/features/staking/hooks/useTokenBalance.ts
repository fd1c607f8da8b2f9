import type { Address } from "viem";
import { useReadGovernanceTokenBalanceOf } from "../../../generated/contracts";

/** The connected account's balance of the governance token. */
export function useTokenBalance(account: Address | undefined) {
  return useReadGovernanceTokenBalanceOf({ args: account ? [account] : undefined, query: { enabled: !!account } });
}
