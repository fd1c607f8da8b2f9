import { describe, expect, it } from "vitest";
import { minLockWeeks, parseAddress, parseAmount, parseWeeks, validateExtension } from "./validation";
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

// VotingEscrow.MIN_LOCK as the contract reports it (the app reads it with useMinLock).
const MIN_LOCK = 4n * WEEK;

describe("parseWeeks", () => {
  it("accepts MIN_LOCK (4) to 52 whole weeks", () => {
    expect(parseWeeks("4", MIN_LOCK)).toEqual({ ok: true, value: 4 });
    expect(parseWeeks(52, MIN_LOCK)).toEqual({ ok: true, value: 52 });
    expect(minLockWeeks(MIN_LOCK)).toBe(4);
  });
  it("rejects durations outside 4-52 weeks or fractional, saying why the shortest is 4 weeks", () => {
    const tooShort = {
      ok: false,
      error: "The shortest lock is 4 weeks, so tokens that vote stay locked until the proposal can run.",
    };
    expect(parseWeeks("53", MIN_LOCK)).toEqual({ ok: false, error: "The longest lock is 52 weeks (12 months)." });
    expect(parseWeeks("3", MIN_LOCK)).toEqual(tooShort);
    expect(parseWeeks("1", MIN_LOCK)).toEqual(tooShort);
    expect(parseWeeks("-3", MIN_LOCK)).toEqual(tooShort);
    expect(parseWeeks("2.5", MIN_LOCK)).toEqual({ ok: false, error: "The duration is a whole number of weeks." });
    expect(parseWeeks("", MIN_LOCK)).toEqual({ ok: false, error: "Choose a duration." });
  });
});

describe("validateExtension", () => {
  const now = 1_750_000_000n;
  it("accepts a later end within 52 weeks", () => {
    const current = unlockEndFor(now, 4);
    expect(validateExtension(10, current, now, MIN_LOCK)).toEqual({ ok: true, value: unlockEndFor(now, 10) });
  });
  it("rejects an end that is not later than the current one", () => {
    const current = unlockEndFor(now, 10);
    const result = validateExtension(10, current, now, MIN_LOCK);
    expect(result.ok).toBe(false);
    expect(validateExtension(5, current, now, MIN_LOCK).ok).toBe(false);
  });
  it("rejects fewer weeks than MIN_LOCK, and turns 4 weeks into the earliest end the escrow accepts", () => {
    expect(validateExtension(3, now, now, MIN_LOCK).ok).toBe(false);
    const four = validateExtension(4, now, now, MIN_LOCK);
    expect(four.ok).toBe(true);
    const end = (four as { value: bigint }).value;
    expect(end % WEEK).toBe(0n);
    expect(end >= now + MIN_LOCK).toBe(true);
    expect(end - WEEK < now + MIN_LOCK).toBe(true);
  });
  it("rejects beyond 52 weeks", () => {
    expect(validateExtension(53, now + WEEK, now, MIN_LOCK)).toEqual({
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
  it("checks the EIP-55 checksum of a mixed-case address, and accepts one-case addresses", () => {
    // One capital letter changed: still 40 hex characters, but the checksum no longer matches.
    expect(parseAddress("0x70997970c51812dc3A010C7d01b50e0d17dc79C8")).toEqual({
      ok: false,
      error: "This address has a typo: its capital letters don't match its checksum. Copy it again.",
    });
    expect(parseAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8").ok).toBe(true);
    expect(parseAddress("0x70997970C51812DC3A010C7D01B50E0D17DC79C8").ok).toBe(true);
  });
});
