/**
 * Small dependency-free SVG charts (the score projection, vote bars). Every chart has a text alternative for
 * screen readers. Charts with axes and tooltips use components/chart (recharts, a lazy chunk).
 */
export type Point = { x: number; y: number };

export function LineChart({
  points,
  label,
  width = 480,
  height = 160,
  xLabels,
  marker,
  caption,
}: {
  points: Point[];
  label: string;
  /** A visible sentence above a chart that has no axis of its own: what it shows and what its top is worth. */
  caption?: string;
  width?: number;
  height?: number;
  xLabels?: [string, string];
  marker?: { y: number; text: string };
}) {
  if (points.length < 2) return null;
  const pad = 8;
  const minX = points[0].x;
  const maxX = points[points.length - 1].x;
  const maxY = Math.max(...points.map((p) => p.y), marker?.y ?? 0) || 1;
  const sx = (x: number) => pad + ((x - minX) / (maxX - minX || 1)) * (width - 2 * pad);
  const sy = (y: number) => height - pad - (y / maxY) * (height - 2 * pad);
  const d = points.map((p, i) => `${i === 0 ? "M" : "L"}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(" ");
  return (
    <figure className="chart">
      {caption ? <p className="chart-caption">{caption}</p> : null}
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} preserveAspectRatio="none">
        <path d={`${d} L${sx(maxX)},${sy(0)} L${sx(minX)},${sy(0)} Z`} className="chart-area" />
        <path d={d} className="chart-line" fill="none" />
        {marker ? (
          <line x1={pad} x2={width - pad} y1={sy(marker.y)} y2={sy(marker.y)} className="chart-marker" />
        ) : null}
      </svg>
      {xLabels ? (
        <figcaption className="chart-axis">
          <span>{xLabels[0]}</span>
          {marker ? <span className="chart-marker-text">{marker.text}</span> : null}
          <span>{xLabels[1]}</span>
        </figcaption>
      ) : null}
    </figure>
  );
}

/** A horizontal stacked bar: For / Against / Abstain, or any parts. */
export function StackedBar({
  parts,
  label,
}: {
  parts: { name: string; value: bigint; className: string }[];
  label: string;
}) {
  const total = parts.reduce((sum, p) => sum + p.value, 0n);
  return (
    <div className="stacked" role="img" aria-label={label}>
      {parts.map((part) =>
        part.value > 0n ? (
          <span
            key={part.name}
            className={part.className}
            style={{ width: `${Number((part.value * 10000n) / (total || 1n)) / 100}%` }}
          />
        ) : null,
      )}
    </div>
  );
}
