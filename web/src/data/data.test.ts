import { describe, expect, it, vi } from "vitest";
import {
  buildSchema,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  type GraphQLNamedType,
  type GraphQLType,
  type SelectionSetNode,
} from "graphql";
import type { PublicClient } from "viem";
import { createChainSource } from "./chainSource";
import { createSubgraphSource } from "./subgraphSource";
import { ALL_QUERIES } from "./subgraph/queries";
import { proposalTitle } from "./types";
// The subgraph schema the documents must match, as text (Vite's ?raw import).
import sdl from "../../../subgraph/schema.graphql?raw";

const A = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const T = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const B = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

function fakeFetch(responses: Record<string, unknown>) {
  return vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    const { query } = JSON.parse(String(init?.body)) as { query: string };
    const name = /query (\w+)/.exec(query)![1];
    return new Response(JSON.stringify({ data: responses[name] }), { status: 200 });
  }) as unknown as typeof fetch;
}

describe("subgraph source", () => {
  it("maps entities to records with bigints", async () => {
    const fetcher = fakeFetch({
      Meta: { _meta: { block: { number: 90 }, hasIndexingErrors: false } },
      Stakers: { accounts: [{ id: A, lockAmount: "1000", lockEnd: "604800", autoMax: false }] },
      Claims: {
        claims: [
          {
            token: { id: T },
            amount: "5",
            relocked: true,
            lastWeekClaimed: "1209600",
            timestamp: "1300000",
            transactionHash: "0xaa",
          },
        ],
      },
      RevenueWeeks: { revenueWeeks: [{ token: { id: T }, week: "604800", deposited: "77" }] },
      Proposals: {
        proposals: [
          {
            proposalId: "42",
            proposer: { id: A },
            targets: [T],
            values: ["0"],
            calldatas: ["0x"],
            description: "# Title\nBody",
            voteStart: "10",
            voteEnd: "20",
            createdBlock: "5",
          },
        ],
      },
      Votes: { votes: [{ voter: { id: A }, support: 1, weight: "9", reason: "yes", transactionHash: "0xbb" }] },
      LockCreators: { lockCreators: [{ creator: T, allowed: true }] },
    });
    const source = createSubgraphSource("http://indexer/graphql", async () => 100n, fetcher);
    expect(await source.status()).toEqual({ indexedBlock: 90n, headBlock: 100n, hasErrors: false });
    expect(await source.stakers()).toEqual([{ account: A, amount: 1000n, end: 604800n, autoMax: false }]);
    expect(await source.claims(A)).toEqual([
      { token: T, amount: 5n, relocked: true, lastWeekClaimed: 1209600n, timestamp: 1300000n, transactionHash: "0xaa" },
    ]);
    expect(await source.revenueWeeks()).toEqual([{ token: T, week: 604800n, deposited: 77n }]);
    const [proposal] = await source.proposals();
    expect(proposal.id).toBe(42n);
    expect(proposal.values).toEqual([0n]);
    expect(await source.votes(42n)).toEqual([
      { voter: A, support: 1, weight: 9n, reason: "yes", transactionHash: "0xbb" },
    ]);
    // Account ids are lower-case bytes in the subgraph; the proposal id is sent as its decimal entity id.
    const bodies = (fetcher as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls.map((c) =>
      JSON.parse(String(c[1].body)),
    );
    expect(bodies.find((b) => b.query.includes("query Claims")).variables).toEqual({ account: A });
    expect(await source.lockCreators(A.toUpperCase().replace("0X", "0x") as `0x${string}`)).toEqual([
      { creator: T, allowed: true },
    ]);
    const lockCreatorsBody = (fetcher as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls
      .map((c) => JSON.parse(String(c[1].body)))
      .find((b) => b.query.includes("query LockCreators"));
    expect(lockCreatorsBody.variables).toEqual({ account: A });
    expect(bodies.find((b) => b.query.includes("query Votes")).variables).toEqual({ proposal: "42" });
  });

  it("fails loudly (never an empty list) when the subgraph errors", async () => {
    const fetcher = vi.fn(
      async () => new Response(JSON.stringify({ errors: [{ message: "indexing failed" }] })),
    ) as unknown as typeof fetch;
    const source = createSubgraphSource("http://indexer", async () => 1n, fetcher);
    await expect(source.stakers()).rejects.toThrow("Subgraph error: indexing failed");
    const down = vi.fn(async () => new Response("", { status: 502 })) as unknown as typeof fetch;
    await expect(createSubgraphSource("http://indexer", async () => 1n, down).proposals()).rejects.toThrow("502");
  });
});

describe("chain-log source", () => {
  const log = (args: Record<string, unknown>, blockNumber = 1n, logIndex = 0) => ({
    args,
    blockNumber,
    logIndex,
    transactionHash: `0x${blockNumber}${logIndex}`,
  });
  const client = {
    getBlockNumber: async () => 50n,
    getContractEvents: async ({ eventName, args }: { eventName: string; args?: { account?: string } }) => {
      switch (eventName) {
        case "LockCreated":
          return [log({ account: A }), log({ account: T }, 2n), log({ account: A }, 3n)];
        case "RevenueDeposited":
          return [
            log({ token: T, week: 604800n, amount: 10n }),
            log({ token: T, week: 604800n, amount: 5n }, 2n),
            log({ token: T, week: 1209600n, amount: 7n }, 3n),
          ];
        case "RevenueClaimed":
          expect(args).toEqual({ account: A });
          return [log({ token: T, amount: 3n, relocked: false, lastWeekClaimed: 604800n }, 4n)];
        case "ProposalCreated":
          return [
            log(
              {
                proposalId: 1n,
                proposer: A,
                targets: [T],
                values: [0n],
                calldatas: ["0x"],
                description: "# One",
                voteStart: 1n,
                voteEnd: 2n,
              },
              5n,
            ),
            log(
              {
                proposalId: 2n,
                proposer: A,
                targets: [T],
                values: [0n],
                calldatas: ["0x"],
                description: "Two",
                voteStart: 3n,
                voteEnd: 4n,
              },
              6n,
            ),
          ];
        case "LockCreatorSet":
          expect(args).toEqual({ account: A });
          // T allowed then revoked, A2 allowed: only the last event of each creator counts.
          return [
            log({ account: A, creator: T, allowed: true }, 9n),
            log({ account: A, creator: B, allowed: true }, 10n),
            log({ account: A, creator: T.toUpperCase().replace("0X", "0x"), allowed: false }, 11n),
          ];
        case "VoteCast":
          return [
            log({ voter: A, proposalId: 1n, support: 1, weight: 4n, reason: "" }, 7n),
            log({ voter: T, proposalId: 2n, support: 0, weight: 2n, reason: "no" }, 8n),
          ];
        default:
          return [];
      }
    },
    readContract: async ({ args }: { args: [string] }) => (args[0] === A ? [100n, 604800n, false] : [0n, 0n, false]),
  } as unknown as PublicClient;
  const contract = { address: T as `0x${string}`, abi: [] };
  const source = createChainSource({
    client,
    fromBlock: 0n,
    escrow: contract,
    distributor: contract,
    governor: contract,
  });

  it("reports no indexing lag", async () => {
    expect(await source.status()).toEqual({ indexedBlock: 50n, headBlock: 50n, hasErrors: false });
  });
  it("lists current lock holders once, skipping withdrawn locks", async () => {
    expect(await source.stakers()).toEqual([{ account: A, amount: 100n, end: 604800n, autoMax: false }]);
  });
  it("sums deposits per token and week, newest week first", async () => {
    expect(await source.revenueWeeks()).toEqual([
      { token: T, week: 1209600n, deposited: 7n },
      { token: T, week: 604800n, deposited: 15n },
    ]);
  });
  it("returns claims, proposals newest first and the votes of one proposal", async () => {
    expect((await source.claims(A))[0]).toMatchObject({ token: T, amount: 3n, relocked: false, blockNumber: 4n });
    expect((await source.proposals()).map((p) => p.id)).toEqual([2n, 1n]);
    expect(await source.votes(2n)).toEqual([
      { voter: T, support: 0, weight: 2n, reason: "no", transactionHash: "0x80" },
    ]);
  });
  it("lists the lock creators whose last LockCreatorSet allowed them", async () => {
    expect(await source.lockCreators(A)).toEqual([{ creator: B, allowed: true }]);
  });
  it("returns empty lists when a contract is not deployed", async () => {
    const bare = createChainSource({ client, fromBlock: 0n });
    expect(await bare.proposals()).toEqual([]);
    expect(await bare.stakers()).toEqual([]);
    expect(await bare.lockCreators(A)).toEqual([]);
  });
});

describe("GraphQL documents", () => {
  // Check every selected field and filter against the entity types of subgraph/schema.graphql.
  const schema = buildSchema(
    `scalar BigInt\nscalar Bytes\nscalar BigDecimal\nscalar Int8\nscalar Timestamp\ndirective @entity(immutable: Boolean, timeseries: Boolean) on OBJECT\ndirective @derivedFrom(field: String!) on FIELD_DEFINITION\ndirective @index(fields: [String!]) on OBJECT\n${sdl}`,
    { assumeValidSDL: true },
  );
  const unwrap = (type: GraphQLType): GraphQLNamedType =>
    isNonNullType(type) || isListType(type) ? unwrap(type.ofType) : type;
  const entityFor = (field: string) => {
    const singular = field.replace(/ies$/, "y").replace(/s$/, "");
    return schema.getType(singular.charAt(0).toUpperCase() + singular.slice(1));
  };
  function check(typeName: string, selection: SelectionSetNode, where: string) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${where}: ${typeName} is not an entity`);
    for (const node of selection.selections) {
      if (node.kind !== "Field") continue;
      const field = type.getFields()[node.name.value];
      expect(field, `${where}: ${typeName}.${node.name.value}`).toBeDefined();
      if (node.selectionSet) check(unwrap(field.type).name, node.selectionSet, where);
    }
  }

  it.each(Object.entries(ALL_QUERIES))("%s selects fields that exist", (name, document) => {
    const ast = parse(document);
    for (const definition of ast.definitions) {
      if (definition.kind !== "OperationDefinition") continue;
      for (const root of definition.selectionSet.selections) {
        if (root.kind !== "Field" || root.name.value === "_meta") continue;
        const entity = entityFor(root.name.value);
        expect(entity, `${name}: no entity for ${root.name.value}`).toBeDefined();
        check(entity!.name, root.selectionSet!, name);
        const whereArg = root.arguments?.find((a) => a.name.value === "where");
        if (whereArg && whereArg.value.kind === "ObjectValue") {
          for (const f of whereArg.value.fields) {
            const base = f.name.value.replace(/_(gt|gte|lt|lte|not|in|not_in|contains)$/, "");
            expect(isObjectType(entity) && entity.getFields()[base], `${name}: filter ${f.name.value}`).toBeTruthy();
          }
        }
        const orderBy = root.arguments?.find((a) => a.name.value === "orderBy");
        if (orderBy && orderBy.value.kind === "EnumValue" && isObjectType(entity)) {
          expect(entity.getFields()[orderBy.value.value], `${name}: orderBy ${orderBy.value.value}`).toBeDefined();
        }
      }
    }
  });
});

describe("proposalTitle", () => {
  it("takes the first non-empty line without Markdown heading marks", () => {
    expect(proposalTitle("# Add a token\n\nBody")).toBe("Add a token");
    expect(proposalTitle("\n\nPlain title\nmore")).toBe("Plain title");
    expect(proposalTitle("")).toBe("Untitled proposal");
  });
});
