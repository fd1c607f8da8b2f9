import { defineChain, type Address, type Chain } from "viem";
import * as chains from "viem/chains";
import { deploymentBlocks, governanceTokenAddress, votingEscrowAddress } from "../generated/contracts";
import * as generated from "../generated/contracts";
import { parseEnv } from "./env";

export const env = parseEnv(import.meta.env as unknown as Record<string, string | undefined>);

const known = Object.values(chains).find((chain) => (chain as Chain).id === env.chainId) as Chain | undefined;

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

type AddressMap = Record<number, Address> | undefined;
const pick = (map: AddressMap): Address | undefined => map?.[env.chainId];
const optional = (name: string): AddressMap => (generated as Record<string, unknown>)[name] as AddressMap;

/** Deployed addresses on the configured chain; undefined when that contract is not deployed there. */
export const addresses = {
  token: pick(optional("governanceTokenAddress")),
  escrow: pick(optional("votingEscrowAddress")),
  distributor: pick(optional("revenueDistributorAddress")),
  governor: pick(optional("lockstepGovernorAddress")),
  timelock: pick(optional("timelockControllerAddress")),
};

export const fromBlock = BigInt(
  Math.min(...Object.values(generated.deploymentBlocks[env.chainId] ?? { start: 0 }).map(Number)),
);

export const explorerTxUrl = (hash: string): string | undefined =>
  env.isLocal || !chain.blockExplorers ? undefined : `${chain.blockExplorers.default.url}/tx/${hash}`;
