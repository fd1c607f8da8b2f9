/**
 * End-to-end tests in real Chromium: starts a Hardhat node on a free port, deploys and seeds, builds and
 * serves the app, then drives every main flow and checks the chain state afterwards (read with viem).
 *
 *   npm run test:e2e            (E2E_ONLY="lock,claim" runs only tests whose name contains one of those)
 */
import path from "node:path";
import { ROOT } from "../../scripts/lib/paths.ts";
import { startStack } from "../../scripts/local/stack.ts";
import { ensureChromium, launch, makeEnv, serveApp } from "./harness.ts";
import { defineGovernanceTests } from "./governance.ts";
import { defineDelegateTests } from "./delegates.ts";
import { defineEarlyAccessTests } from "./earlyAccess.ts";
import { defineYieldTests } from "./yield.ts";
import { defineAccessTests } from "./access.ts";
import { startSubgraphDouble } from "./subgraph-double.ts";
import { defineSubgraphTests, defineTests } from "./tests.ts";

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (message: string) => console.log(`[e2e ${elapsed()}] ${message}`);

await ensureChromium();
const stack = await startStack({ quiet: true, log });
let exitCode = 1;
try {
  log("Building the app (e2e)");
  const app = await serveApp("e2e", {
    VITE_RPC_URL: stack.node.url,
    VITE_CHAIN_ID: String(stack.deployment.chainId),
  });
  const appUrl = app.url;
  log(`Serving ${appUrl}; chain ${stack.node.url}`);
  // The same app reading lists from a subgraph: the project's WASM host indexes the node and a GraphQL
  // test double serves its store (web/e2e/subgraph-double.ts).
  log("Building the subgraph and its GraphQL test double");
  const subgraph = await startSubgraphDouble(stack.node.url, stack.deployment);
  log("Building the app (e2e-subgraph)");
  const subgraphApp = await serveApp("e2e-subgraph", { VITE_SUBGRAPH_URL: subgraph.url });
  const subgraphAppUrl = subgraphApp.url;
  delete process.env.VITE_SUBGRAPH_URL;

  const browser = await launch();
  const env = makeEnv(stack.node.url, appUrl, stack.deployment, browser);
  const tests = [
    ...Object.entries(defineTests(env)),
    ...Object.entries(defineGovernanceTests(env)),
    ...Object.entries(defineEarlyAccessTests(env)),
    ...Object.entries(defineYieldTests(env)),
    ...Object.entries(defineDelegateTests(env)),
    ...Object.entries(defineAccessTests(env)),
    ...Object.entries(defineSubgraphTests({ ...env, appUrl: subgraphAppUrl }, subgraph)),
  ];
  const only = process.env.E2E_ONLY?.split(",").map((s) => s.trim().toLowerCase());
  const selected = only ? tests.filter(([name]) => only.some((o) => name.toLowerCase().includes(o))) : tests;
  let failed = 0;
  for (const [name, test] of selected) {
    const t = Date.now();
    try {
      await test();
      console.log(`  ✓ ${name} (${((Date.now() - t) / 1000).toFixed(1)}s)`);
    } catch (error) {
      failed++;
      console.log(`  ✗ ${name}\n    ${(error as Error).message.split("\n").join("\n    ")}`);
      for (const context of browser.contexts()) {
        for (const page of context.pages()) {
          const file = path.join(ROOT, "web", "dist", "e2e", `failure-${name.replace(/\W+/g, "-")}.png`);
          await page.screenshot({ path: file, fullPage: true }).catch(() => {});
          console.log(`    screenshot: ${path.relative(ROOT, file)}`);
        }
        await context.close();
      }
    }
  }
  console.log(`\n${selected.length - failed} passed, ${failed} failed (${elapsed()})`);
  exitCode = failed === 0 && selected.length > 0 ? 0 : 1;
  await browser.close();
  await app.close();
  await subgraphApp.close();
  await subgraph.close();
} catch (error) {
  console.error(error);
} finally {
  await stack.node.stop();
}
process.exit(exitCode);
