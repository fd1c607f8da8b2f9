import { formatUnits } from "viem";
import { formatAmount, formatDate, formatDayMonth } from "../../lib/format";
import { weeklySeries, type WeekAmount } from "../../lib/weeks";
import { BarChart } from "./BarChart";

/** Weeks a revenue chart shows, the running one included. */
export const REVENUE_CHART_WEEKS = 12;

/**
 * One token's revenue per week: the `REVENUE_CHART_WEEKS` weeks up to `current` (a week start), empty weeks
 * included, the running week drawn lighter and labelled "so far".
 */
export function WeeklyRevenueChart({
  token,
  deposits,
  current,
  testId,
  summary,
}: {
  token: { symbol: string; decimals: number };
  /** What was credited to each week, in the token's base units (several records of a week add up). */
  deposits: readonly WeekAmount[];
  current: bigint;
  testId: string;
  summary: string;
}) {
  const series = weeklySeries(deposits, current, REVENUE_CHART_WEEKS);
  return (
    <BarChart
      testId={testId}
      summary={summary}
      xLabel="Week of"
      yLabel={`Revenue (${token.symbol})`}
      bars={series.map((w) => ({
        key: String(w.week),
        label: formatDayMonth(w.week),
        title: `Week of ${formatDate(w.week)}${w.week === current ? " (so far)" : ""}`,
        value: Number(formatUnits(w.amount, token.decimals)),
        valueText: `${formatAmount(w.amount, token.decimals, 4)} ${token.symbol}`,
        muted: w.week === current,
      }))}
    />
  );
}
