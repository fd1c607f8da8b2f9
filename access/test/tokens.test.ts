import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  accessKeyFromEnv,
  hs256Key,
  issueAccessToken,
  tokenExpiry,
  verifyAccessToken,
  type AccessClaims,
} from "../src/tokens.ts";

const context = { issuer: "lockstep-access:app.example.org", audience: "https://app.example.org" };
const claims: AccessClaims = {
  account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  level: 3,
  tier: "Builder",
  chainId: 31337,
  levelDropsAt: 2_000_000,
};
const secret = "a-test-secret-that-is-long-enough-for-hs256";
const ed25519Pem = () => generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const t0 = 1_800_000_000;
const at = (seconds: number) => new Date(seconds * 1000);

describe("access tokens", () => {
  it("test_IssuesAndVerifiesHs256", async () => {
    const key = accessKeyFromEnv({ ACCESS_JWT_SECRET: secret });
    const { token } = await issueAccessToken(key, context, claims, { issuedAt: t0, expiresAt: t0 + 60 });
    expect(await verifyAccessToken(key, context, token, at(t0 + 59))).toEqual({ ...claims, expiresAt: t0 + 60 });
  });

  it("test_IssuesAndVerifiesEdDsa", async () => {
    const key = accessKeyFromEnv({ ACCESS_JWT_PRIVATE_KEY: ed25519Pem() });
    expect(key.alg).toBe("EdDSA");
    const { token } = await issueAccessToken(key, context, claims, { issuedAt: t0, expiresAt: t0 + 60 });
    expect(JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString())).toMatchObject({ alg: "EdDSA" });
    expect((await verifyAccessToken(key, context, token, at(t0))).level).toBe(3);
  });

  it("test_RevertWhen_TokenIsExpired", async () => {
    const key = hs256Key(secret);
    const { token } = await issueAccessToken(key, context, claims, { issuedAt: t0, expiresAt: t0 + 60 });
    await expect(verifyAccessToken(key, context, token, at(t0 + 60))).rejects.toMatchObject({
      code: "token_expired",
      status: 401,
    });
  });

  it("test_RevertWhen_PayloadIsTampered", async () => {
    const key = hs256Key(secret);
    const { token } = await issueAccessToken(key, context, claims, { issuedAt: t0, expiresAt: t0 + 60 });
    const [header, payload, signature] = token.split(".");
    const raised = { ...JSON.parse(Buffer.from(payload, "base64url").toString()), lvl: 10, tier: "Unlimited" };
    const forged = [header, Buffer.from(JSON.stringify(raised)).toString("base64url"), signature].join(".");
    await expect(verifyAccessToken(key, context, forged, at(t0))).rejects.toMatchObject({
      code: "bad_token",
      message: expect.stringMatching(/^The access token is not valid here/),
    });
  });

  it("test_RevertWhen_SignedWithAnotherKeyOrAlgorithm", async () => {
    const key = hs256Key(secret);
    const other = await issueAccessToken(hs256Key(`${secret}-other`), context, claims, {
      issuedAt: t0,
      expiresAt: t0 + 60,
    });
    await expect(verifyAccessToken(key, context, other.token, at(t0))).rejects.toMatchObject({ code: "bad_token" });
    const unsigned = [
      Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url"),
      other.token.split(".")[1],
      "",
    ].join(".");
    await expect(verifyAccessToken(key, context, unsigned, at(t0))).rejects.toMatchObject({ code: "bad_token" });
  });

  it("test_RevertWhen_TokenIsForAnotherService", async () => {
    const key = hs256Key(secret);
    const { token } = await issueAccessToken(key, { ...context, audience: "https://other.example" }, claims, {
      issuedAt: t0,
      expiresAt: t0 + 60,
    });
    await expect(verifyAccessToken(key, context, token, at(t0))).rejects.toMatchObject({ code: "bad_token" });
  });

  it("test_ExpiresAtTheLevelDropWhenThatIsSooner", () => {
    // The level drops 600 s after the block the level was read at: sooner than the 3600 s lifetime.
    expect(tokenExpiry({ now: t0, lifetime: 3600, chainNow: 5_000, levelDropsAt: 5_600 })).toBe(t0 + 600);
    // The drop is later than the lifetime: the lifetime wins.
    expect(tokenExpiry({ now: t0, lifetime: 3600, chainNow: 5_000, levelDropsAt: 50_000 })).toBe(t0 + 3600);
    // No drop (auto-max, level 0): the lifetime.
    expect(tokenExpiry({ now: t0, lifetime: 3600, chainNow: 5_000, levelDropsAt: undefined })).toBe(t0 + 3600);
    // A chain whose clock runs ahead of the wall clock (a local chain moved forward) still gets 600 s.
    expect(tokenExpiry({ now: t0, lifetime: 3600, chainNow: t0 + 9_999_999, levelDropsAt: t0 + 10_000_599 })).toBe(
      t0 + 600,
    );
  });

  it("test_RevertWhen_KeyIsMissingShortOrWrong", () => {
    expect(() => accessKeyFromEnv({})).toThrow(/^No token signing key: set ACCESS_JWT_SECRET/);
    expect(() => accessKeyFromEnv({ ACCESS_JWT_SECRET: "short" })).toThrow(
      "ACCESS_JWT_SECRET must be at least 32 bytes long, got 5.",
    );
    expect(() => accessKeyFromEnv({ ACCESS_JWT_SECRET: secret, ACCESS_JWT_PRIVATE_KEY: ed25519Pem() })).toThrow(
      /either ACCESS_JWT_SECRET .* not both/,
    );
    expect(() => accessKeyFromEnv({ ACCESS_JWT_PRIVATE_KEY: "not a key" })).toThrow(/is not a PEM private key/);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" });
    expect(() => accessKeyFromEnv({ ACCESS_JWT_PRIVATE_KEY: rsa.toString() })).toThrow(
      "ACCESS_JWT_PRIVATE_KEY must be an Ed25519 key for EdDSA, got rsa.",
    );
  });
});
