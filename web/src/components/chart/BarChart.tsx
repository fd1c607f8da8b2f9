import { lazy, Suspense } from "react";
import type { Bar } from "./types";

export type { Bar } from "./types";

// The chart library (recharts) is a chunk of its own, downloaded only when a page draws a chart: the first
// visit never pays for it, and the page's text and the table below show before it arrives.
const RechartsBars = lazy(() => import("./RechartsBars"));

/**
 * A bar chart with axes, value labels on the y axis and a tooltip per bar (hover, or focus the chart and use
 * the arrow keys). Screen readers get `summary` as the figure's name and the same numbers as a table.
 */
export function BarChart({
  bars,
  summary,
  xLabel,
  yLabel,
  testId,
  table = true,
}: {
  bars: Bar[];
  /** One sentence naming what the chart shows, e.g. "LOCK revenue per week, last 12 weeks". */
  summary: string;
  /** Column header of the x values in the table, e.g. "Week of". */
  xLabel: string;
  /** Column header of the values in the table and the y axis' name, e.g. "Revenue (LOCK)". */
  yLabel: string;
  testId?: string;
  /** False when the page shows the same numbers in a table of its own. */
  table?: boolean;
}) {
  return (
    <figure className="chart" aria-label={summary} data-testid={testId}>
      <div className="chart-canvas">
        <Suspense fallback={<p className="chart-loading">Loading the chart…</p>}>
          <RechartsBars bars={bars} summary={summary} yLabel={yLabel} />
        </Suspense>
      </div>
      {table ? (
        <details className="chart-table">
          <summary>Show as a table</summary>
          <table>
            <caption className="sr-only">{summary}</caption>
            <thead>
              <tr>
                <th scope="col">{xLabel}</th>
                <th scope="col">{yLabel}</th>
              </tr>
            </thead>
            <tbody>
              {bars.map((bar) => (
                <tr key={bar.key}>
                  <th scope="row">{bar.title}</th>
                  <td>{bar.valueText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </figure>
  );
}
