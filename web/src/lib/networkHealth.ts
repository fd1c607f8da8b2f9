import { useSyncExternalStore } from "react";

/**
 * Whether the services the app reads from are answering. Anything that talks to the network reports here:
 * the block heartbeat (RPC), the indexer status poll (subgraph), the chain-log reader (`logs`: a narrowed
 * block range, or why lists cannot be read), failed queries. The banner reads it and the page marks its values
 * stale while a source is down, so nothing outdated is shown as current.
 *
 *   networkHealth.report("rpc", error)   // a request failed because the service did not answer
 *   networkHealth.ok("rpc")              // a request to it succeeded
 */
export type HealthSource = "rpc" | "subgraph";
export type SourceHealth = {
  /** Since when (ms, browser clock) the source has been failing; undefined while it answers. */
  downSince: number | undefined;
  /** The last failure, as a short sentence. */
  error: string | undefined;
  /** When (ms) the source last answered. */
  lastOk: number | undefined;
};
/**
 * The chain-log reader (lists without a subgraph): `narrowed` while the RPC provider takes only `blockRange`
 * blocks per eth_getLogs request (the reader halved its range after refusals), `failed` with the sentence
 * to show when it cannot go on.
 */
export type LogReaderHealth =
  | { state: "ok"; blockRange: number }
  | { state: "narrowed"; blockRange: number }
  | { state: "failed"; blockRange: number; message: string };
export type NetworkHealth = Record<HealthSource, SourceHealth> & { logs: LogReaderHealth | undefined };

const initial: SourceHealth = { downSince: undefined, error: undefined, lastOk: undefined };
let state: NetworkHealth = { rpc: initial, subgraph: initial, logs: undefined };
const listeners = new Set<() => void>();
const recoveryListeners = new Set<(source: HealthSource) => void>();

function set(source: HealthSource, next: SourceHealth) {
  const current = state[source];
  if (current.downSince === next.downSince && current.error === next.error && current.lastOk === next.lastOk) return;
  state = { ...state, [source]: next };
  listeners.forEach((listener) => listener());
}

function message(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0];
  return typeof error === "string" ? error : "no answer";
}

export const networkHealth = {
  getState: (): NetworkHealth => state,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  /** A request to `source` failed because the service did not answer (not a revert or a bad argument). */
  report(source: HealthSource, error: unknown) {
    const current = state[source];
    set(source, { ...current, downSince: current.downSince ?? Date.now(), error: message(error) });
  },
  /** A request to `source` succeeded. Coarse to the second so a steady stream of successes does not re-render. */
  ok(source: HealthSource) {
    const wasDown = state[source].downSince !== undefined;
    const now = Date.now();
    const lastOk = state[source].lastOk;
    set(source, {
      downSince: undefined,
      error: undefined,
      lastOk: lastOk !== undefined && now - lastOk < 1000 && !wasDown ? lastOk : now,
    });
    if (wasDown) recoveryListeners.forEach((listener) => listener(source));
  },
  /** Called when a source answers again after failing (e.g. to refetch everything that failed meanwhile). */
  onRecovery(listener: (source: HealthSource) => void) {
    recoveryListeners.add(listener);
    return () => void recoveryListeners.delete(listener);
  },
  /** The log reader's latest status (it reports after every page it fetches and on every refusal). */
  logs(next: LogReaderHealth) {
    const current = state.logs;
    if (
      current?.state === next.state &&
      current.blockRange === next.blockRange &&
      (current.state !== "failed" || current.message === (next as { message?: string }).message)
    )
      return;
    state = { ...state, logs: next };
    listeners.forEach((listener) => listener());
  },
  /** Back to "nothing known" (tests). */
  reset() {
    state = { rpc: initial, subgraph: initial, logs: undefined };
    listeners.forEach((listener) => listener());
  },
};

export function useNetworkHealth(): NetworkHealth {
  return useSyncExternalStore(networkHealth.subscribe, networkHealth.getState);
}

/** Whether a failed viem request means the node did not answer (network, HTTP status, timeout), not a revert. */
export function isUnreachable(error: unknown): boolean {
  for (let e = error as { name?: string; cause?: unknown } | undefined, depth = 0; e && depth < 8; depth++) {
    if (["HttpRequestError", "TimeoutError", "WebSocketRequestError", "SocketClosedError"].includes(e.name ?? ""))
      return true;
    e = e.cause as typeof e;
  }
  return false;
}
