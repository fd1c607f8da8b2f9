import { useChainClock } from "./chainClock";

/**
 * "Now" as the chain sees it: the latest block's timestamp, from the app's one clock (lib/chainClock). A local
 * chain may have travelled in time, and every rule (unlock dates, claimable weeks, proposal deadlines) follows
 * the chain's clock, not the browser's.
 */
export function useChainNow(): bigint | undefined {
  return useChainClock().timestamp;
}
