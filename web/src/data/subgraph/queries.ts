/**
 * Every GraphQL document the app sends to the subgraph (validated against subgraph/schema.graphql by a test).
 *
 * Lists are read with cursor pagination: `where: { id_gt: $cursor }, orderBy: id, first: 1000` (the most The
 * Graph returns), repeated with the last id until a page comes back short, so nothing is silently cut off.
 * Each list selects `_meta.block` on its first page and pins the following pages to that block
 * (`block: { number }`), so a list is one consistent snapshot even while the indexer moves on.
 */
export const PAGE_SIZE = 1000;

export const META_QUERY = /* GraphQL */ `
  query Meta {
    _meta {
      block {
        number
      }
      hasIndexingErrors
    }
  }
`;

/** Aggregates kept by the subgraph (Protocol.stakerCount, Protocol.totalLocked): one request at any scale. */
export const PROTOCOL_QUERY = /* GraphQL */ `
  query Protocol {
    protocol(id: "protocol") {
      stakerCount
      totalLocked
    }
  }
`;

/**
 * The compact lock parts of every holder, for client-side aggregates of decaying scores (level distribution):
 * about 150 bytes per staker, ceil(stakers / 1000) requests (10 at 10,000 stakers, 50 at 50,000).
 */
export const STAKERS_QUERY = /* GraphQL */ `
  query Stakers($cursor: Bytes!, $block: Block_height) {
    _meta(block: $block) {
      block {
        number
      }
    }
    accounts(
      first: 1000
      where: { lockAmount_gt: "0", id_gt: $cursor }
      orderBy: id
      orderDirection: asc
      block: $block
    ) {
      id
      lockAmount
      lockEnd
      autoMax
    }
  }
`;

export const REVENUE_WEEKS_QUERY = /* GraphQL */ `
  query RevenueWeeks($cursor: Bytes!, $block: Block_height) {
    _meta(block: $block) {
      block {
        number
      }
    }
    revenueWeeks(first: 1000, where: { id_gt: $cursor }, orderBy: id, orderDirection: asc, block: $block) {
      id
      token {
        id
      }
      week
      deposited
    }
  }
`;

export const CLAIMS_QUERY = /* GraphQL */ `
  query Claims($account: String!, $cursor: Bytes!, $block: Block_height) {
    _meta(block: $block) {
      block {
        number
      }
    }
    claims(first: 1000, where: { account: $account, id_gt: $cursor }, orderBy: id, orderDirection: asc, block: $block) {
      id
      token {
        id
      }
      amount
      relocked
      lastWeekClaimed
      timestamp
      transactionHash
    }
  }
`;

export const PROPOSALS_QUERY = /* GraphQL */ `
  query Proposals($cursor: ID!, $block: Block_height) {
    _meta(block: $block) {
      block {
        number
      }
    }
    proposals(first: 1000, where: { id_gt: $cursor }, orderBy: id, orderDirection: asc, block: $block) {
      id
      proposalId
      proposer {
        id
      }
      targets
      values
      calldatas
      description
      voteStart
      voteEnd
      createdBlock
    }
  }
`;

/** A proposal's votes, only from its creation block on (where they can occur). */
export const VOTES_QUERY = /* GraphQL */ `
  query Votes($proposal: String!, $fromBlock: BigInt!, $cursor: Bytes!, $block: Block_height) {
    _meta(block: $block) {
      block {
        number
      }
    }
    votes(
      first: 1000
      where: { proposal: $proposal, blockNumber_gte: $fromBlock, id_gt: $cursor }
      orderBy: id
      orderDirection: asc
      block: $block
    ) {
      id
      voter {
        id
      }
      support
      weight
      reason
      blockNumber
      transactionHash
    }
  }
`;

export const LOCK_CREATORS_QUERY = /* GraphQL */ `
  query LockCreators($account: String!) {
    lockCreators(first: 1000, where: { account: $account, allowed: true }, orderBy: updatedAt, orderDirection: desc) {
      creator
      allowed
    }
  }
`;

export const ALL_QUERIES = {
  META_QUERY,
  PROTOCOL_QUERY,
  STAKERS_QUERY,
  REVENUE_WEEKS_QUERY,
  CLAIMS_QUERY,
  PROPOSALS_QUERY,
  VOTES_QUERY,
  LOCK_CREATORS_QUERY,
};
