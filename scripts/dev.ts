/**
 * One command for the whole local stack: compile, start a Hardhat node, deploy (local profile), seed the
 * demo, generate the app's typed contracts and start the Vite dev server. Ctrl-C stops everything; if the node
 * or Vite stops by itself, everything stops with a message and a non-zero exit code.
 */
import { BIN } from "./lib/paths.ts";
import { describeExit, firstExit, freePort, startProcess, waitFor } from "./local/chain.ts";
import { startStack } from "./local/stack.ts";

const { node, deployment } = await startStack({
  port: Number(process.env.NODE_PORT ?? 8545),
  log: (message) => console.log(`\n▸ ${message}`),
});
for (const [name, entry] of Object.entries(deployment.contracts)) console.log(`  ${name.padEnd(20)} ${entry.address}`);

console.log("\n▸ Starting the web app");
const port = await freePort(Number(process.env.WEB_PORT ?? 5173));
const url = `http://127.0.0.1:${port}/`;
const web = startProcess(
  BIN("vite"),
  ["--config", "web/vite.config.ts", "--host", "127.0.0.1", "--port", String(port), "--strictPort"],
  { env: { ...process.env, VITE_RPC_URL: node.url, VITE_CHAIN_ID: String(deployment.chainId) } },
);

let stopping = false;
const stop = async (code: number) => {
  stopping = true;
  await Promise.all([node.stop(), web.stop()]);
  process.exit(code);
};
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

// Whichever of the two ends first, nothing works without it.
void firstExit({ "the Hardhat node": node, "the Vite dev server": web }).then((exit) => {
  if (stopping) return;
  console.error(`\n✗ ${describeExit(exit)}, so Lockstep has stopped. Run \`npm start\` again.`);
  return stop(1);
});

try {
  await waitFor(async () => (await fetch(url)).ok, `the Vite dev server on ${url}`);
} catch (error) {
  console.error(error);
  await stop(1);
}
console.log(`\n  Lockstep is running: ${url}`);
console.log(`  Local chain: ${node.url} (chain id ${deployment.chainId}). Connect with the built-in test wallet.`);
console.log("  Press Ctrl-C to stop.\n");
