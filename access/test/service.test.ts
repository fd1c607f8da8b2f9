import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterEach, describe, expect, it } from "vitest";
import { accessConfigFromEnv } from "../src/config.ts";
import { createAccessGuard, quotaPeriod, type AccessGrant } from "../src/guard.ts";
import { createAccessService, listen } from "../src/service.ts";
import { MemoryStore } from "../src/store.ts";
import { parseTierConfig, type TierConfig } from "../src/tiers.ts";
import { hs256Key } from "../src/tokens.ts";
import { call, demoTiers, offlineClient, scriptedLevels, signIn } from "./helpers.ts";

const key = hs256Key("a-test-secret-that-is-long-enough-for-hs256");
const signIn_ = {
  domain: "127.0.0.1:5173",
  uri: "http://127.0.0.1:5173",
  chainId: 31337,
  statement: "Sign in.",
  messageLifetime: 600,
};
const alice = privateKeyToAccount(generatePrivateKey());
const bob = privateKeyToAccount(generatePrivateKey());
const sign = (account: typeof alice) => (message: string) => account.signMessage({ message });

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** A service on a free port whose clock the test moves (`clock.now`). */
async function start(options: { tiers?: TierConfig; tokenLifetime?: number } = {}) {
  const levels = scriptedLevels();
  const clock = { now: new Date("2026-11-30T10:00:00Z") };
  const store = new MemoryStore(() => clock.now.getTime());
  const service = createAccessService({
    signIn: signIn_,
    tiers: options.tiers ?? demoTiers(),
    key,
    store,
    client: offlineClient(),
    levels: levels.reader,
    tokenLifetime: options.tokenLifetime ?? 3600,
    corsOrigins: ["http://127.0.0.1:5173"],
    recheckSeconds: 0,
    now: () => clock.now,
  });
  const server = await listen(service);
  closers.push(server.close);
  const advance = (seconds: number) => (clock.now = new Date(clock.now.getTime() + seconds * 1000));
  return { url: server.url, levels, clock, advance, store };
}

describe("access service", () => {
  it("test_SignsInAndAnswersWithTierAndRemainingQuota", async () => {
    const s = await start();
    s.levels.set(alice.address, { level: 4, levelDropsAt: 1_000_000 + 7 * 86_400, chainNow: 1_000_000 });
    const verified = await signIn(s.url, alice.address, sign(alice));
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      account: alice.address,
      level: 4,
      tier: { name: "Builder", callsPerMonth: 5000 },
      nextTier: { name: "Unlimited", minLevel: 7 },
      levelDropsAt: 1_000_000 + 7 * 86_400,
    });
    const token = verified.body.token as string;
    const first = await call(`${s.url}/api/access`, { token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      tier: { name: "Builder" },
      limit: 5000,
      used: 1,
      remaining: 4999,
      period: "2026-11",
    });
    expect(first.headers.get("ratelimit-remaining")).toBe("4999");
    expect((await call(`${s.url}/api/access`, { token })).body.remaining).toBe(4998);
  });

  it("test_RevertWhen_SignInMessageIsReplayed", async () => {
    const s = await start();
    const first = await signIn(s.url, alice.address, sign(alice));
    expect(first.status).toBe(200);
    const replay = await call(`${s.url}/auth/verify`, {
      method: "POST",
      body: JSON.stringify({ message: first.message, signature: first.signature }),
    });
    expect(replay.status).toBe(401);
    expect(replay.body).toEqual({
      error: "nonce_unknown",
      message:
        "This sign-in message was already used, or its nonce was not issued by this service or has expired: ask /auth/nonce for a new one and sign again.",
    });
  });

  it("test_RevertWhen_NonceWasNeverIssued", async () => {
    const s = await start();
    const { body } = await call(`${s.url}/auth/nonce?address=${alice.address}`);
    const forged = (body.message as string).replace(body.nonce as string, "madeUpNonce1234");
    const reply = await call(`${s.url}/auth/verify`, {
      method: "POST",
      body: JSON.stringify({ message: forged, signature: await alice.signMessage({ message: forged }) }),
    });
    expect(reply.body.error).toBe("nonce_unknown");
  });

  it("test_ARefusedSignInLeavesTheNonceUsable", async () => {
    const s = await start();
    const { body } = await call(`${s.url}/auth/nonce?address=${alice.address}`);
    const message = body.message as string;
    const wrongChain = message.replace("Chain ID: 31337", "Chain ID: 1");
    const refused = await call(`${s.url}/auth/verify`, {
      method: "POST",
      body: JSON.stringify({ message: wrongChain, signature: await alice.signMessage({ message: wrongChain }) }),
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe("wrong_chain");
    const badSignature = await call(`${s.url}/auth/verify`, {
      method: "POST",
      body: JSON.stringify({ message, signature: await bob.signMessage({ message }) }),
    });
    expect(badSignature.body.error).toBe("bad_signature");
    const ok = await call(`${s.url}/auth/verify`, {
      method: "POST",
      body: JSON.stringify({ message, signature: await alice.signMessage({ message }) }),
    });
    expect(ok.status).toBe(200);
  });

  it("test_RevertWhen_NonceExpiredBeforeSigning", async () => {
    const s = await start();
    const { body } = await call(`${s.url}/auth/nonce?address=${alice.address}`);
    s.advance(601);
    const message = body.message as string;
    const reply = await call(`${s.url}/auth/verify`, {
      method: "POST",
      body: JSON.stringify({ message, signature: await alice.signMessage({ message }) }),
    });
    expect(reply.body.error).toBe("message_expired");
  });

  it("test_TokenExpiresAtTheLevelDropDate", async () => {
    const s = await start({ tokenLifetime: 86_400 });
    // The level drops 900 s after the block it was read at, well within the one-day lifetime.
    s.levels.set(alice.address, { level: 3, levelDropsAt: 1_000_900, chainNow: 1_000_000 });
    const { body } = await signIn(s.url, alice.address, sign(alice));
    const issued = Date.parse("2026-11-30T10:00:00Z") / 1000;
    expect(body.expiresAt).toBe(issued + 900);
    const token = body.token as string;
    s.advance(899);
    expect((await call(`${s.url}/api/access`, { token })).status).toBe(200);
    s.advance(1);
    const refused = await call(`${s.url}/api/access`, { token });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe("token_expired");
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("test_RevertWhen_LevelDroppedThenReissuesTheLowerTier", async () => {
    const s = await start();
    s.levels.set(alice.address, { level: 7 });
    const { body } = await signIn(s.url, alice.address, sign(alice));
    expect(body.tier).toMatchObject({ name: "Unlimited" });
    const token = body.token as string;
    await call(`${s.url}/api/access`, { token });
    // A DAO threshold change (or decay the token did not foresee) lowers the level on chain.
    s.levels.set(alice.address, { level: 2 });
    const refused = await call(`${s.url}/api/access`, { token });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      error: "level_dropped",
      message:
        "Your level dropped from 7 to 2 since you signed in, so this token no longer grants the Unlimited tier: sign in again for the tier level 2 earns.",
    });
    const again = await signIn(s.url, alice.address, sign(alice));
    expect(again.body.tier).toMatchObject({ name: "Free", callsPerMonth: 50 });
    const access = await call(`${s.url}/api/access`, { token: again.body.token as string });
    // The refused call counted nothing: the Unlimited call before it and this one.
    expect(access.body).toMatchObject({ tier: { name: "Free" }, used: 2, remaining: 48 });
  });

  it("test_RevertWhen_QuotaIsUsedUpAndRenewsNextMonth", async () => {
    const tiers = parseTierConfig({ tiers: [{ name: "Tiny", minLevel: 0, callsPerMonth: 2 }] });
    const s = await start({ tiers, tokenLifetime: 40 * 86_400 });
    const token = (await signIn(s.url, alice.address, sign(alice))).body.token as string;
    expect((await call(`${s.url}/api/access`, { token })).body.remaining).toBe(1);
    expect((await call(`${s.url}/api/access`, { token })).body.remaining).toBe(0);
    const refused = await call(`${s.url}/api/access`, { token });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: "quota_exceeded",
      message:
        "You have used all 2 calls of the Tiny tier for November 2026; they renew on 2026-12-01 (UTC), or raise your level for a bigger tier.",
    });
    expect(await s.store.usage(alice.address, "2026-11")).toBe(2);
    // Another account has its own quota.
    const bobToken = (await signIn(s.url, bob.address, sign(bob))).body.token as string;
    expect((await call(`${s.url}/api/access`, { token: bobToken })).body.used).toBe(1);
    s.clock.now = new Date("2026-12-01T00:00:00Z");
    expect((await call(`${s.url}/api/access`, { token })).body).toMatchObject({ period: "2026-12", used: 1 });
  });

  it("test_RevertWhen_TokenIsMissingOrTampered", async () => {
    const s = await start();
    const missing = await call(`${s.url}/api/access`);
    expect(missing.status).toBe(401);
    expect(missing.body.error).toBe("missing_token");
    const token = (await signIn(s.url, alice.address, sign(alice))).body.token as string;
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const forged = [
      header,
      Buffer.from(JSON.stringify({ ...claims, sub: bob.address })).toString("base64url"),
      signature,
    ];
    const refused = await call(`${s.url}/api/access`, { token: forged.join(".") });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe("bad_token");
    expect(await s.store.usage(bob.address, "2026-11")).toBe(0);
  });

  it("test_AnswersCorsOnlyForTheAppsOrigin", async () => {
    const s = await start();
    const app = await fetch(`${s.url}/auth/nonce`, { headers: { origin: "http://127.0.0.1:5173" } });
    expect(app.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5173");
    const preflight = await fetch(`${s.url}/api/access`, {
      method: "OPTIONS",
      headers: { origin: "http://127.0.0.1:5173", "access-control-request-headers": "authorization" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
    const stranger = await fetch(`${s.url}/auth/nonce`, { headers: { origin: "https://evil.example.com" } });
    expect(stranger.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("test_RevertWhen_RequestIsMalformed", async () => {
    const s = await start();
    expect((await call(`${s.url}/auth/nonce?address=0x1234`)).body.message).toBe(
      '"0x1234" is not an Ethereum address.',
    );
    const notJson = await call(`${s.url}/auth/verify`, { method: "POST", body: "{" });
    expect(notJson).toMatchObject({ status: 400, body: { error: "bad_request" } });
    const noSignature = await call(`${s.url}/auth/verify`, { method: "POST", body: JSON.stringify({ message: "x" }) });
    expect(noSignature.body.message).toBe("Send a JSON body with the signed `message` and its hex `signature`.");
    expect((await call(`${s.url}/nowhere`)).status).toBe(404);
    const huge = await call(`${s.url}/auth/verify`, {
      method: "POST",
      body: JSON.stringify({ message: "x".repeat(17_000) }),
    });
    expect(huge).toMatchObject({ status: 413, body: { message: "The request body is larger than 16 KiB." } });
  });
});

describe("access middleware", () => {
  it("test_GuardsAnyNodeHttpServer", async () => {
    const s = await start({ tiers: parseTierConfig({ tiers: [{ name: "Tiny", minLevel: 0, callsPerMonth: 1 }] }) });
    const guard = createAccessGuard({
      key,
      context: { issuer: `lockstep-access:${signIn_.domain}`, audience: signIn_.uri },
      tiers: parseTierConfig({ tiers: [{ name: "Tiny", minLevel: 0, callsPerMonth: 1 }] }),
      store: new MemoryStore(() => s.clock.now.getTime()),
      // The service's clock, which issued the token: on the wall clock the token would expire an hour after it.
      now: () => s.clock.now,
    });
    // A plain node:http app, the way connect-style frameworks call middleware.
    const server = createServer((req, res) =>
      guard.middleware(req, res, () => {
        const access = (req as typeof req & { access: AccessGrant }).access;
        res.end(JSON.stringify({ hello: access.account, remaining: access.remaining }));
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/anything`;
    const token = (await signIn(s.url, alice.address, sign(alice))).body.token as string;

    const ok = await call(api, { token });
    expect(ok.body).toEqual({ hello: alice.address, remaining: 0 });
    expect(ok.headers.get("ratelimit-limit")).toBe("1");
    expect((await call(api, { token })).body.error).toBe("quota_exceeded");
    const missing = await call(api);
    expect(missing.status).toBe(401);
    expect(missing.body.error).toBe("missing_token");
  });
});

describe("quota period and settings", () => {
  it("test_CountsPerCalendarMonthInUtc", () => {
    expect(quotaPeriod(new Date("2026-12-31T23:59:59Z"))).toEqual({
      period: "2026-12",
      resetsAt: Date.UTC(2027, 0, 1) / 1000,
    });
  });

  it("test_RevertWhen_SettingsAreInvalid", () => {
    expect(accessConfigFromEnv({}).corsOrigins).toEqual(["http://127.0.0.1:5173"]);
    expect(() => accessConfigFromEnv({ ACCESS_APP_ORIGIN: "app.example.org" })).toThrow(
      'ACCESS_APP_ORIGIN must be an http(s) origin such as https://app.example.org, got "app.example.org".',
    );
    expect(() => accessConfigFromEnv({ ACCESS_TOKEN_LIFETIME: "-1" })).toThrow(
      'ACCESS_TOKEN_LIFETIME must be a positive whole number, got "-1".',
    );
    expect(() => accessConfigFromEnv({ ACCESS_REDIS_URL: "localhost:6379" })).toThrow(/must be a redis:\/\//);
  });
});
