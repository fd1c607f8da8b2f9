import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { defineConfig, type Plugin } from "@wagmi/cli";
import { react } from "@wagmi/cli/plugins";
import type { Abi, Address } from "viem";

// Typed ABIs and addresses come from the Hardhat artifacts and deployments/<chainId>.json, never from
// hand-copied JSON. Contracts that are not compiled yet are simply left out, so the app builds at any stage.
const root = path.resolve(import.meta.dirname, "..");
const artifactsDir = path.join(root, "artifacts");
const deploymentsDir = path.join(root, "deployments");

const CONTRACTS = [
  "GovernanceToken",
  "VotingEscrow",
  "RevenueDistributor",
  "LockstepGovernor",
  "TimelockController",
] as const;

function findArtifact(dir: string, name: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry === "build-info") continue;
      const found = findArtifact(full, name);
      if (found) return found;
    } else if (entry === `${name}.json`) {
      return full;
    }
  }
  return undefined;
}

type Deployment = { chainId: number; contracts: Record<string, { address: Address; blockNumber: number }> };

function readDeployments(): Deployment[] {
  if (!existsSync(deploymentsDir)) return [];
  return readdirSync(deploymentsDir)
    .filter((file) => /^\d+\.json$/.test(file))
    .map((file) => JSON.parse(readFileSync(path.join(deploymentsDir, file), "utf8")) as Deployment);
}

const deployments = readDeployments();

const contracts = CONTRACTS.flatMap((name) => {
  const file = findArtifact(artifactsDir, name);
  if (!file) return [];
  const abi = (JSON.parse(readFileSync(file, "utf8")) as { abi: Abi }).abi;
  const address: Record<number, Address> = {};
  for (const deployment of deployments) {
    const entry = deployment.contracts[name];
    if (entry) address[deployment.chainId] = entry.address;
  }
  return [{ name, abi, ...(Object.keys(address).length > 0 ? { address } : {}) }];
});

/** Emits the deployment blocks (where log scans start) and which contracts exist, next to the ABIs. */
function deploymentInfo(): Plugin {
  return {
    name: "DeploymentInfo",
    async run() {
      const blocks: Record<number, Record<string, number>> = {};
      for (const deployment of deployments) {
        blocks[deployment.chainId] = Object.fromEntries(
          Object.entries(deployment.contracts).map(([name, entry]) => [name, entry.blockNumber]),
        );
      }
      return {
        content: [
          `export const deploymentBlocks = ${JSON.stringify(blocks)} as Record<number, Record<string, number>>`,
          `export const compiledContracts = ${JSON.stringify(contracts.map((c) => c.name))} as const`,
        ].join("\n"),
      };
    },
  };
}

export default defineConfig({
  out: "web/src/generated/contracts.ts",
  contracts,
  plugins: [react(), deploymentInfo()],
});
