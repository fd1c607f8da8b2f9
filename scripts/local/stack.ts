import { readDeployment, type Deployment } from "../lib/deployment-file.ts";
import { BIN } from "../lib/paths.ts";
import { buildContracts, codegen, freePort, run, startHardhatNode } from "./chain.ts";
import { seed } from "./seed.ts";

const LOCAL_CHAIN_ID = 31337;

/**
 * Deploys the whole system (local profile) to the Hardhat node at `url` with scripts/local/deploy-node.ts, which
 * writes deployments/31337.json, and returns that deployment.
 */
export async function deployToNode(url: string): Promise<Deployment> {
  await run(BIN("hardhat"), ["run", "--no-compile", "scripts/local/deploy-node.ts"], {
    env: { ...process.env, LOCKSTEP_RPC_URL: url },
  });
  return readDeployment(LOCAL_CHAIN_ID);
}

/** Compiles, starts a Hardhat node, deploys (local profile), seeds the demo and regenerates the app's ABIs. */
export async function startStack(options: { port?: number; quiet?: boolean; log?: (message: string) => void }) {
  const log = options.log ?? (() => {});
  log("Compiling contracts");
  if (!process.env.LOCKSTEP_SKIP_BUILD) await buildContracts();
  const port = await freePort(options.port);
  log(`Starting a local Hardhat node on port ${port}`);
  const node = await startHardhatNode(port);
  try {
    log("Deploying the system (local profile)");
    const deployment = await deployToNode(node.url);
    log("Seeding the demo (locks, delegations, revenue, proposals)");
    const ctx = await seed(node.url, deployment, options.quiet);
    log("Generating typed ABIs and addresses");
    await codegen();
    return { node, deployment, ctx };
  } catch (error) {
    await node.stop();
    throw error;
  }
}
