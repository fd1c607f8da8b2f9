import type { Address, Hash } from "viem";

/**
 * What the delegate directory needs beyond DataSource: statements, who delegates to whom, and every vote.
 * Two implementations, like DataSource: the subgraph when VITE_SUBGRAPH_URL is set, chain logs otherwise.
 * Addresses are lower-case in both, so records from either compare equal.
 */
export interface DelegateSource {
  readonly kind: "subgraph" | "chain";
  /** The current statement of every account that has one (published and not cleared since). */
  statements(): Promise<StatementRecord[]>;
  /** Every account that ever delegated (the escrow's first lock counts), with its current delegate. */
  delegations(): Promise<DelegationRecord[]>;
  /** Every vote on every proposal, oldest first. */
  allVotes(): Promise<CastVoteRecord[]>;
}

export type StatementRecord = {
  delegate: Address;
  name: string;
  statement: string;
  link: string;
  blockNumber: bigint;
};

export type DelegationRecord = { delegator: Address; delegate: Address };

export type CastVoteRecord = {
  voter: Address;
  proposalId: bigint;
  /** 0 = Against, 1 = For, 2 = Abstain. */
  support: number;
  weight: bigint;
  reason: string;
  blockNumber: bigint;
  transactionHash: Hash;
};
