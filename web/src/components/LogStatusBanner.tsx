import { dataSource, logStatus, type LogReaderStatus } from "../data";
import { useStatus, type StatusStore } from "../data/logs/status";

/** The sentence for a log reader that cannot go on; nothing while it works (a narrowed range still works). */
export function LogStatusMessage({ status }: { status: LogReaderStatus }) {
  if (status.state !== "failed") return null;
  return (
    <div className="banner" role="alert" data-testid="log-status">
      <p>{status.message}</p>
    </div>
  );
}

/** Says when lists cannot be read from the RPC provider's event logs (only the chain-log source reads them). */
export function LogStatusBanner({ store = logStatus }: { store?: StatusStore }) {
  const status = useStatus(store);
  return dataSource.kind === "chain" ? <LogStatusMessage status={status} /> : null;
}
