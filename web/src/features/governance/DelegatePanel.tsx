import { useState, type FormEvent } from "react";
import { chain } from "../../config";
import { Field } from "../../components/Field";
import { QueryValue } from "../../components/QueryValue";
import { TxStatus } from "../../components/TxStatus";
import { formatAmount, shortAddress } from "../../lib/format";
import { href } from "../../lib/router";
import { useNetworkGuard } from "../../lib/useNetworkGuard";
import { useTx } from "../../lib/useTx";
import { parseAddress } from "../../lib/validation";
import { useDelegation } from "./hooks/useDelegation";
import { useGovernanceActions } from "./hooks/useGovernanceActions";

/** What to do about zero votes: a staker with no score learns how to get one; nothing is said otherwise. */
export function NoVotesHint({ votes, score }: { votes: bigint; score: bigint }) {
  if (votes > 0n || score > 0n) return null;
  return (
    <p className="hint" data-testid="no-votes">
      You have no votes yet: lock tokens on the <a href={href("stake")}>Stake</a> page to get a Staking Score, which is
      your voting power, or ask a staker to delegate to you.
    </p>
  );
}

/** Delegate the whole score to another address, or take it back (undelegate = delegate to yourself). */
export function DelegatePanel() {
  const { address, wrongChain } = useNetworkGuard();
  const delegation = useDelegation(address);
  const actions = useGovernanceActions();
  const tx = useTx();
  const [to, setTo] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const parsed = parseAddress(to);
  const blocked = wrongChain ? `Switch your wallet to ${chain.name} first.` : undefined;
  if (!address) return <p className="card">Connect a wallet to see your voting power and delegate.</p>;
  const delegatedAway = delegation.data && delegation.data.delegate.toLowerCase() !== address.toLowerCase();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (blocked || !parsed.ok) return;
    if (await tx.run(() => actions.delegate(parsed.value))) {
      setTo("");
      setSubmitted(false);
    }
  }

  return (
    <section className="card" aria-labelledby="delegate-title">
      <h2 id="delegate-title">Your voting power</h2>
      <QueryValue query={delegation} label="your voting power" block>
        {(d) => (
          <>
            <dl className="stats">
              <div>
                <dt>Votes now</dt>
                <dd data-testid="votes-now">{formatAmount(d.votes)}</dd>
              </div>
              <div>
                <dt>Your own score</dt>
                <dd>{formatAmount(d.score)}</dd>
              </div>
              <div>
                <dt>Delegated to</dt>
                <dd data-testid="delegate">{delegatedAway ? shortAddress(d.delegate) : "Yourself"}</dd>
              </div>
            </dl>
            <NoVotesHint votes={d.votes} score={d.score} />
          </>
        )}
      </QueryValue>
      <form onSubmit={onSubmit} noValidate>
        <Field
          label="Delegate your score to"
          name="delegatee"
          placeholder="0x…"
          autoComplete="off"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={(submitted || to !== "") && !parsed.ok ? parsed.error : undefined}
          hint={
            <>
              Your whole score, including its future decay, counts as their votes. Revenue stays yours.{" "}
              <a href={href("delegates")}>Compare delegates in the directory</a>.
            </>
          }
        />
        {blocked ? <p className="notice">{blocked}</p> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={tx.busy || !!blocked}>
            Delegate
          </button>
          {delegatedAway ? (
            <button
              type="button"
              disabled={tx.busy || !!blocked}
              onClick={() => tx.run(() => actions.delegate(address))}
            >
              Undelegate (vote yourself)
            </button>
          ) : null}
        </div>
        <TxStatus state={tx.state} label="Delegation" />
      </form>
    </section>
  );
}
