/**
 * npm run access:demo — the example access service on the local stack. It uses the Hardhat node at
 * ACCESS_RPC_URL (or LOCKSTEP_RPC_URL, default http://127.0.0.1:8545, e.g. the one `npm start` runs); when none
 * answers, it starts its own stack (compile, node, deploy, seed) as `npm start` does. Settings: access/README.md.
 */
import { randomBytes } from "node:crypto";
import { rpc } from "../../scripts/local/chain.ts";
import { startStack } from "../../scripts/local/stack.ts";
import { accessConfigFromEnv } from "../src/config.ts";
import { RedisStore } from "../src/redisStore.ts";
import { MemoryStore, type AccessStore } from "../src/store.ts";
import { loadTierConfig } from "../src/tiers.ts";
import { accessKeyFromEnv, hs256Key, type AccessKey } from "../src/tokens.ts";
import { DEMO_TIERS, startDemoService } from "./start.ts";

const LOCAL_CHAIN_IDS = new Set([31337, 1337]);
const log = (message: string) => console.log(`▸ ${message}`);

try {
  const config = accessConfigFromEnv();
  const tiers = loadTierConfig(config.tiersFile ?? DEMO_TIERS);
  let rpcUrl = process.env.ACCESS_RPC_URL ?? process.env.LOCKSTEP_RPC_URL ?? "http://127.0.0.1:8545";
  let stop = async () => {};
  let chainId: number;
  try {
    chainId = Number(await rpc<string>(rpcUrl, "eth_chainId"));
    log(`Using the chain at ${rpcUrl} (chain id ${chainId})`);
  } catch {
    log(`No chain answers at ${rpcUrl}: starting the local stack`);
    const stack = await startStack({ quiet: true, log });
    rpcUrl = stack.node.url;
    chainId = stack.deployment.chainId;
    stop = stack.node.stop;
    log(`Local chain: ${rpcUrl}. \`npm start\` runs a chain of its own: start it first to share one with the app`);
  }
  let key: AccessKey;
  if (process.env.ACCESS_JWT_SECRET || process.env.ACCESS_JWT_PRIVATE_KEY || !LOCAL_CHAIN_IDS.has(chainId)) {
    key = accessKeyFromEnv();
  } else {
    key = hs256Key(randomBytes(48).toString("base64"));
    log("No ACCESS_JWT_SECRET: signing with a random secret for this run (tokens end when the demo stops)");
  }
  const store: AccessStore = config.redisUrl ? await RedisStore.connect(config.redisUrl) : new MemoryStore();
  const server = await startDemoService({
    rpcUrl,
    chainId,
    appOrigin: config.appOrigin,
    corsOrigins: config.corsOrigins,
    key,
    store,
    tiers,
    port: config.port,
    tokenLifetime: config.tokenLifetime,
    messageLifetime: config.messageLifetime,
  });
  console.log(
    `\n  Access service: ${server.url} (escrow ${server.escrow}, store: ${config.redisUrl ? "Redis" : "memory"})`,
  );
  console.log(
    `  Sign-ins accepted for ${config.appOrigin}; tiers: ${tiers.tiers.map((t) => `${t.name} (level ${t.minLevel}+: ${t.callsPerMonth})`).join(", ")}`,
  );
  console.log(`  Start the app with VITE_ACCESS_URL=${server.url} to sign in from its Stake page. Ctrl-C stops.\n`);
  const shutdown = async () => {
    await server.close();
    await store.close();
    await stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
} catch (error) {
  console.error(`✗ ${(error as Error).message}`);
  process.exit(1);
}
