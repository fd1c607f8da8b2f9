import { lazy, Suspense, useState, type FormEvent } from "react";
import { getAddress, type Address } from "viem";
import { chain, explorerTxUrl } from "../../config";
import { QueryValue } from "../../components/QueryValue";
import { StackedBar } from "../../components/charts";
import { TxStatus } from "../../components/TxStatus";
import { proposalTitle, type ProposalRecord } from "../../data";
import { formatAmount, formatCountdown, formatDateTime, formatPercent, shortAddress } from "../../lib/format";
import { href } from "../../lib/router";
import { useTickingChainTime } from "../../lib/chainClock";
import { useChainNow } from "../../lib/useChainNow";
import { useNetworkGuard } from "../../lib/useNetworkGuard";
import { useTx } from "../../lib/useTx";
import { ActionList } from "./ActionList";
import { PROPOSAL_STATES } from "./actions";
import { useBlockTime } from "./hooks/useBlockTime";
import { useGovernanceActions } from "./hooks/useGovernanceActions";
import { useProposalDetails } from "./hooks/useProposalDetails";
import { useProposalEvents, type ProposalEvent } from "./hooks/useProposalEvents";
import { useProposals } from "./hooks/useProposals";
import { useProposalTallies, type Tally } from "./hooks/useProposalTallies";
import { useProposalVotes } from "./hooks/useProposalVotes";
import { useQuorum } from "./hooks/useQuorum";
import { useSimulation } from "./hooks/useSimulation";
import { useVoterStatus, type VoterStatus } from "./hooks/useVoterStatus";

// The renderer is only downloaded when a proposal is opened.
const Markdown = lazy(() => import("./Markdown"));

const SUPPORT = ["Against", "For", "Abstain"] as const;

export function ProposalPage({ id }: { id: bigint }) {
  const proposals = useProposals();
  const proposal = proposals.data?.find((p) => p.id === id);
  return (
    <>
      <p>
        <a href={href("govern")}>← All proposals</a>
      </p>
      <QueryValue query={proposals} label="the proposal" block>
        {() => (proposal ? <ProposalBody proposal={proposal} /> : <h1>Proposal not found</h1>)}
      </QueryValue>
    </>
  );
}

/** The description without its first line (the title, shown as the page heading). */
function descriptionBody(description: string): string {
  const lines = description.split("\n");
  const first = lines.findIndex((line) => line.trim() !== "");
  return lines
    .slice(first + 1)
    .join("\n")
    .trim();
}

/** The transaction behind a timeline step: a link on a chain with an explorer, else its short hash (full on hover). */
function TxLink({ event, label }: { event: ProposalEvent; label: string }) {
  const url = explorerTxUrl(event.transactionHash);
  const hash = event.transactionHash;
  return url ? (
    <a href={url} target="_blank" rel="noreferrer">
      {label}
    </a>
  ) : (
    <span>
      {label}{" "}
      <code className="address" title={hash} data-testid="tx-hash">
        {hash.slice(0, 10)}…{hash.slice(-8)}
      </code>
    </span>
  );
}

function ProposalBody({ proposal }: { proposal: ProposalRecord }) {
  const now = useChainNow();
  const ticking = useTickingChainTime();
  const { address } = useNetworkGuard();
  const tallies = useProposalTallies([proposal.id]);
  const details = useProposalDetails(proposal.id);
  const quorum = useQuorum(details.data?.snapshot, now);
  const votes = useProposalVotes(proposal);
  const created = useBlockTime(proposal.createdBlock);
  const tally = tallies.data?.[0];
  const events = useProposalEvents(proposal, tally?.state);
  const state = tally ? PROPOSAL_STATES[tally.state] : undefined;
  const actions = proposal.targets.map((target, i) => ({
    target,
    value: proposal.values[i],
    data: proposal.calldatas[i],
  }));
  // Simulated while the outcome is still open; a finished proposal's actions are history.
  const open = tally !== undefined && [0, 1, 4, 5].includes(tally.state);
  const simulation = useSimulation(open ? actions : undefined);
  const body = descriptionBody(proposal.description);
  const mine = address ? votes.data?.find((v) => v.voter.toLowerCase() === address.toLowerCase()) : undefined;

  return (
    <article aria-labelledby="proposal-title">
      <h1 id="proposal-title">
        {proposalTitle(proposal.description)}{" "}
        {state ? (
          <span className={`badge badge-${state}`} data-testid="proposal-state">
            {state}
          </span>
        ) : null}
      </h1>
      <p className="hint wrap">
        Proposed by <code className="address">{getAddress(proposal.proposer)}</code> · id{" "}
        {proposal.id.toString().slice(0, 12)}…
      </p>
      {mine ? (
        <p className="notice" data-testid="you-voted">
          You voted <strong>{SUPPORT[mine.support] ?? mine.support}</strong> ({formatAmount(mine.weight)} votes).
        </p>
      ) : null}
      <section className="card" aria-labelledby="description-title">
        <h2 id="description-title">Description</h2>
        {body ? (
          <Suspense fallback={<pre className="wrap">{body}</pre>}>
            <Markdown source={body} />
          </Suspense>
        ) : (
          <p>No description.</p>
        )}
      </section>
      <section className="card" aria-labelledby="actions-title">
        <h2 id="actions-title">Actions</h2>
        {open ? (
          <p className="hint">
            The actions are simulated in order as the timelock (which will execute them) on the latest block.
            {simulation.data?.some((r) => r.status === "revert") ? (
              <strong className="error"> At least one action would revert if executed now.</strong>
            ) : null}
            {simulation.isError ? " The simulation could not run." : null}
          </p>
        ) : null}
        <ActionList actions={actions} simulation={open ? simulation.data : undefined} />
      </section>
      <section className="card" aria-labelledby="results-title">
        <h2 id="results-title">Results</h2>
        <QueryValue query={tallies} label="the results" block>
          {() => (tally ? <Results tally={tally} quorum={quorum.data} /> : null)}
        </QueryValue>
      </section>
      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline (UTC)</h2>
        <QueryValue query={details} label="the timeline" block>
          {(d) => (
            <ol className="timeline" data-testid="timeline">
              <li className="done">
                Created: {created.data !== undefined ? formatDateTime(created.data) : `block ${proposal.createdBlock}`}
              </li>
              <li className={now !== undefined && d.snapshot < now ? "done" : undefined}>
                Voting starts (snapshot of voting power): {formatDateTime(d.snapshot)}
                {ticking !== undefined && d.snapshot >= ticking && tally?.state === 0
                  ? ` (in ${formatCountdown(d.snapshot - ticking + 1n)})`
                  : ""}
              </li>
              <li className={tally !== undefined && tally.state !== 0 && tally.state !== 1 ? "done" : undefined}>
                Voting ends: {formatDateTime(d.deadline)}
                {ticking !== undefined && tally?.state === 1 && d.deadline >= ticking ? (
                  <span data-testid="voting-countdown"> (in {formatCountdown(d.deadline - ticking + 1n)})</span>
                ) : null}
              </li>
              {d.needsQueuing && tally?.state !== 2 && tally?.state !== 3 ? (
                <li className={d.eta > 0n ? "done" : undefined}>
                  {d.eta > 0n ? (
                    <>
                      Queued
                      {events.data?.queued ? (
                        <>
                          {events.data.queued.timestamp !== undefined
                            ? ` on ${formatDateTime(events.data.queued.timestamp)}`
                            : ""}{" "}
                          (<TxLink event={events.data.queued} label="queue transaction" />)
                        </>
                      ) : null}
                      ; executable from (ETA) {formatDateTime(d.eta)}
                      {ticking !== undefined && tally?.state === 5 && d.eta > ticking
                        ? ` (in ${formatCountdown(d.eta - ticking)})`
                        : ""}
                    </>
                  ) : (
                    "Then queued in the timelock, executable after its delay"
                  )}
                </li>
              ) : null}
              {tally?.state === 7 ? (
                <li className="done">
                  Executed
                  {events.data?.executed ? (
                    <>
                      {events.data.executed.timestamp !== undefined
                        ? ` on ${formatDateTime(events.data.executed.timestamp)}`
                        : ""}{" "}
                      (<TxLink event={events.data.executed} label="execute transaction" />)
                    </>
                  ) : null}
                </li>
              ) : null}
              {tally?.state === 2 ? <li className="done">Canceled</li> : null}
            </ol>
          )}
        </QueryValue>
      </section>
      {tally && details.data ? (
        <VotePanel
          proposal={proposal}
          tally={tally}
          snapshot={details.data.snapshot}
          eta={details.data.eta}
          now={now}
        />
      ) : null}
      <section className="card" aria-labelledby="votes-title">
        <h2 id="votes-title">Votes</h2>
        <QueryValue query={votes} label="the votes" block>
          {(list) =>
            list.length === 0 ? (
              <p>No votes yet.</p>
            ) : (
              <div className="table-scroll">
                <table>
                  <caption className="sr-only">Votes cast</caption>
                  <thead>
                    <tr>
                      <th scope="col">Voter</th>
                      <th scope="col">Vote</th>
                      <th scope="col">Weight</th>
                      <th scope="col">Reason</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((v) => (
                      <tr key={v.transactionHash} data-testid="vote-row">
                        <td title={v.voter}>{shortAddress(v.voter)}</td>
                        <td>{SUPPORT[v.support] ?? v.support}</td>
                        <td>{formatAmount(v.weight, 18, 0)}</td>
                        <td className="wrap">{v.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryValue>
      </section>
    </article>
  );
}

function Results({ tally, quorum }: { tally: Tally; quorum: bigint | undefined }) {
  const total = tally.for + tally.against + tally.abstain;
  const counted = tally.for + tally.abstain;
  const rows = [
    { name: "For", value: tally.for, className: "for" },
    { name: "Against", value: tally.against, className: "against" },
    { name: "Abstain", value: tally.abstain, className: "abstain" },
  ];
  return (
    <>
      {rows.map((row) => (
        <div key={row.name}>
          <span>
            {row.name}: {formatAmount(row.value, 18, 0)} ({formatPercent(row.value, total)})
          </span>
          <StackedBar
            label={`${row.name} ${formatPercent(row.value, total)}`}
            parts={[{ ...row }, { name: "rest", value: total - row.value, className: "" }]}
          />
        </div>
      ))}
      <div>
        <span>
          Quorum (For + Abstain):{" "}
          {quorum === undefined
            ? "known once voting starts"
            : `${formatAmount(counted, 18, 0)} of ${formatAmount(quorum, 18, 0)} (${formatPercent(counted > quorum ? quorum : counted, quorum || 1n, 0)})`}
        </span>
        {quorum !== undefined ? (
          <StackedBar
            label={`Quorum progress ${formatPercent(counted > quorum ? quorum : counted, quorum || 1n, 0)}`}
            parts={[
              { name: "reached", value: counted > quorum ? quorum : counted, className: "quorum" },
              { name: "missing", value: counted > quorum ? 0n : quorum - counted, className: "" },
            ]}
          />
        ) : null}
      </div>
    </>
  );
}

function VotePanel({
  proposal,
  tally,
  snapshot,
  eta,
  now,
}: {
  proposal: ProposalRecord;
  tally: Tally;
  snapshot: bigint;
  eta: bigint;
  now: bigint | undefined;
}) {
  const { address, wrongChain } = useNetworkGuard();
  const status = useVoterStatus(address, proposal.id, snapshot, now);
  const actions = useGovernanceActions();
  const voteTx = useTx();
  const queueTx = useTx();
  const executeTx = useTx();
  const cancelTx = useTx();
  const [support, setSupport] = useState<number | undefined>(undefined);
  const [reason, setReason] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const blocked = wrongChain ? `Switch your wallet to ${chain.name} first.` : undefined;
  const state = tally.state;
  const isProposer = !!address && address.toLowerCase() === proposal.proposer.toLowerCase();

  async function onVote(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (blocked || support === undefined) return;
    await voteTx.run(() => actions.vote(proposal.id, support, reason.trim()));
  }

  return (
    <section className="card" aria-labelledby="vote-title">
      <h2 id="vote-title">Your vote</h2>
      {!address ? <p>Connect a wallet to vote.</p> : null}
      {address && state === 0 ? (
        <p>Voting opens at the snapshot ({formatDateTime(snapshot)}); your weight is your votes at that moment.</p>
      ) : null}
      {address && state !== 0 ? (
        <QueryValue query={status} label="your voting weight">
          {(s) => (
            <>
              <p data-testid="vote-weight">
                Your weight at the snapshot: <strong>{formatAmount(s.weight)}</strong>
                {s.hasVoted ? " — you have voted." : ""}
              </p>
              {s.weight === 0n ? <WhyCantIVote status={s} account={address} snapshot={snapshot} /> : null}
              {state === 1 && !s.hasVoted && s.weight > 0n ? (
                <form onSubmit={onVote} noValidate>
                  <fieldset>
                    <legend>Your choice</legend>
                    {[1, 0, 2].map((value) => (
                      <label key={value} className="inline">
                        <input
                          type="radio"
                          name="support"
                          checked={support === value}
                          onChange={() => setSupport(value)}
                        />
                        {SUPPORT[value]}
                      </label>
                    ))}
                  </fieldset>
                  {submitted && support === undefined ? (
                    <p className="error" role="alert">
                      Choose For, Against or Abstain.
                    </p>
                  ) : null}
                  <div className="field">
                    <label htmlFor="reason">Reason (optional, public)</label>
                    <textarea
                      id="reason"
                      rows={3}
                      value={reason}
                      onChange={(e) => setReason(e.target.value)}
                      maxLength={2000}
                    />
                  </div>
                  {blocked ? <p className="notice">{blocked}</p> : null}
                  <button type="submit" className="primary" disabled={voteTx.busy || !!blocked}>
                    Cast vote
                  </button>
                </form>
              ) : null}
            </>
          )}
        </QueryValue>
      ) : null}
      <TxStatus state={voteTx.state} label="Vote" />
      {state === 0 && isProposer ? (
        <div>
          <p>As the proposer you can cancel the proposal until voting starts.</p>
          <button
            type="button"
            disabled={cancelTx.busy || !!blocked}
            onClick={() => cancelTx.run(() => actions.cancel(proposal))}
          >
            Cancel proposal
          </button>
        </div>
      ) : null}
      <TxStatus state={cancelTx.state} label="Cancel" />
      {state === 4 ? (
        <div>
          <p>The proposal passed. Queue it in the timelock; it can be executed after the delay.</p>
          <button
            type="button"
            className="primary"
            disabled={queueTx.busy || !!blocked || !address}
            onClick={() => queueTx.run(() => actions.queue(proposal))}
          >
            Queue
          </button>
        </div>
      ) : null}
      <TxStatus state={queueTx.state} label="Queue" />
      {state === 5 ? (
        <div>
          {now !== undefined && now < eta ? (
            <p>Queued. It can be executed from {formatDateTime(eta)}.</p>
          ) : (
            <p>The timelock delay has passed: anyone can execute the proposal.</p>
          )}
          <button
            type="button"
            className="primary"
            disabled={executeTx.busy || !!blocked || !address || now === undefined || now < eta}
            onClick={() => executeTx.run(() => actions.execute(proposal))}
          >
            Execute
          </button>
        </div>
      ) : null}
      <TxStatus state={executeTx.state} label="Execute" />
    </section>
  );
}

/** Explains a zero voting weight and how to fix it next time. */
export function WhyCantIVote({
  status,
  account,
  snapshot,
}: {
  status: VoterStatus;
  account: Address;
  snapshot: bigint;
}) {
  const delegatedAway = status.delegate.toLowerCase() !== account.toLowerCase();
  let reason: string;
  let fix: string;
  if (delegatedAway && status.ownScoreAtSnapshot > 0n) {
    reason = `You delegated your score to ${shortAddress(status.delegate)}, so they vote with it.`;
    fix = "Undelegate on the Govern page to vote yourself on future proposals, or ask your delegate to vote.";
  } else if (
    status.ownScoreAtSnapshot === 0n &&
    status.lock.amount > 0n &&
    !status.lock.autoMax &&
    status.lock.end <= snapshot
  ) {
    reason = "Your lock had expired at the snapshot, so your score was zero.";
    fix = "Withdraw and lock again (or lock longer next time) to vote on future proposals.";
  } else if (status.ownScoreAtSnapshot === 0n) {
    reason = `You had no lock at the snapshot (${formatDateTime(snapshot)}). Votes count the score at that moment; a lock made later does not count for this proposal.`;
    fix = "Lock tokens on the Stake page to vote on the next proposals.";
  } else {
    reason = "Your score is delegated away.";
    fix = "Undelegate to vote yourself.";
  }
  return (
    <div className="notice" data-testid="why-cant-vote">
      <h3>Why can't I vote?</h3>
      <p>{reason}</p>
      <p>
        <strong>Fix:</strong> {fix}{" "}
        <a href={delegatedAway ? href("govern") : href("stake")}>{delegatedAway ? "Delegation" : "Stake"}</a>
      </p>
    </div>
  );
}
