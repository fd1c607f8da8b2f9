import type { Address } from "viem";
import { useReadGovernanceTokenNonces } from "../../../generated/contracts";

/** The account's ERC-2612 nonce, part of a permit signature. */
export function usePermitNonce(account: Address | undefined) {
  return useReadGovernanceTokenNonces({ args: account ? [account] : undefined, query: { enabled: !!account } });
}
