import type { RawLog, Segment } from "./types";

export type { Segment } from "./types";

/** Persistent storage of log segments per stream (chain, contract, topics). */
export interface LogCache {
  load(stream: string): Promise<Segment[]>;
  /** Replaces every stored segment of `stream`. */
  save(stream: string, segments: Segment[]): Promise<void>;
}

/** A cache that lives as long as the object: for tests and for browsers without IndexedDB. */
export function memoryLogCache(): LogCache & { streams: Map<string, Segment[]> } {
  const streams = new Map<string, Segment[]>();
  return {
    streams,
    load: async (stream) => structuredClone(streams.get(stream) ?? []),
    save: async (stream, segments) => {
      streams.set(stream, structuredClone(segments));
    },
  };
}

const STORE = "segments";

type Row = { stream: string; from: number; to: number; logs: RawLog[] };

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/**
 * Segments in IndexedDB, one row per segment keyed by [stream, first block]; the stream key already holds
 * the chain id and the contract address. Block numbers are stored as numbers (IndexedDB keys cannot be
 * bigints; blocks stay far below 2^53), log fields as they are (structured clone keeps bigints).
 */
export function indexedDbLogCache(factory: IDBFactory, name = "lockstep-logs"): LogCache {
  let db: Promise<IDBDatabase> | undefined;
  const open = () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: ["stream", "from"] });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return db;
  };
  const range = (stream: string) => IDBKeyRange.bound([stream, -Infinity], [stream, Infinity]);
  return {
    async load(stream) {
      const rows = await done<Row[]>((await open()).transaction(STORE).objectStore(STORE).getAll(range(stream)));
      return rows.map((r) => ({ from: BigInt(r.from), to: BigInt(r.to), logs: r.logs }));
    },
    async save(stream, segments) {
      const tx = (await open()).transaction(STORE, "readwrite");
      const store = tx.objectStore(STORE);
      store.delete(range(stream));
      for (const s of segments) store.put({ stream, from: Number(s.from), to: Number(s.to), logs: s.logs } as Row);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    },
  };
}
