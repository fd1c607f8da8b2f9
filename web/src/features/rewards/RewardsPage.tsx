import { useState } from "react";
import { chain } from "../../config";
import { QueryValue } from "../../components/QueryValue";
import { TxStatus } from "../../components/TxStatus";
import { formatAmount, formatDate, formatPercent } from "../../lib/format";
import { href } from "../../lib/router";
import { endsWithinMinLock } from "../../lib/score";
import { useChainNow } from "../../lib/useChainNow";
import { useMinLock } from "../../lib/useMinLock";
import { minLockWeeks } from "../../lib/validation";
import { useNetworkGuard } from "../../lib/useNetworkGuard";
import { useTx } from "../../lib/useTx";
import { useClaimable } from "./hooks/useClaimable";
import { useClaimHistory } from "./hooks/useClaimHistory";
import { useRewardsActions } from "./hooks/useRewardsActions";
import { useRewardTokens, type RewardToken } from "./hooks/useRewardTokens";
import { useScoreShare } from "./hooks/useScoreShare";
import { useWeeklyBreakdown } from "./hooks/useWeeklyBreakdown";
import { RevenueHistory } from "./RevenueHistory";
import { YieldCard } from "./YieldCard";
import type { Address } from "viem";

export default function RewardsPage() {
  const { address, isConnected, wrongChain } = useNetworkGuard();
  const now = useChainNow();
  const tokens = useRewardTokens();
  const claimable = useClaimable(
    address,
    tokens.data?.map((t) => t.address),
  );
  const share = useScoreShare(address);
  const minLock = useMinLock();
  const actions = useRewardsActions();
  const claimTx = useTx();
  const relockTx = useTx();
  const blocked = wrongChain ? `Switch your wallet to ${chain.name} first.` : undefined;

  const amounts = claimable.data as readonly bigint[] | undefined;
  const withRewards = tokens.data?.filter((_, i) => (amounts?.[i] ?? 0n) > 0n) ?? [];
  const governanceToken = share.data?.[3];
  const lock = share.data?.[2];
  const lockActive = !!lock && lock[0] > 0n && (lock[2] || (now !== undefined && lock[1] > now));
  const govIndex = tokens.data?.findIndex((t) => t.address.toLowerCase() === governanceToken?.toLowerCase()) ?? -1;
  const govClaimable = govIndex >= 0 ? (amounts?.[govIndex] ?? 0n) : 0n;
  // A lock ending within MIN_LOCK can't receive tokens (RevenueDistributorLockTooShort): extend it first.
  const lockTooShort =
    lockActive &&
    now !== undefined &&
    minLock.data !== undefined &&
    endsWithinMinLock({ amount: lock[0], end: lock[1], autoMax: lock[2] }, now, minLock.data);
  const relockReason = !lockActive
    ? "Re-locking needs an active lock: create or extend your lock first."
    : minLock.data === undefined
      ? minLock.isError
        ? "The minimum lock time could not be read from the escrow; reload the page to re-lock."
        : "Checking how long your lock must still run…"
      : lockTooShort
        ? `Your lock ends on ${formatDate(lock[1])}, less than ${minLockWeeks(minLock.data)} weeks from now: rewards can only be re-locked into a lock that runs at least that long.`
        : govClaimable === 0n
          ? "No governance-token rewards to re-lock."
          : undefined;

  return (
    <>
      <h1>Rewards</h1>
      <p className="lead">
        Protocol revenue is shared every week by Staking Score at the start of the week. A week can be claimed once it
        is over.
      </p>
      {!isConnected || !address ? (
        <p className="card">Connect a wallet to see and claim your rewards.</p>
      ) : (
        <>
          <section className="card" aria-labelledby="claimable-title">
            <h2 id="claimable-title">Claimable</h2>
            <QueryValue query={tokens} label="the reward tokens" block>
              {(list) =>
                list.length === 0 ? (
                  <p>No reward tokens yet.</p>
                ) : (
                  <>
                    <table>
                      <caption className="sr-only">Claimable rewards per token</caption>
                      <thead>
                        <tr>
                          <th scope="col">Token</th>
                          <th scope="col">Claimable</th>
                        </tr>
                      </thead>
                      <tbody>
                        {list.map((token, i) => (
                          <tr key={token.address}>
                            <th scope="row">{token.symbol}</th>
                            <td data-testid={`claimable-${token.symbol}`}>
                              <QueryValue query={claimable} label={`${token.symbol} claimable`}>
                                {(values) => formatAmount((values as readonly bigint[])[i], token.decimals, 4)}
                              </QueryValue>
                              <Breakdown account={address} token={token} now={now} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    {blocked ? <p className="notice">{blocked}</p> : null}
                    <div className="actions">
                      <button
                        type="button"
                        className="primary"
                        disabled={!!blocked || withRewards.length === 0 || claimTx.busy}
                        onClick={() =>
                          claimTx.run(() =>
                            actions.claim(
                              withRewards.map((t) => t.address),
                              false,
                            ),
                          )
                        }
                      >
                        Claim all
                      </button>
                      <button
                        type="button"
                        disabled={!!blocked || !!relockReason || relockTx.busy}
                        aria-describedby="relock-hint"
                        onClick={() =>
                          relockTx.run(() =>
                            actions.claim(
                              withRewards.map((t) => t.address),
                              true,
                            ),
                          )
                        }
                      >
                        Claim and re-lock
                      </button>
                    </div>
                    <p id="relock-hint" className="hint">
                      {relockReason ??
                        "Claim and re-lock adds your governance-token rewards to your lock (other tokens are paid out)."}
                      {lockTooShort ? (
                        <>
                          {" "}
                          <a href={href("stake", "extend")}>Extend first</a>
                        </>
                      ) : null}
                    </p>
                    {withRewards.length === 0 && amounts ? <p>Nothing to claim right now.</p> : null}
                    <TxStatus state={claimTx.state} label="Claim" />
                    <TxStatus state={relockTx.state} label="Claim and re-lock" />
                  </>
                )
              }
            </QueryValue>
          </section>
          <YieldCard
            account={address}
            tokens={tokens.data}
            lockedToken={governanceToken}
            lockedAmount={lock?.[0]}
            now={now}
          />
          <RevenueHistory tokens={tokens.data} now={now} />
          <History account={address} tokens={tokens.data} />
        </>
      )}
    </>
  );
}

function Breakdown({ account, token, now }: { account: Address; token: RewardToken; now: bigint | undefined }) {
  // Three reads per unclaimed week: only once the reader opens the table.
  const [open, setOpen] = useState(false);
  const weeks = useWeeklyBreakdown(account, token.address, now, open);
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Per week</summary>
      {open ? (
        <QueryValue query={weeks} label={`${token.symbol} weekly breakdown`}>
          {(list) =>
            list.length === 0 ? (
              <p>No unclaimed weeks with revenue.</p>
            ) : (
              <table>
                <caption className="sr-only">{token.symbol} share per unclaimed week</caption>
                <thead>
                  <tr>
                    <th scope="col">Week of</th>
                    <th scope="col">Revenue</th>
                    <th scope="col">Your score share</th>
                    <th scope="col">Your share</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((w) => (
                    <tr key={String(w.week)}>
                      <td>{formatDate(w.week)}</td>
                      <td>{formatAmount(w.revenue, token.decimals)}</td>
                      <td>{formatPercent(w.score, w.totalScore, 2)}</td>
                      <td>{formatAmount(w.share, token.decimals, 4)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryValue>
      ) : null}
    </details>
  );
}

function History({ account, tokens }: { account: Address; tokens: RewardToken[] | undefined }) {
  const history = useClaimHistory(account);
  const tokenOf = (address: Address) => tokens?.find((t) => t.address.toLowerCase() === address.toLowerCase());
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">Claim history</h2>
      <QueryValue query={history} label="the claim history" block>
        {(claims) =>
          claims.length === 0 ? (
            <p>No claims yet.</p>
          ) : (
            <table>
              <caption className="sr-only">Your past claims</caption>
              <thead>
                <tr>
                  <th scope="col">Token</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Paid as</th>
                  <th scope="col">Up to week of</th>
                </tr>
              </thead>
              <tbody data-testid="claim-history">
                {claims.map((c) => {
                  const token = tokenOf(c.token);
                  return (
                    <tr key={`${c.transactionHash}-${c.token}`}>
                      <td>{token?.symbol ?? c.token}</td>
                      <td>{formatAmount(c.amount, token?.decimals ?? 18, 4)}</td>
                      <td>{c.relocked ? "Re-locked" : "Paid out"}</td>
                      <td>{formatDate(c.lastWeekClaimed)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </QueryValue>
    </section>
  );
}
