import { dataSource, useLogStatus } from "../data";

/** Says when lists cannot be read from the RPC provider's event logs (shown only for the chain-log source). */
export function LogStatusBanner() {
  const status = useLogStatus();
  if (dataSource.kind !== "chain" || status.state !== "failed") return null;
  return (
    <div className="banner" role="alert" data-testid="log-status">
      <p>{status.message}</p>
    </div>
  );
}
