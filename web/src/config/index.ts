import { defineChain, type Address, type Chain } from "viem";
// Named imports only: `import * as chains` would put every chain viem knows into the first download.
import { arbitrum, arbitrumSepolia, base, baseSepolia, mainnet, optimism, polygon, sepolia } from "viem/chains";
import { deployedAddresses, deploymentBlocks } from "../generated/contracts";
import { parseEnv } from "./env";

export const env = parseEnv(import.meta.env as unknown as Record<string, string | undefined>);

const known = ([mainnet, sepolia, base, baseSepolia, arbitrum, arbitrumSepolia, optimism, polygon] as Chain[]).find(
  (c) => c.id === env.chainId,
);

export const chain: Chain = env.isLocal
  ? defineChain({
      id: env.chainId,
      name: "Local Hardhat",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [env.rpcUrl] } },
    })
  : defineChain({
      ...(known ?? { name: `Chain ${env.chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 } }),
      id: env.chainId,
      rpcUrls: { default: { http: [env.rpcUrl] } },
      blockExplorers: env.explorerUrl ? { default: { name: "Explorer", url: env.explorerUrl } } : known?.blockExplorers,
    } as Chain);

const deployed: Record<string, Address> = deployedAddresses[env.chainId] ?? {};

/** Deployed addresses on the configured chain; undefined when that contract is not deployed there. */
export const addresses = {
  token: deployed.GovernanceToken as Address | undefined,
  escrow: deployed.VotingEscrow as Address | undefined,
  distributor: deployed.RevenueDistributor as Address | undefined,
  governor: deployed.LockstepGovernor as Address | undefined,
  timelock: deployed.TimelockController as Address | undefined,
  delegateRegistry: deployed.DelegateRegistry as Address | undefined,
  earlyAccess: deployed.EarlyAccess as Address | undefined,
};

export const fromBlock = BigInt(Math.min(...Object.values(deploymentBlocks[env.chainId] ?? { start: 0 }).map(Number)));

export const explorerTxUrl = (hash: string): string | undefined =>
  env.isLocal || !chain.blockExplorers ? undefined : `${chain.blockExplorers.default.url}/tx/${hash}`;

export const explorerAddressUrl = (address: string): string | undefined =>
  env.isLocal || !chain.blockExplorers ? undefined : `${chain.blockExplorers.default.url}/address/${address}`;
