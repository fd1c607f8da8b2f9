import { createConfig, http, type CreateConnectorFn } from "wagmi";
import { injected } from "wagmi/connectors";
import { chain, env } from "../config";

/**
 * Real wallets are discovered through EIP-6963 (multiInjectedProviderDiscovery); the generic injected
 * connector covers older extensions. The test wallet is added only on a local chain.
 */
export function makeWagmiConfig(extra: CreateConnectorFn[] = []) {
  return createConfig({
    chains: [chain],
    connectors: [...extra, injected({ shimDisconnect: true })],
    multiInjectedProviderDiscovery: true,
    transports: { [chain.id]: http(env.rpcUrl, { batch: { wait: 16 } }) },
    pollingInterval: env.isLocal ? 1_000 : 4_000,
  });
}
