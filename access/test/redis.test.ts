/**
 * Quotas across machines: two service instances, each with its own connection to one real Redis server, share
 * nonces and monthly counts.
 */
import { createClient } from "redis";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/local/chain.ts";
import { RedisStore } from "../src/redisStore.ts";
import { createAccessService, listen } from "../src/service.ts";
import { parseTierConfig } from "../src/tiers.ts";
import { hs256Key } from "../src/tokens.ts";
import { call, offlineClient, scriptedLevels, signIn } from "./helpers.ts";
import { startRedis } from "./redisServer.ts";

const LIMIT = 10;
const key = hs256Key("a-secret-both-instances-share-32-bytes+");
const tiers = parseTierConfig({ tiers: [{ name: "Free", minLevel: 0, callsPerMonth: LIMIT }] });
const signInConfig = {
  domain: "127.0.0.1:5173",
  uri: "http://127.0.0.1:5173",
  chainId: 31337,
  statement: "Sign in.",
  messageLifetime: 600,
};

let redis: Awaited<ReturnType<typeof startRedis>>;
const instances: { url: string; close: () => Promise<void>; store: RedisStore }[] = [];

beforeAll(async () => {
  redis = await startRedis();
  for (let i = 0; i < 2; i++) {
    const store = await RedisStore.connect(redis.url);
    const service = createAccessService({
      signIn: signInConfig,
      tiers,
      key,
      store,
      client: offlineClient(),
      levels: scriptedLevels().reader,
      tokenLifetime: 3600,
      corsOrigins: [],
    });
    instances.push({ ...(await listen(service)), store });
  }
});

afterAll(async () => {
  for (const instance of instances) {
    await instance.close();
    await instance.store.close();
  }
  await redis?.stop();
});

describe("Redis store", () => {
  it("test_ANonceFromOneInstanceIsUsableOnceOnAny", async () => {
    const [a, b] = instances;
    const account = privateKeyToAccount(generatePrivateKey());
    const { body } = await call(`${a.url}/auth/nonce?address=${account.address}`);
    const message = body.message as string;
    const signature = await account.signMessage({ message });
    const post = (url: string) =>
      call(`${url}/auth/verify`, { method: "POST", body: JSON.stringify({ message, signature }) });
    expect((await post(b.url)).status).toBe(200);
    const replay = await post(a.url);
    expect(replay.status).toBe(401);
    expect(replay.body.error).toBe("nonce_unknown");
  });

  it("test_TwoInstancesShareOneQuota", async () => {
    const [a, b] = instances;
    const account = privateKeyToAccount(generatePrivateKey());
    const { body } = await signIn(a.url, account.address, (message) => account.signMessage({ message }));
    const token = body.token as string;
    // Four calls, alternating between the instances, count as one sequence.
    const remaining: unknown[] = [];
    for (const url of [a.url, b.url, a.url, b.url])
      remaining.push((await call(`${url}/api/access`, { token })).body.remaining);
    expect(remaining).toEqual([9, 8, 7, 6]);
    // Twelve calls at once on both: exactly the six left are served, wherever they land.
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => call(`${(i % 2 ? a : b).url}/api/access`, { token })),
    );
    expect(burst.filter((reply) => reply.status === 200)).toHaveLength(6);
    expect(burst.filter((reply) => reply.status === 429)).toHaveLength(6);
    expect(burst.find((reply) => reply.status === 429)?.body.error).toBe("quota_exceeded");
    const period = (burst.find((reply) => reply.status === 200)!.body.period as string) ?? "";
    expect(await a.store.usage(account.address, period)).toBe(LIMIT);
    expect(await b.store.usage(account.address, period)).toBe(LIMIT);
    // Refused calls change nothing, on either instance.
    expect((await call(`${b.url}/api/access`, { token })).status).toBe(429);
    expect(await a.store.usage(account.address, period)).toBe(LIMIT);
  });

  it("test_CountsExpireAfterTheMonth", async () => {
    const [a] = instances;
    const account = privateKeyToAccount(generatePrivateKey());
    const { body } = await signIn(a.url, account.address, (message) => account.signMessage({ message }));
    const reply = await call(`${a.url}/api/access`, { token: body.token as string });
    const client = createClient({ url: redis.url });
    await client.connect();
    const ttl = await client.ttl(`lockstep:access:usage:${account.address.toLowerCase()}:${reply.body.period}`);
    await client.close();
    const untilReset = (reply.body.resetsAt as number) - Math.floor(Date.now() / 1000);
    expect(ttl).toBeGreaterThan(untilReset);
    expect(ttl).toBeLessThanOrEqual(untilReset + 86_400);
  });

  it("test_RevertWhen_RedisIsUnreachable", async () => {
    const port = await freePort();
    await expect(RedisStore.connect(`redis://127.0.0.1:${port}`)).rejects.toThrow(
      `Cannot connect to Redis at redis://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });
});
