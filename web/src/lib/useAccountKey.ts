import { useConnection } from "wagmi";

/**
 * A key that changes with the connected account and its chain. Pages are mounted under it, so every form,
 * choice, typed text and transaction status belongs to one account: switching drops them all, and one
 * account's vote reason can never be sent by the next.
 */
export function useAccountKey(): string {
  const { address, chainId } = useConnection();
  return `${address?.toLowerCase() ?? "none"}:${chainId ?? "none"}`;
}
