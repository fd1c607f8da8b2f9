// Copies the `abi` arrays of the contracts the subgraph indexes from the Hardhat artifacts into
// subgraph/abis/ (git-ignored), so `graph codegen` and `graph build` never see a hand-copied ABI.
// Run `hardhat build` first. Usage: tsx scripts/subgraph/abis.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT } from "../lib/paths.ts";
import { readArtifact } from "../local/artifacts.ts";

/** The contracts the subgraph has a data source for, by artifact name. */
export const INDEXED_CONTRACTS = [
  "VotingEscrow",
  "RevenueDistributor",
  "LockstepGovernor",
  "EarlyAccess",
  "DelegateRegistry",
] as const;

/**
 * ABIs the mappings call but do not index, by ABI name: the artifact whose ABI serves. The governance token
 * is any ERC-20; GovernanceToken's ABI has every ERC-20 function the mappings call (`decimals`).
 */
export const CALLED_CONTRACTS = { ERC20: "GovernanceToken" } as const;

export function extractAbis(): string[] {
  const outDir = join(ROOT, "subgraph", "abis");
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const sources: [string, string][] = [
    ...INDEXED_CONTRACTS.map((name): [string, string] => [name, name]),
    ...Object.entries(CALLED_CONTRACTS),
  ];
  for (const [name, contract] of sources) {
    const out = join(outDir, `${name}.json`);
    writeFileSync(out, JSON.stringify(readArtifact(contract).abi, null, 2) + "\n");
    written.push(out);
  }
  return written;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of extractAbis()) console.log(`wrote ${file}`);
}
