import { QueryValue } from "../../components/QueryValue";
import { StackedBar } from "../../components/charts";
import { proposalTitle } from "../../data";
import { formatAmount } from "../../lib/format";
import { href } from "../../lib/router";
import { PROPOSAL_STATES } from "./actions";
import { useProposals } from "./hooks/useProposals";
import { useProposalTallies } from "./hooks/useProposalTallies";

export function ProposalList() {
  const proposals = useProposals();
  const tallies = useProposalTallies(proposals.data?.map((p) => p.id));
  return (
    <section className="card" aria-labelledby="proposals-title">
      <h2 id="proposals-title">Proposals</h2>
      <QueryValue query={proposals} label="proposals">
        {(list) =>
          list.length === 0 ? (
            <p>
              No proposals yet. <a href={href("govern", "new")}>Create the first one</a>.
            </p>
          ) : (
            <ul className="proposal-list">
              {list.map((p, i) => {
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
                          For {formatAmount(tally.for, 18, 0)} · Against {formatAmount(tally.against, 18, 0)} · Abstain{" "}
                          {formatAmount(tally.abstain, 18, 0)}
                        </span>
                      </>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )
        }
      </QueryValue>
    </section>
  );
}
