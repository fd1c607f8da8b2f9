/**
 * The service's settings from the environment, checked once at start-up: every problem is a sentence naming the
 * variable. The signing key is read separately (`accessKeyFromEnv`), the tier table from its JSON file.
 */
import { DEFAULT_STATEMENT, type SignInConfig } from "./siwe.ts";

export type AccessEnvConfig = {
  /** The app's origin: the sign-in URI, its host the sign-in domain, and the allowed CORS origin. */
  appOrigin: string;
  /** More origins allowed to call from a browser. */
  corsOrigins: string[];
  tokenLifetime: number;
  messageLifetime: number;
  tiersFile: string | undefined;
  redisUrl: string | undefined;
  port: number;
};

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got "${value}".`);
  return n;
}

function origin(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an http(s) origin such as https://app.example.org, got "${value}".`);
  }
  if (!/^https?:$/.test(url.protocol)) throw new Error(`${name} must use http or https, got "${value}".`);
  return url.origin;
}

export function accessConfigFromEnv(env: Record<string, string | undefined> = process.env): AccessEnvConfig {
  const appOrigin = origin("ACCESS_APP_ORIGIN", env.ACCESS_APP_ORIGIN ?? "http://127.0.0.1:5173");
  const extra = (env.ACCESS_CORS_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => origin("ACCESS_CORS_ORIGINS", s));
  const port = env.ACCESS_PORT === undefined ? 8787 : Number(env.ACCESS_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`ACCESS_PORT must be a port number (0-65535), got "${env.ACCESS_PORT}".`);
  }
  const redisUrl = env.ACCESS_REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new Error(`ACCESS_REDIS_URL must be a redis:// or rediss:// URL, got "${redisUrl}".`);
  }
  return {
    appOrigin,
    corsOrigins: [appOrigin, ...extra],
    tokenLifetime: positiveInt("ACCESS_TOKEN_LIFETIME", env.ACCESS_TOKEN_LIFETIME, 3600),
    messageLifetime: positiveInt("ACCESS_MESSAGE_LIFETIME", env.ACCESS_MESSAGE_LIFETIME, 600),
    tiersFile: env.ACCESS_TIERS?.trim() || undefined,
    redisUrl,
    port,
  };
}

/** The sign-in settings for an app at `appOrigin` on `chainId`. */
export function signInFor(appOrigin: string, chainId: number, messageLifetime = 600): SignInConfig {
  const url = new URL(appOrigin);
  return { domain: url.host, uri: url.origin, chainId, statement: DEFAULT_STATEMENT, messageLifetime };
}
