import { formatUnits, getAddress, isAddress } from "viem";

/** Formats token units with thousands separators and at most `maxFractionDigits` decimals (rounded down). */
export function formatAmount(value: bigint, decimals = 18, maxFractionDigits = 2): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const [whole, fraction = ""] = formatUnits(abs, decimals).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const trimmed = fraction.slice(0, maxFractionDigits).replace(/0+$/, "");
  const text = trimmed ? `${grouped}.${trimmed}` : grouped;
  if (abs > 0n && text === "0") return `${negative ? "-" : ""}<0.${"0".repeat(Math.max(0, maxFractionDigits - 1))}1`;
  return negative ? `-${text}` : text;
}

/** Compact form for charts and summaries: 1.2M, 350k. */
export function formatCompact(value: bigint, decimals = 18): string {
  const units = Number(formatUnits(value, decimals));
  return new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(units);
}

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

/**
 * A unix timestamp (seconds) as a UTC date, labelled, e.g. "4 Mar 2027 UTC": locks end at 00:00 UTC on a
 * Thursday, which is still Wednesday west of Greenwich, so an unlabelled day would be a day off there.
 */
export const formatDate = (seconds: bigint | number) => `${dateFormat.format(new Date(Number(seconds) * 1000))} UTC`;
export const formatDateTime = (seconds: bigint | number) => dateTimeFormat.format(new Date(Number(seconds) * 1000));

/** A duration in seconds as "3 weeks", "2 days", "5 hours", "12 minutes". */
export function formatDuration(seconds: bigint | number): string {
  const s = Math.max(0, Number(seconds));
  const units: [number, string][] = [
    [7 * 86400, "week"],
    [86400, "day"],
    [3600, "hour"],
    [60, "minute"],
  ];
  for (const [size, name] of units) {
    if (s >= size) {
      const n = Math.floor(s / size);
      return `${n} ${name}${n === 1 ? "" : "s"}`;
    }
  }
  return `${Math.floor(s)} second${Math.floor(s) === 1 ? "" : "s"}`;
}

/**
 * An address as people compare it, in its EIP-55 checksum case whatever case it came in (the subgraph and
 * event logs give lower case). Anything that is not an address is returned as is.
 */
export const displayAddress = (address: string) =>
  isAddress(address, { strict: false }) ? getAddress(address) : address;

export const shortAddress = (address: string) => {
  const shown = displayAddress(address);
  return `${shown.slice(0, 6)}…${shown.slice(-4)}`;
};

/** A score multiplier such as "1.75x" from score and amount. */
export function formatMultiplier(score: bigint, amount: bigint): string {
  if (amount === 0n) return "0x";
  return `${(Number((score * 1000n) / amount) / 1000).toFixed(2)}x`;
}

export function formatPercent(part: bigint, whole: bigint, digits = 1): string {
  if (whole === 0n) return "0%";
  const scaled = Number((part * 10n ** BigInt(digits + 2)) / whole) / 10 ** digits;
  return `${scaled.toFixed(digits)}%`;
}

/** Time left as a countdown: "3 d 4 h", "3 h 12 min", "12 min", "45 s". */
export function formatCountdown(seconds: bigint | number): string {
  const s = Math.max(0, Math.floor(Number(seconds)));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

const dayMonthFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** A unix timestamp (seconds) as a short UTC date for chart axes, e.g. "4 Mar". */
export const formatDayMonth = (seconds: bigint | number) => dayMonthFormat.format(new Date(Number(seconds) * 1000));
