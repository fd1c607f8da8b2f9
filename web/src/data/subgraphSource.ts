import type { Address, Hash, Hex } from "viem";
import type { DataSource, IndexStatus } from "./types";
import {
  CLAIMS_QUERY,
  META_QUERY,
  PROPOSALS_QUERY,
  REVENUE_WEEKS_QUERY,
  STAKERS_QUERY,
  VOTES_QUERY,
  LOCK_CREATORS_QUERY,
} from "./subgraph/queries";

type Fetch = typeof fetch;

export function createSubgraphSource(
  url: string,
  headBlock: () => Promise<bigint>,
  fetcher: Fetch = fetch,
): DataSource {
  async function query<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
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

  return {
    kind: "subgraph",
    async status(): Promise<IndexStatus> {
      const [meta, head] = await Promise.all([
        query<{ _meta: { block: { number: number }; hasIndexingErrors: boolean } }>(META_QUERY),
        headBlock(),
      ]);
      return {
        indexedBlock: BigInt(meta._meta.block.number),
        headBlock: head,
        hasErrors: meta._meta.hasIndexingErrors,
      };
    },
    async stakers() {
      const all: { id: string; lockAmount: string; lockEnd: string; autoMax: boolean }[] = [];
      for (let skip = 0; ; skip += 1000) {
        const page = await query<{ accounts: typeof all }>(STAKERS_QUERY, { skip });
        all.push(...page.accounts);
        if (page.accounts.length < 1000 || skip >= 5000) break;
      }
      return all.map((a) => ({
        account: a.id as Address,
        amount: BigInt(a.lockAmount),
        end: BigInt(a.lockEnd),
        autoMax: a.autoMax,
      }));
    },
    async revenueWeeks() {
      const data = await query<{ revenueWeeks: { token: { id: string }; week: string; deposited: string }[] }>(
        REVENUE_WEEKS_QUERY,
      );
      return data.revenueWeeks.map((w) => ({
        token: w.token.id as Address,
        week: BigInt(w.week),
        deposited: BigInt(w.deposited),
      }));
    },
    async claims(account) {
      const data = await query<{
        claims: {
          token: { id: string };
          amount: string;
          relocked: boolean;
          lastWeekClaimed: string;
          timestamp: string;
          transactionHash: string;
        }[];
      }>(CLAIMS_QUERY, { account: account.toLowerCase() });
      return data.claims.map((c) => ({
        token: c.token.id as Address,
        amount: BigInt(c.amount),
        relocked: c.relocked,
        lastWeekClaimed: BigInt(c.lastWeekClaimed),
        timestamp: BigInt(c.timestamp),
        transactionHash: c.transactionHash as Hash,
      }));
    },
    async proposals() {
      const data = await query<{
        proposals: {
          proposalId: string;
          proposer: { id: string };
          targets: string[];
          values: string[];
          calldatas: string[];
          description: string;
          voteStart: string;
          voteEnd: string;
          createdBlock: string;
        }[];
      }>(PROPOSALS_QUERY);
      return data.proposals.map((p) => ({
        id: BigInt(p.proposalId),
        proposer: p.proposer.id as Address,
        targets: p.targets as Address[],
        values: p.values.map(BigInt),
        calldatas: p.calldatas as Hex[],
        description: p.description,
        voteStart: BigInt(p.voteStart),
        voteEnd: BigInt(p.voteEnd),
        createdBlock: BigInt(p.createdBlock),
      }));
    },
    async votes(proposalId) {
      const data = await query<{
        votes: { voter: { id: string }; support: number; weight: string; reason: string; transactionHash: string }[];
      }>(VOTES_QUERY, { proposal: proposalId.toString() });
      return data.votes.map((v) => ({
        voter: v.voter.id as Address,
        support: v.support,
        weight: BigInt(v.weight),
        reason: v.reason,
        transactionHash: v.transactionHash as Hash,
      }));
    },
    async lockCreators(account) {
      const data = await query<{ lockCreators: { creator: string; allowed: boolean }[] }>(LOCK_CREATORS_QUERY, {
        account: account.toLowerCase(),
      });
      return data.lockCreators.map((c) => ({ creator: c.creator as Address, allowed: c.allowed }));
    },
  };
}
