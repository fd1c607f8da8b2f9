import { REVENUE_CHART_WEEKS, WeeklyRevenueChart } from "../../components/chart/WeeklyRevenueChart";
import { QueryValue } from "../../components/QueryValue";
import { epochStart } from "../../lib/score";
import type { RewardToken } from "./hooks/useRewardTokens";
import { useRevenueWeeks } from "./hooks/useRevenueWeeks";

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
          return tokens.map((token) => (
            <div key={token.address}>
              <h3>{token.symbol}</h3>
              <WeeklyRevenueChart
                token={token}
                deposits={list
                  .filter((w) => w.token.toLowerCase() === token.address.toLowerCase())
                  .map((w) => ({ week: w.week, amount: w.deposited }))}
                current={current}
                testId={`revenue-history-${token.symbol}`}
                summary={`${token.symbol} revenue deposited per week, the last ${REVENUE_CHART_WEEKS} weeks (the current one so far)`}
              />
            </div>
          ));
        }}
      </QueryValue>
      <p className="hint">
        Each week&apos;s revenue is shared by the scores at its start and is claimable once it ends.
      </p>
    </section>
  );
}
