import type { Address } from "viem";
import { addresses } from "../../../config";
import { useReadGovernanceTokenBalanceOf } from "../../../generated/contracts";

/** The connected account's balance of the governance token. */
export function useTokenBalance(account: Address | undefined) {
  return useReadGovernanceTokenBalanceOf({
    address: addresses.token,
    args: account ? [account] : undefined,
    query: { enabled: !!account },
  });
}
