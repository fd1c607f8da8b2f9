import { formatUnits } from "viem";
import { BarChart } from "../../components/chart/BarChart";
import { QueryValue } from "../../components/QueryValue";
import { formatAmount, formatDate, formatDayMonth } from "../../lib/format";
import { epochStart } from "../../lib/score";
import { weeklySeries } from "../../lib/weeks";
import type { RewardToken } from "./hooks/useRewardTokens";
import { useRevenueWeeks } from "./hooks/useRevenueWeeks";

/** Weeks the chart shows, the running one included. */
export const HISTORY_WEEKS = 12;

/** Revenue deposited per week and token: a bar chart per token, the running week drawn lighter. */
export function RevenueHistory({ tokens, now }: { tokens: RewardToken[] | undefined; now: bigint | undefined }) {
  const weeks = useRevenueWeeks();
  return (
    <section className="card" aria-labelledby="revenue-history-title">
      <h2 id="revenue-history-title">Revenue history</h2>
      <QueryValue query={weeks} label="the revenue history" block>
        {(list) => {
          if (!tokens || now === undefined) return <p aria-busy="true">…</p>;
          if (tokens.length === 0) return <p>No reward tokens yet.</p>;
          const current = epochStart(now);
          return tokens.map((token) => {
            const series = weeklySeries(
              list
                .filter((w) => w.token.toLowerCase() === token.address.toLowerCase())
                .map((w) => ({ week: w.week, amount: w.deposited })),
              current,
              HISTORY_WEEKS,
            );
            return (
              <div key={token.address}>
                <h3>{token.symbol}</h3>
                <BarChart
                  testId={`revenue-history-${token.symbol}`}
                  summary={`${token.symbol} revenue deposited per week, the last ${HISTORY_WEEKS} weeks (the current one so far)`}
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
              </div>
            );
          });
        }}
      </QueryValue>
      <p className="hint">
        Each week&apos;s revenue is shared by the scores at its start and is claimable once it ends.
      </p>
    </section>
  );
}
