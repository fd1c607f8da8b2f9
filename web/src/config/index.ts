import { defineChain, type Address, type Chain } from "viem";
// Named imports only: `import * as chains` would put every chain viem knows into the first download.
import { arbitrum, arbitrumSepolia, base, baseSepolia, mainnet, optimism, polygon, sepolia } from "viem/chains";
import { deployedAddresses, deploymentBlocks } from "../generated/contracts";
import { parseEnv } from "./env";
import { parseLevelBenefits } from "./levels";
import levelsFile from "./levels.json";

export const env = parseEnv(import.meta.env as unknown as Record<string, string | undefined>);

/** The benefits the DAO lists per level (levels.json; index 0 is level 1), checked at start-up. */
export const levelBenefits = parseLevelBenefits(levelsFile, "web/src/config/levels.json");

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

const blocks: Record<string, number> = deploymentBlocks[env.chainId] ?? {};

/** The deployment block of each contract: its log scans start there (never at block 0 on a real chain). */
export const startBlocks = {
  escrow: BigInt(blocks.VotingEscrow ?? fromBlock),
  distributor: BigInt(blocks.RevenueDistributor ?? fromBlock),
  governor: BigInt(blocks.LockstepGovernor ?? fromBlock),
  delegateRegistry: BigInt(blocks.DelegateRegistry ?? fromBlock),
};

export const explorerTxUrl = (hash: string): string | undefined =>
  env.isLocal || !chain.blockExplorers ? undefined : `${chain.blockExplorers.default.url}/tx/${hash}`;

export const explorerAddressUrl = (address: string): string | undefined =>
  env.isLocal || !chain.blockExplorers ? undefined : `${chain.blockExplorers.default.url}/address/${address}`;
