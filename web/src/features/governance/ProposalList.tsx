import { useState } from "react";
import { QueryValue } from "../../components/QueryValue";
import { StackedBar } from "../../components/charts";
import { proposalTitle } from "../../data";
import { formatAmount, formatDateTime } from "../../lib/format";
import { href } from "../../lib/router";
import { PROPOSAL_STATES } from "./actions";
import { useProposals } from "./hooks/useProposals";
import { useProposalTallies } from "./hooks/useProposalTallies";

/** Proposals shown at first and added per "Show older": each shown proposal costs three governor reads. */
export const PROPOSALS_PER_PAGE = 10;

export function ProposalList() {
  const proposals = useProposals();
  const [shown, setShown] = useState(PROPOSALS_PER_PAGE);
  const visible = proposals.data?.slice(0, shown);
  const tallies = useProposalTallies(visible?.map((p) => p.id));
  return (
    <section className="card" aria-labelledby="proposals-title">
      <h2 id="proposals-title">Proposals</h2>
      <QueryValue query={proposals} label="the proposals" block>
        {(list) =>
          list.length === 0 ? (
            <p>
              No proposals yet. <a href={href("govern", "new")}>Create the first one</a>.
            </p>
          ) : (
            <>
              <ul className="proposal-list">
                {list.slice(0, shown).map((p, i) => {
                  const tally = tallies.data?.[i];
                  const state = tally ? PROPOSAL_STATES[tally.state] : undefined;
                  return (
                    <li key={p.id.toString()} className="card" data-testid="proposal-item">
                      <a href={href("govern", p.id.toString())}>{proposalTitle(p.description)}</a>{" "}
                      {state ? (
                        <span className={`badge badge-${state}`}>{state}</span>
                      ) : (
                        <QueryValue query={tallies} label="state">
                          {() => null}
                        </QueryValue>
                      )}
                      {state === "Pending" ? (
                        <p className="hint" data-testid="proposal-when">
                          Voting opens after {formatDateTime(p.voteStart)}.
                        </p>
                      ) : null}
                      {state === "Active" && tally ? (
                        <p className="hint" data-testid="proposal-when">
                          Voting closes {formatDateTime(tally.deadline)}.
                        </p>
                      ) : null}
                      {tally ? (
                        <>
                          <StackedBar
                            label={`For ${formatAmount(tally.for, 18, 0)}, against ${formatAmount(tally.against, 18, 0)}, abstain ${formatAmount(tally.abstain, 18, 0)}`}
                            parts={[
                              { name: "For", value: tally.for, className: "for" },
                              { name: "Against", value: tally.against, className: "against" },
                              { name: "Abstain", value: tally.abstain, className: "abstain" },
                            ]}
                          />
                          <span className="hint">
                            For {formatAmount(tally.for, 18, 0)} · Against {formatAmount(tally.against, 18, 0)} ·
                            Abstain {formatAmount(tally.abstain, 18, 0)}
                          </span>
                        </>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
              {list.length > shown ? (
                <button type="button" onClick={() => setShown(shown + PROPOSALS_PER_PAGE)}>
                  Show older proposals ({list.length - shown} more)
                </button>
              ) : null}
            </>
          )
        }
      </QueryValue>
    </section>
  );
}
