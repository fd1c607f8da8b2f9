import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Abi, Hex } from "viem";
import { ROOT } from "../lib/paths.ts";

export type Artifact = { abi: Abi; bytecode: Hex };

const ARTIFACTS = path.join(ROOT, "artifacts");

function find(dir: string, name: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry === "build-info") continue;
      const found = find(full, name);
      if (found) return found;
    } else if (entry === `${name}.json`) return full;
  }
  return undefined;
}

/** Whether `hardhat build` has produced an artifact for the contract. */
export function hasArtifact(name: string): boolean {
  return find(ARTIFACTS, name) !== undefined;
}

/** The ABI and creation bytecode of a compiled contract, by contract name. */
export function readArtifact(name: string): Artifact {
  const file = find(ARTIFACTS, name);
  if (!file) throw new Error(`No Hardhat artifact for ${name} under ${ARTIFACTS}: run \`hardhat build\` first`);
  return JSON.parse(readFileSync(file, "utf8")) as Artifact;
}
