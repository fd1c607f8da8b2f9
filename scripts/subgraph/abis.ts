// Copies the `abi` arrays of the contracts the subgraph indexes from the Hardhat artifacts into
// subgraph/abis/ (git-ignored), so `graph codegen` and `graph build` never see a hand-copied ABI.
// Run `hardhat build` first. Usage: tsx scripts/subgraph/abis.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT } from "../lib/paths.ts";
import { readArtifact } from "../local/artifacts.ts";

/** The contracts the subgraph has a data source for, by artifact name. */
export const INDEXED_CONTRACTS = ["VotingEscrow", "RevenueDistributor", "LockstepGovernor"] as const;

export function extractAbis(): string[] {
  const outDir = join(ROOT, "subgraph", "abis");
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const name of INDEXED_CONTRACTS) {
    const out = join(outDir, `${name}.json`);
    writeFileSync(out, JSON.stringify(readArtifact(name).abi, null, 2) + "\n");
    written.push(out);
  }
  return written;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of extractAbis()) console.log(`wrote ${file}`);
}
