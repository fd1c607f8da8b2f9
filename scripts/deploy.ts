/**
 * Deploys Lockstep with Hardhat Ignition to the selected network and writes deployments/<chainId>.json.
 *
 *   npm run deploy -- --network <name>
 *
 * Environment (a Hardhat 3 script receives no arguments of its own):
 * - DEPLOYMENT_PARAMS: `local`, `production` or a path to a parameter file. Default: `local` on chain 31337,
 *   `production` elsewhere.
 * - TOKEN_ADDRESS: lock an existing ERC-20 instead of deploying a GovernanceToken (overrides `token`).
 * - TOKEN_RECIPIENT: who receives a fresh token's supply beyond the treasury amount (overrides
 *   `tokenRecipient`: `treasury`, an address, or `deployer` on the local chain only).
 * - DEPLOYMENT_ID: Ignition deployment id (journal in ignition/deployments/<id>); default `chain-<chainId>`.
 *   Re-running with the same id resumes an interrupted deployment instead of starting over.
 * RPC URLs and keys come from Hardhat configuration variables (hardhat-keystore or env), see hardhat.config.ts.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { network } from "hardhat";
import { writeDeployment } from "./lib/deployment-file.ts";
import { deploySystem, loadParameters, parametersPath } from "./lib/deployment.ts";
import { ROOT } from "./lib/paths.ts";

const LOCAL_CHAIN_ID = 31337;

const connection = await network.connect();
const chainId = Number((await connection.ethers.provider.getNetwork()).chainId);
const profile = process.env.DEPLOYMENT_PARAMS ?? (chainId === LOCAL_CHAIN_ID ? "local" : "production");
const parameters = await loadParameters(profile);
if (process.env.TOKEN_ADDRESS) parameters.token = process.env.TOKEN_ADDRESS;
if (process.env.TOKEN_RECIPIENT) parameters.tokenRecipient = process.env.TOKEN_RECIPIENT;

if (chainId === LOCAL_CHAIN_ID && connection.networkConfig.type !== "edr-simulated") {
  // A local node starts from genesis on every run, so a journal of a previous node would only confuse Ignition.
  rmSync(path.join(ROOT, "ignition", "deployments", `chain-${LOCAL_CHAIN_ID}`), { recursive: true, force: true });
}

const [deployer] = await connection.ethers.getSigners();
console.log(`Deploying Lockstep to ${connection.networkName} (chain ${chainId}) from ${deployer.address}`);
console.log(`Parameters: ${path.relative(ROOT, parametersPath(profile))}`);

const { deployment } = await deploySystem(connection, parameters, {
  displayUi: true,
  deploymentId: process.env.DEPLOYMENT_ID,
});
const file =
  chainId === LOCAL_CHAIN_ID && connection.networkConfig.type === "edr-simulated"
    ? undefined
    : writeDeployment(deployment);

for (const [name, { address, blockNumber }] of Object.entries(deployment.contracts)) {
  console.log(`${name.padEnd(20)} ${address} (block ${blockNumber})`);
}
console.log(file ? `Wrote ${path.relative(ROOT, file)}` : "In-process network: nothing written.");
