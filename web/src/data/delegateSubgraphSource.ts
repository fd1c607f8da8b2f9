import type { Address, Hash } from "viem";
import type { DelegateSource } from "./delegateTypes";
import { createSubgraphClient } from "./subgraph/client";
import { ALL_VOTES_QUERY, DELEGATE_STATEMENTS_QUERY, DELEGATIONS_QUERY } from "./subgraph/delegateQueries";

type Fetch = typeof fetch;

export function createDelegateSubgraphSource(url: string, fetcher: Fetch = fetch): DelegateSource {
  const { all } = createSubgraphClient(url, fetcher);

  return {
    kind: "subgraph",
    async statements() {
      const rows = await all<{
        id: string;
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
        id: string;
        voter: { id: string };
        proposal: { proposalId: string };
        support: number;
        weight: string;
        reason: string;
        blockNumber: string;
        transactionHash: string;
      }>(ALL_VOTES_QUERY, "votes");
      // Paged by id; the directory reads votes in chain order.
      rows.sort((a, b) => Number(BigInt(a.blockNumber) - BigInt(b.blockNumber)));
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
