/**
 * The protocol's constants and the Staking Score formula (docs/spec.md §2 and §4), the one TypeScript source for
 * the scripts, the tests, the web app and (generated from it by scripts/subgraph/build.ts) the subgraph. The
 * contracts hold the same numbers; test/scripts/protocol.test.ts checks the deploy parameters against them.
 */

export const DAY = 86_400n;
/** One week in seconds. Unlock times are multiples of it; revenue is shared per week. */
export const WEEK = 7n * DAY;

export const MAX_LOCK_WEEKS = 52;
/** The longest lock (the "12 months"), in seconds. */
export const MAX_LOCK = BigInt(MAX_LOCK_WEEKS) * WEEK;

export const MIN_LOCK_WEEKS = 4;
/** A lock that receives tokens must be auto-max or still run at least this long, in seconds. */
export const MIN_LOCK = BigInt(MIN_LOCK_WEEKS) * WEEK;

/** One whole token, or one whole score, in 18-decimal units (scores are always 18-decimal). */
export const E18 = 10n ** 18n;

export const LEVEL_COUNT = 10;
/** The escrow's default level thresholds (levels 1-10), in 18-decimal score units. */
export const DEFAULT_LEVEL_THRESHOLDS: readonly bigint[] = [
  22_000n,
  50_000n,
  100_000n,
  250_000n,
  500_000n,
  1_000_000n,
  2_000_000n,
  3_500_000n,
  5_000_000n,
  7_777_000n,
].map((whole) => whole * E18);

/** A lock as the escrow reports it; `end` is 0 while `autoMax` is on. */
export type Lock = { amount: bigint; end: bigint; autoMax: boolean };

/** The start of the week containing `t`. */
export const epochStart = (t: bigint) => (t / WEEK) * WEEK;

/** The bonus a lock of `units` score units loses per second. */
export const slopeOf = (units: bigint) => units / MAX_LOCK;

/**
 * The Staking Score of `lock` at time `t`, in 18-decimal score units: `units + slope * (end - t)` before the
 * end, `units + slope * MAX_LOCK` while auto-max, 0 from the end on; `units = amount * unit`, where `unit` is
 * 10**(18 - decimals) of the locked token (1 for an 18-decimal token).
 */
export function scoreOf(lock: Lock, t: bigint, unit = 1n): bigint {
  const units = lock.amount * unit;
  if (units === 0n) return 0n;
  const slope = slopeOf(units);
  if (lock.autoMax) return units + slope * MAX_LOCK;
  if (t >= lock.end) return 0n;
  return units + slope * (lock.end - t);
}

/** The level of `score`: how many of `thresholds` (ascending) it reaches, 0 to thresholds.length. */
export function levelOf(score: bigint, thresholds: readonly bigint[]): number {
  let level = 0;
  while (level < thresholds.length && score >= thresholds[level]) level++;
  return level;
}

/**
 * An account's share of one week's revenue (docs/spec.md §5): `revenue * score / totalScore`, rounded down, with the
 * score and the total taken at the start of the week; 0 when nobody had a score.
 */
export const revenueShare = (revenue: bigint, score: bigint, totalScore: bigint) =>
  totalScore === 0n ? 0n : (revenue * score) / totalScore;

/** One token base unit in 18-decimal score units (the escrow's `unit`, 10**(18 - decimals)). */
export const scoreUnit = (decimals: number) => 10n ** BigInt(18 - decimals);

/**
 * `lock` (amount in token units, as `locked()` reports it) with its amount in 18-decimal score units, the units
 * the score and level math works in whatever the token's decimals.
 */
export const inScoreUnits = (lock: Lock, decimals: number): Lock => ({
  ...lock,
  amount: lock.amount * scoreUnit(decimals),
});

/**
 * The first time at or after `now` at which the lock's level is lower than it is at `now`, or undefined
 * when it never drops (auto-max) or is already 0.
 */
export function levelDropTime(lock: Lock, thresholds: readonly bigint[], now: bigint): bigint | undefined {
  const level = levelOf(scoreOf(lock, now), thresholds);
  if (level === 0 || lock.autoMax) return undefined;
  const threshold = thresholds[level - 1];
  const slope = slopeOf(lock.amount);
  if (threshold <= lock.amount || slope === 0n) return lock.end;
  // score(t) >= threshold  <=>  slope * (end - t) >= threshold - amount  <=>  t <= end - k
  const k = (threshold - lock.amount + slope - 1n) / slope;
  return lock.end - k + 1n;
}
