import type { BenchRow } from "./table.js";

/** 1 token in base units (18 decimals). */
export const E18 = 10n ** 18n;
/** One week in seconds. */
export const WEEK = 7n * 24n * 3600n;
/** The longest lock, 52 weeks in seconds. */
export const MAX_LOCK = 52n * WEEK;

/** The gas used by a transaction, once mined. */
export async function gasOf(tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}

/** A function that appends a row of `section` to `rows`. */
export function rowAppender(rows: BenchRow[], section: string) {
  return (action: string, gas: bigint, target?: bigint, reference?: string, note?: string) =>
    rows.push({ section, action, gas, target, reference, note });
}
