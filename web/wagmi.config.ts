import { defineConfig, type Plugin } from "@wagmi/cli";
import { react } from "@wagmi/cli/plugins";
import { readAllDeployments } from "../scripts/lib/deployment-file.ts";
import { hasArtifact, readArtifact } from "../scripts/local/artifacts.ts";

// Typed ABIs and addresses come from the Hardhat artifacts and deployments/<chainId>.json, never from
// hand-copied JSON. Contracts that are not compiled yet are simply left out, so the app builds at any stage.
const CONTRACTS = [
  "GovernanceToken",
  "VotingEscrow",
  "RevenueDistributor",
  "EarlyAccess",
  "LockstepGovernor",
  "TimelockController",
  "DelegateRegistry",
] as const;

const deployments = readAllDeployments();

// Hooks are generated without addresses: their types then do not depend on which deployments exist, so the app
// type-checks the same on a fresh clone, and every call takes its address from config/addresses.
const contracts = CONTRACTS.filter(hasArtifact).map((name) => ({ name, abi: readArtifact(name).abi }));

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
      const deployed: Record<number, Record<string, string>> = {};
      for (const deployment of deployments) {
        deployed[deployment.chainId] = Object.fromEntries(
          Object.entries(deployment.contracts).map(([name, entry]) => [name, entry.address]),
        );
      }
      // Every custom error of every contract, deduplicated: decoding a revert from any contract needs only these.
      const seen = new Set<string>();
      const errors = contracts
        .flatMap((c) => c.abi.filter((item) => item.type === "error"))
        .filter((item) => {
          const key = JSON.stringify(item);
          return seen.has(key) ? false : (seen.add(key), true);
        });
      return {
        content: [
          `export const deploymentBlocks = ${JSON.stringify(blocks)} as Record<number, Record<string, number>>`,
          `export const deployedAddresses = ${JSON.stringify(deployed)} as Record<number, Record<string, \`0x\${string}\`>>`,
          `export const compiledContracts = ${JSON.stringify(contracts.map((c) => c.name))} as const`,
          `export const allErrorsAbi = ${JSON.stringify(errors)} as const`,
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
