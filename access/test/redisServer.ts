/**
 * A throwaway Redis server for the quota tests: Debian's redis-server (installed with apt-get when missing and
 * running as root, as CI does), on a free port, with no persistence; `stop` kills it.
 */
import { spawnSync } from "node:child_process";
import { createClient } from "redis";
import { freePort, run, startProcess, waitFor } from "../../scripts/local/chain.ts";

const hasRedis = () => spawnSync("sh", ["-c", "command -v redis-server"]).status === 0;

export async function ensureRedisServer() {
  if (hasRedis()) return;
  if (process.getuid?.() !== 0) {
    throw new Error("redis-server is missing and this is not root: install it with `apt-get install -y redis-server`.");
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    await run("apt-get", ["install", "-y", "-q", "redis-server"], { env, stdio: "ignore" });
  } catch {
    await run("apt-get", ["update", "-q"], { env, stdio: "ignore" });
    await run("apt-get", ["install", "-y", "-q", "redis-server"], { env, stdio: "ignore" });
  }
}

export async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  await ensureRedisServer();
  const port = await freePort();
  const child = startProcess(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      const client = createClient({ url });
      client.on("error", () => {});
      await client.connect();
      const pong = await client.ping();
      await client.close();
      return pong === "PONG";
    },
    `redis-server on port ${port}`,
    20_000,
  );
  return { url, stop: child.stop };
}
