import { useEffect, useState, type FormEvent } from "react";
import { formatUnits, type Address } from "viem";
import { Field } from "../../components/Field";
import { TxStatus } from "../../components/TxStatus";
import { formatAmount, formatDate } from "../../lib/format";
import { useRoute } from "../../lib/router";
import {
  endsWithinMinLock,
  inScoreUnits,
  levelOf,
  MAX_LOCK,
  scoreAt,
  unlockEndFor,
  WEEK,
  type Lock,
} from "../../lib/score";
import { useTx } from "../../lib/useTx";
import { minLockWeeks, parseAmount, validateExtension } from "../../lib/validation";
import { useAllowance } from "./hooks/useAllowance";
import { useStakingActions } from "./hooks/useStakingActions";
import { ScoreChart } from "./ScoreChart";

type Props = {
  account: Address;
  lock: Lock;
  balance: bigint | undefined;
  thresholds: readonly bigint[] | undefined;
  now: bigint;
  /** VotingEscrow.MIN_LOCK in seconds. */
  minLock: bigint;
  /** The governance token's decimals: `lock.amount` is in token units, scores in 18-decimal units. */
  decimals: number;
  symbol: string;
  blocked: string | undefined;
  /** Owned by the page: the withdraw result stays visible after the lock (and this form) is gone. */
  withdrawTx: ReturnType<typeof useTx>;
};

/** Moves the keyboard focus to the Extend form's duration (the "extend first" shortcut, also #/stake/extend). */
function focusExtend() {
  const input = document.querySelector<HTMLInputElement>('input[name="extend"]');
  input?.scrollIntoView({ block: "center" });
  input?.focus();
}

/** An expired lock offers withdraw (not extend); an active one offers increase, extend and auto-max. */
export function ManageLock(props: Props) {
  const expired = !props.lock.autoMax && props.lock.end <= props.now;
  if (expired) return <Withdraw {...props} />;
  return (
    <>
      <IncreaseAmount {...props} />
      {props.lock.autoMax ? null : <Extend {...props} />}
      <AutoMax {...props} />
    </>
  );
}

function Withdraw({ lock, decimals, symbol, blocked, withdrawTx: tx }: Props) {
  const actions = useStakingActions();
  return (
    <section aria-labelledby="withdraw-title" className="card">
      <h2 id="withdraw-title">Withdraw</h2>
      <p>
        Your lock of {formatAmount(lock.amount, decimals)} {symbol} expired on {formatDate(lock.end)}. It no longer
        counts for votes or revenue. Withdraw the tokens, then lock again if you like.
      </p>
      {blocked ? <p className="notice">{blocked}</p> : null}
      <button
        type="button"
        className="primary"
        disabled={tx.busy || !!blocked}
        onClick={() => tx.run(() => actions.withdraw())}
      >
        Withdraw {formatAmount(lock.amount, decimals)} {symbol}
      </button>
    </section>
  );
}

function IncreaseAmount({ account, lock, balance, thresholds, now, minLock, decimals, symbol, blocked }: Props) {
  const [text, setText] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const allowance = useAllowance(account);
  const actions = useStakingActions();
  const approveTx = useTx();
  const tx = useTx();
  const amount = parseAmount(text, decimals, balance, symbol);
  const after = amount.ok ? inScoreUnits({ ...lock, amount: lock.amount + amount.value }, decimals) : undefined;
  const needsApprove = amount.ok && (allowance.data ?? 0n) < amount.value;
  // Tokens added to a lock ending within MIN_LOCK could vote and leave before the proposal runs: the escrow
  // refuses them (VotingEscrowLockTooShort), so the form says so before anything is signed.
  const tooShort = endsWithinMinLock(lock, now, minLock);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (blocked || tooShort || !amount.ok) return;
    if (needsApprove && !(await approveTx.run(() => actions.approve(amount.value)))) return;
    if (await tx.run(() => actions.increaseAmount(amount.value))) {
      setText("");
      setSubmitted(false);
    }
  }

  return (
    <section aria-labelledby="increase-title" className="card">
      <h2 id="increase-title">Add to your lock</h2>
      <form onSubmit={onSubmit} noValidate>
        <Field
          label={`Amount to add (${symbol})`}
          name="increase"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={(submitted || text !== "") && !amount.ok ? amount.error : undefined}
          hint={balance !== undefined ? `Balance: ${formatAmount(balance, decimals)} ${symbol}` : undefined}
          after={
            <button
              type="button"
              disabled={balance === undefined}
              onClick={() => balance !== undefined && setText(formatUnits(balance, decimals))}
            >
              Max
            </button>
          }
        />
        {after ? (
          <p>
            New score: <strong>{formatAmount(scoreAt(after, now))}</strong>, level{" "}
            {thresholds ? levelOf(scoreAt(after, now), thresholds) : "…"}. The unlock date does not change.
          </p>
        ) : null}
        {tooShort ? (
          <div className="notice" id="increase-blocked">
            <p>
              Your lock ends on {formatDate(lock.end)}, less than {minLockWeeks(minLock)} weeks from now. Tokens can
              only be added to a lock that runs at least that long, so that votes stay locked until the proposals they
              passed can run.
            </p>
            <button type="button" onClick={focusExtend}>
              Extend first
            </button>
          </div>
        ) : (
          <p className="hint">{needsApprove ? "Two transactions: approve, then add." : "One transaction."}</p>
        )}
        <button
          type="submit"
          className="primary"
          disabled={tx.busy || approveTx.busy || !!blocked || tooShort}
          aria-describedby={tooShort ? "increase-blocked" : undefined}
        >
          Add to lock
        </button>
        <TxStatus state={approveTx.state} label="Approve" />
        <TxStatus state={tx.state} label="Add to lock" />
      </form>
    </section>
  );
}

function Extend({ lock, thresholds, now, minLock, decimals, blocked }: Props) {
  const remainingWeeks = Number((lock.end - now + WEEK - 1n) / WEEK);
  const maxWeeks = 52;
  const minWeeks = minLockWeeks(minLock);
  const [weeks, setWeeks] = useState(String(Math.min(maxWeeks, Math.max(remainingWeeks + 1, minWeeks))));
  const actions = useStakingActions();
  const tx = useTx();
  const check = validateExtension(Number(weeks), lock.end, now, minLock);
  const route = useRoute();
  const focusRequested = route[1] === "extend";
  useEffect(() => {
    if (!focusRequested) return;
    // After the app has moved focus to <main> for the new page.
    const timer = setTimeout(focusExtend, 0);
    return () => clearTimeout(timer);
  }, [focusRequested]);
  const atMax = unlockEndFor(now, 52) <= lock.end;
  const after = check.ok ? inScoreUnits({ ...lock, end: check.value }, decimals) : undefined;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (blocked || !check.ok) return;
    // The validated end, a week boundary the contract keeps as is.
    await tx.run(() => actions.increaseUnlockTime(check.value));
  }

  return (
    <section aria-labelledby="extend-title" className="card">
      <h2 id="extend-title">Extend your lock</h2>
      {atMax ? (
        <p>
          Your lock already ends as late as possible ({formatDate(lock.end)}). Turn on auto-max to keep the maximum
          score.
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Field
            label={`Weeks from today (${minWeeks}-52)`}
            name="extend"
            type="number"
            min={minWeeks}
            max={52}
            value={weeks}
            onChange={(e) => setWeeks(e.target.value)}
            error={!check.ok ? check.error : undefined}
            hint={
              check.ok
                ? `The lock will end ${weeks} weeks from today, on ${formatDate(check.value)} (rounded down to the week). Current unlock date: ${formatDate(lock.end)}.`
                : `Current unlock date: ${formatDate(lock.end)}. The latest possible is ${formatDate(unlockEndFor(now, 52))}.`
            }
          />
          <button type="button" onClick={() => setWeeks("52")}>
            Maximum (52 weeks)
          </button>
          {after ? (
            <>
              <p>
                Score after extending: <strong>{formatAmount(scoreAt(after, now))}</strong>, level{" "}
                {thresholds ? levelOf(scoreAt(after, now), thresholds) : "…"}.
              </p>
              <ScoreChart lock={after} now={now} />
            </>
          ) : null}
          <button type="submit" className="primary" disabled={tx.busy || !!blocked || !check.ok}>
            Extend
          </button>
        </form>
      )}
      {/* Outside the form: an extension to the latest date replaces the form, not its confirmation. */}
      <TxStatus state={tx.state} label="Extend" />
    </section>
  );
}

function AutoMax({ lock, now, decimals, blocked }: Props) {
  const actions = useStakingActions();
  const tx = useTx();
  const units = inScoreUnits(lock, decimals).amount;
  const maxScore = units + (units / MAX_LOCK) * MAX_LOCK;
  return (
    <section aria-labelledby="automax-title" className="card">
      <h2 id="automax-title">Auto-max</h2>
      <p>
        {lock.autoMax
          ? `Auto-max is on: your score stays at ${formatAmount(maxScore)} and the lock never ends. Turning it off starts a 52-week countdown (unlock on ${formatDate(unlockEndFor(now, 52))}).`
          : `Turn on auto-max to keep the maximum score (${formatAmount(maxScore)}) without extending every week. You can't withdraw while it is on.`}
      </p>
      {blocked ? <p className="notice">{blocked}</p> : null}
      <button
        type="button"
        role="switch"
        aria-checked={lock.autoMax}
        disabled={tx.busy || !!blocked}
        onClick={() => tx.run(() => actions.setAutoMax(!lock.autoMax))}
      >
        {lock.autoMax ? "Turn auto-max off" : "Turn auto-max on"}
      </button>
      <TxStatus state={tx.state} label="Auto-max" />
    </section>
  );
}
