/**
 * The access service as one node:http request handler: `GET /auth/nonce`, `POST /auth/verify`, `GET /tiers`
 * and the protected `GET /api/access` (the caller's tier and remaining quota; counts one call). Mount it as is, or
 * take its parts (guard, sign-in, tokens) into another framework.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getAddress, isAddress, isHex, type PublicClient } from "viem";
import { generateSiweNonce } from "viem/siwe";
import { AccessError } from "./errors.ts";
import { createAccessGuard, type AccessGrant, type AccessGuard } from "./guard.ts";
import type { LevelReader } from "./levels.ts";
import { buildSignInMessage, verifySignIn, type SignInConfig } from "./siwe.ts";
import type { AccessStore } from "./store.ts";
import { nextTier, tierForLevel, type Tier, type TierConfig } from "./tiers.ts";
import { issueAccessToken, tokenExpiry, type AccessKey, type TokenContext } from "./tokens.ts";

export type AccessServiceOptions = {
  signIn: SignInConfig;
  tiers: TierConfig;
  key: AccessKey;
  store: AccessStore;
  /** Verifies signatures (EIP-1271/6492 need the chain). */
  client: PublicClient;
  levels: LevelReader;
  /** The longest a token lives, in seconds (it ends sooner when the level drops). */
  tokenLifetime: number;
  /** Origins allowed to call from a browser (the app's), e.g. "https://app.example.org". */
  corsOrigins: readonly string[];
  /** See GuardOptions.recheckSeconds. */
  recheckSeconds?: number;
  now?: () => Date;
};

export type AccessService = {
  handle(req: IncomingMessage, res: ServerResponse): void;
  guard: AccessGuard;
  context: TokenContext;
};

const MAX_BODY = 16 * 1024;

const tierView = (tier: Tier | undefined) =>
  tier && { name: tier.name, minLevel: tier.minLevel, callsPerMonth: tier.callsPerMonth };

export function createAccessService(options: AccessServiceOptions): AccessService {
  const now = options.now ?? (() => new Date());
  const context: TokenContext = { issuer: `lockstep-access:${options.signIn.domain}`, audience: options.signIn.uri };
  const guard = createAccessGuard({
    key: options.key,
    context,
    tiers: options.tiers,
    store: options.store,
    levels: options.levels,
    recheckSeconds: options.recheckSeconds,
    now,
  });

  const nonce = async (url: URL) => {
    const address = url.searchParams.get("address");
    if (address !== null && !isAddress(address)) {
      throw new AccessError(400, "bad_request", `"${address}" is not an Ethereum address.`);
    }
    const value = generateSiweNonce();
    await options.store.putNonce(value, options.signIn.messageLifetime);
    const at = now();
    return {
      nonce: value,
      domain: options.signIn.domain,
      uri: options.signIn.uri,
      chainId: options.signIn.chainId,
      statement: options.signIn.statement,
      expiresAt: Math.floor(at.getTime() / 1000) + options.signIn.messageLifetime,
      ...(address
        ? { message: buildSignInMessage(options.signIn, { address: getAddress(address), nonce: value, now: at }) }
        : {}),
    };
  };

  const verify = async (req: IncomingMessage) => {
    const body = await readJson(req);
    const { message, signature } = (body ?? {}) as { message?: unknown; signature?: unknown };
    if (typeof message !== "string" || typeof signature !== "string" || !isHex(signature)) {
      throw new AccessError(400, "bad_request", "Send a JSON body with the signed `message` and its hex `signature`.");
    }
    const at = now();
    const checked = await verifySignIn(options.client, options.signIn, { message, signature, now: at });
    // Taken only now, after every check passed: a refused sign-in leaves the nonce usable; a replay finds it gone.
    if (!(await options.store.takeNonce(checked.nonce))) {
      throw new AccessError(
        401,
        "nonce_unknown",
        "This sign-in message was already used, or its nonce was not issued by this service or has expired: ask /auth/nonce for a new one and sign again.",
      );
    }
    const account = getAddress(checked.address);
    const reading = await options.levels.read(account);
    const tier = tierForLevel(options.tiers, reading.level);
    const issuedAt = Math.floor(at.getTime() / 1000);
    const expiresAt = tokenExpiry({
      now: issuedAt,
      lifetime: options.tokenLifetime,
      chainNow: reading.chainNow,
      levelDropsAt: reading.levelDropsAt,
    });
    const { token } = await issueAccessToken(
      options.key,
      context,
      {
        account,
        level: reading.level,
        tier: tier.name,
        chainId: options.signIn.chainId,
        levelDropsAt: reading.levelDropsAt,
      },
      { issuedAt, expiresAt },
    );
    return {
      token,
      expiresAt,
      account,
      level: reading.level,
      tier: tierView(tier),
      nextTier: tierView(nextTier(options.tiers, reading.level)) ?? null,
      levelDropsAt: reading.levelDropsAt ?? null,
      chainNow: reading.chainNow,
    };
  };

  const access = (grant: AccessGrant) => ({
    account: grant.account,
    level: grant.level,
    tier: tierView(grant.tier),
    nextTier: tierView(nextTier(options.tiers, grant.level)) ?? null,
    limit: grant.limit ?? null,
    used: grant.used,
    remaining: grant.remaining ?? null,
    period: grant.period,
    resetsAt: grant.resetsAt,
    tokenExpiresAt: grant.tokenExpiresAt,
    levelDropsAt: grant.levelDropsAt ?? null,
  });

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<unknown> => {
    const url = new URL(req.url ?? "/", "http://service");
    const method = req.method ?? "GET";
    if (url.pathname === "/auth/nonce" && method === "GET") return nonce(url);
    if (url.pathname === "/auth/verify" && method === "POST") return verify(req);
    if (url.pathname === "/tiers" && method === "GET") return { tiers: options.tiers.tiers.map(tierView) };
    if (url.pathname === "/api/access" && method === "GET") {
      const grant = await guard.authorize(req.headers.authorization);
      if (grant.limit !== undefined) {
        res.setHeader("RateLimit-Limit", String(grant.limit));
        res.setHeader("RateLimit-Remaining", String(grant.remaining));
      }
      return access(grant);
    }
    throw new AccessError(404, "not_found", `There is no ${method} ${url.pathname} here.`);
  };

  return {
    guard,
    context,
    handle(req, res) {
      const origin = req.headers.origin;
      if (origin && options.corsOrigins.includes(origin)) {
        res.setHeader("Access-Control-Allow-Origin", origin);
        res.setHeader("Vary", "Origin");
        res.setHeader("Access-Control-Allow-Headers", "authorization, content-type");
        res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        res.setHeader("Access-Control-Expose-Headers", "RateLimit-Limit, RateLimit-Remaining");
      }
      if (req.method === "OPTIONS") {
        res.statusCode = 204;
        res.end();
        return;
      }
      route(req, res).then(
        (body) => send(res, 200, body),
        (error: unknown) => {
          if (error instanceof AccessError) {
            if (error.status === 401) res.setHeader("WWW-Authenticate", 'Bearer realm="lockstep-access"');
            return send(res, error.status, { error: error.code, message: error.message });
          }
          console.error(error);
          send(res, 500, { error: "internal", message: "The access service failed; the error is in its log." });
        },
      );
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new AccessError(413, "bad_request", "The request body is larger than 16 KiB.");
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new AccessError(400, "bad_request", "The request body is not JSON: send { message, signature }.");
  }
}

/** Serves `service` on `port` (0: any free one) at 127.0.0.1 unless `host` says otherwise. */
export async function listen(
  service: AccessService,
  port = 0,
  host = "127.0.0.1",
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => service.handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
