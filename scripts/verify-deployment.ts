/**
 * Checks a deployment wire by wire against the chain: one line per check (✓/✗), exit code 1 on any failure.
 *
 *   npm run verify:deployment -- --network <name>
 *
 * Reads deployments/<chainId>.json of the selected network and the same parameter file the deployment used:
 * DEPLOYMENT_PARAMS (`local`, `production` or a path; default `local` on chain 31337, else `production`),
 * TOKEN_ADDRESS (when an existing token was used), TOKEN_RECIPIENT (when it overrode the file) and optionally DEPLOYER (otherwise taken from the
 * timelock's constructor events).
 */
import { network } from "hardhat";
import { readDeployment } from "./lib/deployment-file.ts";
import { checkDeployment, loadParameters, printChecks } from "./lib/deployment.ts";

const connection = await network.connect();
const chainId = Number((await connection.ethers.provider.getNetwork()).chainId);
const parameters = await loadParameters(process.env.DEPLOYMENT_PARAMS ?? (chainId === 31337 ? "local" : "production"));
if (process.env.TOKEN_ADDRESS) parameters.token = process.env.TOKEN_ADDRESS;
if (process.env.TOKEN_RECIPIENT) parameters.tokenRecipient = process.env.TOKEN_RECIPIENT;

const deployment = readDeployment(chainId);
console.log(`Verifying deployments/${chainId}.json on ${connection.networkName}\n`);
const checks = await checkDeployment(connection, deployment, parameters, { deployer: process.env.DEPLOYER });
const failed = printChecks(checks);
process.exitCode = failed === 0 ? 0 : 1;
