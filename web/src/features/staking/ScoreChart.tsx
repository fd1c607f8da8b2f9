import { LineChart } from "../../components/charts";
import { formatAmount, formatDate } from "../../lib/format";
import { projectScore, type Lock } from "../../lib/score";

/** The projected score of a lock from now to its end (exact contract math, see lib/score). */
export function ScoreChart({ lock, now, nextThreshold }: { lock: Lock; now: bigint; nextThreshold?: bigint }) {
  const points = projectScore(lock, now);
  const last = points[points.length - 1];
  const first = points[0];
  const label = lock.autoMax
    ? `Projected score: constant at ${formatAmount(first.score)} while auto-max is on.`
    : `Projected score: ${formatAmount(first.score)} now, decaying to ${formatAmount(points[points.length - 2].score)} just before ${formatDate(last.t)}, then 0.`;
  return (
    <LineChart
      label={label}
      points={points.map((p) => ({ x: Number(p.t - now), y: Number(p.score / 10n ** 15n) }))}
      xLabels={[
        `Now: ${formatAmount(first.score, 18, 0)}`,
        lock.autoMax
          ? `in 52 weeks: ${formatAmount(last.score, 18, 0)}`
          : `${formatDate(last.t)}: ${formatAmount(points[points.length - 2].score, 18, 0)} → 0`,
      ]}
      marker={
        nextThreshold && nextThreshold <= (first.score * 3n) / 2n
          ? { y: Number(nextThreshold / 10n ** 15n), text: `next level at ${formatAmount(nextThreshold, 18, 0)}` }
          : undefined
      }
    />
  );
}
