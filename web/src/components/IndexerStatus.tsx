import { useQuery } from "@tanstack/react-query";
import { dataSource } from "../data";
import { networkHealth, useNetworkHealth } from "../lib/networkHealth";

/**
 * Shows where lists come from: how far the indexer is behind the chain, or for chain logs how many blocks the
 * RPC provider takes per request once the log reader had to narrow its range.
 */
export function IndexerStatus() {
  const logs = useNetworkHealth().logs;
  const status = useQuery({
    queryKey: ["indexer-status"],
    // The indexer's own heartbeat: reports the subgraph as down or back for the banner.
    queryFn: async () => {
      if (dataSource.kind !== "subgraph") return dataSource.status();
      try {
        const status = await dataSource.status();
        networkHealth.ok("subgraph");
        return status;
      } catch (error) {
        networkHealth.report("subgraph", error);
        throw error;
      }
    },
    refetchInterval: 10_000,
  });
  if (dataSource.kind === "chain")
    return logs?.state === "narrowed" ? (
      <span role="status" className="warning" data-testid="log-range">
        Lists from chain logs, {logs.blockRange.toLocaleString("en-US")} block{logs.blockRange === 1 ? "" : "s"} per
        request (the RPC provider refused longer ranges)
      </span>
    ) : (
      <span>Lists from chain logs</span>
    );
  if (status.isError) return <span role="status">Indexer status unknown</span>;
  if (!status.data) return <span aria-busy="true">Checking the indexer…</span>;
  const behind = status.data.headBlock - status.data.indexedBlock;
  return (
    <span role="status" className={behind > 10n || status.data.hasErrors ? "warning" : undefined}>
      Indexer {behind <= 0n ? "up to date" : `${behind} block${behind === 1n ? "" : "s"} behind`}
      {status.data.hasErrors ? " (indexing errors)" : ""}
    </span>
  );
}
