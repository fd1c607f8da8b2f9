/**
 * Reports the production bundle size. "Initial JavaScript" is what a first visit downloads before any
 * interaction: the entry chunk and every chunk it imports statically (the modulepreload set in index.html).
 * Pages are lazy chunks; the local test wallet is a dynamic chunk loaded only on a local chain.
 * Budget: initial JavaScript <= 250 KB gzip, measured for a real network build (no test wallet).
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { ROOT } from "../lib/paths.ts";

const BUDGET_KB = 250;
const outDir = path.join(ROOT, "web", "dist", "bench");

if (!process.env.LOCKSTEP_SKIP_CODEGEN) await import("./codegen.ts");

async function measure(label: string, env: Record<string, string>) {
  Object.assign(process.env, env);
  await build({
    configFile: path.join(ROOT, "web", "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
  const html = readFileSync(path.join(outDir, "index.html"), "utf8");
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gz = (file: string) => gzipSync(readFileSync(path.join(outDir, file))).length;
  const all = readdirSync(path.join(outDir, "assets")).filter((f) => f.endsWith(".js"));
  const initialBytes = initial.reduce((sum, f) => sum + gz(f), 0);
  const totalBytes = all.reduce((sum, f) => sum + gz(`assets/${f}`), 0);
  console.log(`\n${label}`);
  for (const file of all.sort()) {
    const tag = initial.includes(`assets/${file}`) ? "initial" : "lazy   ";
    console.log(`  ${tag} ${file.padEnd(40)} ${(gz(`assets/${file}`) / 1024).toFixed(1).padStart(7)} KB gzip`);
  }
  console.log(
    `  initial JavaScript: ${(initialBytes / 1024).toFixed(1)} KB gzip (budget ${BUDGET_KB} KB); all JavaScript: ${(totalBytes / 1024).toFixed(1)} KB gzip`,
  );
  return initialBytes / 1024;
}

const production = await measure("Production build (real network: Sepolia, no test wallet)", {
  VITE_CHAIN_ID: "11155111",
  VITE_RPC_URL: "https://rpc.sepolia.example",
});
await measure("Local build (Hardhat chain, with the test wallet chunk)", {
  VITE_CHAIN_ID: "31337",
  VITE_RPC_URL: "http://127.0.0.1:8545",
});
if (production > BUDGET_KB) {
  console.error(`\nInitial JavaScript ${production.toFixed(1)} KB gzip exceeds the ${BUDGET_KB} KB budget.`);
  process.exit(1);
}
console.log(`\nInitial JavaScript ${production.toFixed(1)} KB gzip <= ${BUDGET_KB} KB: within budget.`);
