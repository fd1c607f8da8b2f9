import { describe, expect, it, vi } from "vitest";
import { encodeAbiParameters, encodeEventTopics, type Abi, type AbiEvent, type Hex } from "viem";
import { delegateRegistryAbi, lockstepGovernorAbi, votingEscrowAbi } from "../generated/contracts";
import { createDelegateChainSource } from "./delegateChainSource";
import { createDelegateSubgraphSource } from "./delegateSubgraphSource";
import type { LogReader, RawLog } from "./logs/logReader";

const A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const B = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const C = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

type FakeEvent = { eventName: string; args: Record<string, unknown>; blockNumber: bigint };

/** A log of `abi`'s `eventName` with `args`, encoded as a node would return it. */
function encodeLog(address: string, abi: Abi, { eventName, args, blockNumber }: FakeEvent): RawLog {
  const event = abi.find((item): item is AbiEvent => item.type === "event" && item.name === eventName)!;
  const topics = encodeEventTopics({ abi: [event], eventName, args } as never) as Hex[];
  const data = event.inputs.filter((input) => !input.indexed);
  return {
    address: address as `0x${string}`,
    topics,
    data: encodeAbiParameters(
      data,
      data.map((input) => args[input.name!]),
    ),
    blockNumber,
    logIndex: 0,
    transactionHash: "0xaa",
  };
}

/** A log reader over fixed logs, answering by address and topic0 (one or a list) in chain order, as the real one. */
function fakeReader(logs: RawLog[]): LogReader & { read: ReturnType<typeof vi.fn> } {
  return {
    read: vi.fn(async (filter: { address: string; topics: (Hex | Hex[])[] }, from: bigint, to: bigint) => {
      const wanted = ([] as Hex[]).concat(filter.topics[0]);
      return logs
        .filter((l) => l.address === filter.address && wanted.includes(l.topics[0] as Hex))
        .filter((l) => l.blockNumber >= from && l.blockNumber <= to)
        .sort((x, y) => Number(x.blockNumber - y.blockNumber));
    }),
  } as unknown as LogReader & { read: ReturnType<typeof vi.fn> };
}

const client = { getBlockNumber: vi.fn(async () => 100n) };
const contract = (address: string, abi: Abi) => ({ address: address as `0x${string}`, abi, fromBlock: 1n });

describe("delegate chain source", () => {
  const registry = "0x0000000000000000000000000000000000000001";
  const escrow = "0x0000000000000000000000000000000000000002";
  const governor = "0x0000000000000000000000000000000000000003";
  const events = {
    [registry]: [
      { eventName: "StatementPublished", args: { delegate: A, name: "A1", statement: "s", link: "" }, blockNumber: 1n },
      { eventName: "StatementPublished", args: { delegate: B, name: "B", statement: "s", link: "" }, blockNumber: 2n },
      {
        eventName: "StatementPublished",
        args: { delegate: A, name: "A2", statement: "t", link: "https://a" },
        blockNumber: 3n,
      },
      { eventName: "StatementCleared", args: { delegate: B }, blockNumber: 4n },
    ],
    [escrow]: [
      { eventName: "DelegateChanged", args: { delegator: A, fromDelegate: A, toDelegate: B }, blockNumber: 1n },
      { eventName: "DelegateChanged", args: { delegator: C, fromDelegate: C, toDelegate: C }, blockNumber: 2n },
      { eventName: "DelegateChanged", args: { delegator: A, fromDelegate: B, toDelegate: C }, blockNumber: 3n },
    ],
    [governor]: [
      {
        eventName: "VoteCastWithParams",
        args: { voter: B, proposalId: 7n, support: 2, weight: 3n, reason: "p", params: "0x" },
        blockNumber: 9n,
      },
      {
        eventName: "VoteCast",
        args: { voter: A, proposalId: 7n, support: 1, weight: 5n, reason: "" },
        blockNumber: 8n,
      },
    ],
  };
  const abis: Record<string, Abi> = {
    [registry]: delegateRegistryAbi,
    [escrow]: votingEscrowAbi,
    [governor]: lockstepGovernorAbi,
  };
  const reader = fakeReader(
    Object.entries(events).flatMap(([address, list]) => list.map((e) => encodeLog(address, abis[address], e))),
  );
  const source = createDelegateChainSource({
    client,
    reader,
    registry: contract(registry, delegateRegistryAbi),
    escrow: contract(escrow, votingEscrowAbi),
    governor: contract(governor, lockstepGovernorAbi),
  });

  it("keeps each delegate's latest statement and drops cleared ones", async () => {
    expect(await source.statements()).toEqual([
      { delegate: A.toLowerCase(), name: "A2", statement: "t", link: "https://a", blockNumber: 3n },
    ]);
  });

  it("keeps each account's latest delegation", async () => {
    expect(await source.delegations()).toEqual([
      { delegator: A.toLowerCase(), delegate: C.toLowerCase() },
      { delegator: C.toLowerCase(), delegate: C.toLowerCase() },
    ]);
  });

  it("reads each list through the paged log reader from the contract's deployment block to a fresh head", async () => {
    await source.statements();
    expect(reader.read).toHaveBeenLastCalledWith(expect.objectContaining({ address: registry }), 1n, 100n);
    expect(client.getBlockNumber).toHaveBeenLastCalledWith({ cacheTime: 0 });
  });

  it("lists votes with and without params in block order", async () => {
    const votes = await source.allVotes();
    expect(votes.map((v) => [v.voter, v.support, v.weight])).toEqual([
      [A.toLowerCase(), 1, 5n],
      [B.toLowerCase(), 2, 3n],
    ]);
  });

  it("returns nothing for a contract that is not deployed", async () => {
    const empty = createDelegateChainSource({ client, reader: fakeReader([]) });
    expect(await empty.statements()).toEqual([]);
    expect(await empty.delegations()).toEqual([]);
    expect(await empty.allVotes()).toEqual([]);
  });
});

describe("delegate subgraph source", () => {
  it("maps entities to records and pages past 1,000 by id, pinned to the first page's block", async () => {
    const accounts = Array.from({ length: 1000 }, (_, i) => ({
      id: `0x${i.toString(16).padStart(40, "0")}`,
      delegate: { id: B },
    }));
    const requests: { name: string; cursor: string; block: unknown }[] = [];
    const fetcher = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      const { query, variables } = JSON.parse(String(init?.body)) as {
        query: string;
        variables: { cursor: string; block: unknown };
      };
      const name = /query (\w+)/.exec(query)![1];
      requests.push({ name, cursor: variables.cursor, block: variables.block });
      const vote = (id: string, blockNumber: string) => ({
        id,
        voter: { id: A },
        proposal: { proposalId: "42" },
        support: 0,
        weight: "9",
        reason: "no",
        blockNumber,
        transactionHash: "0xbb",
      });
      const data = {
        DelegateStatements: {
          delegateStatements: [{ id: A, delegate: { id: A }, name: "A", statement: "s", link: "", blockNumber: "12" }],
        },
        Delegations: { accounts: variables.cursor === "0x" ? accounts : [{ id: C, delegate: { id: C } }] },
        AllVotes: { votes: [vote("0x01", "7"), vote("0x02", "5")] },
      }[name];
      return new Response(JSON.stringify({ data: { _meta: { block: { number: 77 } }, ...data } }), { status: 200 });
    }) as unknown as typeof fetch;
    const source = createDelegateSubgraphSource("http://subgraph", fetcher);
    expect(await source.statements()).toEqual([
      { delegate: A.toLowerCase(), name: "A", statement: "s", link: "", blockNumber: 12n },
    ]);
    const delegations = await source.delegations();
    expect(delegations).toHaveLength(1001);
    expect(delegations.at(-1)).toEqual({ delegator: C.toLowerCase(), delegate: C.toLowerCase() });
    expect(requests.filter((r) => r.name === "Delegations")).toEqual([
      { name: "Delegations", cursor: "0x", block: null },
      { name: "Delegations", cursor: accounts[999].id, block: { number: 77 } },
    ]);
    const votes = await source.allVotes();
    expect(votes.map((v) => v.blockNumber)).toEqual([5n, 7n]);
    expect(votes[0]).toEqual({
      voter: A.toLowerCase(),
      proposalId: 42n,
      support: 0,
      weight: 9n,
      reason: "no",
      blockNumber: 5n,
      transactionHash: "0xbb",
    });
  });

  it("reports a subgraph error as a sentence", async () => {
    const fetcher = vi.fn(async () => new Response("", { status: 502 })) as unknown as typeof fetch;
    await expect(createDelegateSubgraphSource("http://subgraph", fetcher).statements()).rejects.toThrow(
      "The subgraph answered 502",
    );
  });
});
