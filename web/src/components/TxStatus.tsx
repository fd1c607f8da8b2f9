import { explorerTxUrl } from "../config";
import type { TxState } from "../lib/useTx";

/** Pending / confirmed (with an explorer link on real networks) / failed with the decoded reason. */
export function TxStatus({ state, label }: { state: TxState; label: string }) {
  if (state.status === "idle") return null;
  const link = "hash" in state && state.hash ? explorerTxUrl(state.hash) : undefined;
  const view = link ? (
    <>
      {" "}
      <a href={link} target="_blank" rel="noreferrer">
        View on explorer
      </a>
    </>
  ) : null;
  const text = {
    signing: `${label}: confirm in your wallet…`,
    pending: `${label}: pending…`,
    confirmed: `${label}: confirmed.`,
    failed: `${label} failed: ${state.status === "failed" ? state.message : ""}`,
  }[state.status];
  return (
    <p
      className={`tx tx-${state.status}`}
      role={state.status === "failed" ? "alert" : "status"}
      data-testid="tx-status"
      data-status={state.status}
    >
      {text}
      {view}
    </p>
  );
}
