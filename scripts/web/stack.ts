import { buildContracts, codegen, freePort, startHardhatNode } from "./chain.ts";
import { deploySystem } from "./deploy-local.ts";
import { seed } from "../seed.ts";

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
    const deployment = await deploySystem(node.url);
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
