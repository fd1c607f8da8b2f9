/** Lockstep's level-gated access kit: see access/README.md. */
export { accessConfigFromEnv, signInFor, type AccessEnvConfig } from "./config.ts";
export { AccessError, type AccessErrorCode } from "./errors.ts";
export { createAccessGuard, quotaPeriod, type AccessGrant, type AccessGuard, type GuardOptions } from "./guard.ts";
export { createLevelReader, type LevelReader, type LevelReading } from "./levels.ts";
export { RedisStore } from "./redisStore.ts";
export { createAccessService, listen, type AccessService, type AccessServiceOptions } from "./service.ts";
export {
  buildSignInMessage,
  checkSignInMessage,
  DEFAULT_STATEMENT,
  verifySignIn,
  type CheckedMessage,
  type SignInConfig,
} from "./siwe.ts";
export { MemoryStore, type AccessStore, type Consumed } from "./store.ts";
export {
  limitOf,
  loadTierConfig,
  nextTier,
  parseTierConfig,
  tierForLevel,
  TierConfigError,
  type Tier,
  type TierConfig,
} from "./tiers.ts";
export {
  accessKeyFromEnv,
  hs256Key,
  issueAccessToken,
  tokenExpiry,
  verifyAccessToken,
  type AccessClaims,
  type AccessKey,
  type TokenContext,
} from "./tokens.ts";
