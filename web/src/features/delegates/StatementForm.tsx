import { useId, useState, type FormEvent } from "react";
import { chain } from "../../config";
import { Field } from "../../components/Field";
import { TxStatus } from "../../components/TxStatus";
import type { StatementRecord } from "../../data";
import { useNetworkGuard } from "../../lib/useNetworkGuard";
import { useTx } from "../../lib/useTx";
import { useDelegateActions } from "./hooks/useDelegateActions";
import { byteLength, MAX_STATEMENT_BYTES, validateStatement } from "./statement";

/** Publish or edit the connected account's delegate statement, or withdraw it. */
export function StatementForm({ current }: { current: StatementRecord | undefined }) {
  const { wrongChain } = useNetworkGuard();
  const actions = useDelegateActions();
  const tx = useTx();
  const [name, setName] = useState(current?.name ?? "");
  const [statement, setStatement] = useState(current?.statement ?? "");
  const [link, setLink] = useState(current?.link ?? "");
  const [submitted, setSubmitted] = useState(false);
  const id = useId();
  const errors = validateStatement({ name, statement, link });
  const show = (field: keyof typeof errors) => (submitted ? errors[field] : undefined);
  const blocked = wrongChain ? `Switch your wallet to ${chain.name} first.` : undefined;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (blocked || Object.keys(errors).length > 0) return;
    if (await tx.run(() => actions.publish(name.trim(), statement.trim(), link.trim()))) setSubmitted(false);
  }

  const statementError = show("statement");
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{current ? "Your delegate statement" : "Publish a delegate statement"}</h2>
      <p className="hint">
        Tell people who you are and how you will vote, so they can choose to delegate to you. It is stored on chain and
        anyone can read it; publishing again replaces it.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <Field
          label="Name"
          name="statement-name"
          autoComplete="nickname"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={show("name")}
        />
        <div className="field">
          <label htmlFor={`${id}-text`}>Statement</label>
          <textarea
            id={`${id}-text`}
            name="statement-text"
            rows={5}
            value={statement}
            onChange={(e) => setStatement(e.target.value)}
            aria-invalid={statementError ? true : undefined}
            aria-describedby={`${id}-count${statementError ? ` ${id}-error` : ""}`}
          />
          <p id={`${id}-count`} className="hint">
            {byteLength(statement)} of {MAX_STATEMENT_BYTES} bytes
          </p>
          {statementError ? (
            <p id={`${id}-error`} className="error" role="alert">
              {statementError}
            </p>
          ) : null}
        </div>
        <Field
          label="Link (optional)"
          name="statement-link"
          type="url"
          placeholder="https://"
          value={link}
          onChange={(e) => setLink(e.target.value)}
          error={show("link")}
          hint="A forum post or page with more detail."
        />
        {blocked ? <p className="notice">{blocked}</p> : null}
        <div className="actions">
          {current ? (
            <button type="button" disabled={tx.busy || !!blocked} onClick={() => void tx.run(() => actions.clear())}>
              Withdraw statement
            </button>
          ) : null}
          <button type="submit" className="primary" disabled={tx.busy || !!blocked}>
            {current ? "Update statement" : "Publish statement"}
          </button>
        </div>
        <TxStatus state={tx.state} label="Statement" />
      </form>
    </section>
  );
}
