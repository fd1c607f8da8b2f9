/**
 * Where the service keeps what must be shared by every instance: the nonces it handed out (each usable once)
 * and each account's calls this month. `MemoryStore` is for one process (tests, the demo); `RedisStore`
 * (./redisStore.ts) for services on more than one machine.
 */
export type Consumed = {
  /** Whether the call was counted (false: the limit was already reached; nothing changed). */
  allowed: boolean;
  /** Calls counted in the period after this one (or so far, when refused). */
  used: number;
};

export interface AccessStore {
  /** Remembers a nonce for `ttlSeconds`. */
  putNonce(nonce: string, ttlSeconds: number): Promise<void>;
  /** Forgets the nonce and says whether it was there: true exactly once per issued nonce, atomically. */
  takeNonce(nonce: string): Promise<boolean>;
  /**
   * Atomically counts one call of `account` in `period` unless `limit` calls were already counted (no limit when
   * undefined). The count is kept for `ttlSeconds`.
   */
  consume(account: string, period: string, limit: number | undefined, ttlSeconds: number): Promise<Consumed>;
  /** Calls counted for `account` in `period`. */
  usage(account: string, period: string): Promise<number>;
  close(): Promise<void>;
}

/** A store in this process's memory: quotas are per instance, and lost on restart. */
export class MemoryStore implements AccessStore {
  static readonly SWEEP_AT = 10_000;
  private readonly nonces = new Map<string, number>();
  private readonly counts = new Map<string, { used: number; expires: number }>();
  constructor(private readonly clock: () => number = Date.now) {}

  async putNonce(nonce: string, ttlSeconds: number) {
    // Nonces are handed to anyone who asks: forget the expired ones before the map grows without bound.
    if (this.nonces.size >= MemoryStore.SWEEP_AT) {
      const now = this.clock();
      for (const [key, expires] of this.nonces) if (expires <= now) this.nonces.delete(key);
    }
    this.nonces.set(nonce, this.clock() + ttlSeconds * 1000);
  }

  async takeNonce(nonce: string) {
    const expires = this.nonces.get(nonce);
    this.nonces.delete(nonce);
    return expires !== undefined && expires > this.clock();
  }

  async consume(account: string, period: string, limit: number | undefined, ttlSeconds: number) {
    const key = `${account.toLowerCase()}:${period}`;
    const entry = this.counts.get(key);
    const used = entry && entry.expires > this.clock() ? entry.used : 0;
    if (limit !== undefined && used >= limit) return { allowed: false, used };
    this.counts.set(key, { used: used + 1, expires: entry?.expires ?? this.clock() + ttlSeconds * 1000 });
    return { allowed: true, used: used + 1 };
  }

  async usage(account: string, period: string) {
    const entry = this.counts.get(`${account.toLowerCase()}:${period}`);
    return entry && entry.expires > this.clock() ? entry.used : 0;
  }

  async close() {}
}
