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
import {
  createPublicClient,
  custom,
  encodeAbiParameters,
  numberToHex,
  encodeEventTopics,
  type Abi,
  type AbiEvent,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { lockstepGovernorAbi, revenueDistributorAbi, votingEscrowAbi } from "../generated/contracts";
import { createChainSource, createProposalEventReader } from "./chainSource";
import { memoryLogCache } from "./logs/logCache";
import { createLogReader, type FetchLogs, type LogFilter, type RawLog } from "./logs/logReader";
import { createSubgraphSource } from "./subgraphSource";
import { ALL_QUERIES } from "./subgraph/queries";
import { proposalTitle } from "./types";
// The subgraph schema the documents must match, as text (Vite's ?raw import).
import sdl from "../../../subgraph/schema.graphql?raw";

const A = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const T = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

/** A fake subgraph: answers each query by name; list queries page through `lists` by id like The Graph. */
function fakeSubgraph(
  single: Record<string, unknown>,
  lists: Record<string, { field: string; items: ({ id: string } & Record<string, unknown>)[] }>,
) {
  return vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    const { query, variables } = JSON.parse(String(init?.body)) as {
      query: string;
      variables: { cursor?: string; block?: { number: number } | null };
    };
    const name = /query (\w+)/.exec(query)![1];
    if (name in lists) {
      const { field, items } = lists[name];
      const page = items
        .filter((item) => item.id > (variables.cursor ?? ""))
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, 1000);
      const block = variables.block?.number ?? 90;
      return new Response(JSON.stringify({ data: { _meta: { block: { number: block } }, [field]: page } }));
    }
    return new Response(JSON.stringify({ data: single[name] }), { status: 200 });
  }) as unknown as typeof fetch & { mock: { calls: [string, RequestInit][] } };
}

const bodiesOf = (fetcher: { mock: { calls: [string, RequestInit][] } }) =>
  fetcher.mock.calls.map((c) => JSON.parse(String(c[1].body)) as { query: string; variables: Record<string, unknown> });

describe("subgraph source", () => {
  it("maps entities to records with bigints", async () => {
    const fetcher = fakeSubgraph(
      {
        Meta: { _meta: { block: { number: 90 }, hasIndexingErrors: false } },
        Protocol: { protocol: { stakerCount: 7, totalLocked: "123" } },
        LockCreators: { lockCreators: [{ creator: T, allowed: true }] },
      },
      {
        Stakers: { field: "accounts", items: [{ id: A, lockAmount: "1000", lockEnd: "604800", autoMax: false }] },
        Claims: {
          field: "claims",
          items: [
            {
              id: "0x01",
              token: { id: T },
              amount: "5",
              relocked: true,
              lastWeekClaimed: "1209600",
              timestamp: "1300000",
              transactionHash: "0xaa",
            },
          ],
        },
        RevenueWeeks: {
          field: "revenueWeeks",
          items: [
            { id: "0x01", token: { id: T }, week: "604800", deposited: "77" },
            { id: "0x02", token: { id: T }, week: "1209600", deposited: "8" },
          ],
        },
        Proposals: {
          field: "proposals",
          items: [
            {
              id: "42",
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
        Votes: {
          field: "votes",
          items: [
            {
              id: "0x02",
              voter: { id: T },
              support: 0,
              weight: "1",
              reason: "",
              blockNumber: "9",
              transactionHash: "0xcc",
            },
            {
              id: "0x01",
              voter: { id: A },
              support: 1,
              weight: "9",
              reason: "yes",
              blockNumber: "7",
              transactionHash: "0xbb",
            },
          ],
        },
      },
    );
    const source = createSubgraphSource("http://indexer/graphql", async () => 100n, fetcher);
    expect(await source.status()).toEqual({ indexedBlock: 90n, headBlock: 100n, hasErrors: false });
    expect(await source.totals()).toEqual({ stakerCount: 7, totalLocked: 123n });
    expect(await source.lockCreators(A)).toEqual([{ creator: T, allowed: true }]);
    expect(await source.stakers()).toEqual([{ account: A, amount: 1000n, end: 604800n, autoMax: false }]);
    expect(await source.claims(A)).toEqual([
      { token: T, amount: 5n, relocked: true, lastWeekClaimed: 1209600n, timestamp: 1300000n, transactionHash: "0xaa" },
    ]);
    expect(await source.revenueWeeks()).toEqual([
      { token: T, week: 1209600n, deposited: 8n },
      { token: T, week: 604800n, deposited: 77n },
    ]);
    const [proposal] = await source.proposals();
    expect(proposal.id).toBe(42n);
    expect(proposal.values).toEqual([0n]);
    expect(await source.votes(proposal)).toEqual([
      { voter: A, support: 1, weight: 9n, reason: "yes", transactionHash: "0xbb" },
      { voter: T, support: 0, weight: 1n, reason: "", transactionHash: "0xcc" },
    ]);
    // Account ids are lower-case bytes in the subgraph; the proposal id is sent as its decimal entity id and
    // its votes are read from its creation block on.
    const bodies = bodiesOf(fetcher);
    expect(bodies.find((b) => b.query.includes("query Claims"))!.variables).toEqual({
      account: A,
      cursor: "0x",
      block: null,
    });
    expect(bodies.find((b) => b.query.includes("query Votes"))!.variables).toMatchObject({
      proposal: "42",
      fromBlock: "5",
    });
  });

  it("pages every list by id past 1,000 entities, pinned to the first page's block", async () => {
    const hex = (i: number) => `0x${i.toString(16).padStart(40, "0")}`;
    const accounts = Array.from({ length: 7_503 }, (_, i) => ({
      id: hex(i + 1),
      lockAmount: String(i + 1),
      lockEnd: "0",
      autoMax: true,
    }));
    const fetcher = fakeSubgraph({}, { Stakers: { field: "accounts", items: accounts } });
    const stakers = await createSubgraphSource("http://indexer", async () => 1n, fetcher).stakers();
    expect(stakers).toHaveLength(7_503);
    expect(new Set(stakers.map((s) => s.account)).size).toBe(7_503);
    const bodies = bodiesOf(fetcher);
    expect(bodies).toHaveLength(8);
    expect(bodies.map((b) => b.variables.cursor)).toEqual(["0x", ...[1, 2, 3, 4, 5, 6, 7].map((k) => hex(k * 1000))]);
    expect(bodies[0].variables.block).toBeNull();
    expect(bodies.slice(1).every((b) => (b.variables.block as { number: number }).number === 90)).toBe(true);
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
  // Real ABIs and encoded logs: the source decodes what eth_getLogs returns.
  const B = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
  const escrowAddress = "0x00000000000000000000000000000000000000e1";
  const distributorAddress = "0x00000000000000000000000000000000000000d1";
  const governorAddress = "0x00000000000000000000000000000000000000a1";
  type Spec = { address: string; abi: Abi; eventName: string; args: Record<string, unknown>; block: bigint };
  const encode = ({ address, abi, eventName, args, block }: Spec, i: number): RawLog => {
    const item = abi.find((x) => x.type === "event" && x.name === eventName) as AbiEvent;
    const indexed = item.inputs.filter((p) => p.indexed);
    const plain = item.inputs.filter((p) => !p.indexed);
    const topics = encodeEventTopics({
      abi,
      eventName,
      args: Object.fromEntries(indexed.map((p) => [p.name!, args[p.name!]])),
    } as never) as Hex[];
    return {
      address: address as Address,
      topics,
      data: encodeAbiParameters(
        plain,
        plain.map((p) => args[p.name!]),
      ),
      blockNumber: block,
      logIndex: i,
      transactionHash: `0x${block.toString(16).padStart(4, "0")}${i}` as Hex,
    };
  };
  const lockLogs: Spec[] = [
    { eventName: "LockCreated", args: { account: A, funder: A, amount: 100n, end: 604800n }, block: 10n },
    { eventName: "LockCreated", args: { account: T, funder: T, amount: 50n, end: 604800n }, block: 11n },
    { eventName: "LockCreated", args: { account: B, funder: A, amount: 70n, end: 1209600n }, block: 12n },
    { eventName: "LockIncreased", args: { account: A, funder: A, amount: 20n, newAmount: 120n }, block: 13n },
    { eventName: "LockExtended", args: { account: A, previousEnd: 604800n, newEnd: 1814400n }, block: 14n },
    { eventName: "AutoMaxSet", args: { account: B, enabled: true, end: 0n }, block: 15n },
    { eventName: "Withdrawn", args: { account: T, amount: 50n }, block: 16n },
    { eventName: "LockCreatorSet", args: { account: A, creator: T, allowed: true }, block: 17n },
    { eventName: "LockCreatorSet", args: { account: A, creator: B, allowed: true }, block: 18n },
    { eventName: "LockCreatorSet", args: { account: A, creator: T, allowed: false }, block: 19n },
    { eventName: "LockCreatorSet", args: { account: B, creator: T, allowed: true }, block: 19n },
  ].map((l) => ({ ...l, address: escrowAddress, abi: votingEscrowAbi as Abi }));
  const proposal = (id: bigint, description: string, voteStart: bigint, voteEnd: bigint, block: bigint): Spec => ({
    address: governorAddress,
    abi: lockstepGovernorAbi as Abi,
    eventName: "ProposalCreated",
    args: {
      proposalId: id,
      proposer: A,
      targets: [T],
      values: [0n],
      signatures: [""],
      calldatas: ["0x"],
      voteStart,
      voteEnd,
      description,
    },
    block,
  });
  const vote = (voter: string, proposalId: bigint, support: number, weight: bigint, block: bigint): Spec => ({
    address: governorAddress,
    abi: lockstepGovernorAbi as Abi,
    eventName: "VoteCast",
    args: { voter, proposalId, support, weight, reason: support === 1 ? "yes" : "" },
    block,
  });
  const governorLogs: Spec[] = [
    proposal(1n, "# One", 1_000n, 2_000n, 20n),
    proposal(2n, "Two", 3_000n, 4_000n, 40n),
    vote(A, 1n, 1, 4n, 25n),
    vote(T, 1n, 0, 2n, 30n),
    vote(B, 2n, 2, 3n, 45n),
    vote(A, 2n, 1, 5n, 60n),
    {
      address: governorAddress,
      abi: lockstepGovernorAbi as Abi,
      eventName: "ProposalExtended",
      args: { proposalId: 2n, extendedDeadline: 4_500n },
      block: 55n,
    },
    ...(
      [
        ["ProposalQueued", { proposalId: 1n, etaSeconds: 9_000n }, 35n],
        ["ProposalExecuted", { proposalId: 1n }, 90n],
        ["ProposalCanceled", { proposalId: 2n }, 57n],
      ] as const
    ).map(([eventName, args, block]) => ({
      address: governorAddress,
      abi: lockstepGovernorAbi as Abi,
      eventName,
      args,
      block,
    })),
  ];
  const distributorLogs: Spec[] = [
    { eventName: "RevenueDeposited", args: { token: T, week: 604800n, amount: 10n, from: A }, block: 17n },
    { eventName: "RevenueDeposited", args: { token: T, week: 604800n, amount: 5n, from: A }, block: 18n },
    { eventName: "RevenueDeposited", args: { token: T, week: 1209600n, amount: 7n, from: A }, block: 19n },
    {
      eventName: "RevenueClaimed",
      args: { account: A, token: T, amount: 3n, relocked: false, lastWeekClaimed: 604800n },
      block: 21n,
    },
    {
      eventName: "RevenueClaimed",
      args: { account: T, token: T, amount: 9n, relocked: true, lastWeekClaimed: 604800n },
      block: 22n,
    },
  ].map((l) => ({ ...l, address: distributorAddress, abi: revenueDistributorAbi as Abi }));
  const allLogs = [...lockLogs, ...governorLogs, ...distributorLogs].map(encode);
  const hashAt = (block: bigint) => allLogs.find((l) => l.blockNumber === block)!.transactionHash;

  /** eth_getLogs semantics: address, topic filters (OR lists per position) and the block range. */
  const matches = (filter: LogFilter, log: RawLog) =>
    filter.address.toLowerCase() === log.address.toLowerCase() &&
    filter.topics.every((t, i) => t === null || (Array.isArray(t) ? t.includes(log.topics[i]) : t === log.topics[i]));

  function setup(head = 100n) {
    const requests: [LogFilter, bigint, bigint][] = [];
    const fetchLogs: FetchLogs = async (filter, from, to) => {
      requests.push([filter, from, to]);
      return allLogs.filter((l) => matches(filter, l) && l.blockNumber >= from && l.blockNumber <= to);
    };
    // Block n has timestamp 100 * n.
    const blocks: bigint[] = [];
    const client = {
      getBlockNumber: async () => head,
      getBlock: async ({ blockNumber, blockTag }: { blockNumber?: bigint; blockTag?: string }) => {
        const number = blockTag === "latest" ? head : blockNumber!;
        blocks.push(number);
        return { number, timestamp: number * 100n, hash: "0x" };
      },
    } as unknown as PublicClient;
    const reader = createLogReader({
      chainId: 31337,
      fetchLogs,
      maxBlockRange: 16,
      cache: memoryLogCache(),
      reorgDepth: 0n,
    });
    const governor = { address: governorAddress, abi: lockstepGovernorAbi as Abi, fromBlock: 9n } as const;
    const source = createChainSource({
      client,
      reader,
      escrow: { address: escrowAddress, abi: votingEscrowAbi as Abi, fromBlock: 9n },
      distributor: { address: distributorAddress, abi: revenueDistributorAbi as Abi, fromBlock: 9n },
      governor,
    });
    const proposalEvents = createProposalEventReader({ client, reader, governor });
    return { source, proposalEvents, requests, blocks };
  }

  it("reports no indexing lag", async () => {
    expect(await setup().source.status()).toEqual({ indexedBlock: 100n, headBlock: 100n, hasErrors: false });
  });

  it("folds the lock events into current locks, without a call per account", async () => {
    const { source, requests } = setup();
    expect(await source.stakers()).toEqual([
      { account: A, amount: 120n, end: 1814400n, autoMax: false },
      { account: B, amount: 70n, end: 0n, autoMax: true },
    ]);
    expect(await source.totals()).toEqual({ stakerCount: 2, totalLocked: 190n });
    // Only lock events, from the deployment block, at most 16 blocks per request.
    expect(requests.every(([f]) => f.address === escrowAddress && Array.isArray(f.topics[0]))).toBe(true);
    expect((requests[0][0].topics[0] as Hex[]).length).toBe(5);
    expect(requests[0][1]).toBe(9n);
    expect(requests.every(([, from, to]) => to - from + 1n <= 16n)).toBe(true);
  });

  it("lists the lock creators an account currently allows, from its own LockCreatorSet logs", async () => {
    const { source, requests } = setup();
    const creators = await source.lockCreators(A as Address);
    expect(creators.map((c) => [c.creator.toLowerCase(), c.allowed])).toEqual([[B, true]]);
    expect(requests.every(([f]) => f.topics[1] === `0x${A.slice(2).padStart(64, "0")}`)).toBe(true);
  });

  it("sums deposits per token and week, newest week first", async () => {
    expect(await setup().source.revenueWeeks()).toEqual([
      { token: T, week: 1209600n, deposited: 7n },
      { token: T, week: 604800n, deposited: 15n },
    ]);
  });

  it("reads only the account's claims", async () => {
    const claims = await setup().source.claims(A);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ token: T, amount: 3n, relocked: false, blockNumber: 21n });
  });

  it("lists proposals newest first, with extended deadlines", async () => {
    const proposals = await setup().source.proposals();
    expect(proposals.map((p) => [p.id, p.voteEnd, p.createdBlock])).toEqual([
      [2n, 4_500n, 40n],
      [1n, 2_000n, 20n],
    ]);
    expect(proposalTitle(proposals[1].description)).toBe("One");
  });

  it("reads a proposal's votes only from its creation block to its deadline block", async () => {
    const { source, requests, blocks } = setup();
    const [second, first] = await source.proposals();
    requests.length = 0;
    // Block n has timestamp 100 * n: a deadline of 3,000 closes voting after block 30.
    expect(await source.votes({ ...first, voteEnd: 3_000n })).toEqual([
      { voter: A, support: 1, weight: 4n, reason: "yes", transactionHash: hashAt(25n) },
      { voter: T, support: 0, weight: 2n, reason: "", transactionHash: hashAt(30n) },
    ]);
    expect(requests.map(([, from, to]) => [from, to])).toEqual([
      [20n, 30n], // created at block 20; timestamp 3,000 is block 30
    ]);
    expect(blocks.length).toBeLessThanOrEqual(10); // interpolation and bisection: a handful of blocks
    requests.length = 0;
    // Proposal 2's extended deadline 4,500 is block 45; its vote in block 60 cannot exist and is not read.
    expect((await source.votes(second)).map((v) => v.voter)).toEqual([B]);
    expect(requests.map(([, from, to]) => [from, to])).toEqual([[40n, 45n]]);
  });

  it("reads up to the head while a proposal is open", async () => {
    const { source, requests, blocks } = setup(44n);
    const [second] = await source.proposals();
    requests.length = 0;
    // At head 44 the extension has not happened yet: with the deadline 4,500 the proposal is open.
    expect(await source.votes({ ...second, voteEnd: 4_500n })).toEqual([]);
    expect(requests.map(([, from, to]) => [from, to])).toEqual([[40n, 44n]]);
    expect(blocks).toEqual([44n]); // the head is before the deadline: no search
  });

  it("finds a proposal's queue, execute and cancel transactions from its creation block on, in pages", async () => {
    const { source, proposalEvents, requests, blocks } = setup();
    const [second, first] = await source.proposals();
    requests.length = 0;
    expect(await proposalEvents(first, { queued: true, executed: true })).toEqual({
      queued: { transactionHash: hashAt(35n), blockNumber: 35n, timestamp: 3_500n, eta: 9_000n },
      executed: { transactionHash: hashAt(90n), blockNumber: 90n, timestamp: 9_000n },
      canceled: undefined,
    });
    // Each event from the creation block (20) to the head (100), at most 16 blocks per request.
    const queuedTopic = requests[0][0].topics[0];
    expect(requests.filter(([f]) => f.topics[0] === queuedTopic).map(([, from, to]) => [from, to])).toEqual([
      [20n, 35n],
      [36n, 51n],
      [52n, 67n],
      [68n, 83n],
      [84n, 99n],
      [100n, 100n],
    ]);
    expect(requests.every(([f, from]) => f.address === governorAddress && from >= 20n)).toBe(true);
    expect(blocks).toEqual(expect.arrayContaining([35n, 90n])); // the timestamps of the two blocks
    // The later proposal's cancel: its own blocks only; another event's id is never taken for this one's.
    requests.length = 0;
    expect(await proposalEvents(second, { canceled: true, queued: true })).toEqual({
      queued: undefined,
      executed: undefined,
      canceled: { transactionHash: hashAt(57n), blockNumber: 57n, timestamp: 5_700n },
    });
    const canceledReads = requests.filter(([f]) => f.topics[0] !== queuedTopic);
    expect(canceledReads[0][1]).toBe(40n);
    // The queued stream was read from block 20 already: nothing is fetched again.
    expect(requests.filter(([f]) => f.topics[0] === queuedTopic)).toEqual([]);
  });

  it("lists what a new block added at once, with viem's real client (its block number cache is bypassed)", async () => {
    // viem's getBlockNumber answers from a cache for the polling interval (4 s) unless told otherwise: a list
    // refetched because a block arrived would be read up to the block before, and stay without its logs.
    let head = 100n;
    const logs = [...allLogs];
    const client = createPublicClient({
      transport: custom({
        request: async ({ method }: { method: string }) => {
          if (method === "eth_blockNumber") return numberToHex(head);
          throw new Error(`unexpected ${method}`);
        },
      }),
    });
    const reader = createLogReader({
      chainId: 31337,
      fetchLogs: async (filter, from, to) =>
        logs.filter((l) => matches(filter, l) && l.blockNumber >= from && l.blockNumber <= to),
      maxBlockRange: 16,
      cache: memoryLogCache(),
      reorgDepth: 0n,
    });
    const source = createChainSource({
      client,
      reader,
      escrow: { address: escrowAddress, abi: votingEscrowAbi as Abi, fromBlock: 9n },
      governor: { address: governorAddress, abi: lockstepGovernorAbi as Abi, fromBlock: 9n },
    });
    expect((await source.proposals()).map((p) => p.id)).toEqual([2n, 1n]);
    expect((await source.lockCreators(A as Address)).map((c) => c.creator.toLowerCase())).toEqual([B]);
    // Block 101: a new proposal and a newly allowed lock creator; the lists are read again at once.
    logs.push(
      encode(proposal(3n, "Three", 5_000n, 6_000n, 101n), 0),
      encode(
        {
          address: escrowAddress,
          abi: votingEscrowAbi as Abi,
          eventName: "LockCreatorSet",
          args: { account: A, creator: T, allowed: true },
          block: 101n,
        },
        1,
      ),
    );
    head = 101n;
    expect((await source.proposals()).map((p) => p.id)).toEqual([3n, 2n, 1n]);
    expect((await source.lockCreators(A as Address)).map((c) => c.creator.toLowerCase()).sort()).toEqual([B, T].sort());
    expect(await source.status()).toMatchObject({ headBlock: 101n });
  });

  it("returns empty lists when a contract is not deployed", async () => {
    const bare = createChainSource({
      client: { getBlockNumber: async () => 1n } as unknown as PublicClient,
      reader: createLogReader({
        chainId: 1,
        fetchLogs: async () => [],
        maxBlockRange: 10,
        cache: memoryLogCache(),
        reorgDepth: 0n,
      }),
    });
    expect(await bare.proposals()).toEqual([]);
    expect(await bare.stakers()).toEqual([]);
    expect(await bare.totals()).toEqual({ stakerCount: 0, totalLocked: 0n });
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
