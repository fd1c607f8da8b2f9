import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import { env } from "../config";
import { chainClock, useChainClock } from "../lib/chainClock";
import { formatDateTime } from "../lib/format";
import { networkHealth, useNetworkHealth } from "../lib/networkHealth";

/**
 * Which queries a new block refreshes: not the indexer's own poll, and not reads marked `meta: { immutable: true }`
 * (a past block, a finished proposal's transactions).
 */
const refreshOnBlock = (q: { queryKey: readonly unknown[]; meta?: Record<string, unknown> }) =>
  q.queryKey[0] !== "indexer-status" && q.meta?.immutable !== true;

/**
 * The app's heartbeat: one request for the latest block per polling interval. A new block moves the app's
 * clock and invalidates every query (react-query refetches only those on screen), so states, countdowns and
 * scores follow the chain without per-hook polling. A failed request reports the RPC as down; the next
 * success clears it and refetches everything that failed meanwhile.
 *
 * A node that takes the connection but never answers (frozen, overloaded) fails no request for a long time:
 * viem waits 10 s per attempt and retries three times. A request still unanswered after `stallMs` reports the
 * RPC as down right away, so the page says its values are stale instead of showing them as current.
 */
export function useChainHeartbeat(intervalMs = env.isLocal ? 1_000 : 4_000, stallMs = env.isLocal ? 4_000 : 10_000) {
  const client = usePublicClient();
  const queryClient = useQueryClient();

  useEffect(
    () =>
      networkHealth.onRecovery(() => {
        void queryClient.invalidateQueries();
      }),
    [queryClient],
  );

  useEffect(() => {
    if (!client) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const beat = async () => {
      const stalled = setTimeout(() => {
        if (!stopped) networkHealth.report("rpc", new Error(`no answer in ${stallMs / 1000} s`));
      }, stallMs);
      try {
        const block = await client.getBlock({ blockTag: "latest" });
        if (stopped) return;
        networkHealth.ok("rpc");
        const known = chainClock.getState().blockNumber !== undefined;
        if (chainClock.update(block.number, block.timestamp) && known) {
          void queryClient.invalidateQueries({ predicate: refreshOnBlock });
        }
      } catch (error) {
        if (!stopped) networkHealth.report("rpc", error);
      } finally {
        clearTimeout(stalled);
      }
      if (!stopped) timer = setTimeout(beat, intervalMs);
    };
    void beat();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client, queryClient, intervalMs, stallMs]);
}

/**
 * "The network is not answering" while the RPC or the subgraph fails, and why lists cannot be read when the
 * chain-log reader gives up (the RPC provider refuses event logs even for one block); gone by itself once
 * they answer. A narrowed log range still works: the footer says it (IndexerStatus).
 */
export function HealthBanner() {
  const health = useNetworkHealth();
  const clock = useChainClock();
  const down = (["rpc", "subgraph"] as const).filter((s) => health[s].downSince !== undefined);
  // A node that does not answer at all is said once, above; the log reader's own sentence only while it answers.
  const logFailure =
    health.logs?.state === "failed" && health.rpc.downSince === undefined ? health.logs.message : undefined;
  if (down.length === 0 && logFailure === undefined) return null;
  const names = { rpc: "The blockchain node (RPC)", subgraph: "The indexer (subgraph)" };
  return (
    <div className="banner banner-health" role="alert" id="health-banner" data-testid="health-banner">
      {down.map((source) => (
        <p key={source}>
          <strong>{names[source]} is not answering.</strong> Retrying automatically.
        </p>
      ))}
      {logFailure !== undefined ? <p data-testid="log-status">{logFailure}</p> : null}
      {down.length > 0 ? (
        <p>
          Values on this page are stale
          {clock.blockNumber !== undefined && clock.timestamp !== undefined
            ? ` (last known block ${clock.blockNumber}, ${formatDateTime(clock.timestamp)})`
            : ""}
          : do not rely on them, and wait before sending a transaction.
        </p>
      ) : null}
    </div>
  );
}

/** Whether values on screen may be out of date. */
export function useStale(): boolean {
  const health = useNetworkHealth();
  return health.rpc.downSince !== undefined || health.subgraph.downSince !== undefined;
}
