import type { Address } from "viem";
import { levelBenefits } from "../../config";
import { QueryValue } from "../../components/QueryValue";
import { formatAmount, formatDate } from "../../lib/format";
import { inScoreUnits, type Lock } from "../../lib/score";
import { useLatestRound, type LatestRound } from "./hooks/useLatestRound";
import { levelTable, type LevelRow } from "./levels";

type Q<T> = { data: T | undefined; isError: boolean; isPending: boolean; refetch: () => unknown };

function standing(row: LevelRow, lock: Lock | undefined, next: number): string {
  if (!row.reached) return `${row.level === next ? "Next: " : ""}${formatAmount(row.missing!, 18, 0)} more score`;
  const prefix = row.current ? "You are here" : "Reached";
  if (lock?.autoMax) return `${prefix}; kept while auto-max is on`;
  return row.dropsAt === undefined ? prefix : `${prefix}; until ${formatDate(row.dropsAt)}`;
}

function capText(round: LatestRound, level: number) {
  return `${formatAmount(round.caps[level - 1], round.paymentDecimals)} ${round.paymentSymbol}`;
}

/**
 * Every level: its threshold, where the account stands (score missing, or the date decay drops it below), the
 * latest early-access round's cap and the benefits the DAO lists in config/levels.json.
 */
export function LevelTable({
  account,
  lock,
  thresholds,
  decimals,
  now,
}: {
  account: Address;
  lock: Q<Lock>;
  thresholds: Q<readonly bigint[]>;
  decimals: number | undefined;
  now: bigint | undefined;
}) {
  const round = useLatestRound(account);
  return (
    <section className="card" aria-labelledby="levels-title">
      <h2 id="levels-title">Levels</h2>
      <QueryValue query={thresholds} label="the level thresholds" block>
        {(list) => {
          if (!lock.data || decimals === undefined || now === undefined) {
            return lock.isError ? (
              <QueryValue query={lock} label="your lock">
                {() => null}
              </QueryValue>
            ) : (
              <p aria-busy="true">…</p>
            );
          }
          const own = lock.data.amount > 0n ? inScoreUnits(lock.data, decimals) : undefined;
          const { score, level, rows } = levelTable(list, own, now);
          const latest = round.data ?? undefined;
          return (
            <>
              <p data-testid="level-standing">
                Your score {formatAmount(score, 18, 0)} is level {level}
                {level < list.length
                  ? `; ${formatAmount(list[level] - score, 18, 0)} more score reaches level ${level + 1}.`
                  : ", the top level."}
              </p>
              <p className="hint" data-testid="round-note">
                {round.isError ? (
                  <>
                    The early-access round could not be read.{" "}
                    <button type="button" className="link" onClick={() => void round.refetch()}>
                      Retry
                    </button>
                  </>
                ) : round.isPending ? (
                  "Reading the latest early-access round…"
                ) : latest ? (
                  `Early-access caps are those of round #${latest.id}${latest.cancelled ? " (cancelled)" : ""}, the latest: the most each level may commit, with levels measured at its snapshot on ${formatDate(latest.snapshot)}${latest.accountLevel !== undefined ? `, where you are level ${latest.accountLevel}` : ""}.`
                ) : (
                  "No early-access round yet: caps show here once the DAO opens one."
                )}
              </p>
              <table className="level-table" data-testid="level-table">
                <caption className="sr-only">Levels, where you stand and their benefits</caption>
                <thead>
                  <tr>
                    <th scope="col">Level</th>
                    <th scope="col">Score from</th>
                    <th scope="col">You</th>
                    {latest ? <th scope="col">Early-access cap (round #{String(latest.id)})</th> : null}
                    <th scope="col">Benefits</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr
                      key={row.level}
                      className={row.current ? "current-level" : undefined}
                      aria-current={row.current ? "true" : undefined}
                      data-testid={`level-row-${row.level}`}
                    >
                      <th scope="row" data-label="Level">
                        {row.level}
                      </th>
                      <td data-label="Score from">{formatAmount(row.threshold, 18, 0)}</td>
                      <td data-label="You">{standing(row, lock.data, level + 1)}</td>
                      {latest ? (
                        <td data-label="Early-access cap" data-testid={`level-cap-${row.level}`}>
                          {capText(latest, row.level)}
                        </td>
                      ) : null}
                      <td data-label="Benefits">
                        {levelBenefits[row.level - 1].length === 0 ? (
                          <span className="muted">—</span>
                        ) : (
                          <ul className="benefits">
                            {levelBenefits[row.level - 1].map((benefit) => (
                              <li key={benefit}>{benefit}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </QueryValue>
    </section>
  );
}
