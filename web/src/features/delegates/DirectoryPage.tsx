import { useMemo, useState } from "react";
import type { Address } from "viem";
import { combine } from "../../components/QueryValue";
import { proposalTitle, type ProposalRecord } from "../../data";
import { displayAddress, formatAmount, shortAddress } from "../../lib/format";
import { href } from "../../lib/router";
import { useChainNow } from "../../lib/useChainNow";
import { useNetworkGuard } from "../../lib/useNetworkGuard";
import { DelegateButton } from "./DelegateButton";
import { buildRows, candidates, filterAndSort, pageOf, type DelegateRow, type SortKey } from "./directory";
import { Failure } from "./Failure";
import { useAllVotes } from "./hooks/useAllVotes";
import { useCurrentVotes } from "./hooks/useCurrentVotes";
import { useDelegations } from "./hooks/useDelegations";
import { useMyDelegate } from "./hooks/useMyDelegate";
import { usePastVotes } from "./hooks/usePastVotes";
import { useProposals } from "./hooks/useProposals";
import { useStatements } from "./hooks/useStatements";
import { describeAgreement, describeParticipation, participation, participationWindow, supportLabel } from "./record";
import { displayName } from "./statement";
import { StatementForm } from "./StatementForm";

/** The rows of the directory and what they are built from: one hook for the page and the form. */
function useDirectory(me: Address | undefined) {
  const delegations = useDelegations();
  const statements = useStatements();
  const allVotes = useAllVotes();
  const accounts = useMemo(() => (delegations.data ? candidates(delegations.data) : undefined), [delegations.data]);
  const votes = useCurrentVotes(accounts);
  const reads = combine(delegations, statements, allVotes, votes);
  const rows = useMemo(
    () =>
      reads.data && accounts
        ? buildRows({
            accounts,
            votes: reads.data[3] as bigint[],
            delegations: reads.data[0],
            statements: reads.data[1],
            allVotes: reads.data[2],
            me,
          })
        : undefined,
    [reads.data, accounts, me],
  );
  const error = [delegations, statements, allVotes, votes].find((q) => q.isError)?.error;
  return { reads, rows, error, statements };
}

export function DirectoryPage() {
  const { address } = useNetworkGuard();
  const { reads, rows, error, statements } = useDirectory(address);
  const proposals = useProposals();
  const myDelegate = useMyDelegate(address);
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<SortKey>("votes");
  const [page, setPage] = useState(0);
  const shown = useMemo(() => (rows ? filterAndSort(rows, search, sort) : undefined), [rows, search, sort]);
  const paged = shown ? pageOf(shown, page) : undefined;
  const current = Math.min(page, (paged?.pages ?? 1) - 1);
  const mine = address ? statements.data?.find((s) => s.delegate === address.toLowerCase()) : undefined;

  return (
    <>
      <h1>Delegates</h1>
      <p className="lead">
        Everyone who holds votes, by votes now. Read what they stand for and how they voted, then delegate your score to
        one of them; it stays yours and you can take it back at any time.
      </p>
      {address ? (
        statements.isError ? (
          <Failure what="Your statement" error={statements.error} retry={statements.refetch} />
        ) : statements.data ? (
          <StatementForm key={address} current={mine} />
        ) : null
      ) : (
        <p className="card">
          Connect a wallet to publish your own statement and to see how often you agree with each delegate.
        </p>
      )}
      <section className="card" aria-labelledby="directory-title">
        <h2 id="directory-title">Directory</h2>
        <div className="directory-controls">
          <div className="field">
            <label htmlFor="delegate-search">Search by address or name</label>
            <input
              id="delegate-search"
              type="search"
              placeholder="0x…"
              autoComplete="off"
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                setPage(0);
              }}
            />
          </div>
          <div className="field">
            <label htmlFor="delegate-sort">Sort by</label>
            <select
              id="delegate-sort"
              value={sort}
              onChange={(e) => {
                setSort(e.target.value as SortKey);
                setPage(0);
              }}
            >
              <option value="votes">Votes now</option>
              <option value="agreement" disabled={!address}>
                Agreement with you{address ? "" : " (connect a wallet)"}
              </option>
            </select>
          </div>
        </div>
        {error !== undefined && error !== null ? (
          <Failure what="The delegate list" error={error} retry={reads.refetch} />
        ) : !paged || !shown ? (
          <p aria-busy="true">Loading delegates…</p>
        ) : shown.length === 0 ? (
          <p>{search ? `No delegate matches “${search}”.` : "No account holds votes yet."}</p>
        ) : (
          <>
            <p className="hint" aria-live="polite">
              {shown.length} delegate{shown.length === 1 ? "" : "s"}
              {search ? ` matching “${search}”` : ""}, page {current + 1} of {paged.pages}
            </p>
            <DelegateList
              rows={paged.rows}
              proposals={proposals.data}
              proposalsError={proposals.isError ? proposals.error : undefined}
              myDelegate={myDelegate.data}
              me={address}
            />
            {paged.pages > 1 ? (
              <nav className="actions pager" aria-label="Directory pages">
                <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
                  Previous page
                </button>
                <button type="button" disabled={current + 1 >= paged.pages} onClick={() => setPage(current + 1)}>
                  Next page
                </button>
              </nav>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}

function DelegateList({
  rows,
  proposals,
  proposalsError,
  myDelegate,
  me,
}: {
  rows: DelegateRow[];
  proposals: ProposalRecord[] | undefined;
  proposalsError: unknown;
  myDelegate: Address | undefined;
  me: Address | undefined;
}) {
  const now = useChainNow();
  const recent = useMemo(
    () => (proposals && now !== undefined ? participationWindow(proposals, now) : undefined),
    [proposals, now],
  );
  const held = usePastVotes(
    rows.map((r) => r.address),
    recent?.map((p) => p.voteStart),
  );
  const titles = new Map(proposals?.map((p) => [p.id, proposalTitle(p.description)]));
  return (
    <ul className="delegate-list">
      {rows.map((row) => {
        const label = (row.statement && displayName(row.statement.name)) || shortAddress(row.address);
        const last = row.ballots.at(-1);
        const heldAt = held.data?.get(row.address);
        const record =
          recent && heldAt
            ? participation(recent, row.ballots, (id) => heldAt.get(recent.find((p) => p.id === id)!.voteStart) ?? 0n)
            : undefined;
        return (
          <li key={row.address} className="card" data-testid="delegate-row" data-address={row.address}>
            <h3>
              <a href={href("delegates", row.address)}>{label}</a>
              {me && row.address === me.toLowerCase() ? <span className="badge">You</span> : null}
            </h3>
            <code className="address">{displayAddress(row.address)}</code>
            <dl className="stats">
              <div>
                <dt>Votes now</dt>
                <dd>{formatAmount(row.votes, 18, 0)}</dd>
              </div>
              <div>
                <dt>Delegators</dt>
                <dd data-testid="delegator-count">{row.delegators.length}</dd>
              </div>
              <div>
                <dt>Participation</dt>
                <dd>
                  {proposalsError || held.isError
                    ? "could not be loaded"
                    : record
                      ? describeParticipation(record)
                      : "…"}
                </dd>
              </div>
              <div>
                <dt>Last vote</dt>
                <dd>
                  {last ? (
                    <>
                      {supportLabel(last.support)} on{" "}
                      <a href={href("govern", last.proposalId.toString())}>
                        {titles.get(last.proposalId) ?? `proposal ${shortAddress(`0x${last.proposalId.toString(16)}`)}`}
                      </a>
                    </>
                  ) : (
                    "never voted"
                  )}
                </dd>
              </div>
              {row.agreement ? (
                <div>
                  <dt>Agreement with you</dt>
                  <dd data-testid="agreement">{describeAgreement(row.agreement)}</dd>
                </div>
              ) : null}
            </dl>
            {row.statement ? (
              <p className="wrap statement-excerpt">{excerpt(row.statement.statement)}</p>
            ) : (
              <p className="hint">No statement published.</p>
            )}
            <DelegateButton to={row.address} label={label} current={myDelegate} />
          </li>
        );
      })}
    </ul>
  );
}

/** The first 240 characters of a statement, cut at a word. */
function excerpt(text: string): string {
  if (text.length <= 240) return text;
  const cut = text.slice(0, 240);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 160 ? cut.lastIndexOf(" ") : 240)}…`;
}
