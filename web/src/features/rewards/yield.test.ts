import { describe, expect, it } from "vitest";
import { DAY, E18, WEEK } from "../../../../shared/protocol";
import { annualizedRate, formatRate, PER_SCORE, ratePerScore, weekYield, yieldWeeks } from "./yield";

const USDC = 10n ** 6n;

describe("weekYield", () => {
  it("shares a week's revenue by the scores at its start (the spec's example: 1,200 USDC, 3,000 of 12,000 score)", () => {
    const week = weekYield({ revenue: 1_200n * USDC, score: 3_000n * E18, totalScore: 12_000n * E18 });
    expect(week.share).toBe(300n * USDC);
    expect(week.perThousand).toBe(100n * USDC);
    expect(week.rollsOver).toBe(false);
  });
  it("rounds down as the distributor does", () => {
    expect(weekYield({ revenue: 10n, score: 1n, totalScore: 3n }).share).toBe(3n);
    expect(weekYield({ revenue: 10n, score: 0n, totalScore: 3n }).share).toBe(0n);
    expect(weekYield({ revenue: 1n, score: E18, totalScore: 2_001n * E18 }).perThousand).toBe(0n);
  });
  it("says a week with revenue but no score at its start rolls over, and pays nothing", () => {
    expect(weekYield({ revenue: 5n, score: 0n, totalScore: 0n })).toEqual({
      revenue: 5n,
      perThousand: 0n,
      share: 0n,
      rollsOver: true,
    });
    expect(weekYield({ revenue: 0n, score: 0n, totalScore: 0n }).rollsOver).toBe(false);
  });
});

describe("yieldWeeks", () => {
  it("names the last finished week, the running one and when the running one becomes claimable", () => {
    expect(yieldWeeks(100n * WEEK + 3n * DAY)).toEqual({
      last: 99n * WEEK,
      current: 100n * WEEK,
      claimableAt: 101n * WEEK,
    });
    // At a week's first second that week is the running one.
    expect(yieldWeeks(100n * WEEK).current).toBe(100n * WEEK);
  });
});

describe("annualized rates", () => {
  it("annualizes a weekly amount over 365 days, without compounding", () => {
    expect(annualizedRate(1n, 100n)).toBeCloseTo(365 / 7 / 100, 8);
    expect(annualizedRate(0n, 100n)).toBe(0);
    expect(annualizedRate(1n, 0n)).toBeUndefined();
  });
  it("rates score the same for an 18- and a 6-decimal locked token", () => {
    const rate18 = ratePerScore(10n * E18, 1n);
    const rate6 = ratePerScore(10n * USDC, 10n ** 12n);
    expect(rate18).toBeCloseTo((10 * 365) / 7 / 1000, 8);
    expect(rate6).toBe(rate18);
    expect(PER_SCORE).toBe(1_000n * E18);
  });
  it("shows a rate as a percentage", () => {
    expect(formatRate(0.52142857)).toBe("52.14%");
  });
});
