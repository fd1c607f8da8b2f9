/**
 * Every GraphQL document the app sends to the subgraph (validated against subgraph/schema.graphql by a test).
 */
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

export const STAKERS_QUERY = /* GraphQL */ `
  query Stakers($skip: Int!) {
    accounts(first: 1000, skip: $skip, where: { lockAmount_gt: "0" }, orderBy: lockAmount, orderDirection: desc) {
      id
      lockAmount
      lockEnd
      autoMax
    }
  }
`;

export const REVENUE_WEEKS_QUERY = /* GraphQL */ `
  query RevenueWeeks {
    revenueWeeks(first: 1000, orderBy: week, orderDirection: desc) {
      token {
        id
      }
      week
      deposited
    }
  }
`;

export const CLAIMS_QUERY = /* GraphQL */ `
  query Claims($account: String!) {
    claims(first: 1000, where: { account: $account }, orderBy: timestamp, orderDirection: desc) {
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
  query Proposals {
    proposals(first: 1000, orderBy: createdAt, orderDirection: desc) {
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

export const VOTES_QUERY = /* GraphQL */ `
  query Votes($proposal: String!) {
    votes(first: 1000, where: { proposal: $proposal }, orderBy: timestamp, orderDirection: asc) {
      voter {
        id
      }
      support
      weight
      reason
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
  STAKERS_QUERY,
  REVENUE_WEEKS_QUERY,
  CLAIMS_QUERY,
  PROPOSALS_QUERY,
  VOTES_QUERY,
  LOCK_CREATORS_QUERY,
};
