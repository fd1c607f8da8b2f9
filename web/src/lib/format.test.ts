import { describe, expect, it } from "vitest";
import {
  formatAmount,
  formatCountdown,
  formatDate,
  formatDuration,
  formatMultiplier,
  formatPercent,
  displayAddress,
  shortAddress,
} from "./format";

describe("formatAmount", () => {
  it("groups thousands and trims trailing zeros", () => {
    expect(formatAmount(1_234_567_890000000000000000n)).toBe("1,234,567.89");
    expect(formatAmount(1000n * 10n ** 18n)).toBe("1,000");
    expect(formatAmount(0n)).toBe("0");
  });
  it("rounds down instead of up", () => {
    expect(formatAmount(1_999999999999999999n)).toBe("1.99");
    expect(formatAmount(1_999999999999999999n, 18, 4)).toBe("1.9999");
  });
  it("shows tiny non-zero values as below the precision, never as 0", () => {
    expect(formatAmount(1n)).toBe("<0.01");
    expect(formatAmount(5n, 18, 4)).toBe("<0.0001");
  });
  it("handles other decimals and negatives", () => {
    expect(formatAmount(1_500000n, 6)).toBe("1.5");
    expect(formatAmount(-2n * 10n ** 18n)).toBe("-2");
  });
});

describe("dates and durations", () => {
  it("formats unix seconds as UTC dates", () => {
    expect(formatDate(0n)).toBe("1 Jan 1970 UTC");
    expect(formatDate(1_700_000_000)).toBe("14 Nov 2023 UTC");
  });
  it("picks the largest whole unit", () => {
    expect(formatDuration(3 * 604800 + 5)).toBe("3 weeks");
    expect(formatDuration(86400)).toBe("1 day");
    expect(formatDuration(120)).toBe("2 minutes");
    expect(formatDuration(1)).toBe("1 second");
  });
});

describe("small helpers", () => {
  it("shortens addresses", () => {
    expect(shortAddress("0x1234567890abcdef1234567890abcdef12345678")).toBe("0x1234…5678");
  });
  it("shows addresses in their checksum case, whatever case they came in", () => {
    const checksummed = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    expect(displayAddress(checksummed.toLowerCase())).toBe(checksummed);
    expect(shortAddress(checksummed.toLowerCase())).toBe("0xf39F…2266");
    // Not an address (a proposal id): left as it is.
    expect(displayAddress("0x" + "ab".repeat(32))).toBe("0x" + "ab".repeat(32));
  });
  it("formats multipliers and percentages", () => {
    expect(formatMultiplier(2n * 10n ** 18n, 10n ** 18n)).toBe("2.00x");
    expect(formatMultiplier(1n, 0n)).toBe("0x");
    expect(formatPercent(1n, 3n)).toBe("33.3%");
    expect(formatPercent(5n, 0n)).toBe("0%");
  });
});

describe("formatCountdown", () => {
  it("reads as the two largest units", () => {
    expect(formatCountdown(3 * 3600 + 12 * 60 + 5)).toBe("3 h 12 min");
    expect(formatCountdown(2 * 86400 + 4 * 3600)).toBe("2 d 4 h");
    expect(formatCountdown(3600)).toBe("1 h");
    expect(formatCountdown(59)).toBe("59 s");
    expect(formatCountdown(-5)).toBe("0 s");
  });
});
