import { useTickingChainTime } from "../../lib/chainClock";
import { formatDateTime, formatDuration } from "../../lib/format";
import { roundState, STATE_LABEL, type Round, type RoundState } from "./rounds";

export function StateBadge({ state }: { state: RoundState | undefined }) {
  if (!state) return <span className="badge">…</span>;
  return (
    <span className={`badge badge-round-${state}`} data-testid="round-state">
      {STATE_LABEL[state]}
    </span>
  );
}

/** "opens in 2 days", "closes in 3 hours", "closed on …", following the chain's clock. */
export function Countdown({ round }: { round: Round }) {
  const now = useTickingChainTime();
  if (now === undefined) return null;
  const state = roundState(round, now);
  if (state === "upcoming") return <>Opens in {formatDuration(round.start - now)}</>;
  if (state === "open") return <>Closes in {formatDuration(round.end - now)}</>;
  if (state === "cancelled") return <>Cancelled</>;
  return <>Closed on {formatDateTime(round.end)}</>;
}
