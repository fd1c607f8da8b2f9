// Copies the `abi` arrays of the contracts the subgraph indexes from the Hardhat artifacts into
// subgraph/abis/ (git-ignored), so `graph codegen` and `graph build` never see a hand-copied ABI.
// Run `hardhat build` first. Usage: tsx scripts/subgraph/abis.ts
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The contracts the subgraph has a data source for, by artifact name. */
export const INDEXED_CONTRACTS = ["VotingEscrow", "RevenueDistributor", "LockstepGovernor"] as const;

/**
 * ABIs the mappings call but do not index, by ABI name: the artifact whose ABI serves. The governance token
 * is any ERC-20; GovernanceToken's ABI has every ERC-20 function the mappings call (`decimals`).
 */
export const CALLED_CONTRACTS = { ERC20: "GovernanceToken" } as const;

function findArtifact(dir: string, contractName: string): string | undefined {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      const found = findArtifact(path, contractName);
      if (found !== undefined) return found;
    } else if (entry === `${contractName}.json` && dir.endsWith(".sol")) {
      return path;
    }
  }
  return undefined;
}

export function extractAbis(root = ROOT): string[] {
  const artifactsDir = join(root, "artifacts", "contracts");
  const outDir = join(root, "subgraph", "abis");
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const sources: [string, string][] = [
    ...INDEXED_CONTRACTS.map((name): [string, string] => [name, name]),
    ...Object.entries(CALLED_CONTRACTS),
  ];
  for (const [name, contract] of sources) {
    const artifact = findArtifact(artifactsDir, contract);
    if (artifact === undefined) {
      throw new Error(`No Hardhat artifact for ${contract} under ${artifactsDir}: run \`hardhat build\` first`);
    }
    const { abi } = JSON.parse(readFileSync(artifact, "utf8")) as { abi: unknown[] };
    const out = join(outDir, `${name}.json`);
    writeFileSync(out, JSON.stringify(abi, null, 2) + "\n");
    written.push(out);
  }
  return written;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of extractAbis()) console.log(`wrote ${file}`);
}
