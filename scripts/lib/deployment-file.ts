/**
 * deployments/<chainId>.json: each contract's address and creation block, written by the deploy and read by the
 * local stack, the web app's codegen, the subgraph's network file and deployment verification. This module owns
 * its path, shape, reading and writing; it imports nothing from Hardhat, so plain tsx processes can use it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./paths.ts";

/** The contracts every deployment records, in deployment order. */
export const CONTRACT_NAMES = [
  "GovernanceToken",
  "VotingEscrow",
  "RevenueDistributor",
  "EarlyAccess",
  "TimelockController",
  "LockstepGovernor",
  "DelegateRegistry",
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

export type Address = `0x${string}`;

export interface Deployment {
  chainId: number;
  /** The Hardhat network it was deployed with (the subgraph's fallback network name). */
  network: string;
  contracts: Record<ContractName, { address: Address; blockNumber: number }>;
}

export const DEPLOYMENTS_DIR = path.join(ROOT, "deployments");

export const deploymentFile = (chainId: number) => path.join(DEPLOYMENTS_DIR, `${chainId}.json`);

/** Reads a deployment file by path. */
export function readDeploymentFile(file: string): Deployment {
  if (!existsSync(file)) throw new Error(`${path.relative(ROOT, file)} not found: deploy first (npm run deploy)`);
  return JSON.parse(readFileSync(file, "utf8")) as Deployment;
}

export function readDeployment(chainId: number): Deployment {
  return readDeploymentFile(deploymentFile(chainId));
}

/** Every deployments/<chainId>.json, in file-name order. */
export function readAllDeployments(): Deployment[] {
  if (!existsSync(DEPLOYMENTS_DIR)) return [];
  return readdirSync(DEPLOYMENTS_DIR)
    .filter((file) => /^\d+\.json$/.test(file))
    .map((file) => readDeploymentFile(path.join(DEPLOYMENTS_DIR, file)));
}

/** Writes deployments/<chainId>.json and returns its path. */
export function writeDeployment(deployment: Deployment): string {
  const file = deploymentFile(deployment.chainId);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(deployment, null, 2) + "\n");
  return file;
}
