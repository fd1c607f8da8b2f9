import { describe, expect, it } from "vitest";
import { parseAddress, parseAmount, parseWeeks, validateExtension } from "./validation";
import { unlockEndFor, WEEK } from "./score";

const E = 10n ** 18n;

describe("parseAmount", () => {
  it("accepts plain and decimal amounts", () => {
    expect(parseAmount("1000", 18)).toEqual({ ok: true, value: 1000n * E });
    expect(parseAmount(" 12.5 ", 18)).toEqual({ ok: true, value: 125n * 10n ** 17n });
    expect(parseAmount("1,000", 18)).toEqual({ ok: true, value: 1000n * E });
    expect(parseAmount(".5", 18)).toEqual({ ok: true, value: 5n * 10n ** 17n });
  });
  it.each([
    ["", "Enter an amount."],
    ["   ", "Enter an amount."],
    ["0", "The amount must be more than zero."],
    ["0.000", "The amount must be more than zero."],
    ["-5", "The amount can't be negative."],
    ["abc", "Enter a number, like 1000 or 12.5."],
    ["1e18", "Enter a number, like 1000 or 12.5."],
    [".", "Enter a number, like 1000 or 12.5."],
    ["1.2.3", "Enter a number, like 1000 or 12.5."],
  ])("rejects %j", (input, error) => {
    expect(parseAmount(input, 18)).toEqual({ ok: false, error });
  });
  it("rejects too many decimals for the token", () => {
    expect(parseAmount("1.1234567", 6)).toEqual({ ok: false, error: "Use at most 6 decimal places." });
    expect(parseAmount("1." + "1".repeat(19), 18)).toEqual({ ok: false, error: "Use at most 18 decimal places." });
  });
  it("rejects more than the balance, naming the balance", () => {
    const result = parseAmount("100.01", 18, 100n * E, "LOCK");
    expect(result).toEqual({ ok: false, error: "That is more than your balance of 100 LOCK." });
    expect(parseAmount("100", 18, 100n * E)).toEqual({ ok: true, value: 100n * E });
  });
});

describe("parseWeeks", () => {
  it("accepts 1 to 52 whole weeks", () => {
    expect(parseWeeks("1")).toEqual({ ok: true, value: 1 });
    expect(parseWeeks(52)).toEqual({ ok: true, value: 52 });
  });
  it("rejects durations outside 1-52 weeks or fractional", () => {
    expect(parseWeeks("53")).toEqual({ ok: false, error: "The longest lock is 52 weeks (12 months)." });
    expect(parseWeeks("0")).toEqual({ ok: false, error: "The shortest lock is 1 week." });
    expect(parseWeeks("-3")).toEqual({ ok: false, error: "The shortest lock is 1 week." });
    expect(parseWeeks("2.5")).toEqual({ ok: false, error: "The duration is a whole number of weeks." });
    expect(parseWeeks("")).toEqual({ ok: false, error: "Choose a duration." });
  });
});

describe("validateExtension", () => {
  const now = 1_750_000_000n;
  it("accepts a later end within 52 weeks", () => {
    const current = unlockEndFor(now, 4);
    expect(validateExtension(10, current, now)).toEqual({ ok: true, value: unlockEndFor(now, 10) });
  });
  it("rejects an end that is not later than the current one", () => {
    const current = unlockEndFor(now, 10);
    const result = validateExtension(10, current, now);
    expect(result.ok).toBe(false);
    expect(validateExtension(3, current, now).ok).toBe(false);
  });
  it("rejects beyond 52 weeks", () => {
    expect(validateExtension(53, now + WEEK, now)).toEqual({
      ok: false,
      error: "The longest lock is 52 weeks (12 months).",
    });
  });
});

describe("parseAddress", () => {
  it("accepts a 20-byte hex address and rejects everything else", () => {
    expect(parseAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8").ok).toBe(true);
    expect(parseAddress("").ok).toBe(false);
    expect(parseAddress("0x1234").ok).toBe(false);
    expect(parseAddress("0x" + "0".repeat(40))).toEqual({ ok: false, error: "The zero address can't be used." });
  });
  it("rejects a mixed-case address with a wrong checksum and returns the checksummed form", () => {
    // One letter's case flipped: the EIP-55 checksum no longer matches.
    expect(parseAddress("0x70997970c51812dc3A010C7d01b50e0d17dc79C8")).toEqual({
      ok: false,
      error: "This address has a wrong checksum (its upper/lower case letters do not match): check it for a typo.",
    });
    expect(parseAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8")).toEqual({
      ok: true,
      value: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    });
  });
});
