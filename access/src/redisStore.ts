/**
 * The shared store for services on more than one machine: Redis, through the official `redis` client. Counting
 * is one Lua script (check the limit, INCR, EXPIRE on the first call), so two instances racing for the last call
 * of a quota cannot both get it; a nonce is taken with DEL, which only one caller can win.
 */
import { createClient } from "redis";
import type { AccessStore, Consumed } from "./store.ts";

const CONSUME = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local limit = tonumber(ARGV[1])
if limit >= 0 and used >= limit then return {0, used} end
used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return {1, used}
`;

/**
 * Reconnects with a growing delay (up to 2 s) once connected; gives up after 3 tries on the first connection, so a
 * wrong URL stops the service at start-up instead of hanging it.
 */
const newClient = (url: string, state: { connected: boolean }) =>
  createClient({
    url,
    socket: {
      reconnectStrategy: (retries: number, cause: Error) =>
        !state.connected && retries >= 3 ? cause : Math.min(100 * 2 ** retries, 2000),
    },
  });
type Client = ReturnType<typeof newClient>;

export class RedisStore implements AccessStore {
  private constructor(
    private readonly client: Client,
    private readonly prefix: string,
  ) {}

  /** Connects to `url` (redis://host:port); keys start with `prefix` so several services can share a server. */
  static async connect(url: string, prefix = "lockstep:access:"): Promise<RedisStore> {
    const state = { connected: false };
    const client = newClient(url, state);
    let firstError: Error | undefined;
    client.on("error", (error: Error) => {
      firstError ??= error;
    });
    try {
      await client.connect();
      state.connected = true;
    } catch (error) {
      throw new Error(`Cannot connect to Redis at ${url}: ${(firstError ?? (error as Error)).message}`);
    }
    return new RedisStore(client, prefix);
  }

  private usageKey(account: string, period: string) {
    return `${this.prefix}usage:${account.toLowerCase()}:${period}`;
  }

  async putNonce(nonce: string, ttlSeconds: number) {
    await this.client.set(`${this.prefix}nonce:${nonce}`, "1", { expiration: { type: "EX", value: ttlSeconds } });
  }

  async takeNonce(nonce: string) {
    return (await this.client.del(`${this.prefix}nonce:${nonce}`)) === 1;
  }

  async consume(account: string, period: string, limit: number | undefined, ttlSeconds: number): Promise<Consumed> {
    const [allowed, used] = (await this.client.eval(CONSUME, {
      keys: [this.usageKey(account, period)],
      arguments: [String(limit ?? -1), String(ttlSeconds)],
    })) as [number, number];
    return { allowed: allowed === 1, used };
  }

  async usage(account: string, period: string) {
    return Number((await this.client.get(this.usageKey(account, period))) ?? 0);
  }

  async close() {
    if (this.client.isOpen) await this.client.close();
  }
}
