import { addresses } from "../../../config";
import { useReadGovernanceTokenEip712Domain } from "../../../generated/contracts";

/** The token's EIP-712 domain (ERC-5267), so a permit is signed for exactly this token and chain. */
export function usePermitDomain() {
  return useReadGovernanceTokenEip712Domain({
    address: addresses.token,
    query: {
      staleTime: Infinity,
      select: ([, name, version, chainId, verifyingContract]) => ({ name, version, chainId, verifyingContract }),
    },
  });
}
