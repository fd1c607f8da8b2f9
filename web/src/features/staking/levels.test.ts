import { describe, expect, it } from "vitest";
import { DEFAULT_LEVEL_THRESHOLDS as THRESHOLDS, E18, scoreOf, WEEK } from "../../../../shared/protocol";
import { unlockEndFor } from "../../lib/score";
import { levelTable } from "./levels";

const NOW = 1_750_000_000n;

describe("levelTable", () => {
  it("places the spec's example (12,000 locked for 52 weeks, about 24,000 score) at level 1, dropping in 8 to 9 weeks", () => {
    const lock = { amount: 12_000n * E18, end: unlockEndFor(NOW, 52), autoMax: false };
    const { score, level, rows } = levelTable(THRESHOLDS, lock, NOW);
    expect(score).toBe(scoreOf(lock, NOW));
    expect(level).toBe(1);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({ level: 1, reached: true, current: true, missing: undefined });
    const drop = rows[0].dropsAt!;
    expect(drop > NOW + 8n * WEEK && drop < NOW + 9n * WEEK).toBe(true);
    expect(scoreOf(lock, drop - 1n) >= THRESHOLDS[0] && scoreOf(lock, drop) < THRESHOLDS[0]).toBe(true);
    expect(rows[1]).toMatchObject({ level: 2, reached: false, current: false, missing: THRESHOLDS[1] - score });
    expect(rows[1].dropsAt).toBeUndefined();
  });
  it("without a lock every level needs its whole threshold", () => {
    const { score, level, rows } = levelTable(THRESHOLDS, undefined, NOW);
    expect(score).toBe(0n);
    expect(level).toBe(0);
    expect(rows.map((r) => r.missing)).toEqual([...THRESHOLDS]);
    expect(rows.some((r) => r.current)).toBe(false);
  });
  it("never drops while auto-max is on", () => {
    const lock = { amount: 300_000n * E18, end: 0n, autoMax: true };
    const { level, rows } = levelTable(THRESHOLDS, lock, NOW);
    expect(level).toBe(5);
    expect(rows.filter((r) => r.reached).map((r) => r.dropsAt)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
