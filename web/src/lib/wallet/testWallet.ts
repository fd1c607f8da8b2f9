import { createConnector } from "wagmi";
import {
  createWalletClient,
  getAddress,
  hexToBigInt,
  http,
  numberToHex,
  SwitchChainError,
  UserRejectedRequestError,
  type Chain,
  type Hex,
  type TypedDataDefinition,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { DEV_KEYS } from "./devKeys";

/**
 * A wallet for local development: signs with the Hardhat dev keys inside the page, so every flow can be
 * tried without an extension. It is only ever offered when the app runs against a local chain.
 *
 * "Ask before signing" makes it behave like a real wallet prompt (approve or reject each request).
 */
type PendingRequest = { id: number; method: string; summary: string; resolve: (approved: boolean) => void };
type State = { index: number; ask: boolean; pending: PendingRequest | undefined };

const STORAGE = {
  index: "lockstep.testWallet.index",
  connected: "lockstep.testWallet.connected",
  ask: "lockstep.testWallet.ask",
};
const storage = typeof localStorage === "undefined" ? undefined : localStorage;

let state: State = {
  index: Math.min(Number(storage?.getItem(STORAGE.index) ?? 0) || 0, DEV_KEYS.length - 1),
  ask: storage?.getItem(STORAGE.ask) === "1",
  pending: undefined,
};
const listeners = new Set<() => void>();
const setState = (next: Partial<State>) => {
  state = { ...state, ...next };
  listeners.forEach((listener) => listener());
};
let onAccountChange: ((address: Hex) => void) | undefined;

export const testWalletAccounts = DEV_KEYS.map((key, index) => ({ index, address: privateKeyToAccount(key).address }));

/** A small store the UI subscribes to (account picker, prompt dialog). */
export const testWalletStore = {
  getState: () => state,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  selectAccount(index: number) {
    storage?.setItem(STORAGE.index, String(index));
    setState({ index });
    onAccountChange?.(testWalletAccounts[index].address);
  },
  setAsk(ask: boolean) {
    storage?.setItem(STORAGE.ask, ask ? "1" : "0");
    setState({ ask });
  },
  answer(approved: boolean) {
    const pending = state.pending;
    setState({ pending: undefined });
    pending?.resolve(approved);
  },
};

let nextId = 1;
async function confirm(method: string, summary: string) {
  if (!state.ask) return;
  const approved = await new Promise<boolean>((resolve) =>
    setState({ pending: { id: nextId++, method, summary, resolve } }),
  );
  if (!approved) throw new UserRejectedRequestError(new Error("The request was rejected in the test wallet."));
}

type TypeFields = Record<string, unknown>;

/** JSON carries uint256 values as strings; the signer needs them back as bigints (recursively for structs). */
function reviveIntegers(value: Record<string, unknown>, types: TypeFields, typeName: string): Record<string, unknown> {
  const fields = (types[typeName] ?? []) as { name: string; type: string }[];
  const out: Record<string, unknown> = { ...value };
  for (const field of fields) {
    const v = value[field.name];
    if (/^u?int\d*$/.test(field.type) && (typeof v === "string" || typeof v === "number")) out[field.name] = BigInt(v);
    else if (types[field.type] && v && typeof v === "object") {
      out[field.name] = reviveIntegers(v as Record<string, unknown>, types, field.type);
    }
  }
  return out;
}

type RpcTx = { from?: Hex; to?: Hex; data?: Hex; value?: Hex; gas?: Hex; nonce?: Hex };

export function testWallet({ chain }: { chain: Chain }) {
  const transport = http(chain.rpcUrls.default.http[0]);
  const rpcRequest = async (method: string, params: unknown) => {
    const response = await fetch(chain.rpcUrls.default.http[0], {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params: params ?? [] }),
    });
    const body = (await response.json()) as {
      result?: unknown;
      error?: { code: number; message: string; data?: unknown };
    };
    if (body.error) throw Object.assign(new Error(body.error.message), body.error);
    return body.result;
  };
  const account = () => privateKeyToAccount(DEV_KEYS[state.index]);

  const provider = {
    async request({ method, params }: { method: string; params?: unknown }): Promise<unknown> {
      const args = (params ?? []) as unknown[];
      switch (method) {
        case "eth_accounts":
        case "eth_requestAccounts":
          return [account().address];
        case "eth_chainId":
          return numberToHex(chain.id);
        case "wallet_switchEthereumChain":
          if (Number((args[0] as { chainId: Hex }).chainId) !== chain.id) {
            throw new SwitchChainError(new Error("The test wallet only knows the local chain."));
          }
          return null;
        case "eth_sendTransaction": {
          const tx = args[0] as RpcTx;
          await confirm(method, `Send a transaction to ${tx.to}`);
          const wallet = createWalletClient({ account: account(), chain, transport });
          return wallet.sendTransaction({
            to: tx.to,
            data: tx.data,
            value: tx.value ? hexToBigInt(tx.value) : undefined,
            gas: tx.gas ? hexToBigInt(tx.gas) : undefined,
          });
        }
        case "eth_signTypedData_v4": {
          const typed = JSON.parse(args[1] as string) as TypedDataDefinition & { types: Record<string, unknown> };
          await confirm(method, `Sign ${typed.primaryType as string}`);
          const { EIP712Domain: _domain, ...types } = typed.types;
          const message = reviveIntegers(typed.message as Record<string, unknown>, types, typed.primaryType as string);
          const domain = reviveIntegers((typed.domain ?? {}) as Record<string, unknown>, typed.types, "EIP712Domain");
          return account().signTypedData({ ...typed, domain, types, message } as TypedDataDefinition);
        }
        case "personal_sign":
          await confirm(method, "Sign a message");
          return account().signMessage({ message: { raw: args[0] as Hex } });
        default:
          return rpcRequest(method, params);
      }
    },
    on() {},
    removeListener() {},
  };

  return createConnector((config) => ({
    id: "lockstepTestWallet",
    name: "Test wallet (local dev keys)",
    type: "testWallet",
    async connect<withCapabilities extends boolean = false>() {
      storage?.setItem(STORAGE.connected, "1");
      onAccountChange = (address) => config.emitter.emit("change", { accounts: [getAddress(address)] });
      return { accounts: [account().address], chainId: chain.id } as unknown as {
        accounts: withCapabilities extends true
          ? readonly { address: Hex; capabilities: Record<string, unknown> }[]
          : readonly Hex[];
        chainId: number;
      };
    },
    async disconnect() {
      storage?.removeItem(STORAGE.connected);
      onAccountChange = undefined;
    },
    async getAccounts() {
      return [account().address];
    },
    async getChainId() {
      return chain.id;
    },
    async getProvider() {
      return provider;
    },
    async isAuthorized() {
      const authorized = storage?.getItem(STORAGE.connected) === "1";
      if (authorized) onAccountChange = (address) => config.emitter.emit("change", { accounts: [getAddress(address)] });
      return authorized;
    },
    async switchChain({ chainId }) {
      if (chainId !== chain.id) throw new SwitchChainError(new Error("The test wallet only knows the local chain."));
      return chain;
    },
    onAccountsChanged(accounts) {
      config.emitter.emit("change", { accounts: accounts.map((a) => getAddress(a)) });
    },
    onChainChanged(id) {
      config.emitter.emit("change", { chainId: Number(id) });
    },
    onDisconnect() {
      config.emitter.emit("disconnect");
    },
  }));
}
