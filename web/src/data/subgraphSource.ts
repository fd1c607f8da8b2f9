import type { Address, Hash, Hex } from "viem";
import type { DataSource, IndexStatus } from "./types";
import { createSubgraphClient } from "./subgraph/client";
import {
  CLAIMS_QUERY,
  META_QUERY,
  PROPOSALS_QUERY,
  PROTOCOL_QUERY,
  REVENUE_WEEKS_QUERY,
  STAKERS_QUERY,
  VOTES_QUERY,
  LOCK_CREATORS_QUERY,
} from "./subgraph/queries";

type Fetch = typeof fetch;

const byBigIntDesc =
  <T>(key: (item: T) => bigint) =>
  (a: T, b: T) =>
    key(a) === key(b) ? 0 : key(a) > key(b) ? -1 : 1;

export function createSubgraphSource(
  url: string,
  headBlock: () => Promise<bigint>,
  fetcher: Fetch = fetch,
): DataSource {
  const { query, all } = createSubgraphClient(url, fetcher);

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
    async totals() {
      const data = await query<{ protocol: { stakerCount: number; totalLocked: string } | null }>(PROTOCOL_QUERY);
      // The singleton appears with the first indexed event; before that nothing is locked.
      return {
        stakerCount: data.protocol?.stakerCount ?? 0,
        totalLocked: BigInt(data.protocol?.totalLocked ?? 0),
      };
    },
    async stakers() {
      const accounts = await all<{ id: string; lockAmount: string; lockEnd: string; autoMax: boolean }>(
        STAKERS_QUERY,
        "accounts",
        {},
        "0x",
      );
      return accounts.map((a) => ({
        account: a.id as Address,
        amount: BigInt(a.lockAmount),
        end: BigInt(a.lockEnd),
        autoMax: a.autoMax,
      }));
    },
    async revenueWeeks() {
      const weeks = await all<{ id: string; token: { id: string }; week: string; deposited: string }>(
        REVENUE_WEEKS_QUERY,
        "revenueWeeks",
        {},
        "0x",
      );
      return weeks
        .map((w) => ({ token: w.token.id as Address, week: BigInt(w.week), deposited: BigInt(w.deposited) }))
        .sort(byBigIntDesc((w) => w.week));
    },
    async claims(account) {
      const claims = await all<{
        id: string;
        token: { id: string };
        amount: string;
        relocked: boolean;
        lastWeekClaimed: string;
        timestamp: string;
        transactionHash: string;
      }>(CLAIMS_QUERY, "claims", { account: account.toLowerCase() }, "0x");
      return claims
        .map((c) => ({
          token: c.token.id as Address,
          amount: BigInt(c.amount),
          relocked: c.relocked,
          lastWeekClaimed: BigInt(c.lastWeekClaimed),
          timestamp: BigInt(c.timestamp),
          transactionHash: c.transactionHash as Hash,
        }))
        .sort(byBigIntDesc((c) => c.timestamp));
    },
    async proposals() {
      const proposals = await all<{
        id: string;
        proposalId: string;
        proposer: { id: string };
        targets: string[];
        values: string[];
        calldatas: string[];
        description: string;
        voteStart: string;
        voteEnd: string;
        createdBlock: string;
      }>(PROPOSALS_QUERY, "proposals", {}, "");
      return proposals
        .map((p) => ({
          id: BigInt(p.proposalId),
          proposer: p.proposer.id as Address,
          targets: p.targets as Address[],
          values: p.values.map(BigInt),
          calldatas: p.calldatas as Hex[],
          description: p.description,
          voteStart: BigInt(p.voteStart),
          voteEnd: BigInt(p.voteEnd),
          createdBlock: BigInt(p.createdBlock),
        }))
        .sort(byBigIntDesc((p) => p.createdBlock));
    },
    async votes(proposal) {
      const votes = await all<{
        id: string;
        voter: { id: string };
        support: number;
        weight: string;
        reason: string;
        blockNumber: string;
        transactionHash: string;
      }>(VOTES_QUERY, "votes", { proposal: proposal.id.toString(), fromBlock: proposal.createdBlock.toString() }, "0x");
      return votes
        .sort((a, b) => Number(BigInt(a.blockNumber) - BigInt(b.blockNumber)) || (a.id < b.id ? -1 : 1))
        .map((v) => ({
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
