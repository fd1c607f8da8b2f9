/**
 * The GraphQL documents of the delegate directory (validated against subgraph/schema.graphql by a test). Lists
 * are paged by `id_gt` and pinned to one block (see subgraph/client.ts).
 */
export const DELEGATE_STATEMENTS_QUERY = /* GraphQL */ `
  query DelegateStatements($cursor: Bytes!, $block: Block_height) {
    _meta(block: $block) {
      block {
        number
      }
    }
    delegateStatements(first: 1000, where: { id_gt: $cursor }, orderBy: id, orderDirection: asc, block: $block) {
      id
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
  query Delegations($cursor: Bytes!, $block: Block_height) {
    _meta(block: $block) {
      block {
        number
      }
    }
    accounts(first: 1000, where: { id_gt: $cursor }, orderBy: id, orderDirection: asc, block: $block) {
      id
      delegate {
        id
      }
    }
  }
`;

export const ALL_VOTES_QUERY = /* GraphQL */ `
  query AllVotes($cursor: Bytes!, $block: Block_height) {
    _meta(block: $block) {
      block {
        number
      }
    }
    votes(first: 1000, where: { id_gt: $cursor }, orderBy: id, orderDirection: asc, block: $block) {
      id
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
