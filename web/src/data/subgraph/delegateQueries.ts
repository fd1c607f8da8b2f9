/**
 * The GraphQL documents of the delegate directory (validated against subgraph/schema.graphql by a test).
 */
export const DELEGATE_STATEMENTS_QUERY = /* GraphQL */ `
  query DelegateStatements($skip: Int!) {
    delegateStatements(first: 1000, skip: $skip, orderBy: blockNumber, orderDirection: asc) {
      delegate {
        id
      }
      name
      statement
      link
      blockNumber
    }
  }
`;

export const DELEGATIONS_QUERY = /* GraphQL */ `
  query Delegations($skip: Int!) {
    accounts(first: 1000, skip: $skip, orderBy: id) {
      id
      delegate {
        id
      }
    }
  }
`;

export const ALL_VOTES_QUERY = /* GraphQL */ `
  query AllVotes($skip: Int!) {
    votes(first: 1000, skip: $skip, orderBy: blockNumber, orderDirection: asc) {
      voter {
        id
      }
      proposal {
        proposalId
      }
      support
      weight
      reason
      blockNumber
      transactionHash
    }
  }
`;
