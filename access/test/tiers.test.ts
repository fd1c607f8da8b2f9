import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_TIERS } from "../demo/start.ts";
import { limitOf, loadTierConfig, nextTier, parseTierConfig, tierForLevel, TierConfigError } from "../src/tiers.ts";

const tier = (name: string, minLevel: number, callsPerMonth: number | "unlimited") => ({
  name,
  minLevel,
  callsPerMonth,
});

describe("tier config", () => {
  it("test_MapsEveryLevelToItsTier", () => {
    const config = loadTierConfig(DEMO_TIERS);
    const names = Array.from({ length: 11 }, (_, level) => tierForLevel(config, level).name);
    expect(names).toEqual([
      "Free",
      "Free",
      "Free",
      "Builder",
      "Builder",
      "Builder",
      "Builder",
      "Unlimited",
      "Unlimited",
      "Unlimited",
      "Unlimited",
    ]);
    expect(limitOf(tierForLevel(config, 0))).toBe(50);
    expect(limitOf(tierForLevel(config, 3))).toBe(5000);
    expect(limitOf(tierForLevel(config, 7))).toBe(Infinity);
  });

  it("test_NamesTheNextTierUntilTheTop", () => {
    const config = loadTierConfig(DEMO_TIERS);
    expect(nextTier(config, 0)?.name).toBe("Builder");
    expect(nextTier(config, 5)?.name).toBe("Unlimited");
    expect(nextTier(config, 7)).toBeUndefined();
  });

  const refusals: [string, unknown, RegExp][] = [
    ["NotAnObject", [1, 2], /must be a JSON object with a tiers list/],
    ["UnknownTopLevelKey", { tiers: [tier("Free", 0, 5)], tier: [] }, /unknown key "tier"/],
    ["NoTiers", { tiers: [] }, /tiers must be a non-empty list/],
    ["FirstTierAboveLevelZero", { tiers: [tier("Free", 1, 5)] }, /tiers\[0\]\.minLevel must be 0/],
    [
      "LevelsNotAscending",
      { tiers: [tier("A", 0, 5), tier("B", 4, 9), tier("C", 4, 10)] },
      /tiers\[2\]\.minLevel must be above tiers\[1\]\.minLevel \(4\), got 4/,
    ],
    [
      "LevelAboveTen",
      { tiers: [tier("A", 0, 5), tier("B", 11, 9)] },
      /tiers\[1\]\.minLevel must be a whole number from 0 to 10, got 11/,
    ],
    [
      "NegativeCalls",
      { tiers: [tier("A", 0, -5)] },
      /tiers\[0\]\.callsPerMonth must be a whole number of calls \(0 or more\) or "unlimited", got -5/,
    ],
    ["CallsAsText", { tiers: [tier("A", 0, "lots" as never)] }, /callsPerMonth .* got "lots"/],
    [
      "LimitShrinksAsLevelsRise",
      { tiers: [tier("A", 0, 50), tier("B", 3, 10)] },
      /tiers\[1\] \("B"\) allows fewer calls a month than tiers\[0\] \("A"\)/,
    ],
    ["UnlimitedBelowALimit", { tiers: [tier("A", 0, "unlimited"), tier("B", 3, 10)] }, /allows fewer calls/],
    [
      "DuplicateName",
      { tiers: [tier("A", 0, 5), tier("A", 3, 10)] },
      /tiers\[1\]\.name "A" is used by an earlier tier/,
    ],
    [
      "MissingName",
      { tiers: [{ minLevel: 0, callsPerMonth: 5 }] },
      /tiers\[0\]\.name must be a non-empty string, got nothing/,
    ],
    [
      "TypoInAKey",
      { tiers: [{ name: "A", minLevel: 0, callsPerMonht: 5 }] },
      /tiers\[0\] has an unknown key "callsPerMonht"/,
    ],
  ];
  for (const [name, raw, message] of refusals) {
    it(`test_RevertWhen_${name}`, () => {
      expect(() => parseTierConfig(raw, "tiers.json")).toThrow(TierConfigError);
      expect(() => parseTierConfig(raw, "tiers.json")).toThrow(message);
    });
  }

  it("test_RevertWhen_FileIsNotJson", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "tiers-")), "tiers.json");
    writeFileSync(file, "{ tiers: [ }");
    expect(() => loadTierConfig(file)).toThrow(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: it is not valid JSON`),
    );
  });

  it("test_RevertWhen_FileIsMissing", () => {
    expect(() => loadTierConfig("/nonexistent/tiers.json")).toThrow(
      /\/nonexistent\/tiers.json: the file cannot be read/,
    );
  });
});
