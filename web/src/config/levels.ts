/**
 * The benefits the DAO lists per level (levels.json beside this file), validated once at start-up: a mistake
 * in the file stops the app with a sentence naming the file, the entry and what is wrong.
 */
import { LEVEL_COUNT } from "../../../shared/protocol";

/** Benefits per level: index 0 is level 1. Levels the file does not list have none. */
export type LevelBenefits = readonly (readonly string[])[];

/** The longest benefit text: the level table stays readable on a phone. */
export const MAX_BENEFIT_LENGTH = 120;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function parseLevelBenefits(raw: unknown, file = "levels.json"): LevelBenefits {
  const fail = (message: string): never => {
    throw new Error(`${file}: ${message}`);
  };
  if (!isObject(raw) || !Array.isArray(raw.levels)) {
    return fail('expected an object with a "levels" array, e.g. {"levels": [{"level": 1, "benefits": ["…"]}]}');
  }
  const extra = Object.keys(raw).filter((key) => key !== "levels" && key !== "$comment");
  if (extra.length > 0) fail(`unknown key "${extra[0]}" (only "levels" is read)`);
  const benefits: string[][] = Array.from({ length: LEVEL_COUNT }, () => []);
  const seen = new Set<number>();
  raw.levels.forEach((entry: unknown, i: number) => {
    const where = `levels[${i}]`;
    if (!isObject(entry)) return fail(`${where} must be an object with "level" and "benefits"`);
    const unknown = Object.keys(entry).find((key) => key !== "level" && key !== "benefits");
    if (unknown) fail(`${where} has an unknown key "${unknown}" (expected "level" and "benefits")`);
    const level = entry.level;
    if (typeof level !== "number" || !Number.isInteger(level) || level < 1 || level > LEVEL_COUNT) {
      fail(`${where}.level must be a whole number from 1 to ${LEVEL_COUNT}, got ${JSON.stringify(level)}`);
    }
    if (seen.has(level as number)) fail(`${where}.level ${level} is listed twice; put all its benefits in one entry`);
    seen.add(level as number);
    const list = entry.benefits;
    if (!Array.isArray(list) || list.length === 0) fail(`${where}.benefits must be a non-empty list of texts`);
    (list as unknown[]).forEach((text, j) => {
      if (typeof text !== "string" || text.trim() === "") fail(`${where}.benefits[${j}] must be a non-empty text`);
      if ((text as string).length > MAX_BENEFIT_LENGTH) {
        fail(`${where}.benefits[${j}] is ${(text as string).length} characters; keep it within ${MAX_BENEFIT_LENGTH}`);
      }
      benefits[(level as number) - 1].push((text as string).trim());
    });
  });
  return benefits;
}
