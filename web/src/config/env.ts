/** Parses and validates the app's environment once; everything else imports the typed result. */
export type AppEnv = {
  chainId: number;
  rpcUrl: string;
  subgraphUrl: string | undefined;
  explorerUrl: string | undefined;
  /** The DAO's access service (access/), for the Stake page's "API access" section; hidden when unset. */
  accessUrl: string | undefined;
  /** True on a local development chain: offers the built-in test wallet and never links an explorer. */
  isLocal: boolean;
};

export const LOCAL_CHAIN_IDS = new Set([31337, 1337]);

function parseUrl(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  try {
    const url = new URL(value);
    if (!/^https?:$/.test(url.protocol)) throw new Error();
    return value.replace(/\/$/, "");
  } catch {
    throw new Error(`${name} must be an http(s) URL, got "${value}"`);
  }
}

export function parseEnv(raw: Record<string, string | undefined>): AppEnv {
  const chainId = Number(raw.VITE_CHAIN_ID ?? "31337");
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new Error(`VITE_CHAIN_ID must be a positive integer, got "${raw.VITE_CHAIN_ID}"`);
  }
  const isLocal = LOCAL_CHAIN_IDS.has(chainId);
  const rpcUrl = parseUrl("VITE_RPC_URL", raw.VITE_RPC_URL) ?? (isLocal ? "http://127.0.0.1:8545" : undefined);
  if (!rpcUrl) throw new Error("VITE_RPC_URL is required on a non-local chain");
  return {
    chainId,
    rpcUrl,
    subgraphUrl: parseUrl("VITE_SUBGRAPH_URL", raw.VITE_SUBGRAPH_URL),
    explorerUrl: isLocal ? undefined : parseUrl("VITE_EXPLORER_URL", raw.VITE_EXPLORER_URL),
    accessUrl: parseUrl("VITE_ACCESS_URL", raw.VITE_ACCESS_URL),
    isLocal,
  };
}
