import type { Address } from "viem";
import { addresses } from "../../../config";
import { useReadGovernanceTokenAllowance } from "../../../generated/contracts";

/** How much of the account's tokens the escrow may already pull. */
export function useAllowance(account: Address | undefined) {
  return useReadGovernanceTokenAllowance({
    address: addresses.token,
    args: account && addresses.escrow ? [account, addresses.escrow] : undefined,
    query: { enabled: !!account && !!addresses.escrow },
  });
}
