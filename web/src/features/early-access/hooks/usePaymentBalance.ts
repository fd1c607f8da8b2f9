import { erc20Abi, type Address } from "viem";
import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";

/** The account's balance of a round's payment token and what EarlyAccess may already pull of it. */
export function usePaymentBalance(token: Address | undefined, account: Address | undefined) {
  return useReadContracts({
    contracts: [
      { address: token!, abi: erc20Abi, functionName: "balanceOf", args: [account!] },
      { address: token!, abi: erc20Abi, functionName: "allowance", args: [account!, addresses.earlyAccess!] },
    ] as const,
    allowFailure: false,
    query: {
      enabled: !!token && !!account && !!addresses.earlyAccess,
      select: ([balance, allowance]) => ({ balance, allowance }),
    },
  });
}
