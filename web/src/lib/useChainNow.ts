import { useBlock } from "wagmi";

/**
 * "Now" as the chain sees it: the latest block's timestamp. A local chain may have travelled in time, and
 * every rule (unlock dates, claimable weeks, proposal deadlines) follows the chain's clock, not the browser's.
 */
export function useChainNow(): bigint | undefined {
  const { data } = useBlock({ watch: true, query: { refetchInterval: 4_000 } });
  return data?.timestamp;
}
