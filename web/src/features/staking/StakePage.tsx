import { chain } from "../../config";
import { TxStatus } from "../../components/TxStatus";
import { useTx } from "../../lib/useTx";
import { useChainNow } from "../../lib/useChainNow";
import { useNetworkGuard } from "../../lib/useNetworkGuard";
import { useLevel } from "./hooks/useLevel";
import { useLevelThresholds } from "./hooks/useLevelThresholds";
import { useLock } from "./hooks/useLock";
import { useScore } from "./hooks/useScore";
import { useTokenBalance } from "./hooks/useTokenBalance";
import { useTokenSymbol } from "./hooks/useTokenSymbol";
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
  // The lock and withdraw results outlive their forms (a new lock replaces the form with "manage").
  const lockTx = useTx();
  const withdrawTx = useTx();
  const blocked = wrongChain ? `Switch your wallet to ${chain.name} first.` : undefined;

  return (
    <>
      <h1>Stake</h1>
      <p className="lead">
        Lock {symbol} for 1 to 52 weeks. Your Staking Score is your voting power, your share of revenue and your level.
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
          />
          {lock.data && now !== undefined ? (
            lock.data.amount === 0n ? (
              <LockForm
                account={address}
                balance={balance.data}
                thresholds={thresholds.data}
                now={now}
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
                symbol={symbol}
                blocked={blocked}
                withdrawTx={withdrawTx}
              />
            )
          ) : null}
          <TxStatus state={lockTx.state} label="Lock" />
          <TxStatus state={withdrawTx.state} label="Withdraw" />
        </>
      )}
    </>
  );
}
