/**
 * Known attacks on Sign-In with Ethereum and JWT services, run against the access service over HTTP. The rest
 * of the threat model is covered where the rule lives (docs/security.md lists every test): message domain, URI,
 * chain and expiry in siwe.test.ts, replay and nonce expiry in service.test.ts, the level drop in service.test.ts
 * and chain.test.ts, EIP-1271 and EIP-6492 wallets in chain.test.ts.
 */
import { createHmac, generateKeyPairSync } from "node:crypto";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { afterEach, describe, expect, it } from "vitest";
import { createAccessService, listen } from "../src/service.ts";
import { MemoryStore } from "../src/store.ts";
import { accessKeyFromEnv, hs256Key, type AccessKey } from "../src/tokens.ts";
import { call, demoTiers, offlineClient, scriptedLevels, signIn } from "./helpers.ts";

const signInConfig = {
  domain: "app.example.org",
  uri: "https://app.example.org",
  chainId: 31337,
  statement: "Sign in.",
  messageLifetime: 600,
};
const victim = privateKeyToAccount(generatePrivateKey());
const sign = (message: string) => victim.signMessage({ message });
const NOW = new Date("2026-11-30T10:00:00Z");

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** The service on a free port with a fixed clock; the victim is level 2 (the Free tier). */
async function start(key: AccessKey = hs256Key("a-test-secret-that-is-long-enough-for-hs256")) {
  const levels = scriptedLevels({ [victim.address]: { level: 2 } });
  const store = new MemoryStore(() => NOW.getTime());
  const service = createAccessService({
    signIn: signInConfig,
    tiers: demoTiers(),
    key,
    store,
    client: offlineClient(),
    levels: levels.reader,
    tokenLifetime: 3600,
    corsOrigins: [signInConfig.uri],
    recheckSeconds: 0,
    now: () => NOW,
  });
  const server = await listen(service);
  closers.push(server.close);
  return { url: server.url, store };
}

const verify = (url: string, message: string, signature: string) =>
  call(`${url}/auth/verify`, { method: "POST", body: JSON.stringify({ message, signature }) });

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** The victim's real token, and its claims raised to the top tier. */
async function victimToken(url: string) {
  const { body } = await signIn(url, victim.address, sign);
  const token = body.token as string;
  const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString());
  return { token, raised: { ...claims, lvl: 10, tier: "Unlimited" } };
}

describe("access service under attack", () => {
  it("test_RevertWhen_OneSignedMessageIsSentTwiceAtOnce", async () => {
    // Two instances of the same request racing: the nonce is taken atomically, so one token at most.
    const s = await start();
    const { body } = await call(`${s.url}/auth/nonce?address=${victim.address}`);
    const message = body.message as string;
    const signature = await sign(message);
    const replies = await Promise.all(Array.from({ length: 5 }, () => verify(s.url, message, signature)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);
    expect(replies.filter((r) => r.status === 401).every((r) => r.body.error === "nonce_unknown")).toBe(true);
  });

  it("test_RevertWhen_APhishingSiteRelaysTheServicesNonce", async () => {
    // evil.example asks the service for a nonce and has the victim sign it. An honest wallet shows the site
    // it is on: the message names evil.example (or its URI), or it names the app and the wallet warns. The
    // service accepts only messages for its own domain, URI and chain.
    const s = await start();
    const { body } = await call(`${s.url}/auth/nonce?address=${victim.address}`);
    const relayed = (fields: Partial<Parameters<typeof createSiweMessage>[0]>) =>
      createSiweMessage({
        domain: signInConfig.domain,
        uri: signInConfig.uri,
        chainId: signInConfig.chainId,
        address: victim.address,
        nonce: body.nonce as string,
        version: "1",
        issuedAt: NOW,
        expirationTime: new Date(NOW.getTime() + 600_000),
        ...fields,
      });
    for (const [fields, error] of [
      [{ domain: "evil.example" }, "wrong_domain"],
      [{ domain: "app.example.org.evil.example" }, "wrong_domain"],
      [{ uri: "https://evil.example/login" }, "wrong_uri"],
      [{ chainId: 1 }, "wrong_chain"],
    ] as const) {
      const message = relayed(fields);
      const reply = await verify(s.url, message, await sign(message));
      expect(reply.status).toBe(401);
      expect(reply.body.error).toBe(error);
    }
  });

  it("test_RevertWhen_AnAlgNoneTokenIsPresented", async () => {
    // CVE-2015-9235: libraries that trusted the header's "alg" accepted unsigned tokens.
    const s = await start();
    const { raised } = await victimToken(s.url);
    for (const alg of ["none", "None", "NONE", "nOnE"]) {
      for (const signature of ["", "AAAA"]) {
        const forged = [base64url({ alg, typ: "JWT" }), base64url(raised), signature].join(".");
        const reply = await call(`${s.url}/api/access`, { token: forged });
        expect(reply.status).toBe(401);
        expect(reply.body.error).toBe("bad_token");
      }
    }
    expect(await s.store.usage(victim.address, "2026-11")).toBe(0);
  });

  it("test_RevertWhen_AnHs256TokenIsSignedWithTheServicesEdDsaPublicKey", async () => {
    // Algorithm confusion (CVE-2016-10555 and its kin): a verifier that picks the algorithm from the header
    // checks an HMAC keyed with the public key, which anyone has. The service pins its own algorithm.
    const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const key = accessKeyFromEnv({ ACCESS_JWT_PRIVATE_KEY: pem });
    if (key.alg !== "EdDSA") throw new Error("expected an EdDSA key");
    const s = await start(key);
    const { raised } = await victimToken(s.url);
    const publicPem = key.publicKey.export({ type: "spki", format: "pem" }).toString();
    for (const secret of [publicPem, key.publicKey.export({ format: "der", type: "spki" })]) {
      const signingInput = `${base64url({ alg: "HS256", typ: "JWT" })}.${base64url(raised)}`;
      const mac = createHmac("sha256", secret).update(signingInput).digest("base64url");
      const reply = await call(`${s.url}/api/access`, { token: `${signingInput}.${mac}` });
      expect(reply.status).toBe(401);
      expect(reply.body.error).toBe("bad_token");
    }
  });
});
