import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it, vi } from "vitest";
import { indexedDbLogCache, memoryLogCache, type LogCache } from "./logCache";
import {
  createLogReader,
  mergeSegments,
  ProviderUnreachableError,
  type FetchLogs,
  type LogFilter,
  type LogReaderStatus,
  type RawLog,
} from "./logReader";

const ADDRESS = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const FILTER: LogFilter = { address: ADDRESS, topics: ["0x01"] };

const logAt = (block: bigint, index = 0): RawLog => ({
  address: ADDRESS,
  topics: ["0x01"],
  data: "0x",
  blockNumber: block,
  logIndex: index,
  transactionHash: `0x${block.toString(16)}${index}`,
});

/** A chain with one log every 7th block, serving eth_getLogs over at most `limit` blocks. */
function fakeChain(limit = Infinity) {
  const calls: [bigint, bigint][] = [];
  const fetchLogs = vi.fn<FetchLogs>(async (_filter, from, to) => {
    calls.push([from, to]);
    if (Number(to - from + 1n) > limit) throw new Error(`query exceeds max block range ${limit}`);
    const logs: RawLog[] = [];
    for (let b = from; b <= to; b++) if (b % 7n === 0n) logs.push(logAt(b));
    return logs;
  });
  return { fetchLogs, calls };
}

const expected = (from: bigint, to: bigint) => {
  const logs: bigint[] = [];
  for (let b = from; b <= to; b++) if (b % 7n === 0n) logs.push(b);
  return logs;
};

const reader = (fetchLogs: FetchLogs, cache: LogCache = memoryLogCache(), extra = {}) =>
  createLogReader({ chainId: 31337, fetchLogs, maxBlockRange: 1000, cache, reorgDepth: 0n, ...extra });

describe("log reader", () => {
  it("pages by at most the configured block range from the start block", async () => {
    const chain = fakeChain();
    const logs = await reader(chain.fetchLogs).read(FILTER, 100n, 3_250n);
    expect(chain.calls).toEqual([
      [100n, 1_099n],
      [1_100n, 2_099n],
      [2_100n, 3_099n],
      [3_100n, 3_250n],
    ]);
    expect(logs.map((l) => l.blockNumber)).toEqual(expected(100n, 3_250n));
  });

  it("halves the range when the provider refuses, keeps the narrower range and reports it", async () => {
    const chain = fakeChain(300);
    const statuses: LogReaderStatus[] = [];
    const r = reader(chain.fetchLogs, memoryLogCache(), { onStatus: (s: LogReaderStatus) => statuses.push(s) });
    const logs = await r.read(FILTER, 0n, 1_999n);
    expect(logs.map((l) => l.blockNumber)).toEqual(expected(0n, 1_999n));
    expect(r.blockRange).toBe(250);
    expect(chain.calls.slice(0, 4)).toEqual([
      [0n, 999n],
      [0n, 499n],
      [0n, 249n],
      [250n, 499n],
    ]);
    expect(chain.calls.every(([from, to]) => to - from + 1n <= 1000n)).toBe(true);
    expect(statuses.at(-1)).toEqual({ state: "narrowed", blockRange: 250 });
  });

  it("gives up with a sentence when even one block is refused", async () => {
    const statuses: LogReaderStatus[] = [];
    const r = reader(
      async () => {
        throw new Error("method eth_getLogs is not available");
      },
      memoryLogCache(),
      { onStatus: (s: LogReaderStatus) => statuses.push(s) },
    );
    await expect(r.read(FILTER, 5n, 900n)).rejects.toThrow(
      "The RPC provider refused event logs even for a single block (block 5): method eth_getLogs is not available.",
    );
    expect(statuses.at(-1)).toMatchObject({ state: "failed", blockRange: 1 });
  });

  it("does not narrow the range when the provider cannot be reached", async () => {
    const fetchLogs = vi.fn<FetchLogs>(async () => {
      throw new ProviderUnreachableError("HTTP request failed: fetch failed");
    });
    const r = reader(fetchLogs);
    await expect(r.read(FILTER, 0n, 5_000n)).rejects.toThrow(
      "The RPC provider could not be reached for event logs: HTTP request failed",
    );
    expect(fetchLogs).toHaveBeenCalledTimes(1);
    expect(r.blockRange).toBe(1000);
  });

  it("fetches only the blocks it has not read yet in the same session", async () => {
    const chain = fakeChain();
    const r = reader(chain.fetchLogs);
    await r.read(FILTER, 0n, 1_500n);
    chain.calls.length = 0;
    const logs = await r.read(FILTER, 0n, 1_600n);
    expect(chain.calls).toEqual([[1_501n, 1_600n]]);
    expect(logs.map((l) => l.blockNumber)).toEqual(expected(0n, 1_600n));
    chain.calls.length = 0;
    expect((await r.read(FILTER, 700n, 800n)).map((l) => l.blockNumber)).toEqual(expected(700n, 800n));
    expect(chain.calls).toEqual([]);
  });

  it("shares one fetch between concurrent reads of a stream", async () => {
    const chain = fakeChain();
    const r = reader(chain.fetchLogs);
    const [a, b] = await Promise.all([r.read(FILTER, 0n, 900n), r.read(FILTER, 0n, 900n)]);
    expect(a).toEqual(b);
    expect(chain.calls).toEqual([[0n, 900n]]);
  });

  it("keeps streams of different contracts, topics and chains apart", async () => {
    const cache = memoryLogCache();
    await reader(fakeChain().fetchLogs, cache).read(FILTER, 0n, 100n);
    await reader(fakeChain().fetchLogs, cache).read({ ...FILTER, topics: ["0x02"] }, 0n, 100n);
    await reader(fakeChain().fetchLogs, cache, { chainId: 1 }).read(FILTER, 0n, 100n);
    expect([...cache.streams.keys()].sort()).toEqual([
      `1:${ADDRESS}:["0x01"]:`,
      `31337:${ADDRESS}:["0x01"]:`,
      `31337:${ADDRESS}:["0x02"]:`,
    ]);
  });

  it("persists only segments below the reorg window", async () => {
    const cache = memoryLogCache();
    const chain = fakeChain();
    await reader(chain.fetchLogs, cache, { reorgDepth: 64n }).read(FILTER, 0n, 1_000n);
    const [segment] = [...cache.streams.values()][0];
    expect([segment.from, segment.to]).toEqual([0n, 936n]);
    chain.calls.length = 0;
    // A new session: the persisted part is reused, the recent blocks are read again.
    const logs = await reader(chain.fetchLogs, cache, { reorgDepth: 64n }).read(FILTER, 0n, 1_000n);
    expect(chain.calls).toEqual([[937n, 1_000n]]);
    expect(logs.map((l) => l.blockNumber)).toEqual(expected(0n, 1_000n));
  });

  it("uses no persisted logs of another chain history (epoch)", async () => {
    const cache = memoryLogCache();
    await reader(fakeChain().fetchLogs, cache, { epoch: async () => "0xaaa" }).read(FILTER, 0n, 500n);
    const chain = fakeChain();
    await reader(chain.fetchLogs, cache, { epoch: async () => "0xbbb" }).read(FILTER, 0n, 500n);
    expect(chain.calls).toEqual([[0n, 500n]]);
  });

  it("joins touching segments", () => {
    const merged = mergeSegments([
      { from: 11n, to: 20n, logs: [logAt(14n)] },
      { from: 0n, to: 10n, logs: [logAt(7n)] },
      { from: 30n, to: 40n, logs: [logAt(35n)] },
    ]);
    expect(merged.map((s) => [s.from, s.to, s.logs.map((l) => l.blockNumber)])).toEqual([
      [0n, 20n, [7n, 14n]],
      [30n, 40n, [35n]],
    ]);
  });
});

describe("IndexedDB log cache", () => {
  it("survives a reload: a new reader over the same database fetches only new blocks", async () => {
    const factory = new IDBFactory();
    const chain = fakeChain();
    const first = await reader(chain.fetchLogs, indexedDbLogCache(factory)).read(FILTER, 10n, 2_500n);
    chain.calls.length = 0;
    // A reload: fresh reader and cache object, same browser database.
    const second = await reader(chain.fetchLogs, indexedDbLogCache(factory)).read(FILTER, 10n, 2_600n);
    expect(chain.calls).toEqual([[2_501n, 2_600n]]);
    expect(second.slice(0, first.length)).toEqual(first);
    expect(second.map((l) => l.blockNumber)).toEqual(expected(10n, 2_600n));
  });

  it("stores one row per segment keyed by stream and first block, bigints intact", async () => {
    const factory = new IDBFactory();
    const cache = indexedDbLogCache(factory, "rows");
    await cache.save("s", [
      { from: 0n, to: 9n, logs: [logAt(7n)] },
      { from: 20n, to: 29n, logs: [] },
    ]);
    await cache.save("other", [{ from: 0n, to: 1n, logs: [] }]);
    expect(await cache.load("s")).toEqual([
      { from: 0n, to: 9n, logs: [logAt(7n)] },
      { from: 20n, to: 29n, logs: [] },
    ]);
    await cache.save("s", [{ from: 0n, to: 29n, logs: [logAt(7n)] }]);
    expect(await cache.load("s")).toEqual([{ from: 0n, to: 29n, logs: [logAt(7n)] }]);
    expect(await cache.load("other")).toEqual([{ from: 0n, to: 1n, logs: [] }]);
  });
});
