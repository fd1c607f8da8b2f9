import type { Address } from "viem";
import { addresses } from "../../../config";
import { useReadGovernanceTokenNonces } from "../../../generated/contracts";

/** The account's ERC-2612 nonce, part of a permit signature. */
export function usePermitNonce(account: Address | undefined) {
  return useReadGovernanceTokenNonces({
    address: addresses.token,
    args: account ? [account] : undefined,
    query: { enabled: !!account },
  });
}
