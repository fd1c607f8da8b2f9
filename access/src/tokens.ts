/**
 * Short-lived access tokens (JWT, signed with `jose`): HS256 with a shared secret or EdDSA (Ed25519) with a
 * private key, both from the environment. A token names the account, the level it was granted for, the tier and
 * the chain time at which that level drops; its expiry is the earlier of the configured lifetime and that drop,
 * so a token never outlives the level it was granted for.
 */
import { createPrivateKey, createPublicKey, randomUUID, type KeyObject } from "node:crypto";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { getAddress, isAddress, type Address } from "viem";
import { AccessError } from "./errors.ts";

export type AccessKey =
  { alg: "HS256"; secret: Uint8Array } | { alg: "EdDSA"; privateKey: KeyObject; publicKey: KeyObject };

/** The shortest HS256 secret accepted: 32 bytes, the hash's output size (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;

/**
 * The signing key from the environment: `ACCESS_JWT_SECRET` (HS256, at least 32 bytes, every instance of the
 * service shares it) or `ACCESS_JWT_PRIVATE_KEY` (an Ed25519 private key in PKCS#8 PEM, for EdDSA). Exactly one.
 */
export function accessKeyFromEnv(env: Record<string, string | undefined> = process.env): AccessKey {
  const secret = env.ACCESS_JWT_SECRET;
  const pem = env.ACCESS_JWT_PRIVATE_KEY;
  if (secret && pem) {
    throw new Error("Set either ACCESS_JWT_SECRET (HS256) or ACCESS_JWT_PRIVATE_KEY (EdDSA), not both.");
  }
  if (pem) {
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(pem.replace(/\\n/g, "\n"));
    } catch (error) {
      throw new Error(`ACCESS_JWT_PRIVATE_KEY is not a PEM private key (${(error as Error).message}).`);
    }
    if (privateKey.asymmetricKeyType !== "ed25519") {
      throw new Error(
        `ACCESS_JWT_PRIVATE_KEY must be an Ed25519 key for EdDSA, got ${privateKey.asymmetricKeyType ?? "a secret key"}.`,
      );
    }
    return { alg: "EdDSA", privateKey, publicKey: createPublicKey(privateKey) };
  }
  if (secret) return hs256Key(secret);
  throw new Error(
    "No token signing key: set ACCESS_JWT_SECRET (HS256, at least 32 bytes, e.g. `openssl rand -base64 48`) or ACCESS_JWT_PRIVATE_KEY (an Ed25519 PKCS#8 PEM key).",
  );
}

/** An HS256 key from a secret string of at least 32 bytes. */
export function hs256Key(secret: string): AccessKey {
  const bytes = new TextEncoder().encode(secret);
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new Error(`ACCESS_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes long, got ${bytes.length}.`);
  }
  return { alg: "HS256", secret: bytes };
}

export type AccessClaims = {
  account: Address;
  /** The level the token was granted for. */
  level: number;
  /** The tier name that level earned when the token was issued. */
  tier: string;
  chainId: number;
  /** Chain time (unix seconds) at which the level drops, if the lock decays. */
  levelDropsAt: number | undefined;
};

export type IssuedToken = { token: string; expiresAt: number };

export type TokenContext = { issuer: string; audience: string };

/**
 * When a token issued at `now` (wall clock, unix seconds) expires: `now + lifetime`, or sooner when the level
 * drops first. The drop is a chain time, so it is measured from `chainNow` (the block it was read at); a local
 * chain that was moved forward in time still gets the right remaining duration.
 */
export function tokenExpiry({
  now,
  lifetime,
  chainNow,
  levelDropsAt,
}: {
  now: number;
  lifetime: number;
  chainNow: number;
  levelDropsAt: number | undefined;
}): number {
  const untilDrop = levelDropsAt === undefined ? Infinity : levelDropsAt - chainNow;
  return now + Math.max(0, Math.min(lifetime, untilDrop));
}

export async function issueAccessToken(
  key: AccessKey,
  context: TokenContext,
  claims: AccessClaims,
  { issuedAt, expiresAt }: { issuedAt: number; expiresAt: number },
): Promise<IssuedToken> {
  const jwt = new SignJWT({
    lvl: claims.level,
    tier: claims.tier,
    chain: claims.chainId,
    ...(claims.levelDropsAt !== undefined ? { drop: claims.levelDropsAt } : {}),
  })
    .setProtectedHeader({ alg: key.alg, typ: "JWT" })
    .setSubject(claims.account)
    .setIssuer(context.issuer)
    .setAudience(context.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(randomUUID());
  const token = await jwt.sign(key.alg === "HS256" ? key.secret : key.privateKey);
  return { token, expiresAt };
}

/** Verifies `token` (signature, algorithm, issuer, audience, expiry at `now`); throws an AccessError otherwise. */
export async function verifyAccessToken(
  key: AccessKey,
  context: TokenContext,
  token: string,
  now = new Date(),
): Promise<AccessClaims & { expiresAt: number }> {
  try {
    const { payload } = await jwtVerify(token, key.alg === "HS256" ? key.secret : key.publicKey, {
      algorithms: [key.alg],
      issuer: context.issuer,
      audience: context.audience,
      currentDate: now,
      requiredClaims: ["sub", "exp", "iat"],
    });
    const { sub, lvl, tier, chain, drop, exp } = payload as Record<string, unknown>;
    if (
      typeof sub !== "string" ||
      !isAddress(sub) ||
      typeof lvl !== "number" ||
      typeof tier !== "string" ||
      typeof chain !== "number" ||
      (drop !== undefined && typeof drop !== "number")
    ) {
      throw new AccessError(401, "bad_token", "The access token is missing its account, level or tier: sign in again.");
    }
    return {
      account: getAddress(sub),
      level: lvl,
      tier,
      chainId: chain,
      levelDropsAt: drop as number | undefined,
      expiresAt: exp as number,
    };
  } catch (error) {
    if (error instanceof AccessError) throw error;
    if (error instanceof joseErrors.JWTExpired) {
      throw new AccessError(
        401,
        "token_expired",
        "The access token has expired (tokens end with their lifetime or when your level drops): sign in again.",
      );
    }
    throw new AccessError(
      401,
      "bad_token",
      "The access token is not valid here (altered, signed with another key, or for another service): sign in again.",
    );
  }
}
