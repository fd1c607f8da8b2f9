import { useState, type FormEvent } from "react";
import { getAddress, type Address } from "viem";
import { Field } from "../../components/Field";
import { QueryValue } from "../../components/QueryValue";
import { TxStatus } from "../../components/TxStatus";
import { useTx } from "../../lib/useTx";
import { parseAddress } from "../../lib/validation";
import { useLockCreators } from "./hooks/useLockCreators";
import { useStakingActions } from "./hooks/useStakingActions";

/**
 * Consent for `createLockFor`: only the account and the addresses it allowed may create its lock, so a
 * stranger can't front-run a first lock with a tiny one and force its unlock date on it.
 */
export function LockCreators({ account, blocked }: { account: Address; blocked: string | undefined }) {
  const creators = useLockCreators(account);
  const actions = useStakingActions();
  const allowTx = useTx();
  const revokeTx = useTx();
  const [text, setText] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const [revoking, setRevoking] = useState<Address>();

  const parsed = parseAddress(text);
  const creator = parsed.ok ? getAddress(parsed.value) : undefined;
  const error = !parsed.ok
    ? parsed.error
    : creator === getAddress(account)
      ? "You can always lock for yourself; enter another address."
      : creators.data?.includes(creator!)
        ? "This address is already allowed."
        : undefined;

  async function onAllow(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (blocked || error || !creator) return;
    if (await allowTx.run(() => actions.setLockCreator(creator, true))) {
      setText("");
      setSubmitted(false);
    }
  }

  async function revoke(address: Address) {
    setRevoking(address);
    await revokeTx.run(() => actions.setLockCreator(address, false));
    setRevoking(undefined);
  }

  return (
    <section aria-labelledby="creators-title" className="card">
      <h2 id="creators-title">Lock creators</h2>
      <p>
        A vesting or airdrop contract can create your lock for you once you allow it. Nobody else can, so no stranger
        can lock a few tokens in your name and force an unlock date on your first lock.
      </p>
      <QueryValue query={creators} label="lock creators">
        {(list) =>
          list.length === 0 ? (
            <p data-testid="no-lock-creators">You have not allowed anyone to create a lock for you.</p>
          ) : (
            <ul className="creator-list" aria-label="Allowed lock creators">
              {list.map((address) => (
                <li key={address}>
                  <code>{address}</code>
                  <button
                    type="button"
                    disabled={revokeTx.busy || !!blocked}
                    aria-label={`Revoke ${address}`}
                    onClick={() => revoke(address)}
                  >
                    {revoking === address && revokeTx.busy ? "Revoking…" : "Revoke"}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryValue>
      <form onSubmit={onAllow} noValidate>
        <Field
          label="Allow an address to create your lock"
          name="lock-creator"
          autoComplete="off"
          spellCheck={false}
          placeholder="0x…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={(submitted || text !== "") && error ? error : undefined}
          hint="Paste the contract's address as published (its capital letters are a checksum)."
        />
        {blocked ? <p className="notice">{blocked}</p> : null}
        <button type="submit" className="primary" disabled={allowTx.busy || !!blocked}>
          Allow
        </button>
      </form>
      <TxStatus state={allowTx.state} label="Allow lock creator" />
      <TxStatus state={revokeTx.state} label="Revoke lock creator" />
    </section>
  );
}
