import { useQuery } from "@tanstack/react-query";
import { dataSource } from "../data";

/** Shows where lists come from and how far the indexer is behind the chain. */
export function IndexerStatus() {
  const status = useQuery({
    queryKey: ["indexer-status"],
    queryFn: () => dataSource.status(),
    refetchInterval: 10_000,
  });
  if (dataSource.kind === "chain") return <span>Lists from chain logs</span>;
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
