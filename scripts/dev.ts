/**
 * One command for the whole local stack: compile, start a Hardhat node, deploy (local profile), seed the
 * demo, generate the app's typed contracts and start the Vite dev server. Ctrl-C stops everything.
 */
import path from "node:path";
import { createServer } from "vite";
import { ROOT } from "./lib/paths.ts";
import { startStack } from "./local/stack.ts";

const { node, deployment } = await startStack({
  port: Number(process.env.NODE_PORT ?? 8545),
  log: (message) => console.log(`\n▸ ${message}`),
});
const shutdown = async () => {
  await node.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

try {
  for (const [name, entry] of Object.entries(deployment.contracts))
    console.log(`  ${name.padEnd(20)} ${entry.address}`);
  console.log("\n▸ Starting the web app");
  process.env.VITE_RPC_URL = node.url;
  process.env.VITE_CHAIN_ID = String(deployment.chainId);
  const server = await createServer({
    configFile: path.join(ROOT, "web", "vite.config.ts"),
    server: { port: Number(process.env.WEB_PORT ?? 5173), host: "127.0.0.1" },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? "http://127.0.0.1:5173/";
  console.log(`\n  Lockstep is running: ${url}`);
  console.log(`  Local chain: ${node.url} (chain id ${deployment.chainId}). Connect with the built-in test wallet.`);
  console.log("  Press Ctrl-C to stop.\n");
} catch (error) {
  console.error(error);
  await node.stop();
  process.exit(1);
}
