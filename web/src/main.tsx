import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { WagmiProvider } from "wagmi";
import { chain, env } from "./config";
import { makeWagmiConfig } from "./lib/wagmi";
import { isUnreachable, networkHealth } from "./lib/networkHealth";
import { App } from "./App";
import type { TestWalletModule } from "./components/Wallet";
import "./styles.css";

// The test wallet (and the dev keys) are loaded only on a local chain. The comparison with literal chain ids is
// folded at build time, so a build for a real network does not even contain the chunk.
const LOCAL_BUILD =
  !import.meta.env.VITE_CHAIN_ID ||
  import.meta.env.VITE_CHAIN_ID === "31337" ||
  import.meta.env.VITE_CHAIN_ID === "1337";
let testWallet: TestWalletModule | undefined;
const connectors = [];
if (LOCAL_BUILD && env.isLocal) {
  const module = await import("./lib/wallet/testWallet");
  testWallet = module;
  connectors.push(module.testWallet({ chain }));
}

const wagmiConfig = makeWagmiConfig(connectors);
const queryClient = new QueryClient({
  // Any read that fails because the node did not answer (not a revert) raises the network banner at once,
  // without waiting for the next heartbeat.
  queryCache: new QueryCache({
    onError: (error) => {
      if (isUnreachable(error)) networkHealth.report("rpc", error);
    },
  }),
  defaultOptions: { queries: { retry: 1, staleTime: 2_000, refetchOnWindowFocus: true } },
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <WagmiProvider config={wagmiConfig}>
      <QueryClientProvider client={queryClient}>
        <App testWallet={testWallet} />
      </QueryClientProvider>
    </WagmiProvider>
  </StrictMode>,
);
