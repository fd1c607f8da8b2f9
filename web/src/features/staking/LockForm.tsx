import { useState, type FormEvent } from "react";
import { formatUnits, type Address, type TransactionReceipt } from "viem";
import { Field } from "../../components/Field";
import { TxStatus } from "../../components/TxStatus";
import { formatAmount, formatDate, formatMultiplier } from "../../lib/format";
import { inScoreUnits, levelOf, lockEndFor, scoreAt } from "../../lib/score";
import { useTx } from "../../lib/useTx";
import { minLockWeeks, parseAmount, parseWeeks } from "../../lib/validation";
import { useAllowance } from "./hooks/useAllowance";
import { usePermitDomain } from "./hooks/usePermitDomain";
import { usePermitNonce } from "./hooks/usePermitNonce";
import { useStakingActions } from "./hooks/useStakingActions";
import { ScoreChart } from "./ScoreChart";

const QUICK_PICKS = [
  { weeks: 4, label: "1 month" },
  { weeks: 13, label: "3 months" },
  { weeks: 26, label: "6 months" },
  { weeks: 52, label: "12 months" },
];

type Method = "permit" | "approve";

export function LockForm({
  account,
  balance,
  thresholds,
  now,
  minLock,
  decimals,
  symbol,
  blocked,
  lockTx,
}: {
  /** The governance token's decimals: amounts are typed in token units, scores are in 18-decimal units. */
  decimals: number;
  lockTx: ReturnType<typeof useTx>;
  /** VotingEscrow.MIN_LOCK in seconds. */
  minLock: bigint;
  account: Address;
  balance: bigint | undefined;
  thresholds: readonly bigint[] | undefined;
  now: bigint | undefined;
  symbol: string;
  blocked: string | undefined;
}) {
  const [amountText, setAmountText] = useState("");
  const [weeksText, setWeeksText] = useState("52");
  const [method, setMethod] = useState<Method>("permit");
  const [submitted, setSubmitted] = useState(false);
  const allowance = useAllowance(account);
  const nonce = usePermitNonce(account);
  const domain = usePermitDomain();
  const actions = useStakingActions();
  const approveTx = useTx();

  const amount = parseAmount(amountText, decimals, balance, symbol);
  const minWeeks = minLockWeeks(minLock);
  const weeks = parseWeeks(weeksText, minLock);
  const end = weeks.ok && now !== undefined ? lockEndFor(now, weeks.value, minLock) : undefined;
  const preview =
    amount.ok && end !== undefined && now !== undefined ? { amount: amount.value, end, autoMax: false } : undefined;
  const previewUnits = preview ? inScoreUnits(preview, decimals) : undefined;
  const previewScore = previewUnits && now !== undefined ? scoreAt(previewUnits, now) : undefined;
  const previewLevel = previewScore !== undefined && thresholds ? levelOf(previewScore, thresholds) : undefined;
  const needsAllowance = amount.ok && (allowance.data ?? 0n) < amount.value;
  const busy = approveTx.busy || lockTx.busy;

  const steps = !amount.ok
    ? []
    : !needsAllowance
      ? ["Lock (1 transaction; the allowance is already in place)"]
      : method === "permit"
        ? ["Sign a permit (free, no transaction)", "Lock (1 transaction)"]
        : ["Approve the escrow to take the tokens (transaction 1)", "Lock (transaction 2)"];

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (blocked || !amount.ok || !weeks.ok || now === undefined || end === undefined) return;
    // The end of the preview, a week boundary, which the contract keeps as is.
    const unlockTime = end;
    let locked: TransactionReceipt | undefined;
    if (!needsAllowance) {
      locked = await lockTx.run(() => actions.createLock(amount.value, unlockTime));
    } else if (method === "approve") {
      const approved = await approveTx.run(() => actions.approve(amount.value));
      if (approved) locked = await lockTx.run(() => actions.createLock(amount.value, unlockTime));
    } else {
      if (nonce.data === undefined || !domain.data)
        return lockTx.fail("The token's permit data could not be read. Retry or use approve.");
      const deadline = now + 3600n;
      locked = await lockTx.run(async () => {
        const signature = await actions.signPermit(account, amount.value, nonce.data!, deadline, domain.data!);
        return actions.createLockWithPermit(amount.value, unlockTime, deadline, signature);
      });
    }
    // The outcome is what `run` returned: `lockTx.state` is still this render's value, from before the click.
    if (locked) setSubmitted(false);
  }

  return (
    <section aria-labelledby="lock-title" className="card">
      <h2 id="lock-title">Lock tokens</h2>
      <form onSubmit={onSubmit} noValidate>
        <Field
          label={`Amount (${symbol})`}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          placeholder="0.0"
          value={amountText}
          onChange={(e) => setAmountText(e.target.value)}
          error={(submitted || amountText !== "") && !amount.ok ? amount.error : undefined}
          hint={balance !== undefined ? `Balance: ${formatAmount(balance, decimals)} ${symbol}` : undefined}
          after={
            <button
              type="button"
              onClick={() => balance !== undefined && setAmountText(formatUnits(balance, decimals))}
              disabled={balance === undefined}
            >
              Max
            </button>
          }
        />
        <Field
          label={`Duration (weeks, ${minWeeks}-52)`}
          name="weeks"
          type="number"
          min={minWeeks}
          max={52}
          step={1}
          value={weeksText}
          onChange={(e) => setWeeksText(e.target.value)}
          error={!weeks.ok ? weeks.error : undefined}
          hint={
            end !== undefined
              ? `Unlocks on ${formatDate(end)} (locks end on a week boundary at least ${minWeeks} weeks away)`
              : undefined
          }
        />
        <div className="quick-picks" role="group" aria-label="Quick durations">
          {QUICK_PICKS.filter((pick) => pick.weeks >= minWeeks).map((pick) => (
            <button
              key={pick.weeks}
              type="button"
              aria-pressed={weeksText === String(pick.weeks)}
              onClick={() => setWeeksText(String(pick.weeks))}
            >
              {pick.label}
            </button>
          ))}
        </div>
        {previewUnits && now !== undefined && previewScore !== undefined ? (
          <div className="preview" data-testid="lock-preview">
            <p>
              Score right after locking: <strong>{formatAmount(previewScore)}</strong> (
              {formatMultiplier(previewScore, previewUnits.amount)}), level <strong>{previewLevel}</strong>. It decays
              to {formatAmount(previewUnits.amount)} just before {formatDate(previewUnits.end)}, then to 0 until you
              extend.
            </p>
            <ScoreChart lock={previewUnits} now={now} nextThreshold={thresholds?.[previewLevel ?? 0]} />
          </div>
        ) : null}
        {needsAllowance ? (
          <fieldset className="method">
            <legend>How to authorise the tokens</legend>
            <label className="inline">
              <input type="radio" name="method" checked={method === "permit"} onChange={() => setMethod("permit")} />
              Permit signature, then lock (1 transaction)
            </label>
            <label className="inline">
              <input type="radio" name="method" checked={method === "approve"} onChange={() => setMethod("approve")} />
              Approve, then lock (2 transactions)
            </label>
          </fieldset>
        ) : null}
        <ol className="steps" aria-label="Steps">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        {blocked ? <p className="notice">{blocked}</p> : null}
        <button type="submit" className="primary" disabled={busy || !!blocked}>
          Lock
        </button>
        <TxStatus state={approveTx.state} label="Approve" />
      </form>
    </section>
  );
}
