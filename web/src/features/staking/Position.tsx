import { QueryValue } from "../../components/QueryValue";
import { formatAmount, formatDate, formatMultiplier } from "../../lib/format";
import { inScoreUnits, levelDropTime, scoreToNextLevel, type Lock } from "../../lib/score";

type Q<T> = { data: T | undefined; isError: boolean; isPending: boolean; refetch: () => unknown };

/** A token amount query paired with the token's decimals: shown only once both are known. */
function withDecimals<T>(query: Q<T>, decimals: Q<number>): Q<{ value: T; decimals: number }> {
  return {
    data:
      query.data !== undefined && decimals.data !== undefined
        ? { value: query.data, decimals: decimals.data }
        : undefined,
    isError: query.isError || decimals.isError,
    isPending: query.isPending || decimals.isPending,
    refetch: () => Promise.all([query.refetch(), decimals.refetch()]),
  };
}

/** Balance, lock, score, level, and when the level drops. */
export function Position({
  symbol,
  balance,
  lock,
  score,
  level,
  thresholds,
  now,
  decimals,
}: {
  /** The governance token's decimals: balances and locks are in token units, scores in 18-decimal units. */
  decimals: Q<number>;
  symbol: string;
  balance: Q<bigint>;
  lock: Q<Lock>;
  score: Q<bigint>;
  level: Q<number>;
  thresholds: Q<readonly bigint[]>;
  now: bigint | undefined;
}) {
  return (
    <section aria-labelledby="position-title" className="card">
      <h2 id="position-title">Your position</h2>
      <dl className="stats">
        <div>
          <dt>Wallet balance</dt>
          <dd data-testid="wallet-balance">
            <QueryValue query={withDecimals(balance, decimals)} label="wallet balance">
              {({ value, decimals }) => `${formatAmount(value, decimals)} ${symbol}`}
            </QueryValue>
          </dd>
        </div>
        <div>
          <dt>Locked</dt>
          <dd data-testid="locked-amount">
            <QueryValue query={withDecimals(lock, decimals)} label="locked amount">
              {({ value, decimals }) => `${formatAmount(value.amount, decimals)} ${symbol}`}
            </QueryValue>
          </dd>
        </div>
        <div>
          <dt>Unlocks</dt>
          <dd data-testid="unlock-date">
            <QueryValue query={lock} label="unlock date">
              {(value) =>
                value.amount === 0n
                  ? "No lock"
                  : value.autoMax
                    ? "Auto-max: never, until you turn it off"
                    : now !== undefined && value.end <= now
                      ? `Expired on ${formatDate(value.end)}`
                      : formatDate(value.end)
              }
            </QueryValue>
          </dd>
        </div>
        <div>
          <dt>Staking Score</dt>
          <dd data-testid="score">
            <QueryValue query={score} label="score">
              {(value) =>
                `${formatAmount(value)}${lock.data && decimals.data !== undefined && lock.data.amount > 0n && value > 0n ? ` (${formatMultiplier(value, inScoreUnits(lock.data, decimals.data).amount)})` : ""}`
              }
            </QueryValue>
          </dd>
        </div>
        <div>
          <dt>Level</dt>
          <dd data-testid="level">
            <QueryValue query={level} label="level">
              {(value) => {
                const missing =
                  score.data !== undefined && thresholds.data
                    ? scoreToNextLevel(score.data, thresholds.data)
                    : undefined;
                return `${value}${missing !== undefined ? ` — ${formatAmount(missing, 18, 0)} more score for level ${value + 1}` : " (top level)"}`;
              }}
            </QueryValue>
          </dd>
        </div>
        <div>
          <dt>Level drops</dt>
          <dd data-testid="level-drop">
            {lock.data && thresholds.data && decimals.data !== undefined && now !== undefined ? (
              (() => {
                const drop = levelDropTime(inScoreUnits(lock.data, decimals.data), thresholds.data, now);
                if (lock.data.autoMax && lock.data.amount > 0n) return "Never while auto-max is on";
                return drop === undefined ? "—" : formatDate(drop);
              })()
            ) : (
              <QueryValue
                query={(lock.isError ? lock : decimals.isError ? decimals : thresholds) as Q<unknown>}
                label="level drop date"
              >
                {() => "…"}
              </QueryValue>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
