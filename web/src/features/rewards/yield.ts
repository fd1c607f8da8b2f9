/**
 * The yield card's figures (docs/spec.md §5), on the protocol's one formula `revenueShare` (shared/protocol.ts):
 * a week's revenue is shared by the scores at the week's start and becomes claimable when the week ends.
 */
import { DAY, E18, epochStart, revenueShare, WEEK } from "../../../../shared/protocol";

/** The "per 1,000 score" yardstick, in 18-decimal score units. */
export const PER_SCORE = 1_000n * E18;
/** A year for annualized rates: 365 days. */
export const YEAR = 365n * DAY;

/** The weeks the card talks about at chain time `now`. */
export function yieldWeeks(now: bigint) {
  const current = epochStart(now);
  /** `last`: the last finished week; `current`: the running one, claimable from `claimableAt`. */
  return { last: current - WEEK, current, claimableAt: current + WEEK };
}

/** One token's revenue in one week with the scores at the week's start (`balanceOfAt`, `totalSupplyAt`). */
export type WeekInput = { revenue: bigint; score: bigint; totalScore: bigint };

export type WeekYield = {
  revenue: bigint;
  /** What 1,000 score at the week's start earns, in the revenue token's units. */
  perThousand: bigint;
  /** The account's share: what `claimable` counts for this week. */
  share: bigint;
  /** Nobody had a score at the week's start: the distributor rolls the revenue into the next week. */
  rollsOver: boolean;
};

/** A week's revenue per 1,000 score and the account's share of it, exactly as the distributor computes them. */
export function weekYield({ revenue, score, totalScore }: WeekInput): WeekYield {
  return {
    revenue,
    perThousand: revenueShare(revenue, PER_SCORE, totalScore),
    share: revenueShare(revenue, score, totalScore),
    rollsOver: totalScore === 0n && revenue > 0n,
  };
}

/**
 * The simple annual rate of earning `weekly` every week on `principal` (both in the same token units):
 * `weekly * (365 days / 1 week) / principal`, as a fraction (0.05 is 5%); undefined without a principal.
 * Only meaningful when the revenue token is the locked token: another token would need a price.
 */
export function annualizedRate(weekly: bigint, principal: bigint): number | undefined {
  if (principal <= 0n) return undefined;
  return Number((weekly * YEAR * 10n ** 9n) / (WEEK * principal)) / 1e9;
}

/**
 * The annual rate on score: what 1,000 score earned last week, annualized against 1,000 tokens' worth of score.
 * `unit` is the locked token's `10**(18 - decimals)` (the revenue is the locked token here).
 */
export const ratePerScore = (perThousand: bigint, unit: bigint) => annualizedRate(perThousand * unit, PER_SCORE);

/** A rate as "12.34%". */
export const formatRate = (rate: number) => `${(rate * 100).toFixed(2)}%`;
