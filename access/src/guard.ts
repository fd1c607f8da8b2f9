/**
 * The check in front of every protected call: a valid access token, a level that has not dropped since it was
 * issued (when a level reader is given), and a call left in the tier's monthly quota. A refused call counts
 * nothing. `middleware` wraps it for node:http and connect-style servers (Express, Polka).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Address } from "viem";
import { AccessError } from "./errors.ts";
import type { LevelReader } from "./levels.ts";
import type { AccessStore } from "./store.ts";
import { limitOf, tierForLevel, type Tier, type TierConfig } from "./tiers.ts";
import { verifyAccessToken, type AccessKey, type TokenContext } from "./tokens.ts";

export type AccessGrant = {
  account: Address;
  /** The level the token was granted for. */
  level: number;
  tier: Tier;
  /** Calls a month; undefined when unlimited. */
  limit: number | undefined;
  used: number;
  /** Calls left this month; undefined when unlimited. */
  remaining: number | undefined;
  /** The calendar month (UTC) counted, "2026-11". */
  period: string;
  /** When the count starts again (unix seconds): the first second of next month, UTC. */
  resetsAt: number;
  /** The token's expiry (unix seconds). */
  tokenExpiresAt: number;
  /** Chain time at which the level drops, if the lock decays. */
  levelDropsAt: number | undefined;
};

/** The month `now` is in (UTC) and when the next one starts. */
export function quotaPeriod(now: Date): { period: string; resetsAt: number } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  return {
    period: `${year}-${String(month + 1).padStart(2, "0")}`,
    resetsAt: Date.UTC(year, month + 1, 1) / 1000,
  };
}

export type GuardOptions = {
  key: AccessKey;
  context: TokenContext;
  tiers: TierConfig;
  store: AccessStore;
  /** Re-reads `levelOf` on calls, so a level that dropped (a threshold change, decay) is refused at once. */
  levels?: LevelReader;
  /** How long a re-read level is reused, in seconds (default 30; 0 reads on every call). */
  recheckSeconds?: number;
  now?: () => Date;
};

export type AccessGuard = {
  /** Checks the `Authorization: Bearer …` header and counts one call; throws an AccessError on refusal. */
  authorize(authorization: string | undefined): Promise<AccessGrant>;
  /** Like `authorize`, without counting a call. */
  inspect(authorization: string | undefined): Promise<AccessGrant>;
  /** node:http / connect-style middleware: sets `req.access` and rate-limit headers, or answers the refusal. */
  middleware(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void;
};

const monthName = (seconds: number) =>
  new Date(seconds * 1000).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

export function createAccessGuard(options: GuardOptions): AccessGuard {
  const now = options.now ?? (() => new Date());
  const recheckMs = (options.recheckSeconds ?? 30) * 1000;
  const levelCache = new Map<string, { level: number; at: number }>();

  const currentLevel = async (account: Address) => {
    const cached = levelCache.get(account);
    if (cached && Date.now() - cached.at < recheckMs) return cached.level;
    const level = await options.levels!.levelOf(account);
    levelCache.set(account, { level, at: Date.now() });
    return level;
  };

  const check = async (authorization: string | undefined, count: boolean): Promise<AccessGrant> => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "");
    if (!match) {
      throw new AccessError(
        401,
        "missing_token",
        "This endpoint needs an access token in an `Authorization: Bearer <token>` header: sign in at /auth/verify.",
      );
    }
    const at = now();
    const claims = await verifyAccessToken(options.key, options.context, match[1], at);
    if (options.levels) {
      const level = await currentLevel(claims.account);
      if (level < claims.level) {
        throw new AccessError(
          401,
          "level_dropped",
          `Your level dropped from ${claims.level} to ${level} since you signed in, so this token no longer grants the ${claims.tier} tier: sign in again for the tier level ${level} earns.`,
        );
      }
    }
    // The tier comes from today's table, so a DAO change of the limits applies to tokens already issued.
    const tier = tierForLevel(options.tiers, claims.level);
    const limit = Number.isFinite(limitOf(tier)) ? limitOf(tier) : undefined;
    const { period, resetsAt } = quotaPeriod(at);
    const ttl = resetsAt - Math.floor(at.getTime() / 1000) + 86_400;
    let used: number;
    if (count) {
      const consumed = await options.store.consume(claims.account, period, limit, ttl);
      used = consumed.used;
      if (!consumed.allowed) {
        throw new AccessError(
          429,
          "quota_exceeded",
          `You have used all ${limit} calls of the ${tier.name} tier for ${monthName(resetsAt - 1)}; they renew on ${new Date(resetsAt * 1000).toISOString().slice(0, 10)} (UTC), or raise your level for a bigger tier.`,
        );
      }
    } else {
      used = await options.store.usage(claims.account, period);
    }
    return {
      account: claims.account,
      level: claims.level,
      tier,
      limit,
      used,
      remaining: limit === undefined ? undefined : Math.max(0, limit - used),
      period,
      resetsAt,
      tokenExpiresAt: claims.expiresAt,
      levelDropsAt: claims.levelDropsAt,
    };
  };

  return {
    authorize: (authorization) => check(authorization, true),
    inspect: (authorization) => check(authorization, false),
    middleware(req, res, next) {
      check(req.headers.authorization, true).then(
        (grant) => {
          if (grant.limit !== undefined) {
            res.setHeader("RateLimit-Limit", String(grant.limit));
            res.setHeader("RateLimit-Remaining", String(grant.remaining));
          }
          (req as IncomingMessage & { access?: AccessGrant }).access = grant;
          next();
        },
        (error: unknown) => {
          if (!(error instanceof AccessError)) return next(error);
          res.statusCode = error.status;
          if (error.status === 401) res.setHeader("WWW-Authenticate", 'Bearer realm="lockstep-access"');
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify({ error: error.code, message: error.message }));
        },
      );
    },
  };
}
