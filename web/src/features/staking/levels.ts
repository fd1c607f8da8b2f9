/** The Stake page's level table: where an account stands against each threshold, on the escrow's decay rule. */
import { levelOf, scoreAt, thresholdDropTime, type Lock } from "../../lib/score";

export type LevelRow = {
  level: number;
  threshold: bigint;
  /** The score reaches the threshold now. */
  reached: boolean;
  /** The account's level now. */
  current: boolean;
  /** Score still missing for a level not reached. */
  missing: bigint | undefined;
  /** When the decaying score falls below a reached threshold; undefined while auto-max is on. */
  dropsAt: bigint | undefined;
};

/**
 * Each level's row for `lock` (amount in 18-decimal score units, or undefined without a lock) at `now`: the
 * score and level come from the protocol's score formula, the drop dates from the same decay.
 */
export function levelTable(thresholds: readonly bigint[], lock: Lock | undefined, now: bigint) {
  const score = lock ? scoreAt(lock, now) : 0n;
  const level = levelOf(score, thresholds);
  const rows: LevelRow[] = thresholds.map((threshold, i) => {
    const reached = score >= threshold;
    return {
      level: i + 1,
      threshold,
      reached,
      current: i + 1 === level,
      missing: reached ? undefined : threshold - score,
      dropsAt: reached && lock ? thresholdDropTime(lock, threshold, now) : undefined,
    };
  });
  return { score, level, rows };
}
