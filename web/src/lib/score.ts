/**
 * The Staking Score math for the app, on top of the protocol's constants and formula (shared/protocol.ts):
 * projections, level changes and unlock dates.
 */
import { epochStart, levelOf, MAX_LOCK, scoreOf, slopeOf, WEEK, type Lock } from "../../../shared/protocol";

export { epochStart, levelOf, MAX_LOCK, slopeOf, WEEK, type Lock };
export { inScoreUnits, levelDropTime, MAX_LOCK_WEEKS, revenueShare, scoreUnit } from "../../../shared/protocol";

/** The score of `lock` (amount in 18-decimal score units) at time `t`. */
export const scoreAt = (lock: Lock, t: bigint) => scoreOf(lock, t);

/** The end a lock gets when created or extended at `now` for `weeks` weeks (rounded down to a week). */
export const unlockEndFor = (now: bigint, weeks: number) => epochStart(now + BigInt(weeks) * WEEK);

/**
 * Slack for the MIN_LOCK rule: a transaction is mined a little after the `now` the app computed with, so an
 * end only just MIN_LOCK away would be too soon by then.
 */
export const MIN_LOCK_SLACK = 15n * 60n;

/**
 * The end to ask for when creating or extending a lock at `now` for `weeks` weeks: `now + weeks` rounded down
 * to a week, or the next week boundary while that is sooner than `minLock` (VotingEscrow.MIN_LOCK) from now.
 * So the shortest choice gives the earliest end the escrow accepts.
 */
export function lockEndFor(now: bigint, weeks: number, minLock: bigint): bigint {
  let end = unlockEndFor(now, weeks);
  while (end < now + minLock + MIN_LOCK_SLACK) end += WEEK;
  return end;
}

/**
 * Whether a lock ends too soon to receive tokens (add, re-lock): it must be auto-max or end at least
 * `minLock` from now, or the escrow reverts with VotingEscrowLockTooShort (RevenueDistributorLockTooShort).
 */
export function endsWithinMinLock(lock: Lock, now: bigint, minLock: bigint): boolean {
  return lock.amount > 0n && !lock.autoMax && lock.end < now + minLock + MIN_LOCK_SLACK;
}

/**
 * Points of the projected score from `from` until the lock ends (or `from + MAX_LOCK` for auto-max). For a
 * decaying lock the last two points show the drop of the flat part at `end`.
 */
export function projectScore(lock: Lock, from: bigint, points = 24): { t: bigint; score: bigint }[] {
  const decaying = !lock.autoMax && lock.end > from;
  const until = decaying ? lock.end - 1n : from + MAX_LOCK;
  const result: { t: bigint; score: bigint }[] = [];
  for (let i = 0; i <= points; i++) {
    const t = from + ((until - from) * BigInt(i)) / BigInt(points);
    result.push({ t, score: scoreAt(lock, t) });
  }
  if (decaying) result.push({ t: lock.end, score: 0n });
  return result;
}

/** The score still missing to reach the next level, or undefined at the top level. */
export function scoreToNextLevel(score: bigint, thresholds: readonly bigint[]): bigint | undefined {
  const level = levelOf(score, thresholds);
  return level < thresholds.length ? thresholds[level] - score : undefined;
}
