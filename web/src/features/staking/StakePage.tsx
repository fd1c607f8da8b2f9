import { chain } from "../../config";
import { TxStatus } from "../../components/TxStatus";
import { useTx } from "../../lib/useTx";
import { useChainNow } from "../../lib/useChainNow";
import { useMinLock } from "../../lib/useMinLock";
import { minLockWeeks } from "../../lib/validation";
import { useNetworkGuard } from "../../lib/useNetworkGuard";
import { useLevel } from "./hooks/useLevel";
import { useLevelThresholds } from "./hooks/useLevelThresholds";
import { useLock } from "./hooks/useLock";
import { useScore } from "./hooks/useScore";
import { useTokenBalance } from "./hooks/useTokenBalance";
import { useTokenDecimals } from "./hooks/useTokenDecimals";
import { useTokenSymbol } from "./hooks/useTokenSymbol";
import { AccessSection } from "../access/AccessSection";
import { LockCreators } from "./LockCreators";
import { LockForm } from "./LockForm";
import { ManageLock } from "./ManageLock";
import { Position } from "./Position";

export default function StakePage() {
  const { address, isConnected, wrongChain } = useNetworkGuard();
  const now = useChainNow();
  const symbol = useTokenSymbol().data ?? "tokens";
  const balance = useTokenBalance(address);
  const lock = useLock(address);
  const score = useScore(address);
  const level = useLevel(address);
  const thresholds = useLevelThresholds();
  const minLock = useMinLock();
  const decimals = useTokenDecimals();
  // The lock and withdraw results outlive their forms (a new lock replaces the form with "manage").
  const lockTx = useTx();
  const withdrawTx = useTx();
  const blocked = wrongChain ? `Switch your wallet to ${chain.name} first.` : undefined;

  return (
    <>
      <h1>Stake</h1>
      <p className="lead">
        Lock {symbol} for {minLock.data !== undefined ? `${minLockWeeks(minLock.data)} to 52` : "up to 52"} weeks. Your
        Staking Score is your voting power, your share of revenue and your level.
      </p>
      {!isConnected || !address ? (
        <p className="card">Connect a wallet to see your position and lock tokens.</p>
      ) : (
        <>
          <Position
            symbol={symbol}
            balance={balance}
            lock={lock}
            score={score}
            level={level}
            thresholds={thresholds}
            now={now}
            decimals={decimals}
          />
          {minLock.isError || decimals.isError ? (
            <p className="notice" role="alert">
              The minimum lock time or the token&apos;s decimals could not be read, so locking is paused.{" "}
              <button
                type="button"
                className="link"
                onClick={() => void Promise.all([minLock.refetch(), decimals.refetch()])}
              >
                Retry
              </button>
            </p>
          ) : null}
          {lock.data && now !== undefined && minLock.data !== undefined && decimals.data !== undefined ? (
            lock.data.amount === 0n ? (
              <LockForm
                account={address}
                balance={balance.data}
                thresholds={thresholds.data}
                now={now}
                minLock={minLock.data}
                decimals={decimals.data}
                symbol={symbol}
                blocked={blocked}
                lockTx={lockTx}
              />
            ) : (
              <ManageLock
                account={address}
                lock={lock.data}
                balance={balance.data}
                thresholds={thresholds.data}
                now={now}
                minLock={minLock.data}
                decimals={decimals.data}
                symbol={symbol}
                blocked={blocked}
                withdrawTx={withdrawTx}
              />
            )
          ) : null}
          <TxStatus state={lockTx.state} label="Lock" />
          <TxStatus state={withdrawTx.state} label="Withdraw" />
          <LockCreators account={address} blocked={blocked} />
          <AccessSection account={address} level={level.data} />
        </>
      )}
    </>
  );
}
