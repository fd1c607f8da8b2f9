import { useMemo } from "react";
import type { Address } from "viem";
import { LineChart } from "../../components/charts";
import { proposalTitle } from "../../data";
import { displayAddress, formatAmount, formatDate, shortAddress } from "../../lib/format";
import { href } from "../../lib/router";
import { useChainNow } from "../../lib/useChainNow";
import { useNetworkGuard } from "../../lib/useNetworkGuard";
import { parseAddress } from "../../lib/validation";
import { DelegateButton } from "./DelegateButton";
import { Failure } from "./Failure";
import { useAllVotes } from "./hooks/useAllVotes";
import { useCurrentVotes } from "./hooks/useCurrentVotes";
import { useDelegations } from "./hooks/useDelegations";
import { useMyDelegate } from "./hooks/useMyDelegate";
import { usePastVotes } from "./hooks/usePastVotes";
import { useProposals } from "./hooks/useProposals";
import { useScores } from "./hooks/useScores";
import { useStatements } from "./hooks/useStatements";
import {
  agreement,
  describeAgreement,
  describeParticipation,
  participation,
  participationWindow,
  supportLabel,
} from "./record";
import { displayName, safeLink } from "./statement";

export function DelegatePage({ address: raw }: { address: string }) {
  const parsed = parseAddress(raw);
  if (!parsed.ok) {
    return (
      <p className="card">
        “{raw}” is not an address. <a href={href("delegates")}>Back to the directory</a>.
      </p>
    );
  }
  return <Delegate address={parsed.value.toLowerCase() as Address} />;
}

function Delegate({ address }: { address: Address }) {
  const { address: me } = useNetworkGuard();
  const statements = useStatements();
  const delegations = useDelegations();
  const allVotes = useAllVotes();
  const proposals = useProposals();
  const votes = useCurrentVotes([address]);
  const myDelegate = useMyDelegate(me);
  const now = useChainNow();
  const statement = statements.data?.find((s) => s.delegate === address);
  const delegators = useMemo(
    () =>
      delegations.data
        ?.filter((d) => d.delegate === address && d.delegator !== address)
        .map((d) => d.delegator as Address),
    [delegations.data, address],
  );
  const selfDelegated = delegations.data?.some((d) => d.delegator === address && d.delegate === address);
  const scores = useScores(delegators);
  const ballots = useMemo(() => allVotes.data?.filter((v) => v.voter === address) ?? [], [allVotes.data, address]);
  const recent = useMemo(
    () => (proposals.data && now !== undefined ? participationWindow(proposals.data, now) : undefined),
    [proposals.data, now],
  );
  // Oldest first, for the chart.
  const snapshots = useMemo(() => recent?.map((p) => p.voteStart).reverse(), [recent]);
  const held = usePastVotes([address], snapshots);
  const heldAt = held.data?.get(address);
  const record =
    recent && heldAt
      ? participation(recent, ballots, (id) => heldAt.get(recent.find((p) => p.id === id)!.voteStart) ?? 0n)
      : undefined;
  const titles = new Map(proposals.data?.map((p) => [p.id, proposalTitle(p.description)]));
  const mine =
    me && me.toLowerCase() !== address ? allVotes.data?.filter((v) => v.voter === me.toLowerCase()) : undefined;
  const label = (statement && displayName(statement.name)) || shortAddress(address);
  const link = statement ? safeLink(statement.link) : undefined;
  const points =
    snapshots && heldAt && votes.data && now !== undefined
      ? [
          ...snapshots.map((t) => ({ x: Number(t), y: wholeUnits(heldAt.get(t) ?? 0n) })),
          { x: Number(now), y: wholeUnits(votes.data[0] as bigint) },
        ]
      : undefined;

  return (
    <>
      <p>
        <a href={href("delegates")}>← All delegates</a>
      </p>
      <h1 className="wrap">{label}</h1>
      <code className="address">{displayAddress(address)}</code>
      <section className="card" aria-labelledby="statement-title">
        <h2 id="statement-title">Statement</h2>
        {statements.isError ? (
          <Failure what="The statement" error={statements.error} retry={statements.refetch} />
        ) : !statements.data ? (
          <p aria-busy="true">Loading the statement…</p>
        ) : statement ? (
          <>
            <p className="wrap statement" data-testid="statement-text">
              {statement.statement}
            </p>
            {link ? (
              <p>
                <a href={link} target="_blank" rel="noreferrer nofollow">
                  Read more (opens {new URL(link).host})
                </a>
              </p>
            ) : null}
          </>
        ) : (
          <p>This account has not published a statement.</p>
        )}
      </section>
      <section className="card" aria-labelledby="record-title">
        <h2 id="record-title">Votes and record</h2>
        <dl className="stats">
          <div>
            <dt>Votes now</dt>
            <dd>
              {votes.isError ? "could not be loaded" : votes.data ? formatAmount(votes.data[0] as bigint, 18, 0) : "…"}
            </dd>
          </div>
          <div>
            <dt>Delegators</dt>
            <dd>{delegators ? delegators.length : delegations.isError ? "could not be loaded" : "…"}</dd>
          </div>
          <div>
            <dt>Participation</dt>
            <dd>
              {held.isError || proposals.isError ? "could not be loaded" : record ? describeParticipation(record) : "…"}
            </dd>
          </div>
          {mine ? (
            <div>
              <dt>Agreement with you</dt>
              <dd data-testid="agreement">{describeAgreement(agreement(mine, ballots))}</dd>
            </div>
          ) : null}
        </dl>
        {points && points.length >= 2 ? (
          <LineChart
            points={points}
            label={`Votes of ${label} at the last ${points.length - 1} proposal snapshots and now`}
            caption={`Votes at the last ${points.length - 1} proposal snapshots and now; the top of the chart is ${Math.floor(Math.max(...points.map((p) => p.y))).toLocaleString("en-US")} votes.`}
            xLabels={[formatDate(points[0].x), "now"]}
          />
        ) : null}
        <DelegateButton to={address} label={label} current={myDelegate.data} />
      </section>
      <section className="card" aria-labelledby="votes-title">
        <h2 id="votes-title">Votes cast</h2>
        {allVotes.isError ? (
          <Failure what="The votes" error={allVotes.error} retry={allVotes.refetch} />
        ) : !allVotes.data ? (
          <p aria-busy="true">Loading votes…</p>
        ) : ballots.length === 0 ? (
          <p>No votes cast yet.</p>
        ) : (
          <ol className="action-list" reversed>
            {[...ballots].reverse().map((b) => (
              <li key={b.transactionHash + b.proposalId.toString()} data-testid="delegate-vote">
                <a href={href("govern", b.proposalId.toString())}>{titles.get(b.proposalId) ?? "A proposal"}</a>:{" "}
                <strong>{supportLabel(b.support)}</strong> with {formatAmount(b.weight, 18, 0)} votes
                {b.reason ? <p className="wrap">“{b.reason}”</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="card" aria-labelledby="delegators-title">
        <h2 id="delegators-title">Delegating to {label}</h2>
        {delegations.isError ? (
          <Failure what="The delegators" error={delegations.error} retry={delegations.refetch} />
        ) : !delegators ? (
          <p aria-busy="true">Loading delegators…</p>
        ) : delegators.length === 0 ? (
          <p>
            {selfDelegated
              ? "Only itself: nobody else delegates to this account."
              : "Nobody delegates to this account."}
          </p>
        ) : (
          <>
            {selfDelegated ? <p className="hint">It also votes with its own score.</p> : null}
            <ul className="delegator-list">
              {delegators.map((d, i) => (
                <li key={d} data-testid="delegator">
                  <a href={href("delegates", d)}>
                    <code className="address">{displayAddress(d)}</code>
                  </a>
                  {me && d === me.toLowerCase() ? <span className="badge">You</span> : null}{" "}
                  <span className="hint">
                    score{" "}
                    {scores.isError
                      ? "could not be loaded"
                      : scores.data
                        ? formatAmount(scores.data[i] as bigint, 18, 0)
                        : "…"}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

/** Whole score units as a plain number, for the chart only (its text alternative carries the label). */
function wholeUnits(value: bigint): number {
  return Number(value / 10n ** 18n);
}
