import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Abi, Hex } from "viem";
import { ROOT } from "./chain.ts";

export type Artifact = { abi: Abi; bytecode: Hex };

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

export function hasArtifact(name: string): boolean {
  return find(path.join(ROOT, "artifacts"), name) !== undefined;
}

export function readArtifact(name: string): Artifact {
  const file = find(path.join(ROOT, "artifacts"), name);
  if (!file) throw new Error(`No artifact for ${name}; run hardhat build`);
  return JSON.parse(readFileSync(file, "utf8")) as Artifact;
}
