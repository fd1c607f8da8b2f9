import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { BIN, ROOT } from "../lib/paths.ts";

/** Resolves to `preferred` when it is free, otherwise to a port the OS hands out. */
export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        const chosen = typeof address === "object" && address ? address.port : port;
        server.close(() => resolve(chosen));
      });
    });
  if (preferred !== undefined) {
    try {
      return await tryPort(preferred);
    } catch {
      // taken: fall through to a random one
    }
  }
  return tryPort(0);
}

export async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

export type Child = { proc: ChildProcess; stop: () => Promise<void> };

/** Spawns a long-running process in its own process group so that stopping it also stops its children. */
export function startProcess(command: string, args: string[], options: SpawnOptions = {}): Child {
  const proc = spawn(command, args, { cwd: ROOT, detached: true, stdio: "inherit", ...options });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (hasExited(proc) || proc.pid === undefined) return resolve();
      proc.once("exit", () => resolve());
      try {
        process.kill(-proc.pid, "SIGTERM");
      } catch {
        resolve();
      }
      setTimeout(() => {
        try {
          if (proc.exitCode === null && proc.pid) process.kill(-proc.pid, "SIGKILL");
        } catch {
          // already gone
        }
        resolve();
      }, 3_000).unref();
    });
  return { proc, stop };
}

const hasExited = (proc: ChildProcess) => proc.exitCode !== null || proc.signalCode !== null;

export type Exit = { name: string; code: number | null; signal: NodeJS.Signals | null };

/** Resolves with the first of the named `children` to exit (at once if one already has), for whatever reason. */
export function firstExit(children: Record<string, Child>): Promise<Exit> {
  return new Promise((resolve) => {
    for (const [name, { proc }] of Object.entries(children)) {
      if (hasExited(proc)) resolve({ name, code: proc.exitCode, signal: proc.signalCode });
      else proc.once("exit", (code, signal) => resolve({ name, code, signal }));
    }
  });
}

/** "the Hardhat node exited with code 1", "… was killed by SIGKILL". */
export const describeExit = ({ name, code, signal }: Exit) =>
  `${name} ${signal !== null ? `was killed by ${signal}` : `exited with code ${code}`}`;

/** Runs a command to completion, rejecting on a non-zero exit. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { cwd: ROOT, stdio: "inherit", ...options });
    proc.once("error", reject);
    proc.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

/** Starts `hardhat node` on `port` and waits until it answers JSON-RPC. */
export async function startHardhatNode(port: number, quiet = true): Promise<Child & { url: string }> {
  const child = startProcess(BIN("hardhat"), ["node", "--port", String(port), "--hostname", "127.0.0.1"], {
    stdio: quiet ? "ignore" : "inherit",
  });
  const url = `http://127.0.0.1:${port}`;
  // Never leave an orphaned node behind, whatever way this process ends.
  process.once("exit", () => {
    try {
      if (child.proc.pid && child.proc.exitCode === null) process.kill(-child.proc.pid, "SIGTERM");
    } catch {
      // already gone
    }
  });
  await waitFor(async () => (await rpc<string>(url, "eth_chainId")) !== undefined, `hardhat node on ${url}`);
  return { ...child, url };
}

/** Compiles the contracts and regenerates the app's typed ABIs and addresses. */
export async function buildContracts() {
  await run(BIN("hardhat"), ["build", "--no-tests", "--quiet"]);
}

export async function codegen() {
  await run(BIN("wagmi"), ["generate", "--config", "web/wagmi.config.ts"], { stdio: ["ignore", "ignore", "inherit"] });
}
