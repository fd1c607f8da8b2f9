// Re-adds the other-platform builds of Hardhat's EDR to package-lock.json after an `npm install`.
// The registry snapshot this project is built against lacks them, so npm leaves them out of the
// lockfile and `npm ci` then rejects it as out of sync. The entries carry os/cpu/libc, so npm skips
// them on every other platform and never downloads them. Usage: node scripts/lockfile-platforms.mjs
import { readFileSync, writeFileSync } from "node:fs";

const PLATFORMS = {
  "darwin-arm64": { os: ["darwin"], cpu: ["arm64"] },
  "darwin-x64": { os: ["darwin"], cpu: ["x64"] },
  "linux-arm64-gnu": { os: ["linux"], cpu: ["arm64"], libc: ["glibc"] },
  "linux-arm64-musl": { os: ["linux"], cpu: ["arm64"], libc: ["musl"] },
  "linux-x64-gnu": { os: ["linux"], cpu: ["x64"], libc: ["glibc"] },
  "linux-x64-musl": { os: ["linux"], cpu: ["x64"], libc: ["musl"] },
  "win32-x64-msvc": { os: ["win32"], cpu: ["x64"] },
};

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
const added = [];
for (const meta of Object.values(lock.packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    const platform = PLATFORMS[dep.replace("@nomicfoundation/edr-", "")];
    if (!dep.startsWith("@nomicfoundation/edr-") || key in lock.packages || !platform) continue;
    const { os, cpu, libc } = platform;
    lock.packages[key] = {
      version,
      cpu,
      dev: true,
      ...(libc && { libc }),
      license: "MIT",
      optional: true,
      os,
      engines: { node: ">= 22" },
    };
    added.push(key);
  }
}
const entries = Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1));
lock.packages = Object.fromEntries(entries);
writeFileSync(path, JSON.stringify(lock, null, 2) + "\n");
console.log(added.length ? `added ${added.join(", ")}` : "package-lock.json already complete");
