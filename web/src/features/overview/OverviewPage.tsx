import type { Address } from "viem";
import { BarChart } from "../../components/charts";
import { combine, QueryValue } from "../../components/QueryValue";
import { formatAmount, formatDate } from "../../lib/format";
import { Amount } from "../../components/Amount";
import { levelOf, scoreAt } from "../../lib/score";
import { useChainNow } from "../../lib/useChainNow";
import { useRevenueHistory } from "./hooks/useRevenueHistory";
import { useProtocolTotals } from "./hooks/useProtocolTotals";
import { useStakers } from "./hooks/useStakers";
import { useTokenSymbols } from "./hooks/useTokenSymbols";
import { useTotals } from "./hooks/useTotals";

export default function OverviewPage() {
  const totals = useTotals();
  const protocol = useProtocolTotals();
  const stakers = useStakers();
  const revenue = useRevenueHistory();
  const now = useChainNow();
  const tokens = [...new Set((revenue.data ?? []).map((w) => w.token))] as Address[];
  const symbols = useTokenSymbols(tokens);

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
        <QueryValue query={revenue} label="revenue">
          {(weeks) =>
            weeks.length === 0 ? (
              <p>No revenue yet.</p>
            ) : (
              tokens.map((token, i) => {
                const symbol = (symbols.data?.[i] as string | undefined) ?? token.slice(0, 8);
                const rows = weeks
                  .filter((w) => w.token === token)
                  .slice(0, 12)
                  .reverse();
                return (
                  <div key={token}>
                    <h3>{symbol}</h3>
                    <BarChart
                      label={`${symbol} revenue per week: ${rows.map((w) => `${formatDate(w.week)} ${formatAmount(w.deposited, 18, 0)}`).join("; ")}`}
                      bars={rows.map((w) => ({
                        label: formatDate(w.week).split(" ").slice(0, 2).join(" "),
                        value: Number(w.deposited / 10n ** 15n),
                        title: `${formatDate(w.week)}: ${formatAmount(w.deposited)} ${symbol}`,
                      }))}
                    />
                  </div>
                );
              })
            )
          }
        </QueryValue>
      </section>
      <section className="card" aria-labelledby="levels-title">
        <h2 id="levels-title">Level distribution</h2>
        <QueryValue query={combine(stakers, totals)} label="level distribution">
          {([list, t]) => {
            if (now === undefined) return <p aria-busy="true">…</p>;
            const counts = Array.from({ length: t.thresholds.length + 1 }, () => 0);
            for (const s of list) counts[levelOf(scoreAt(s, now), t.thresholds)]++;
            return (
              <>
                <BarChart
                  label={`Stakers per level: ${counts.map((c, level) => `level ${level}: ${c}`).join(", ")}`}
                  bars={counts.map((count, level) => ({
                    label: `L${level}`,
                    value: count,
                    title: `Level ${level}: ${count} stakers`,
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
