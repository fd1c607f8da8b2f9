import type { Address } from "viem";
import type { CastVoteRecord, DelegationRecord, StatementRecord } from "../../data";
import { agreement, compareByAgreement, compareByVotes, type Agreement } from "./record";

export type DelegateRow = {
  address: Address;
  votes: bigint;
  /** Accounts other than itself whose current delegate it is. */
  delegators: Address[];
  statement?: StatementRecord;
  /** Its votes, oldest first. */
  ballots: CastVoteRecord[];
  /** Agreement with the connected account; undefined without one (or for the account itself). */
  agreement?: Agreement;
};

const lower = (address: string) => address.toLowerCase() as Address;

/** The accounts that could hold votes: every current delegate (self-delegation included), once each. */
export function candidates(delegations: readonly DelegationRecord[]): Address[] {
  return [...new Set(delegations.map((d) => lower(d.delegate)))];
}

/**
 * The directory's rows: every candidate with votes now, with its delegators, statement, votes and, when `me`
 * is given, its agreement with `me`. `votes[i]` belongs to `accounts[i]`.
 */
export function buildRows({
  accounts,
  votes,
  delegations,
  statements,
  allVotes,
  me,
}: {
  accounts: readonly Address[];
  votes: readonly bigint[];
  delegations: readonly DelegationRecord[];
  statements: readonly StatementRecord[];
  allVotes: readonly CastVoteRecord[];
  me?: Address;
}): DelegateRow[] {
  const delegatorsOf = new Map<Address, Address[]>();
  for (const { delegator, delegate } of delegations) {
    if (lower(delegator) === lower(delegate)) continue;
    const list = delegatorsOf.get(lower(delegate)) ?? [];
    list.push(lower(delegator));
    delegatorsOf.set(lower(delegate), list);
  }
  const statementOf = new Map(statements.map((s) => [lower(s.delegate), s]));
  const ballotsOf = new Map<Address, CastVoteRecord[]>();
  for (const vote of allVotes) {
    const list = ballotsOf.get(lower(vote.voter)) ?? [];
    list.push(vote);
    ballotsOf.set(lower(vote.voter), list);
  }
  const mine = me ? (ballotsOf.get(lower(me)) ?? []) : undefined;
  return accounts
    .map((account, i) => {
      const address = lower(account);
      const ballots = ballotsOf.get(address) ?? [];
      return {
        address,
        votes: votes[i] ?? 0n,
        delegators: delegatorsOf.get(address) ?? [],
        statement: statementOf.get(address),
        ballots,
        agreement: mine && address !== lower(me!) ? agreement(mine, ballots) : undefined,
      };
    })
    .filter((row) => row.votes > 0n);
}

export type SortKey = "votes" | "agreement";

/** Rows matching `search` (part of the address or of the name, any case), sorted. */
export function filterAndSort(rows: readonly DelegateRow[], search: string, sort: SortKey): DelegateRow[] {
  const needle = search.trim().toLowerCase();
  const matching = needle
    ? rows.filter((r) => r.address.includes(needle) || (r.statement?.name.toLowerCase().includes(needle) ?? false))
    : [...rows];
  const none: Agreement = { agreed: 0, both: 0 };
  return sort === "agreement"
    ? matching.sort((a, b) =>
        compareByAgreement({ ...a, agreement: a.agreement ?? none }, { ...b, agreement: b.agreement ?? none }),
      )
    : matching.sort(compareByVotes);
}

export const PAGE_SIZE = 10;

/** The rows of page `page` (0-based) and the number of pages (at least 1). */
export function pageOf<T>(rows: readonly T[], page: number, size = PAGE_SIZE): { rows: T[]; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(0, page), pages - 1);
  return { rows: rows.slice(current * size, current * size + size), pages };
}
