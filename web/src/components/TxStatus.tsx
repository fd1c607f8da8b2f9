import { useEffect, useRef } from "react";
import { explorerTxUrl } from "../config";
import type { TxState } from "../lib/useTx";

/** Pending / confirmed (with an explorer link on real networks) / failed with the decoded reason. */
export function TxStatus({ state, label }: { state: TxState; label: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  // The outcome takes the focus, so keyboard and screen-reader users land on the result, not on <body>
  // (the button they pressed may have disappeared with the form).
  const settled = state.status === "confirmed" || state.status === "failed";
  useEffect(() => {
    if (settled) ref.current?.focus();
  }, [settled, state]);
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
      ref={ref}
      tabIndex={-1}
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
