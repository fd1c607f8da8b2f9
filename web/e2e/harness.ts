import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { createPublicClient, http, type Abi, type Address, type PublicClient } from "viem";
import { hardhat } from "viem/chains";
import type { Deployment } from "../../scripts/lib/deployment-file.ts";
import { devAccount } from "../../scripts/local/accounts.ts";
import { readArtifact } from "../../scripts/local/artifacts.ts";
import { build, preview } from "vite";
import { ROOT } from "../../scripts/lib/paths.ts";
import { freePort, rpc, run } from "../../scripts/local/chain.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-gpu",
  "--disable-component-update",
  "--no-first-run",
];

/** A fresh machine has no browser: install Debian's chromium when running as root (CI). */
export async function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) throw new Error(`${CHROMIUM} is missing; install it with: apt-get install -y chromium`);
  console.log("Installing chromium (apt-get)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    await run("apt-get", ["install", "-y", "-q", "chromium"], { env, stdio: "ignore" });
  } catch {
    await run("apt-get", ["update", "-q"], { env, stdio: "ignore" });
    await run("apt-get", ["install", "-y", "-q", "chromium"], { env, stdio: "ignore" });
  }
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Sets `env` in the process environment (an undefined value unsets the variable), builds the app into
 * web/dist/<name> with it and serves that build on a free port.
 */
export async function serveApp(name: string, env: Record<string, string | undefined> = {}) {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const configFile = path.join(ROOT, "web", "vite.config.ts");
  const outDir = path.join(ROOT, "web", "dist", name);
  await build({ configFile, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  const port = await freePort();
  const server = await preview({
    configFile,
    logLevel: "warn",
    build: { outDir },
    preview: { port, host: "127.0.0.1", strictPort: true },
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())),
  };
}

export type Env = {
  rpcUrl: string;
  appUrl: string;
  deployment: Deployment;
  client: PublicClient;
  browser: Browser;
  abi: { token: Abi; escrow: Abi; distributor: Abi; governor: Abi };
  address: (index: number) => Address;
  travel: (seconds: bigint) => Promise<void>;
  read: <T>(
    contract: "token" | "escrow" | "distributor" | "governor",
    functionName: string,
    args?: unknown[],
  ) => Promise<T>;
};

export function makeEnv(rpcUrl: string, appUrl: string, deployment: Deployment, browser: Browser): Env {
  const client = createPublicClient({
    chain: { ...hardhat, rpcUrls: { default: { http: [rpcUrl] } } },
    transport: http(rpcUrl),
  }) as PublicClient;
  const abi = {
    token: readArtifact("GovernanceToken").abi,
    escrow: readArtifact("VotingEscrow").abi,
    distributor: readArtifact("RevenueDistributor").abi,
    governor: readArtifact("LockstepGovernor").abi,
  };
  const names = {
    token: "GovernanceToken",
    escrow: "VotingEscrow",
    distributor: "RevenueDistributor",
    governor: "LockstepGovernor",
  } as const;
  return {
    rpcUrl,
    appUrl,
    deployment,
    client,
    browser,
    abi,
    address: (index) => devAccount(index).address,
    async travel(seconds) {
      await rpc(rpcUrl, "evm_increaseTime", [Number(seconds)]);
      await rpc(rpcUrl, "evm_mine", []);
    },
    read: (contract, functionName, args = []) =>
      client.readContract({
        address: deployment.contracts[names[contract]].address,
        abi: abi[contract],
        functionName,
        args,
      }) as never,
  };
}

/** Opens the app in a fresh context and connects the built-in test wallet as dev account `index`. */
export async function openAs(env: Env, index: number, route = "#/stake"): Promise<Page> {
  const context = await env.browser.newContext();
  await context.addInitScript((i) => {
    localStorage.setItem("lockstep.testWallet.index", String(i));
  }, index);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(`${env.appUrl}${route}`);
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("button", { name: /Test wallet/ }).click();
  await page.getByLabel("Test account").waitFor();
  return page;
}

/** axe-core's source, injected into pages for the accessibility check. */
export function axeSource(): string {
  const require = createRequire(import.meta.url);
  return require("node:fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export function assertEqual<T>(actual: T, expected: T, what: string) {
  if (actual !== expected) throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

export type RpcCall = { method: string; params: unknown[] };

/**
 * Records what a page asks the JSON-RPC node (every call of a batch counts) and a GraphQL endpoint, with the
 * response bytes of each, from the moment it is attached.
 */
export function trackNetwork(page: Page, rpcUrl: string, graphqlUrl?: string) {
  const record = {
    calls: [] as RpcCall[],
    rpcBytes: 0,
    graphqlRequests: 0,
    graphqlBytes: 0,
    inFlight: 0,
    reset() {
      record.calls = [];
      record.rpcBytes = 0;
      record.graphqlRequests = 0;
      record.graphqlBytes = 0;
    },
    /** Ranges (toBlock - fromBlock + 1) of the eth_getLogs calls. */
    logRanges: () =>
      record.calls
        .filter((c) => c.method === "eth_getLogs")
        .map((c) => {
          const filter = c.params[0] as { fromBlock: string; toBlock: string };
          return { from: BigInt(filter.fromBlock), to: BigInt(filter.toBlock) };
        }),
  };
  const same = (a: string, b: string) => a.replace(/\/$/, "") === b.replace(/\/$/, "");
  page.on("request", (request) => {
    if (request.method() !== "POST") return;
    if (same(request.url(), rpcUrl)) {
      const body = request.postDataJSON() as RpcCall | RpcCall[];
      for (const call of Array.isArray(body) ? body : [body]) {
        record.calls.push({ method: call.method, params: call.params ?? [] });
      }
      record.inFlight++;
    } else if (graphqlUrl && same(request.url(), graphqlUrl)) {
      record.graphqlRequests++;
      record.inFlight++;
    }
  });
  const done = async (request: import("playwright-core").Request, failed: boolean) => {
    const isRpc = same(request.url(), rpcUrl);
    const isGraphql = graphqlUrl !== undefined && same(request.url(), graphqlUrl);
    if (request.method() !== "POST" || (!isRpc && !isGraphql)) return;
    let size = 0;
    if (!failed) {
      // A request that ends as its page closes has no readable response any more: it counts 0 bytes.
      const response = await request.response().catch(() => null);
      if (response) size = (await response.body().catch(() => Buffer.alloc(0))).length;
    }
    if (isRpc) record.rpcBytes += size;
    else record.graphqlBytes += size;
    record.inFlight--;
  };
  page.on("requestfinished", (request) => void done(request, false));
  page.on("requestfailed", (request) => void done(request, true));
  return record;
}

/** Waits until `check` holds and no tracked request has been in flight for `quietMs`. */
/** Waits for the transaction labelled `label` to settle in the page; a failed one throws with its sentence. */
export async function settled(page: Page, label: string) {
  await page.waitForFunction(
    (text) =>
      [...document.querySelectorAll('[data-testid="tx-status"]')].some(
        (el) => el.textContent?.startsWith(text) && ["confirmed", "failed"].includes(el.getAttribute("data-status")!),
      ),
    label,
  );
  const failed = page.locator(`[data-testid="tx-status"][data-status="failed"]`);
  if (await failed.count()) throw new Error(`transaction failed in the page: ${await failed.first().textContent()}`);
}

export async function settle(page: Page, network: { inFlight: number }, quietMs = 400) {
  let quietSince = Date.now();
  for (;;) {
    if (network.inFlight > 0) quietSince = Date.now();
    if (Date.now() - quietSince >= quietMs) return;
    await page.waitForTimeout(50);
  }
}
