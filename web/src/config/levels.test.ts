import { describe, expect, it } from "vitest";
import shipped from "./levels.json";
import { levelBenefits } from "./index";
import { parseLevelBenefits } from "./levels";

describe("parseLevelBenefits", () => {
  it("reads the shipped file: benefits per level, none for levels it does not list", () => {
    const benefits = parseLevelBenefits(shipped);
    expect(benefits).toHaveLength(10);
    expect(benefits[0]).toEqual(["Staker polls in the community forum"]);
    expect(benefits[1]).toEqual([]);
  });
  it("accepts an empty list and a $comment", () => {
    expect(parseLevelBenefits({ $comment: "none yet", levels: [] }).every((b) => b.length === 0)).toBe(true);
  });
  it("rejects mistakes with a sentence naming the file, the entry and the problem", () => {
    const parse = (raw: unknown) => () => parseLevelBenefits(raw, "web/src/config/levels.json");
    expect(parse([])).toThrow(/^web\/src\/config\/levels\.json: expected an object with a "levels" array/);
    expect(parse({ levels: [], level: [] })).toThrow(/unknown key "level"/);
    expect(parse({ levels: [{ level: 11, benefits: ["x"] }] })).toThrow(
      /levels\[0\]\.level must be a whole number from 1 to 10, got 11/,
    );
    expect(parse({ levels: [{ level: 1.5, benefits: ["x"] }] })).toThrow(/levels\[0\]\.level must be a whole number/);
    expect(parse({ levels: [{ level: 2, benefit: ["x"] }] })).toThrow(/levels\[0\] has an unknown key "benefit"/);
    expect(parse({ levels: [{ level: 2, benefits: [] }] })).toThrow(/levels\[0\]\.benefits must be a non-empty list/);
    expect(parse({ levels: [{ level: 2, benefits: [" "] }] })).toThrow(
      /levels\[0\]\.benefits\[0\] must be a non-empty text/,
    );
    expect(parse({ levels: [{ level: 2, benefits: ["x".repeat(121)] }] })).toThrow(
      /121 characters; keep it within 120/,
    );
    expect(
      parse({
        levels: [
          { level: 2, benefits: ["a"] },
          { level: 2, benefits: ["b"] },
        ],
      }),
    ).toThrow(/levels\[1\]\.level 2 is listed twice/);
  });
});

describe("config", () => {
  it("validates the levels file when the app starts and exports its benefits", () => {
    expect(levelBenefits).toEqual(parseLevelBenefits(shipped));
  });
});
