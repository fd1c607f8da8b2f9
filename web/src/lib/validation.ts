import { getAddress, parseUnits } from "viem";
import { formatAmount, formatDate } from "./format";
import { lockEndFor, MAX_LOCK, MAX_LOCK_WEEKS, WEEK } from "./score";

export type Validation<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses a token amount typed by a person; the error is a sentence to show next to the field. */
export function parseAmount(input: string, decimals: number, balance?: bigint, symbol = "tokens"): Validation<bigint> {
  const text = input.trim().replace(/,/g, "");
  if (text === "") return { ok: false, error: "Enter an amount." };
  if (text.startsWith("-")) return { ok: false, error: "The amount can't be negative." };
  if (!/^\d*\.?\d*$/.test(text) || text === ".") return { ok: false, error: "Enter a number, like 1000 or 12.5." };
  const fraction = text.split(".")[1] ?? "";
  if (fraction.length > decimals) return { ok: false, error: `Use at most ${decimals} decimal places.` };
  const value = parseUnits(text, decimals);
  if (value === 0n) return { ok: false, error: "The amount must be more than zero." };
  if (balance !== undefined && value > balance) {
    return { ok: false, error: `That is more than your balance of ${formatAmount(balance, decimals)} ${symbol}.` };
  }
  return { ok: true, value };
}

/** The shortest lock in whole weeks, from VotingEscrow.MIN_LOCK (seconds). */
export const minLockWeeks = (minLock: bigint) => Number((minLock + WEEK - 1n) / WEEK);

/** Validates a lock duration in whole weeks (MIN_LOCK to 52). */
export function parseWeeks(input: string | number, minLock: bigint): Validation<number> {
  const text = String(input).trim();
  if (text === "") return { ok: false, error: "Choose a duration." };
  const weeks = Number(text);
  if (!Number.isInteger(weeks)) return { ok: false, error: "The duration is a whole number of weeks." };
  const min = minLockWeeks(minLock);
  if (weeks < min) {
    return {
      ok: false,
      error: `The shortest lock is ${min} weeks, so tokens that vote stay locked until the proposal can run.`,
    };
  }
  if (weeks > MAX_LOCK_WEEKS) return { ok: false, error: `The longest lock is ${MAX_LOCK_WEEKS} weeks (12 months).` };
  return { ok: true, value: weeks };
}

/**
 * Validates a new unlock date for an existing lock: later than the current one, at least MIN_LOCK and at most
 * 52 weeks away (see lockEndFor).
 */
export function validateExtension(weeks: number, currentEnd: bigint, now: bigint, minLock: bigint): Validation<bigint> {
  const parsed = parseWeeks(weeks, minLock);
  if (!parsed.ok) return parsed;
  const end = lockEndFor(now, parsed.value, minLock);
  if (end > now + MAX_LOCK) return { ok: false, error: "The unlock date can be at most 52 weeks from now." };
  if (end <= currentEnd) {
    return { ok: false, error: `Pick a date after the current unlock date (${formatDate(currentEnd)}).` };
  }
  return { ok: true, value: end };
}

export function parseAddress(input: string): Validation<`0x${string}`> {
  const text = input.trim();
  if (text === "") return { ok: false, error: "Enter an address." };
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) return { ok: false, error: "Enter a 0x address of 40 hex characters." };
  if (/^0x0{40}$/.test(text)) return { ok: false, error: "The zero address can't be used." };
  // Mixed case carries an EIP-55 checksum: a mistyped character almost always breaks it.
  const mixedCase = text.slice(2) !== text.slice(2).toLowerCase() && text.slice(2) !== text.slice(2).toUpperCase();
  if (mixedCase && getAddress(text) !== text) {
    return {
      ok: false,
      error: "This address has a typo: its capital letters don't match its checksum. Copy it again.",
    };
  }
  return { ok: true, value: text as `0x${string}` };
}
