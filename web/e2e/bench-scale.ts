/**
 * bench:scale — the app's pages at about 1,000 and 10,000 stakers, with each data source, in Chromium.
 *
 * Starts a local node with the demo deployment, generates a year of history (scripts/local/generate-scale.ts):
 * ~1,000 lock holders, 300 delegations, 52 weeks of revenue in two tokens, 56 proposals and 1,010 votes, with
 * 100 blocks per week; then adds stakers up to ~10,000. At each scale it loads every page cold (fresh browser
 * context, empty IndexedDB) with the chain-log source (VITE_LOG_BLOCK_RANGE=1000) and the subgraph source
 * (the test host's index served by the GraphQL test double), and prints per page: time until the page shows
 * its data, JSON-RPC calls (each call of a batch counts), GraphQL requests, response bytes and the largest
 * eth_getLogs range. Budgets (issue #12) are checked at the end; a miss exits with status 1.
 *
 *   npm run bench:scale            BENCH_SCALES=1000 for the first scale only
 */
import type { Browser, Page } from "playwright-core";
import { addHistory, addStakers, scaleContext, type ScaleContext } from "../../scripts/local/generate-scale.ts";
import { startStack } from "../../scripts/local/stack.ts";
import { formatAmount } from "../src/lib/format.ts";
import { ensureChromium, launch, serveApp, settle, trackNetwork } from "./harness.ts";
import { startSubgraphDouble } from "./subgraph-double.ts";

const LOG_RANGE = 1000;
const scales = (process.env.BENCH_SCALES ?? "1000,10000").split(",").map(Number);
const started = Date.now();
const log = (m: string) => console.log(`[bench:scale ${((Date.now() - started) / 1000).toFixed(0)}s] ${m}`);

type Row = {
  scale: number;
  source: "chain" | "subgraph";
  page: string;
  readyMs: number;
  rpcCalls: number;
  graphqlRequests: number;
  bytes: number;
  maxLogRange: number;
  shown: string;
};

type PageSpec = { name: string; route: (ctx: ScaleContext) => string; ready: (page: Page) => Promise<string> };

const noBusy = (page: Page) =>
  page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'), undefined, { timeout: 180_000 });

const PAGES: PageSpec[] = [
  {
    name: "Overview",
    route: () => "#/overview",
    async ready(page) {
      await page.getByTestId("staker-count").filter({ hasText: /^\d+$/ }).waitFor({ timeout: 180_000 });
      await page.getByTestId("total-locked").filter({ hasText: /LOCK$/ }).waitFor({ timeout: 180_000 });
      await page.getByRole("table", { name: "Stakers per level" }).waitFor({ timeout: 180_000 });
      await noBusy(page);
      return `${await page.getByTestId("staker-count").textContent()} stakers, ${await page.getByTestId("total-locked").textContent()}`;
    },
  },
  {
    name: "Stake",
    route: () => "#/stake",
    async ready(page) {
      await page.getByTestId("locked-amount").waitFor({ timeout: 180_000 });
      await noBusy(page);
      return (await page.getByTestId("locked-amount").textContent()) ?? "";
    },
  },
  {
    name: "Rewards",
    route: () => "#/rewards",
    async ready(page) {
      await page.getByRole("heading", { name: "Claim history" }).waitFor({ timeout: 180_000 });
      await noBusy(page);
      return "claim history shown";
    },
  },
  {
    name: "Govern",
    route: () => "#/govern",
    async ready(page) {
      await page.getByTestId("proposal-item").first().waitFor({ timeout: 180_000 });
      await page.locator('[data-testid="proposal-item"] .badge').first().waitFor({ timeout: 180_000 });
      await noBusy(page);
      return `${await page.getByTestId("proposal-item").count()} proposals listed`;
    },
  },
  {
    name: "Proposal (20 votes)",
    route: (ctx) => `#/govern/${ctx.twentyVoteProposal}`,
    async ready(page) {
      await page.getByTestId("vote-row").nth(19).waitFor({ timeout: 180_000 });
      await noBusy(page);
      return `${await page.getByTestId("vote-row").count()} votes listed`;
    },
  },
];

/** Loads one page cold as dev account 1 (the demo's Alice) and measures it until its data is shown. */
async function measure(
  browser: Browser,
  appUrl: string,
  rpcUrl: string,
  graphqlUrl: string | undefined,
  spec: PageSpec,
  ctx: ScaleContext,
) {
  const context = await browser.newContext();
  await context.addInitScript(() => localStorage.setItem("lockstep.testWallet.index", "1"));
  const page = await context.newPage();
  page.setDefaultTimeout(180_000);
  const network = trackNetwork(page, rpcUrl, graphqlUrl);
  const t0 = Date.now();
  await page.goto(`${appUrl}${spec.route(ctx)}`);
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("button", { name: /Test wallet/ }).click();
  const shown = await spec.ready(page);
  const readyMs = Date.now() - t0;
  await settle(page, network);
  const ranges = network.logRanges().map(({ from, to }) => Number(to - from + 1n));
  await context.close();
  return {
    readyMs,
    rpcCalls: network.calls.length,
    graphqlRequests: network.graphqlRequests,
    bytes: network.rpcBytes + network.graphqlBytes,
    maxLogRange: ranges.length ? Math.max(...ranges) : 0,
    shown,
  };
}

/** Staker count and total locked as the contracts say (every account that ever locked, read in batches). */
async function contractTotals(ctx: ScaleContext) {
  const { createPublicClient, http } = await import("viem");
  // Thousands of reads on a busy machine: small batches and a long timeout.
  const client = createPublicClient({ transport: http(ctx.url, { batch: { batchSize: 100 }, timeout: 300_000 }) });
  const c = ctx.deployment.contracts;
  const created = await client.getContractEvents({
    address: c.VotingEscrow.address,
    abi: ctx.abi.escrow,
    eventName: "LockCreated",
    fromBlock: 0n,
  });
  const accounts = [...new Set(created.map((l) => (l as unknown as { args: { account: string } }).args.account))];
  const locks = (await Promise.all(
    accounts.map((a) =>
      client.readContract({ address: c.VotingEscrow.address, abi: ctx.abi.escrow, functionName: "locked", args: [a] }),
    ),
  )) as (readonly [bigint, bigint, boolean])[];
  const locked = (await client.readContract({
    address: c.GovernanceToken.address,
    abi: ctx.abi.token,
    functionName: "balanceOf",
    args: [c.VotingEscrow.address],
  })) as bigint;
  return { stakers: locks.filter(([amount]) => amount > 0n).length, locked };
}

await ensureChromium();
const stack = await startStack({ quiet: true, log });
const rows: Row[] = [];
const problems: string[] = [];
try {
  const ctx = scaleContext(stack.node.url, stack.deployment);
  const base = { VITE_RPC_URL: stack.node.url, VITE_CHAIN_ID: String(stack.deployment.chainId) };
  log("Building the subgraph and its GraphQL test double");
  const subgraph = await startSubgraphDouble(stack.node.url, stack.deployment);
  log("Building the app twice (chain logs with VITE_LOG_BLOCK_RANGE=1000; subgraph)");
  const chainApp = await serveApp("bench-scale-chain", {
    ...base,
    VITE_LOG_BLOCK_RANGE: String(LOG_RANGE),
    VITE_SUBGRAPH_URL: undefined,
  });
  const subgraphApp = await serveApp("bench-scale-subgraph", { ...base, VITE_SUBGRAPH_URL: subgraph.url });
  const browser = await launch();

  for (const [k, scale] of scales.entries()) {
    log(`Generating ${scale} stakers`);
    await addStakers(ctx, scale - ctx.created, log);
    if (k === 0) {
      log("Generating 52 weeks of history (revenue, 56 proposals, 1,010 votes, 100 blocks a week)");
      await addHistory(ctx, { weeks: 52, proposals: 56, votes: 1010, blocksPerWeek: 100 }, log);
    }
    log("Indexing with the subgraph test host");
    const handled = await subgraph.index();
    log(`  ${handled} logs handled; ${ctx.proposals} proposals, ${ctx.votes} votes generated`);
    const expected = await contractTotals(ctx);
    const expectedText = `${expected.stakers} stakers, ${formatAmount(expected.locked, 18, 0)} LOCK`;
    for (const source of ["chain", "subgraph"] as const) {
      for (const spec of PAGES) {
        const app = source === "chain" ? chainApp : subgraphApp;
        const result = await measure(browser, app.url, stack.node.url, subgraph.url, spec, ctx).catch(
          (error: Error) => {
            problems.push(`${scale} stakers, ${source}, ${spec.name}: ${error.message.split("\n")[0]}`);
            return undefined;
          },
        );
        if (!result) continue;
        rows.push({ scale, source, page: spec.name, ...result });
        log(
          `  ${scale} ${source} ${spec.name}: ${result.readyMs} ms, ${result.rpcCalls} JSON-RPC calls, ${result.graphqlRequests} GraphQL requests, ${(result.bytes / 1024).toFixed(0)} KB, largest eth_getLogs ${result.maxLogRange} blocks (${result.shown})`,
        );
        if (spec.name === "Overview" && result.shown !== expectedText) {
          problems.push(
            `${scale} stakers, ${source}: Overview shows "${result.shown}", contracts say "${expectedText}"`,
          );
        }
      }
    }
  }
  await browser.close();
  await chainApp.close();
  await subgraphApp.close();
  await subgraph.close();
} finally {
  await stack.node.stop();
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
console.log(
  `\n${"stakers".padEnd(8)} ${"source".padEnd(9)} ${"page".padEnd(20)} ${"ready".padStart(8)} ${"RPC calls".padStart(9)} ${"GraphQL".padStart(7)} ${"bytes".padStart(9)} ${"max getLogs".padStart(11)}`,
);
for (const r of rows) {
  console.log(
    `${String(r.scale).padEnd(8)} ${r.source.padEnd(9)} ${r.page.padEnd(20)} ${`${r.readyMs} ms`.padStart(8)} ${String(r.rpcCalls).padStart(9)} ${String(r.graphqlRequests).padStart(7)} ${kb(r.bytes).padStart(9)} ${String(r.maxLogRange).padStart(11)}`,
  );
}

// Budgets of issue #12.
const at = (scale: number, source: string, page: string) =>
  rows.find((r) => r.scale === scale && r.source === source && r.page === page);
const small = scales[0];
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? "ok  " : "MISS"} ${what}`);
  if (!ok) problems.push(what);
};
console.log("");
const overview = at(small, "chain", "Overview");
if (overview) {
  check(overview.rpcCalls <= 60, `Overview (chain, ${small}) ${overview.rpcCalls} JSON-RPC calls <= 60`);
  check(overview.bytes <= 1024 * 1024, `Overview (chain, ${small}) ${kb(overview.bytes)} <= 1 MB`);
}
for (const name of ["Stake", "Rewards", "Govern"]) {
  const r = at(small, "chain", name);
  if (r) check(r.rpcCalls <= 60, `${name} (chain, ${small}) ${r.rpcCalls} JSON-RPC calls <= 60`);
}
const proposal = at(small, "chain", "Proposal (20 votes)");
if (proposal) check(proposal.bytes <= 200 * 1024, `Proposal page (chain, ${small}) ${kb(proposal.bytes)} <= 200 KB`);
const widest = Math.max(...rows.filter((r) => r.source === "chain").map((r) => r.maxLogRange));
check(widest <= LOG_RANGE, `largest eth_getLogs range ${widest} blocks <= ${LOG_RANGE}`);
const large = scales.find((s) => s >= 10_000);
const big = large && at(large, "subgraph", "Overview");
if (big)
  check(big.graphqlRequests <= 30, `Overview (subgraph, ${large}) ${big.graphqlRequests} GraphQL requests <= 30`);
for (const p of problems) console.error(`problem: ${p}`);
process.exit(problems.length === 0 ? 0 : 1);
