import { useState } from "react";
import type { Address } from "viem";
import { chain } from "../../config";
import { Field } from "../../components/Field";
import { QueryValue } from "../../components/QueryValue";
import { TxStatus } from "../../components/TxStatus";
import { formatAmount, formatDate, formatDateTime, shortAddress } from "../../lib/format";
import { href } from "../../lib/router";
import { useChainNow } from "../../lib/useChainNow";
import { useNetworkGuard } from "../../lib/useNetworkGuard";
import { useTx } from "../../lib/useTx";
import { parseAmount } from "../../lib/validation";
import { Countdown, StateBadge } from "./RoundBits";
import { useEarlyAccessActions } from "./hooks/useEarlyAccessActions";
import { usePaymentBalance } from "./hooks/usePaymentBalance";
import { usePosition, type Position } from "./hooks/usePosition";
import { useRound } from "./hooks/useRound";
import { useTokens } from "./hooks/useTokens";
import { allocationOf, commitProblem, levelReason, roundState, type Round, type Token } from "./rounds";

export function RoundPage({ id }: { id: bigint }) {
  const round = useRound(id);
  const tokens = useTokens(round.data ? [round.data.saleToken, round.data.paymentToken] : []);
  const now = useChainNow();
  return (
    <>
      <p>
        <a href={href("early")}>← Every round</a>
      </p>
      <QueryValue query={round} label={`round ${id}`}>
        {(r) => (
          <QueryValue query={tokens} label="token symbols and decimals">
            {(byAddress) => (
              <RoundView
                round={r}
                now={now}
                sale={byAddress[r.saleToken.toLowerCase()]}
                payment={byAddress[r.paymentToken.toLowerCase()]}
              />
            )}
          </QueryValue>
        )}
      </QueryValue>
    </>
  );
}

function RoundView({
  round,
  now,
  sale,
  payment,
}: {
  round: Round;
  now: bigint | undefined;
  sale: Token;
  payment: Token;
}) {
  const state = now === undefined ? undefined : roundState(round, now);
  const { address } = useNetworkGuard();
  const pay = (value: bigint) => `${formatAmount(value, payment.decimals, 6)} ${payment.symbol}`;
  return (
    <>
      <h1>
        Round #{round.id.toString()}: {sale.symbol} for {payment.symbol} <StateBadge state={state} />
      </h1>
      <section className="card" aria-labelledby="round-facts">
        <h2 id="round-facts">The round</h2>
        <dl className="stats">
          <div>
            <dt>Price</dt>
            <dd data-testid="round-price">
              {pay(round.price)} per {sale.symbol}
            </dd>
          </div>
          <div>
            <dt>Offered</dt>
            <dd>
              {formatAmount(round.saleAmount, sale.decimals)} {sale.symbol}
            </dd>
          </div>
          <div>
            <dt>{state === "open" || state === "upcoming" ? "Committed so far" : "Committed in total"}</dt>
            <dd data-testid="round-total">{pay(round.totalCommitted)}</dd>
          </div>
          <div>
            <dt>Levels read on</dt>
            <dd>{formatDateTime(round.snapshot)}</dd>
          </div>
          <div>
            <dt>Commit window</dt>
            <dd>
              {formatDateTime(round.start)} to {formatDateTime(round.end)}
            </dd>
          </div>
          <div>
            <dt>Time</dt>
            <dd>
              <Countdown round={round} />
            </dd>
          </div>
          <div>
            <dt>Proceeds and unsold tokens go to</dt>
            <dd>{shortAddress(round.recipient)}</dd>
          </div>
        </dl>
        {round.cancelled ? (
          <p className="notice">The DAO cancelled this round: every committer can claim a full refund.</p>
        ) : null}
      </section>
      {address ? (
        <YourPosition round={round} account={address} now={now} sale={sale} payment={payment} />
      ) : (
        <p className="card">Connect a wallet to see your level in this round and commit.</p>
      )}
      <CapTable round={round} payment={payment} />
      {state === "closed" ? <FinalizePanel round={round} /> : null}
    </>
  );
}

function CapTable({ round, payment }: { round: Round; payment: Token }) {
  return (
    <section className="card" aria-labelledby="caps-title">
      <h2 id="caps-title">Caps by level</h2>
      <table>
        <caption className="sr-only">Most each level may commit in this round</caption>
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Cap</th>
          </tr>
        </thead>
        <tbody>
          {round.caps.map((cap, i) => (
            <tr key={i}>
              <th scope="row">{i + 1}</th>
              <td>
                {formatAmount(cap, payment.decimals)} {payment.symbol}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function YourPosition({
  round,
  account,
  now,
  sale,
  payment,
}: {
  round: Round;
  account: Address;
  now: bigint | undefined;
  sale: Token;
  payment: Token;
}) {
  const position = usePosition(round.id, round.snapshot, account);
  const state = now === undefined ? undefined : roundState(round, now);
  return (
    <section className="card" aria-labelledby="position-title" data-testid="early-position">
      <h2 id="position-title">Your position</h2>
      <QueryValue query={position} label="your position in the round" block>
        {(p) => (
          <>
            <p data-testid="early-level">{levelReason(p.level, p.score, round.snapshot)}</p>
            <PositionFacts
              round={round}
              position={p}
              sale={sale}
              payment={payment}
              ended={state === "closed" || state === "finalized" || state === "cancelled"}
            />
            {state === "open" && p.level > 0 ? (
              <CommitForm round={round} account={account} position={p} payment={payment} />
            ) : null}
            {state === "upcoming" ? <p>Commitments open on {formatDateTime(round.start)}.</p> : null}
            {(state === "closed" || state === "finalized" || state === "cancelled") && p.committed > 0n ? (
              <ClaimPanel round={round} position={p} sale={sale} payment={payment} />
            ) : null}
          </>
        )}
      </QueryValue>
    </section>
  );
}

function PositionFacts({
  round,
  position,
  sale,
  payment,
  ended,
}: {
  round: Round;
  position: Position;
  sale: Token;
  payment: Token;
  ended: boolean;
}) {
  const pay = (value: bigint) => `${formatAmount(value, payment.decimals, 6)} ${payment.symbol}`;
  const next = position.level < 10 ? round.caps[position.level] : undefined;
  const nextThreshold = position.level < 10 ? position.thresholds[position.level] : undefined;
  const estimate = allocationOf(round, sale.decimals, position.committed, round.totalCommitted);
  return (
    <dl className="stats">
      <div>
        <dt>Your cap</dt>
        <dd data-testid="early-cap">{position.level === 0 ? "none (level 0)" : pay(position.cap)}</dd>
      </div>
      {next !== undefined && nextThreshold !== undefined ? (
        <div>
          <dt>Next level&apos;s cap</dt>
          <dd>
            {pay(next)} (level {position.level + 1}, score {formatAmount(nextThreshold, 18, 0)})
          </dd>
        </div>
      ) : null}
      <div>
        <dt>You committed</dt>
        <dd data-testid="early-committed">{pay(position.committed)}</dd>
      </div>
      {position.committed > 0n && !position.claimed ? (
        <div>
          <dt>{ended ? "Your allocation" : "If the round closed now"}</dt>
          <dd data-testid="early-estimate">
            {formatAmount(estimate.saleTokens, sale.decimals, 6)} {sale.symbol}
            {estimate.refund > 0n ? ` and a refund of ${pay(estimate.refund)}` : ""}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function CommitForm({
  round,
  account,
  position,
  payment,
}: {
  round: Round;
  account: Address;
  position: Position;
  payment: Token;
}) {
  const [input, setInput] = useState("");
  const [touched, setTouched] = useState(false);
  const { wrongChain } = useNetworkGuard();
  const balance = usePaymentBalance(round.paymentToken, account);
  const actions = useEarlyAccessActions();
  const approveTx = useTx();
  const commitTx = useTx();
  const parsed = parseAmount(input, payment.decimals, undefined, payment.symbol);
  const problem = !parsed.ok
    ? parsed.error
    : balance.data === undefined
      ? undefined
      : commitProblem(parsed.value, {
          level: position.level,
          cap: position.cap,
          committed: position.committed,
          balance: balance.data.balance,
          token: payment,
        });
  const busy = approveTx.busy || commitTx.busy;
  const blocked = wrongChain
    ? `Switch your wallet to ${chain.name} first.`
    : balance.isError
      ? `Your ${payment.symbol} balance could not be read; retry before committing.`
      : undefined;
  const left = position.cap > position.committed ? position.cap - position.committed : 0n;

  async function submit() {
    setTouched(true);
    if (!parsed.ok || problem || blocked || balance.data === undefined) return;
    const amount = parsed.value;
    if (balance.data.allowance < amount) {
      const approved = await approveTx.run(() => actions.approve(round.paymentToken, amount));
      if (!approved) return;
    }
    const done = await commitTx.run(() => actions.commit(round.id, amount));
    if (done) {
      setInput("");
      setTouched(false);
    }
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      aria-label="Commit"
    >
      <Field
        label={`Amount to commit (${payment.symbol})`}
        inputMode="decimal"
        autoComplete="off"
        value={input}
        onChange={(event) => {
          setInput(event.target.value);
          setTouched(true);
        }}
        hint={`You can add up to ${formatAmount(left, payment.decimals, 6)} ${payment.symbol}${balance.data ? `; your balance is ${formatAmount(balance.data.balance, payment.decimals, 6)} ${payment.symbol}` : ""}. If your allowance is too small, you approve first (2 transactions).`}
        error={touched && input !== "" ? problem : undefined}
      />
      {blocked ? <p className="notice">{blocked}</p> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !!blocked || (touched && !!problem)}>
          Commit
        </button>
      </div>
      <TxStatus state={approveTx.state} label="Approve" />
      <TxStatus state={commitTx.state} label="Commit" />
    </form>
  );
}

function ClaimPanel({
  round,
  position,
  sale,
  payment,
}: {
  round: Round;
  position: Position;
  sale: Token;
  payment: Token;
}) {
  const { wrongChain } = useNetworkGuard();
  const actions = useEarlyAccessActions();
  const claimTx = useTx();
  if (position.claimed) {
    // The claim's status stays next to the outcome: the claim form is gone once the chain says "claimed".
    return (
      <div>
        <p data-testid="early-claimed">You have claimed your tokens and refund from this round.</p>
        <TxStatus state={claimTx.state} label="Claim" />
      </div>
    );
  }
  const { saleTokens, refund } = position.claimable;
  // Six decimals like every other amount on this page: the full 18 make a number nobody can read.
  return (
    <div data-testid="early-claim">
      <p>
        You can claim{" "}
        <strong data-testid="early-claim-sale">
          {formatAmount(saleTokens, sale.decimals, 6)} {sale.symbol}
        </strong>{" "}
        and a refund of{" "}
        <strong data-testid="early-claim-refund">
          {formatAmount(refund, payment.decimals, 6)} {payment.symbol}
        </strong>
        .
      </p>
      {wrongChain ? <p className="notice">Switch your wallet to {chain.name} first.</p> : null}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={wrongChain || claimTx.busy}
          onClick={() => void claimTx.run(() => actions.claim(round.id))}
        >
          Claim
        </button>
      </div>
      <TxStatus state={claimTx.state} label="Claim" />
    </div>
  );
}

function FinalizePanel({ round }: { round: Round }) {
  const { isConnected, wrongChain } = useNetworkGuard();
  const actions = useEarlyAccessActions();
  const tx = useTx();
  return (
    <section className="card" aria-labelledby="finalize-title">
      <h2 id="finalize-title">Finalize</h2>
      <p>
        The window closed on {formatDate(round.end)}. Anyone may finalize the round: it sends the proceeds and the
        unsold tokens to {shortAddress(round.recipient)}. Claims keep working afterwards.
      </p>
      <div className="actions">
        <button
          type="button"
          disabled={!isConnected || wrongChain || tx.busy}
          onClick={() => void tx.run(() => actions.finalize(round.id))}
        >
          Finalize
        </button>
      </div>
      <TxStatus state={tx.state} label="Finalize" />
    </section>
  );
}
