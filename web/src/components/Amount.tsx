import { formatAmount, formatCompact } from "../lib/format";

/**
 * A token amount through the app's one formatter. `compact` shortens it ("1.2M") for tight tables and charts;
 * the exact value is then shown on hover and on keyboard focus, and is what screen readers read.
 */
export function Amount({
  value,
  decimals = 18,
  symbol,
  compact = false,
}: {
  value: bigint;
  decimals?: number;
  symbol?: string;
  compact?: boolean;
}) {
  const full = `${formatAmount(value, decimals, decimals)}${symbol ? ` ${symbol}` : ""}`;
  if (!compact) return <>{`${formatAmount(value, decimals)}${symbol ? ` ${symbol}` : ""}`}</>;
  const short = `${formatCompact(value, decimals)}${symbol ? ` ${symbol}` : ""}`;
  if (short === full) return <>{full}</>;
  return (
    <span className="compact" tabIndex={0} title={full} data-full={full}>
      <span aria-hidden="true">{short}</span>
      <span className="sr-only">{full}</span>
    </span>
  );
}
