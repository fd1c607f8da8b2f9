import type { Address, Hash } from "viem";
import type { DelegateSource } from "./delegateTypes";
import { ALL_VOTES_QUERY, DELEGATE_STATEMENTS_QUERY, DELEGATIONS_QUERY } from "./subgraph/delegateQueries";

type Fetch = typeof fetch;

/** The subgraph serves at most 1,000 entities a page and skips of at most 5,000. */
const PAGE = 1000;
const MAX_SKIP = 5000;

export function createDelegateSubgraphSource(url: string, fetcher: Fetch = fetch): DelegateSource {
  async function query<T>(document: string, variables: Record<string, unknown>): Promise<T> {
    const response = await fetcher(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: document, variables }),
    });
    if (!response.ok) throw new Error(`The subgraph answered ${response.status}`);
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`Subgraph error: ${body.errors[0].message}`);
    if (!body.data) throw new Error("The subgraph returned no data");
    return body.data;
  }

  async function all<T>(document: string, key: string): Promise<T[]> {
    const items: T[] = [];
    for (let skip = 0; ; skip += PAGE) {
      const page = (await query<Record<string, T[]>>(document, { skip }))[key];
      items.push(...page);
      if (page.length < PAGE || skip >= MAX_SKIP) return items;
    }
  }

  return {
    kind: "subgraph",
    async statements() {
      const rows = await all<{
        delegate: { id: string };
        name: string;
        statement: string;
        link: string;
        blockNumber: string;
      }>(DELEGATE_STATEMENTS_QUERY, "delegateStatements");
      return rows.map((s) => ({
        delegate: s.delegate.id.toLowerCase() as Address,
        name: s.name,
        statement: s.statement,
        link: s.link,
        blockNumber: BigInt(s.blockNumber),
      }));
    },
    async delegations() {
      const rows = await all<{ id: string; delegate: { id: string } }>(DELEGATIONS_QUERY, "accounts");
      return rows.map((a) => ({
        delegator: a.id.toLowerCase() as Address,
        delegate: a.delegate.id.toLowerCase() as Address,
      }));
    },
    async allVotes() {
      const rows = await all<{
        voter: { id: string };
        proposal: { proposalId: string };
        support: number;
        weight: string;
        reason: string;
        blockNumber: string;
        transactionHash: string;
      }>(ALL_VOTES_QUERY, "votes");
      return rows.map((v) => ({
        voter: v.voter.id.toLowerCase() as Address,
        proposalId: BigInt(v.proposal.proposalId),
        support: v.support,
        weight: BigInt(v.weight),
        reason: v.reason,
        blockNumber: BigInt(v.blockNumber),
        transactionHash: v.transactionHash as Hash,
      }));
    },
  };
}
