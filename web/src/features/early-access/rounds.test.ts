import { describe, expect, it } from "vitest";
import { allocationOf, commitProblem, levelReason, roundState } from "./rounds";

const USDC = { address: "0x0000000000000000000000000000000000000001", symbol: "USDC", decimals: 6 } as const;
const E6 = 10n ** 6n;
const E18 = 10n ** 18n;

describe("round state", () => {
  const round = { start: 100n, end: 200n, finalized: false, cancelled: false };
  it("follows the chain's clock through upcoming, open and closed", () => {
    expect(roundState(round, 99n)).toBe("upcoming");
    expect(roundState(round, 100n)).toBe("open");
    expect(roundState(round, 199n)).toBe("open");
    expect(roundState(round, 200n)).toBe("closed");
  });
  it("shows finalized and cancelled whatever the time", () => {
    expect(roundState({ ...round, finalized: true }, 300n)).toBe("finalized");
    expect(roundState({ ...round, cancelled: true }, 150n)).toBe("cancelled");
  });
});

describe("allocation estimate", () => {
  // docs/spec.md §8's example: 1,000,000 SALE (18 decimals) at 0.5 USDC.
  const round = { price: 500_000n, saleAmount: 1_000_000n * E18, cancelled: false };
  it("buys at the price when the round is undersold", () => {
    expect(allocationOf(round, 18, 1_000n * E6, 300_000n * E6)).toEqual({ saleTokens: 2_000n * E18, refund: 0n });
  });
  it("fills pro rata with a refund when the round is oversold", () => {
    expect(allocationOf(round, 18, 1_000n * E6, 800_000n * E6)).toEqual({
      saleTokens: 1_250n * E18,
      refund: 375n * E6,
    });
  });
  it("refunds everything in a cancelled round", () => {
    expect(allocationOf({ ...round, cancelled: true }, 18, 7n, 9n)).toEqual({ saleTokens: 0n, refund: 7n });
  });
});

describe("commit checks", () => {
  const base = { level: 2, cap: 2_000n * E6, committed: 500n * E6, balance: 10_000n * E6, token: USDC };
  it("accepts an amount within what is left of the cap", () => {
    expect(commitProblem(1_500n * E6, base)).toBeUndefined();
  });
  it("explains an amount over the cap with what is left", () => {
    expect(commitProblem(1_501n * E6, base)).toBe(
      "That is over your cap: level 2 may commit 2,000 USDC in total and you can add at most 1,500 USDC.",
    );
  });
  it("says when the cap is used up", () => {
    expect(commitProblem(1n, { ...base, committed: base.cap })).toBe(
      "You have already committed the cap of your level (2,000 USDC).",
    );
  });
  it("explains an amount over the balance", () => {
    expect(commitProblem(100n * E6, { ...base, balance: 50n * E6 })).toBe("That is more than your balance of 50 USDC.");
  });
  it("refuses level 0 with a sentence", () => {
    expect(commitProblem(1n, { ...base, level: 0 })).toMatch(/level 1 or more may commit/);
  });
});

describe("level explanation", () => {
  const snapshot = 1_773_273_600n; // 12 Mar 2026
  it("gives the score at the snapshot and the level", () => {
    expect(levelReason(3, 61_200n * E18, snapshot)).toBe("Your Staking Score on 12 Mar 2026 UTC was 61,200: level 3.");
  });
  it("tells a level-0 visitor why and how to qualify next time", () => {
    expect(levelReason(0, 900n * E18, snapshot)).toBe(
      "Your Staking Score on 12 Mar 2026 UTC was 900: below level 1, so you can't join this round. Lock tokens (or lock more) before the next round's snapshot to qualify.",
    );
  });
});
