import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useConnection, useConnect, useConnectors, useDisconnect, useSwitchChain } from "wagmi";
import { chain, env } from "../config";
import { describeError } from "../lib/errors";
import { shortAddress } from "../lib/format";
import { useNetworkGuard } from "../lib/useNetworkGuard";
import type { testWalletStore as Store, testWalletAccounts as Accounts } from "../lib/wallet/testWallet";

export type TestWalletModule = { testWalletStore: typeof Store; testWalletAccounts: typeof Accounts };

/** Connect / disconnect, and on a local chain the test wallet's account picker. */
export function WalletButton({ testWallet }: { testWallet?: TestWalletModule }) {
  const { address, connector, isConnected } = useConnection();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const [open, setOpen] = useState(false);
  const connected = useRef<HTMLDivElement>(null);
  const asked = useRef(false);
  // After connecting, focus moves to the account just connected (not to <body>, where the menu was).
  useEffect(() => {
    if (isConnected && asked.current) {
      asked.current = false;
      connected.current?.querySelector<HTMLElement>("select, [tabindex]")?.focus();
    }
  }, [isConnected]);

  if (isConnected && address) {
    return (
      <div className="wallet" ref={connected}>
        {connector?.id === "lockstepTestWallet" && testWallet ? (
          <TestAccountPicker module={testWallet} />
        ) : (
          <span className="address" title={address} tabIndex={-1}>
            <span className="sr-only">Connected as </span>
            {shortAddress(address)}
          </span>
        )}
        <button type="button" onClick={() => disconnect.mutate()}>
          Disconnect
        </button>
      </div>
    );
  }
  // Only EIP-6963 wallets and the test wallet are listed; the generic "Injected" entry only when nothing announced.
  const announced = connectors.filter((c) => c.id !== "injected");
  const list = announced.length > 0 ? announced : connectors;
  return (
    <div
      className="wallet"
      onKeyDown={(event) => {
        if (event.key === "Escape") setOpen(false);
      }}
    >
      <button type="button" aria-expanded={open} aria-controls="wallet-menu" onClick={() => setOpen(!open)}>
        Connect wallet
      </button>
      {open ? (
        <ul id="wallet-menu" className="menu" aria-label="Wallets">
          {list.map((c, i) => (
            <li key={c.uid}>
              <button
                type="button"
                autoFocus={i === 0}
                onClick={() => {
                  asked.current = true;
                  connect.mutate({ connector: c, chainId: env.chainId });
                  setOpen(false);
                }}
              >
                {c.name}
              </button>
            </li>
          ))}
          {list.length === 0 ? <li>No wallet found. Install a browser wallet.</li> : null}
        </ul>
      ) : null}
      {connect.error ? (
        <p className="error" role="alert">
          {describeError(connect.error)}
        </p>
      ) : null}
    </div>
  );
}

function TestAccountPicker({ module }: { module: TestWalletModule }) {
  const state = useSyncExternalStore(module.testWalletStore.subscribe, module.testWalletStore.getState);
  return (
    <div className="test-wallet">
      <label htmlFor="test-account">Test account</label>
      <select
        id="test-account"
        value={state.index}
        onChange={(event) => module.testWalletStore.selectAccount(Number(event.target.value))}
      >
        {module.testWalletAccounts.map((a) => (
          <option key={a.index} value={a.index}>
            #{a.index} {shortAddress(a.address)}
          </option>
        ))}
      </select>
      <label className="inline">
        <input
          type="checkbox"
          checked={state.ask}
          onChange={(event) => module.testWalletStore.setAsk(event.target.checked)}
        />
        Ask before signing
      </label>
    </div>
  );
}

/** The test wallet's confirmation prompt ("Ask before signing"), like a real wallet's popup. */
export function TestWalletPrompt({ module }: { module: TestWalletModule }) {
  const state = useSyncExternalStore(module.testWalletStore.subscribe, module.testWalletStore.getState);
  const pending = !!state.pending;
  // Escape rejects, as closing a real wallet's popup does.
  useEffect(() => {
    if (!pending) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") module.testWalletStore.answer(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [pending, module]);
  if (!state.pending) return null;
  return (
    <div className="dialog-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="prompt-title" className="dialog">
        <h2 id="prompt-title">Test wallet request</h2>
        <p>{state.pending.summary}</p>
        <div className="actions">
          <button type="button" onClick={() => module.testWalletStore.answer(false)}>
            Reject
          </button>
          <button type="button" className="primary" autoFocus onClick={() => module.testWalletStore.answer(true)}>
            Approve
          </button>
        </div>
      </div>
    </div>
  );
}

/** Shown when the wallet is on another chain: nothing can be sent until it switches. */
export function NetworkBanner() {
  const { wrongChain } = useNetworkGuard();
  const switchChain = useSwitchChain();
  if (!wrongChain) return null;
  return (
    <div className="banner" role="alert">
      <p>Your wallet is on another network. Lockstep runs on {chain.name}.</p>
      <button type="button" className="primary" onClick={() => switchChain.mutate({ chainId: env.chainId })}>
        Switch to {chain.name}
      </button>
      {switchChain.error ? <p className="error">{describeError(switchChain.error)}</p> : null}
    </div>
  );
}
