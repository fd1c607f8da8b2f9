import { useSyncExternalStore } from "react";
import type { LogReaderStatus } from "./logReader";

/** The log reader's latest status, shared with whatever banner shows network health. */
export function createStatusStore(initial: LogReaderStatus) {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(next: LogReaderStatus) {
      if (next.state === current.state && next.blockRange === current.blockRange) {
        if (next.state !== "failed" || current.state !== "failed" || next.message === current.message) return;
      }
      current = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type StatusStore = ReturnType<typeof createStatusStore>;

export function useStatus(store: StatusStore): LogReaderStatus {
  return useSyncExternalStore(store.subscribe, store.get);
}
