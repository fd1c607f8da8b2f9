// Writes subgraph/networks.json (graph-cli's address book) from deployments/<chainId>.json, the file the deploy
// script writes. Each deployment becomes one entry keyed by The Graph's network name, with the address and
// creation block of every contract the subgraph indexes; entries of other networks are kept.
// Usage: tsx scripts/subgraph/networks.ts [deployments/<chainId>.json ...] (default: every deployments/*.json)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Deployment, readAllDeployments, readDeploymentFile } from "../lib/deployment-file.ts";
import { ROOT } from "../lib/paths.ts";
import { INDEXED_CONTRACTS } from "./abis.ts";

export const NETWORKS_FILE = join(ROOT, "subgraph", "networks.json");

export type NetworksFile = Record<string, Record<string, { address: string; startBlock: number }>>;

/** Network names graph-node and Subgraph Studio use for the chains Lockstep is likely to run on. */
const GRAPH_NETWORK_NAMES: Record<number, string> = {
  1: "mainnet",
  10: "optimism",
  56: "bsc",
  100: "gnosis",
  137: "matic",
  8453: "base",
  42161: "arbitrum-one",
  84532: "base-sepolia",
  421614: "arbitrum-sepolia",
  11155111: "sepolia",
  11155420: "optimism-sepolia",
};

/** The graph-node network name of a deployment: the known name of its chain, else its Hardhat network name. */
export function graphNetworkName(deployment: Deployment): string {
  return GRAPH_NETWORK_NAMES[deployment.chainId] ?? deployment.network;
}

/** The networks.json entry of a deployment: one `{ address, startBlock }` per indexed contract. */
export function networkEntry(deployment: Deployment): NetworksFile[string] {
  const entry: NetworksFile[string] = {};
  for (const name of INDEXED_CONTRACTS) {
    const contract = deployment.contracts[name];
    if (contract === undefined) throw new Error(`Deployment of chain ${deployment.chainId} has no ${name}`);
    entry[name] = { address: contract.address, startBlock: contract.blockNumber };
  }
  return entry;
}

/** Adds (or replaces) the entries of `deployments` in the networks file and returns the networks written. */
export function writeNetworks(deployments: Deployment[], file = NETWORKS_FILE): string[] {
  const networks: NetworksFile = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as NetworksFile) : {};
  const names: string[] = [];
  for (const deployment of deployments) {
    const name = graphNetworkName(deployment);
    networks[name] = networkEntry(deployment);
    names.push(name);
  }
  const sorted = Object.fromEntries(Object.entries(networks).sort(([a], [b]) => a.localeCompare(b)));
  // The e2e subgraph double writes under subgraph/build/, which a fresh clone does not have yet.
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(sorted, null, 2) + "\n");
  return names;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  const deployments = files.length > 0 ? files.map((file) => readDeploymentFile(file)) : readAllDeployments();
  if (deployments.length === 0) throw new Error("No deployments/<chainId>.json found: deploy first (npm run deploy)");
  const names = writeNetworks(deployments);
  console.log(`wrote ${NETWORKS_FILE}: ${names.join(", ")}`);
}
