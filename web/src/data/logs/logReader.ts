import type { Address, Hex } from "viem";
import type { LogCache } from "./logCache";
import type { RawLog, Segment } from "./types";

export type { RawLog } from "./types";

/** A log stream: one contract and a topic filter (null matches any topic at that position). */
export type LogFilter = { address: Address; topics: (Hex | Hex[] | null)[] };

/** One eth_getLogs request over [fromBlock, toBlock], both inclusive. */
export type FetchLogs = (filter: LogFilter, fromBlock: bigint, toBlock: bigint) => Promise<RawLog[]>;

/** Where the log reader stands, for the network banner: `failed` carries the sentence to show. */
export type LogReaderStatus =
  | { state: "ok"; blockRange: number }
  | { state: "narrowed"; blockRange: number }
  | { state: "failed"; blockRange: number; message: string };

/** An error that means the provider itself answered and cannot help (wrong URL, network down): no retry. */
export class ProviderUnreachableError extends Error {}

export type LogReaderOptions = {
  chainId: number;
  fetchLogs: FetchLogs;
  /** Most blocks per request (VITE_LOG_BLOCK_RANGE). */
  maxBlockRange: number;
  cache: LogCache;
  /**
   * Blocks below the head that may still be reorganised: only segments ending at least this deep are
   * persisted, the rest is kept for the session only.
   */
  reorgDepth: bigint;
  onStatus?: (status: LogReaderStatus) => void;
  /**
   * Identifies the chain's history (e.g. the hash of the deployment block), asked once per session and made
   * part of every persistent key: a local chain restarted with the same addresses must not reuse old logs.
   */
  epoch?: () => Promise<string>;
};

export interface LogReader {
  /** Every log of `filter` in [fromBlock, toBlock], oldest first; cached segments are not fetched again. */
  read(filter: LogFilter, fromBlock: bigint, toBlock: bigint): Promise<RawLog[]>;
  /** The range the next request will span (halved after refusals). */
  readonly blockRange: number;
}

export const streamKey = (chainId: number, filter: LogFilter) =>
  `${chainId}:${filter.address.toLowerCase()}:${JSON.stringify(filter.topics).toLowerCase()}`;

const order = (a: RawLog, b: RawLog) =>
  a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1;

/**
 * Reads logs in pages of at most `maxBlockRange` blocks. A provider that refuses a page (too many blocks or
 * results) gets the same page in halves, down to a single block; the narrower range is kept for the rest of
 * the session. Pages are cached per stream (chain, contract, topics) and block range: in memory for the
 * session and in the persistent cache once they are deeper than `reorgDepth`, so a reload fetches only the
 * blocks after the last persisted page.
 */
export function createLogReader(options: LogReaderOptions): LogReader {
  const { chainId, fetchLogs, cache, reorgDepth, onStatus } = options;
  let epoch: Promise<string> | undefined;
  const persistentKey = async (stream: string) => {
    epoch ??= options.epoch ? options.epoch() : Promise.resolve("");
    const id = await epoch.catch(() => {
      epoch = undefined; // asked again next time
      return undefined;
    });
    return id === undefined ? undefined : `${stream}:${id}`;
  };
  let blockRange = Math.max(1, Math.floor(options.maxBlockRange));
  const memory = new Map<string, Segment[]>();
  const loading = new Map<string, Promise<Segment[]>>();
  // One read at a time per stream, so that concurrent readers share pages instead of fetching them twice.
  const queues = new Map<string, Promise<unknown>>();

  const segmentsOf = (stream: string) => {
    if (memory.has(stream)) return Promise.resolve(memory.get(stream)!);
    if (!loading.has(stream)) {
      loading.set(
        stream,
        persistentKey(stream)
          .then((key) => (key === undefined ? [] : cache.load(key)))
          .catch(() => [] as Segment[]) // an unreadable cache only costs a refetch
          .then((stored) => {
            const list = [...stored].sort((a, b) => (a.from < b.from ? -1 : 1));
            memory.set(stream, list);
            return list;
          }),
      );
    }
    return loading.get(stream)!;
  };

  async function fetchRange(filter: LogFilter, from: bigint, to: bigint): Promise<RawLog[]> {
    const logs: RawLog[] = [];
    for (let start = from; start <= to;) {
      const end = start + BigInt(blockRange) - 1n < to ? start + BigInt(blockRange) - 1n : to;
      try {
        logs.push(...(await fetchLogs(filter, start, end)));
        start = end + 1n;
      } catch (error) {
        const reason = (error as Error).message.split("\n")[0];
        if (error instanceof ProviderUnreachableError) {
          const message = `The RPC provider could not be reached for event logs: ${reason}`;
          onStatus?.({ state: "failed", blockRange, message });
          throw new Error(message, { cause: error });
        }
        if (blockRange === 1) {
          const message = `The RPC provider refused event logs even for a single block (block ${start}): ${reason}. Lists and history cannot be loaded from it; use another RPC URL or a subgraph.`;
          onStatus?.({ state: "failed", blockRange, message });
          throw new Error(message, { cause: error });
        }
        blockRange = Math.max(1, Math.ceil(Number(end - start + 1n) / 2));
        onStatus?.({ state: "narrowed", blockRange });
      }
    }
    return logs;
  }

  async function readNow(filter: LogFilter, fromBlock: bigint, toBlock: bigint): Promise<RawLog[]> {
    const stream = streamKey(chainId, filter);
    const durable = await segmentsOf(stream);
    const persistUntil = toBlock - reorgDepth;
    // The gaps between the persisted segments that overlap [fromBlock, toBlock], split where the reorg window
    // starts: only the part below it may be persisted.
    const gaps: [bigint, bigint][] = [];
    let cursor = fromBlock;
    for (const segment of durable) {
      if (segment.to < cursor) continue;
      if (segment.from > toBlock) break;
      if (segment.from > cursor) gaps.push([cursor, segment.from - 1n]);
      cursor = segment.to + 1n;
    }
    if (cursor <= toBlock) {
      if (cursor <= persistUntil) gaps.push([cursor, persistUntil], [persistUntil + 1n, toBlock]);
      else gaps.push([cursor, toBlock]);
    }
    const recent: RawLog[] = [];
    let grew = false;
    for (const [from, to] of gaps) {
      if (from > to) continue;
      const logs = await fetchRange(filter, from, to);
      if (to <= persistUntil) {
        durable.push({ from, to, logs });
        grew = true;
      } else {
        recent.push(...logs);
      }
    }
    if (gaps.length > 0) onStatus?.({ state: blockRange < options.maxBlockRange ? "narrowed" : "ok", blockRange });
    if (grew) {
      const merged = mergeSegments(durable);
      durable.splice(0, durable.length, ...merged);
      const key = await persistentKey(stream);
      if (key !== undefined)
        await cache.save(key, merged).catch(() => {
          // Persisting is an optimisation: a full or blocked store must not break the page.
        });
    }
    return [...collect(durable, fromBlock, toBlock), ...recent].sort(order);
  }

  return {
    get blockRange() {
      return blockRange;
    },
    read(filter, fromBlock, toBlock) {
      if (toBlock < fromBlock) return Promise.resolve([]);
      const stream = streamKey(chainId, filter);
      const previous = queues.get(stream) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(() => readNow(filter, fromBlock, toBlock));
      queues.set(stream, next);
      return next;
    },
  };
}

/** Sorted, with touching segments joined, so that a stream keeps a few records however often it grows. */
export function mergeSegments(segments: Segment[]): Segment[] {
  const sorted = [...segments].sort((a, b) => (a.from < b.from ? -1 : 1));
  const out: Segment[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to + 1n) {
      out[out.length - 1] = {
        from: last.from,
        to: s.to > last.to ? s.to : last.to,
        logs: [...last.logs, ...s.logs.filter((l) => l.blockNumber > last.to)],
      };
    } else {
      out.push(s);
    }
  }
  return out;
}

function collect(segments: Segment[], from: bigint, to: bigint): RawLog[] {
  const logs: RawLog[] = [];
  for (const s of segments) {
    if (s.to < from || s.from > to) continue;
    for (const log of s.logs) if (log.blockNumber >= from && log.blockNumber <= to) logs.push(log);
  }
  return logs;
}
