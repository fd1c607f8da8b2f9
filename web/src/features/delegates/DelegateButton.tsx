import type { Address } from "viem";
import { chain } from "../../config";
import { TxStatus } from "../../components/TxStatus";
import { shortAddress } from "../../lib/format";
import { useNetworkGuard } from "../../lib/useNetworkGuard";
import { useTx } from "../../lib/useTx";
import { useDelegateActions } from "./hooks/useDelegateActions";

/**
 * Delegates the connected account's whole score to `to` (or takes it back when `to` is the account itself).
 * `current` is the account's delegate now, so the button can say it already is.
 */
export function DelegateButton({ to, label, current }: { to: Address; label: string; current?: Address }) {
  const { address, wrongChain } = useNetworkGuard();
  const actions = useDelegateActions();
  const tx = useTx();
  if (!address) return null;
  const self = to.toLowerCase() === address.toLowerCase();
  const already = current !== undefined && current.toLowerCase() === to.toLowerCase();
  const text = self ? "Vote yourself" : "Delegate";
  // A name can copy another delegate's, so the button's accessible name also says the address.
  const whom = label === shortAddress(to) ? label : `${label} (${shortAddress(to)})`;
  return (
    <div className="delegate-action">
      {already ? (
        <p className="hint">{self ? "You vote yourself." : `You delegate to ${label}.`}</p>
      ) : (
        <button
          type="button"
          className="primary"
          disabled={tx.busy || wrongChain}
          aria-label={self ? "Vote yourself (take your delegation back)" : `Delegate your score to ${whom}`}
          title={wrongChain ? `Switch your wallet to ${chain.name} first.` : undefined}
          onClick={() => void tx.run(() => actions.delegate(to))}
        >
          {text}
        </button>
      )}
      {wrongChain ? <p className="notice">Switch your wallet to {chain.name} to delegate.</p> : null}
      <TxStatus state={tx.state} label={self ? "Taking your delegation back" : `Delegation to ${shortAddress(to)}`} />
    </div>
  );
}
