import { Bar as RBar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { Bar } from "./types";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** The axis' tick text: "60k", "1.2M". */
export const formatTick = (value: number) => compact.format(value);

function BarTooltip({ active, payload }: Pick<TooltipContentProps, "active" | "payload">) {
  const bar = payload?.[0]?.payload as Bar | undefined;
  if (!active || !bar) return null;
  return (
    <div className="chart-tooltip">
      <strong className="chart-tooltip-title">{bar.title}</strong>
      <br />
      <span className="chart-tooltip-value">{bar.valueText}</span>
    </div>
  );
}

/**
 * The recharts part of components/chart/BarChart (a lazy chunk). Keyboard: the chart is one tab stop; the
 * arrow keys move the tooltip from bar to bar (recharts' accessibility layer).
 */
export default function RechartsBars({ bars, summary, yLabel }: { bars: Bar[]; summary: string; yLabel: string }) {
  return (
    <BarChart
      data={bars}
      responsive
      style={{ width: "100%", height: 220 }}
      margin={{ top: 8, right: 8, bottom: 4, left: 0 }}
      title={summary}
      desc={`${yLabel}: ${bars.map((b) => `${b.title} ${b.valueText}`).join("; ")}`}
      accessibilityLayer
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={8} tick={{ fontSize: 12 }} />
      <YAxis width={48} tickFormatter={formatTick} allowDecimals={false} tick={{ fontSize: 12 }} />
      <Tooltip
        content={(props) => <BarTooltip active={props.active} payload={props.payload} />}
        cursor={{ fillOpacity: 0.15 }}
        isAnimationActive={false}
      />
      <RBar dataKey="value" name={yLabel} isAnimationActive={false}>
        {bars.map((bar) => (
          <Cell key={bar.key} className={bar.muted ? "chart-bar muted" : "chart-bar"} />
        ))}
      </RBar>
    </BarChart>
  );
}
