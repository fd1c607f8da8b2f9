import type { Address } from "viem";
import { BarChart } from "../../components/chart/BarChart";
import { REVENUE_CHART_WEEKS, WeeklyRevenueChart } from "../../components/chart/WeeklyRevenueChart";
import { combine, QueryValue } from "../../components/QueryValue";
import { formatAmount } from "../../lib/format";
import { Amount } from "../../components/Amount";
import { epochStart, levelOf, scoreAt } from "../../lib/score";
import { useChainNow } from "../../lib/useChainNow";
import { useRevenueHistory } from "./hooks/useRevenueHistory";
import { useProtocolTotals } from "./hooks/useProtocolTotals";
import { useStakers } from "./hooks/useStakers";
import { useTokenMeta } from "../../lib/useTokenMeta";
import { useTotals } from "./hooks/useTotals";

export default function OverviewPage() {
  const totals = useTotals();
  const protocol = useProtocolTotals();
  const stakers = useStakers();
  const revenue = useRevenueHistory();
  const now = useChainNow();
  const tokens = [...new Set((revenue.data ?? []).map((w) => w.token.toLowerCase()))] as Address[];
  const meta = useTokenMeta(tokens);

  return (
    <>
      <h1>Overview</h1>
      <section className="card" aria-labelledby="totals-title">
        <h2 id="totals-title">Protocol</h2>
        <dl className="stats">
          <div>
            <dt>Total locked</dt>
            <dd data-testid="total-locked">
              <QueryValue query={combine(protocol, totals)} label="total locked">
                {([p, t]) => `${formatAmount(p.totalLocked, 18, 0)} ${t.symbol}`}
              </QueryValue>
            </dd>
          </div>
          <div>
            <dt>Total Staking Score</dt>
            <dd>
              <QueryValue query={totals} label="total score">
                {(t) => formatAmount(t.score, 18, 0)}
              </QueryValue>
            </dd>
          </div>
          <div>
            <dt>Stakers</dt>
            <dd data-testid="staker-count">
              <QueryValue query={protocol} label="number of stakers">
                {(p) => p.stakerCount}
              </QueryValue>
            </dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="revenue-title">
        <h2 id="revenue-title">Revenue per week</h2>
        <QueryValue query={revenue} label="the revenue" block>
          {(weeks) =>
            weeks.length === 0 ? (
              <p>No revenue yet.</p>
            ) : (
              <QueryValue query={meta} label="revenue tokens">
                {(list) => {
                  if (now === undefined) return <p aria-busy="true">…</p>;
                  const current = epochStart(now);
                  return list.map((token) => (
                    <div key={token.address}>
                      <h3>{token.symbol}</h3>
                      <WeeklyRevenueChart
                        token={token}
                        deposits={weeks
                          .filter((w) => w.token.toLowerCase() === token.address)
                          .map((w) => ({ week: w.week, amount: w.deposited }))}
                        current={current}
                        testId={`revenue-chart-${token.symbol}`}
                        summary={`${token.symbol} revenue per week, the last ${REVENUE_CHART_WEEKS} weeks (the current one so far)`}
                      />
                    </div>
                  ));
                }}
              </QueryValue>
            )
          }
        </QueryValue>
      </section>
      <section className="card" aria-labelledby="levels-title">
        <h2 id="levels-title">Level distribution</h2>
        <QueryValue query={combine(stakers, totals)} label="the level distribution" block>
          {([list, t]) => {
            if (now === undefined) return <p aria-busy="true">…</p>;
            const counts = Array.from({ length: t.thresholds.length + 1 }, () => 0);
            for (const s of list) counts[levelOf(scoreAt(s, now), t.thresholds)]++;
            return (
              <>
                <BarChart
                  testId="level-chart"
                  summary="Stakers per level, now"
                  xLabel="Level"
                  yLabel="Stakers"
                  table={false}
                  bars={counts.map((count, level) => ({
                    key: String(level),
                    label: `L${level}`,
                    title: `Level ${level}`,
                    value: count,
                    valueText: `${count} staker${count === 1 ? "" : "s"}`,
                  }))}
                />
                <table>
                  <caption className="sr-only">Stakers per level</caption>
                  <thead>
                    <tr>
                      <th scope="col">Level</th>
                      <th scope="col">Score from</th>
                      <th scope="col">Stakers</th>
                    </tr>
                  </thead>
                  <tbody>
                    {counts.map((count, level) => (
                      <tr key={level}>
                        <td>{level}</td>
                        <td>{level === 0 ? "0" : <Amount value={t.thresholds[level - 1]} compact />}</td>
                        <td>{count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            );
          }}
        </QueryValue>
        <p className="hint">Levels are computed from each lock at the chain's current time, as the escrow does.</p>
      </section>
    </>
  );
}
