import type { Address, Hash, Hex } from "viem";

/**
 * Lists and history come from one interface with two implementations: the subgraph when VITE_SUBGRAPH_URL
 * is set, chain logs otherwise. User-specific state (balances, locks, claimable amounts, votes) is always
 * read from the chain by the features, never from here.
 */
export interface DataSource {
  readonly kind: "subgraph" | "chain";
  /** How far the index is behind the chain head (0 blocks for chain logs). */
  status(): Promise<IndexStatus>;
  /** Every account holding a lock (expired or not, until withdrawn). */
  stakers(): Promise<StakerRecord[]>;
  /** Number of lock holders and the sum of their locked amounts. */
  totals(): Promise<ProtocolTotals>;
  /** Revenue deposited per token and week, newest week first. */
  revenueWeeks(): Promise<RevenueWeekRecord[]>;
  /** The claims of `account`, newest first. */
  claims(account: Address): Promise<ClaimRecord[]>;
  /** Every proposal, newest first. */
  proposals(): Promise<ProposalRecord[]>;
  /** The votes cast on one proposal (only the blocks from its creation to its deadline are read). */
  votes(proposal: VoteScope): Promise<VoteRecord[]>;
  /** The addresses `account` allowed to create its lock (its last LockCreatorSet for them said allowed). */
  lockCreators(account: Address): Promise<LockCreatorRecord[]>;
}

export type IndexStatus = { indexedBlock: bigint; headBlock: bigint; hasErrors: boolean };
export type StakerRecord = { account: Address; amount: bigint; end: bigint; autoMax: boolean };
export type ProtocolTotals = { stakerCount: number; totalLocked: bigint };
/** What locates a proposal's votes: its id, creation block and deadline (a timestamp). */
export type VoteScope = Pick<ProposalRecord, "id" | "createdBlock" | "voteEnd">;
export type RevenueWeekRecord = { token: Address; week: bigint; deposited: bigint };
export type ClaimRecord = {
  token: Address;
  amount: bigint;
  relocked: boolean;
  lastWeekClaimed: bigint;
  blockNumber?: bigint;
  timestamp?: bigint;
  transactionHash: Hash;
};
export type ProposalRecord = {
  id: bigint;
  proposer: Address;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  description: string;
  voteStart: bigint;
  voteEnd: bigint;
  createdBlock: bigint;
};
/** One governor event of a proposal's timeline: where it happened and when. */
export type GovernorEventRecord = { transactionHash: Hash; blockNumber: bigint; timestamp: bigint };
/** Which of a proposal's queue, execute and cancel transactions to look for (only those its state implies). */
export type WantedProposalEvents = { queued?: boolean; executed?: boolean; canceled?: boolean };
export type ProposalEventRecords = {
  queued?: GovernorEventRecord & { eta: bigint };
  executed?: GovernorEventRecord;
  canceled?: GovernorEventRecord;
};
export type LockCreatorRecord = { creator: Address; allowed: boolean };
export type VoteRecord = {
  voter: Address;
  support: number;
  weight: bigint;
  reason: string;
  transactionHash: Hash;
};

/** First line of a description without Markdown heading marks: the proposal's title. */
export function proposalTitle(description: string): string {
  const first = description.split("\n").find((line) => line.trim() !== "") ?? "Untitled proposal";
  return first.replace(/^#+\s*/, "").trim();
}
