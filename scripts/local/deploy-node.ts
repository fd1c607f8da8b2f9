/**
 * Deploys the whole system (local profile) to the Hardhat node at LOCKSTEP_RPC_URL and writes
 * deployments/<chainId>.json. Run with `hardhat run scripts/local/deploy-node.ts`; unlike scripts/deploy.ts it
 * works on any port, which the end-to-end tests need.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { network } from "hardhat";
import { writeDeployment } from "../lib/deployment-file.ts";
import { deploySystem, loadParameters } from "../lib/deployment.ts";
import { ROOT } from "../lib/paths.ts";

const url = process.env.LOCKSTEP_RPC_URL ?? "http://127.0.0.1:8545";
const connection = await network.create({ network: "localhost", override: { url } });
// A fresh node starts from genesis: an old Ignition journal for it would only confuse Ignition.
const deploymentId = `web-${new URL(url).port || "8545"}`;
const journal = path.join(ROOT, "ignition", "deployments", deploymentId);
rmSync(journal, { recursive: true, force: true });
try {
  const parameters = await loadParameters(process.env.DEPLOYMENT_PARAMS ?? "local");
  const { deployment } = await deploySystem(connection, parameters, { deploymentId });
  writeDeployment(deployment);
} finally {
  rmSync(journal, { recursive: true, force: true });
}
