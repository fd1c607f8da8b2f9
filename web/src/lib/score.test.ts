import { describe, expect, it } from "vitest";
import {
  endsWithinMinLock,
  epochStart,
  inScoreUnits,
  levelDropTime,
  lockEndFor,
  levelOf,
  MAX_LOCK,
  MIN_LOCK_SLACK,
  projectScore,
  scoreAt,
  scoreToNextLevel,
  scoreUnit,
  slopeOf,
  thresholdDropTime,
  unlockEndFor,
  WEEK,
  type Lock,
} from "./score";
import { DEFAULT_LEVEL_THRESHOLDS as THRESHOLDS, E18 as E, MIN_LOCK } from "../../../shared/protocol";

/** A deterministic pseudo-random bigint stream (xorshift), so failures are reproducible. */
function* randoms(seed = 0x2545f4914f6cdd1dn) {
  let x = seed;
  const mask = (1n << 64n) - 1n;
  for (;;) {
    x ^= (x << 13n) & mask;
    x ^= x >> 7n;
    x ^= (x << 17n) & mask;
    yield x;
  }
}

describe("constants", () => {
  it("match the contracts", () => {
    expect(WEEK).toBe(604_800n);
    expect(MAX_LOCK).toBe(31_449_600n);
  });
});

describe("scoreAt", () => {
  it("is amount + slope * (end - t) with integer slope, as in docs/spec.md §2", () => {
    const amount = 1_000n * E;
    const now = 1_800_000_000n;
    const end = epochStart(now + MAX_LOCK);
    const slope = amount / MAX_LOCK;
    expect(slopeOf(amount)).toBe(31_796_906_796_906n); // floor(1000e18 / 31449600)
    expect(scoreAt({ amount, end, autoMax: false }, now)).toBe(amount + slope * (end - now));
  });
  it("is zero at and after end, and constant with auto-max", () => {
    const lock: Lock = { amount: 5n * E, end: 10n * WEEK, autoMax: false };
    expect(scoreAt(lock, lock.end)).toBe(0n);
    expect(scoreAt(lock, lock.end + 1n)).toBe(0n);
    expect(scoreAt(lock, lock.end - 1n)).toBe(lock.amount + slopeOf(lock.amount));
    const max: Lock = { amount: 5n * E, end: 0n, autoMax: true };
    expect(scoreAt(max, 0n)).toBe(scoreAt(max, 10n ** 12n));
    expect(scoreAt(max, 0n)).toBe(5n * E + slopeOf(5n * E) * MAX_LOCK);
  });
  it("never exceeds 2x and never drops below 1x before end (fuzz)", () => {
    const rng = randoms();
    for (let i = 0; i < 500; i++) {
      const amount = rng.next().value! % 10n ** 27n;
      const now = 1_700_000_000n + (rng.next().value! % 10n ** 8n);
      const weeks = Number(rng.next().value! % 52n) + 1;
      const end = unlockEndFor(now, weeks);
      if (end <= now) continue;
      const t = now + (rng.next().value! % (end - now));
      const score = scoreAt({ amount, end, autoMax: false }, t);
      expect(score >= amount).toBe(true);
      expect(score <= 2n * amount).toBe(true);
      // Equivalent to the subgraph's form: amount + slope*end - slope*t.
      expect(score).toBe(amount + slopeOf(amount) * end - slopeOf(amount) * t);
    }
  });
});

describe("unlockEndFor", () => {
  it("rounds down to a week and stays within now < end <= now + MAX_LOCK for 1-52 weeks", () => {
    const rng = randoms(99n);
    for (let i = 0; i < 200; i++) {
      const now = 1_700_000_000n + (rng.next().value! % 10n ** 8n);
      for (const weeks of [1, 13, 52]) {
        const end = unlockEndFor(now, weeks);
        expect(end % WEEK).toBe(0n);
        expect(end > now).toBe(true);
        expect(end <= now + MAX_LOCK).toBe(true);
      }
    }
  });
});

// VotingEscrow.MIN_LOCK as the contract reports it (the app reads it with useMinLock).

describe("inScoreUnits", () => {
  it("scales a lock of any token to 18-decimal score units, as the escrow does", () => {
    expect(scoreUnit(18)).toBe(1n);
    expect(scoreUnit(6)).toBe(10n ** 12n);
    expect(scoreUnit(0)).toBe(E);
    // 1,000 tokens of a 6-decimal token score exactly like 1,000 tokens of an 18-decimal one.
    const six: Lock = { amount: 1_000n * 10n ** 6n, end: 0n, autoMax: true };
    const eighteen: Lock = { amount: 1_000n * E, end: 0n, autoMax: true };
    expect(scoreAt(inScoreUnits(six, 6), 0n)).toBe(scoreAt(eighteen, 0n));
    expect(scoreAt(inScoreUnits(six, 6), 0n)).toBe(1_000n * E + slopeOf(1_000n * E) * MAX_LOCK);
    // Without the scaling the slope of a 6-decimal lock below 31 tokens would round to zero.
    expect(slopeOf(30n * 10n ** 6n)).toBe(0n);
    expect(slopeOf(inScoreUnits({ ...six, amount: 30n * 10n ** 6n }, 6).amount)).toBeGreaterThan(0n);
    expect(inScoreUnits(six, 6).end).toBe(six.end);
  });
});

describe("lockEndFor", () => {
  it("gives the earliest end the escrow accepts for the shortest lock, and never passes MAX_LOCK (fuzz)", () => {
    const rng = randoms(7n);
    for (let i = 0; i < 500; i++) {
      const now = 1_700_000_000n + (rng.next().value! % 10n ** 8n);
      for (const weeks of [4, 5, 13, 52]) {
        const end = lockEndFor(now, weeks, MIN_LOCK);
        expect(end % WEEK).toBe(0n);
        // The escrow's rule (now + MIN_LOCK <= end <= now + MAX_LOCK), with slack for the mining delay.
        expect(end >= now + MIN_LOCK + MIN_LOCK_SLACK).toBe(true);
        expect(end <= now + MAX_LOCK).toBe(true);
        // Sent as unlockTime, it is kept as is by the escrow's rounding.
        expect(epochStart(end)).toBe(end);
      }
      // 4 weeks: no earlier week boundary would pass the rule.
      expect(lockEndFor(now, 4, MIN_LOCK) - WEEK < now + MIN_LOCK + MIN_LOCK_SLACK).toBe(true);
      expect(lockEndFor(now, 52, MIN_LOCK)).toBe(unlockEndFor(now, 52));
    }
  });
});

describe("endsWithinMinLock", () => {
  const now = 1_750_000_000n;
  const lock = (end: bigint, autoMax = false): Lock => ({ amount: E, end, autoMax });
  it("is true while the lock ends sooner than MIN_LOCK (plus slack) from now", () => {
    expect(endsWithinMinLock(lock(now + MIN_LOCK - 1n), now, MIN_LOCK)).toBe(true);
    expect(endsWithinMinLock(lock(now + MIN_LOCK), now, MIN_LOCK)).toBe(true);
    expect(endsWithinMinLock(lock(now + MIN_LOCK + MIN_LOCK_SLACK), now, MIN_LOCK)).toBe(false);
    expect(endsWithinMinLock(lock(now + 20n * WEEK), now, MIN_LOCK)).toBe(false);
  });
  it("is false for auto-max and for no lock", () => {
    expect(endsWithinMinLock(lock(0n, true), now, MIN_LOCK)).toBe(false);
    expect(endsWithinMinLock({ amount: 0n, end: 0n, autoMax: false }, now, MIN_LOCK)).toBe(false);
  });
});

describe("levels", () => {
  it("counts the thresholds reached", () => {
    expect(levelOf(0n, THRESHOLDS)).toBe(0);
    expect(levelOf(22_000n * E, THRESHOLDS)).toBe(1);
    expect(levelOf(22_000n * E - 1n, THRESHOLDS)).toBe(0);
    expect(levelOf(10n ** 30n, THRESHOLDS)).toBe(10);
  });
  it("reports the score missing for the next level", () => {
    expect(scoreToNextLevel(20_000n * E, THRESHOLDS)).toBe(2_000n * E);
    expect(scoreToNextLevel(10n ** 30n, THRESHOLDS)).toBeUndefined();
  });
  it("finds the exact second the level drops (fuzz)", () => {
    const rng = randoms(7n);
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      const amount = (rng.next().value! % 3_000_000n) * E + 1_000n * E;
      const now = 1_750_000_000n;
      const lock: Lock = { amount, end: unlockEndFor(now, Number(rng.next().value! % 52n) + 1), autoMax: false };
      const drop = levelDropTime(lock, THRESHOLDS, now);
      const level = levelOf(scoreAt(lock, now), THRESHOLDS);
      if (level === 0) {
        expect(drop).toBeUndefined();
        continue;
      }
      checked++;
      expect(drop).toBeDefined();
      expect(levelOf(scoreAt(lock, drop! - 1n), THRESHOLDS)).toBe(level);
      expect(levelOf(scoreAt(lock, drop!), THRESHOLDS)).toBeLessThan(level);
    }
    expect(checked).toBeGreaterThan(100);
  });
  it("never drops while auto-max is on", () => {
    expect(levelDropTime({ amount: 100_000n * E, end: 0n, autoMax: true }, THRESHOLDS, 1n)).toBeUndefined();
    expect(thresholdDropTime({ amount: 100_000n * E, end: 0n, autoMax: true }, THRESHOLDS[0], 1n)).toBeUndefined();
  });
  it("finds the second a lock falls below any threshold it reaches, lower ones no sooner", () => {
    const now = 1_750_000_000n;
    const lock: Lock = { amount: 400_000n * E, end: unlockEndFor(now, 52), autoMax: false };
    const level = levelOf(scoreAt(lock, now), THRESHOLDS);
    let previous = 0n;
    for (let k = level; k >= 1; k--) {
      const drop = thresholdDropTime(lock, THRESHOLDS[k - 1], now)!;
      expect(scoreAt(lock, drop - 1n) >= THRESHOLDS[k - 1]).toBe(true);
      expect(scoreAt(lock, drop) < THRESHOLDS[k - 1]).toBe(true);
      expect(drop >= previous).toBe(true);
      previous = drop;
    }
    // Thresholds at or below the locked amount hold until the lock ends.
    expect(thresholdDropTime(lock, THRESHOLDS[3], now)).toBe(lock.end);
    // A threshold it does not reach has no drop.
    expect(thresholdDropTime(lock, THRESHOLDS[level], now)).toBeUndefined();
  });
});

describe("projectScore", () => {
  it("starts at the current score, decays monotonically and ends at 0 at end", () => {
    const now = 1_750_000_000n;
    const lock: Lock = { amount: 1_000n * E, end: unlockEndFor(now, 26), autoMax: false };
    const points = projectScore(lock, now);
    expect(points[0]).toEqual({ t: now, score: scoreAt(lock, now) });
    expect(points[points.length - 1]).toEqual({ t: lock.end, score: 0n });
    for (let i = 1; i < points.length - 1; i++) expect(points[i].score <= points[i - 1].score).toBe(true);
    expect(points[points.length - 2].score).toBe(scoreAt(lock, lock.end - 1n));
  });
  it("is flat with auto-max", () => {
    const points = projectScore({ amount: E, end: 0n, autoMax: true }, 100n);
    expect(new Set(points.map((p) => p.score)).size).toBe(1);
  });
});
