import { useEffect, useState, useSyncExternalStore } from "react";

/**
 * The app's one clock: the latest block the heartbeat saw (<ChainHeartbeat> in components). Every rule that
 * depends on time (unlock dates, claimable weeks, proposal deadlines) follows the chain, which may have
 * travelled in time on a local node, never the browser's clock.
 */
export type ChainClockState = {
  blockNumber: bigint | undefined;
  /** The latest block's timestamp (seconds). */
  timestamp: bigint | undefined;
  /** When (ms, browser clock) that block was first seen: lets countdowns tick between blocks. */
  seenAt: number;
};

let state: ChainClockState = { blockNumber: undefined, timestamp: undefined, seenAt: 0 };
const listeners = new Set<() => void>();

export const chainClock = {
  getState: (): ChainClockState => state,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  /** Records the latest block; returns whether it is a new one. */
  update(blockNumber: bigint, timestamp: bigint, seenAt = Date.now()): boolean {
    if (state.blockNumber === blockNumber && state.timestamp === timestamp) return false;
    state = { blockNumber, timestamp, seenAt };
    listeners.forEach((listener) => listener());
    return true;
  },
  reset() {
    state = { blockNumber: undefined, timestamp: undefined, seenAt: 0 };
    listeners.forEach((listener) => listener());
  },
};

export function useChainClock(): ChainClockState {
  return useSyncExternalStore(chainClock.subscribe, chainClock.getState);
}

/** The chain's clock between blocks: the latest block's time plus the seconds since it was seen. */
export function estimateChainTime(clock: ChainClockState, nowMs = Date.now()): bigint | undefined {
  if (clock.timestamp === undefined) return undefined;
  return clock.timestamp + BigInt(Math.max(0, Math.floor((nowMs - clock.seenAt) / 1000)));
}

/**
 * The chain time, re-rendered every `everyMs`, for countdowns ("voting ends in 3 h 12 min"). Decisions (which
 * button to show) use the state the contracts report, refetched on each block; this only drives the text.
 */
export function useTickingChainTime(everyMs = 1000): bigint | undefined {
  const clock = useChainClock();
  const [, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((t) => t + 1), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return estimateChainTime(clock);
}
