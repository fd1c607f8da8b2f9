import type { Address } from "viem";
import { QueryValue } from "../../components/QueryValue";
import { formatAmount, formatCountdown, formatDate, formatDateTime, formatPercent } from "../../lib/format";
import { useTickingChainTime } from "../../lib/chainClock";
import { scoreUnit } from "../../lib/score";
import type { RewardToken } from "./hooks/useRewardTokens";
import { useYieldWeeks } from "./hooks/useYieldWeeks";
import { annualizedRate, formatRate, ratePerScore, weekYield, yieldWeeks } from "./yield";

/** An amount with its exact base units in data-value, so tests can compare it with the contracts. */
function Value({ value, token, testId }: { value: bigint; token: RewardToken; testId: string }) {
  return (
    <span data-testid={testId} data-value={String(value)}>
      {formatAmount(value, token.decimals, 4)} {token.symbol}
    </span>
  );
}

/** "Claimable in 3 d 4 h": ticks every second on the chain's clock. */
function Countdown({ until }: { until: bigint }) {
  const now = useTickingChainTime();
  if (now === undefined) return null;
  return (
    <span data-testid="yield-countdown">
      {now >= until ? "now (the week has ended; waiting for the next block)" : `in ${formatCountdown(until - now)}`}
    </span>
  );
}

/**
 * Yield per reward token: the last finished week's revenue per 1,000 score, the account's share and (for the
 * locked token) an annual rate; this week's revenue so far and the account's expected share of it.
 */
export function YieldCard({
  account,
  tokens,
  lockedToken,
  lockedAmount,
  now,
}: {
  account: Address;
  tokens: RewardToken[] | undefined;
  /** The escrow's token: the only revenue token a rate can be given for without a price. */
  lockedToken: Address | undefined;
  /** The account's locked amount (token units), for its own rate. */
  lockedAmount: bigint | undefined;
  now: bigint | undefined;
}) {
  const weeks = now !== undefined ? yieldWeeks(now) : undefined;
  const figures = useYieldWeeks(
    account,
    tokens?.map((t) => t.address),
    weeks,
  );
  return (
    <section className="card" aria-labelledby="yield-title">
      <h2 id="yield-title">Yield</h2>
      {tokens && tokens.length === 0 ? (
        <p>No reward tokens yet.</p>
      ) : (
        <QueryValue query={figures} label="yield">
          {({ tokens: rows }) => {
            if (!tokens || !weeks) return <p aria-busy="true">…</p>;
            const { score: lastScore, totalScore: lastTotal } = rows[0]?.last ?? { score: 0n, totalScore: 0n };
            const { score: nowScore, totalScore: nowTotal } = rows[0]?.current ?? { score: 0n, totalScore: 0n };
            return (
              <>
                <h3>Last week (week of {formatDate(weeks.last)})</h3>
                <p className="hint">
                  Your score at that week&apos;s start: {formatAmount(lastScore)} (
                  {formatPercent(lastScore, lastTotal, 2)} of the total). Shares of finished weeks are in Claimable
                  above until you claim them.
                </p>
                {tokens.map((token, i) => {
                  const week = weekYield(rows[i].last);
                  const isLocked = token.address.toLowerCase() === lockedToken?.toLowerCase();
                  const scoreRate = isLocked ? ratePerScore(week.perThousand, scoreUnit(token.decimals)) : undefined;
                  const ownRate =
                    isLocked && lockedAmount !== undefined ? annualizedRate(week.share, lockedAmount) : undefined;
                  return (
                    <div key={token.address} className="yield-token">
                      <h4>{token.symbol}</h4>
                      <dl className="stats">
                        <div>
                          <dt>Revenue</dt>
                          <dd>
                            <Value value={week.revenue} token={token} testId={`yield-last-revenue-${token.symbol}`} />
                          </dd>
                        </div>
                        <div>
                          <dt>Per 1,000 score</dt>
                          <dd>
                            <Value
                              value={week.perThousand}
                              token={token}
                              testId={`yield-last-per1000-${token.symbol}`}
                            />
                          </dd>
                        </div>
                        <div>
                          <dt>Your share</dt>
                          <dd>
                            <Value value={week.share} token={token} testId={`yield-last-share-${token.symbol}`} />
                          </dd>
                        </div>
                        <div>
                          <dt>Annual rate</dt>
                          <dd data-testid={`yield-rate-${token.symbol}`}>
                            {!isLocked
                              ? `No price available: ${token.symbol} is not the locked token, so no rate can be given.`
                              : scoreRate === undefined
                                ? "—"
                                : `${formatRate(scoreRate)} a year on score${ownRate !== undefined ? `; ${formatRate(ownRate)} on your locked ${token.symbol}` : ""}`}
                          </dd>
                        </div>
                      </dl>
                      {week.rollsOver ? (
                        <p className="hint">
                          Nobody had a score at that week&apos;s start: its revenue rolls into the next week.
                        </p>
                      ) : null}
                    </div>
                  );
                })}
                <h3>This week so far (week of {formatDate(weeks.current)})</h3>
                <p>
                  Claimable <Countdown until={weeks.claimableAt} />, on {formatDateTime(weeks.claimableAt)}. Your
                  expected share uses your score at this week&apos;s start: {formatAmount(nowScore)} (
                  {formatPercent(nowScore, nowTotal, 2)} of the total); locking more now counts from next week.
                </p>
                {tokens.map((token, i) => {
                  const week = weekYield(rows[i].current);
                  return (
                    <div key={token.address} className="yield-token">
                      <h4>{token.symbol}</h4>
                      <dl className="stats">
                        <div>
                          <dt>Deposited so far</dt>
                          <dd>
                            <Value
                              value={week.revenue}
                              token={token}
                              testId={`yield-current-revenue-${token.symbol}`}
                            />
                          </dd>
                        </div>
                        <div>
                          <dt>Your expected share</dt>
                          <dd>
                            <Value value={week.share} token={token} testId={`yield-current-share-${token.symbol}`} />
                          </dd>
                        </div>
                      </dl>
                      {week.rollsOver ? (
                        <p className="hint">
                          Nobody had a score at this week&apos;s start: its revenue rolls into the next week.
                        </p>
                      ) : null}
                    </div>
                  );
                })}
                <p className="hint">
                  Annual rates repeat last week&apos;s revenue for a year (365 days, no compounding); future revenue and
                  the scores at each week&apos;s start decide what you really get.
                </p>
              </>
            );
          }}
        </QueryValue>
      )}
    </section>
  );
}
