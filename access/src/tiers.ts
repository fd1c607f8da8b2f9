/**
 * The DAO's tier table: which level earns how many API calls a month. It lives in a JSON file the DAO edits
 * (access/tiers.json is the demo's); `parseTierConfig` refuses a bad file at start-up with a sentence that names
 * the field, so a typo never silently gives everyone the wrong quota.
 */
import { readFileSync } from "node:fs";
import { LEVEL_COUNT } from "../../shared/protocol.ts";

export type Tier = {
  /** Shown to people ("Free", "Builder"). */
  name: string;
  /** The lowest level (0-10) that earns this tier. */
  minLevel: number;
  /** Calls per calendar month (UTC), or "unlimited". */
  callsPerMonth: number | "unlimited";
};

export type TierConfig = { tiers: readonly Tier[] };

export class TierConfigError extends Error {
  constructor(source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.name = "TierConfigError";
  }
}

const TIER_KEYS = new Set(["name", "minLevel", "callsPerMonth"]);
const show = (value: unknown) => (value === undefined ? "nothing" : JSON.stringify(value));

/**
 * Checks a parsed tier config: `{ "tiers": [{ "name", "minLevel", "callsPerMonth" }, …] }`, the first tier at
 * level 0, levels strictly ascending within 0-10, unique names, and limits that never shrink as levels rise.
 */
export function parseTierConfig(raw: unknown, source = "the tier config"): TierConfig {
  const fail = (problem: string): never => {
    throw new TierConfigError(source, problem);
  };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail("it must be a JSON object with a tiers list");
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(record)) if (key !== "tiers") fail(`unknown key "${key}" (only "tiers" is allowed)`);
  const list = record.tiers;
  if (!Array.isArray(list) || list.length === 0) fail("tiers must be a non-empty list");
  const tiers: Tier[] = [];
  const names = new Set<string>();
  (list as unknown[]).forEach((entry, i) => {
    const at = `tiers[${i}]`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) fail(`${at} must be an object`);
    const tier = entry as Record<string, unknown>;
    for (const key of Object.keys(tier)) {
      if (!TIER_KEYS.has(key)) fail(`${at} has an unknown key "${key}" (allowed: name, minLevel, callsPerMonth)`);
    }
    const { name, minLevel, callsPerMonth } = tier;
    if (typeof name !== "string" || name.trim() === "")
      fail(`${at}.name must be a non-empty string, got ${show(name)}`);
    if (names.has(name as string)) fail(`${at}.name "${name}" is used by an earlier tier`);
    names.add(name as string);
    if (typeof minLevel !== "number" || !Number.isInteger(minLevel) || minLevel < 0 || minLevel > LEVEL_COUNT) {
      fail(`${at}.minLevel must be a whole number from 0 to ${LEVEL_COUNT}, got ${show(minLevel)}`);
    }
    if (i === 0 && minLevel !== 0) fail(`tiers[0].minLevel must be 0, so every account has a tier, got ${minLevel}`);
    const previous = tiers[i - 1];
    if (previous && (minLevel as number) <= previous.minLevel) {
      fail(`${at}.minLevel must be above tiers[${i - 1}].minLevel (${previous.minLevel}), got ${minLevel}`);
    }
    if (
      callsPerMonth !== "unlimited" &&
      (typeof callsPerMonth !== "number" || !Number.isSafeInteger(callsPerMonth) || callsPerMonth < 0)
    ) {
      fail(
        `${at}.callsPerMonth must be a whole number of calls (0 or more) or "unlimited", got ${show(callsPerMonth)}`,
      );
    }
    if (previous && limitOf(previous) > limitOf({ callsPerMonth } as Tier)) {
      fail(`${at} ("${name}") allows fewer calls a month than tiers[${i - 1}] ("${previous.name}") below it`);
    }
    tiers.push({
      name: name as string,
      minLevel: minLevel as number,
      callsPerMonth: callsPerMonth as Tier["callsPerMonth"],
    });
  });
  return { tiers };
}

/** Reads and checks a tier config file; every problem is one TierConfigError sentence naming the file. */
export function loadTierConfig(file: string): TierConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new TierConfigError(file, `the file cannot be read (${(error as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new TierConfigError(file, `it is not valid JSON (${(error as Error).message})`);
  }
  return parseTierConfig(raw, file);
}

/** The monthly limit as a number; Infinity for "unlimited". */
export const limitOf = (tier: Pick<Tier, "callsPerMonth">) =>
  tier.callsPerMonth === "unlimited" ? Infinity : tier.callsPerMonth;

/** The tier `level` earns: the one with the highest minLevel at or below it. */
export function tierForLevel(config: TierConfig, level: number): Tier {
  let found = config.tiers[0];
  for (const tier of config.tiers) if (tier.minLevel <= level) found = tier;
  return found;
}

/** The next tier above the one `level` earns, or undefined at the top. */
export function nextTier(config: TierConfig, level: number): Tier | undefined {
  return config.tiers.find((tier) => tier.minLevel > level);
}
