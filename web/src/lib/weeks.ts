import { WEEK } from "../../../shared/protocol";

export type WeekAmount = { week: bigint; amount: bigint };

/**
 * `count` consecutive weeks ending with `lastWeek` (a week start), oldest first, each with the sum of the
 * `records` credited to it and 0 for a week without any: a chart's x axis then has no gaps that hide empty weeks.
 */
export function weeklySeries(records: readonly WeekAmount[], lastWeek: bigint, count: number): WeekAmount[] {
  const sums = new Map<bigint, bigint>();
  for (const r of records) sums.set(r.week, (sums.get(r.week) ?? 0n) + r.amount);
  return Array.from({ length: count }, (_, i) => {
    const week = lastWeek - BigInt(count - 1 - i) * WEEK;
    return { week, amount: sums.get(week) ?? 0n };
  });
}
