// Builds the subgraph for one network: ABIs from the Hardhat artifacts, `graph codegen`, then
// `graph build --network <name>` on a git-ignored copy of subgraph.yaml (graph-cli rewrites the manifest it
// builds with the addresses of networks.json, and the committed one keeps its placeholders).
// Usage: tsx scripts/subgraph/build.ts [--network localhost] [--network-file subgraph/networks.json]
//        [--deployment deployments/31337.json]   (writes that deployment's networks.json entry first)
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { extractAbis } from "./abis.ts";
import { type DeploymentFile, graphNetworkName, NETWORKS_FILE, writeNetworks } from "./networks.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SUBGRAPH = join(ROOT, "subgraph");
const GRAPH = join(ROOT, "node_modules", ".bin", "graph");

export interface BuildOptions {
  network: string;
  networkFile?: string;
  /** Output directory, relative to subgraph/ (default build). */
  outputDir?: string;
  quiet?: boolean;
}

/** Runs graph codegen for subgraph.yaml (addresses do not matter for the generated types). */
export function codegen(quiet = false): void {
  extractAbis();
  execFileSync(GRAPH, ["codegen", "subgraph.yaml", "--output-dir", "generated"], {
    cwd: SUBGRAPH,
    stdio: quiet ? "pipe" : "inherit",
  });
}

/** Runs codegen and `graph build --network`; returns the path of the built manifest. */
export function build({
  network,
  networkFile = NETWORKS_FILE,
  outputDir = "build",
  quiet = false,
}: BuildOptions): string {
  codegen(quiet);
  const manifest = `subgraph.${network}.yaml`;
  copyFileSync(join(SUBGRAPH, "subgraph.yaml"), join(SUBGRAPH, manifest));
  execFileSync(
    GRAPH,
    ["build", manifest, "--network", network, "--network-file", resolve(networkFile), "--output-dir", outputDir],
    { cwd: SUBGRAPH, stdio: quiet ? "pipe" : "inherit" },
  );
  return join(SUBGRAPH, outputDir, "subgraph.yaml");
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      network: { type: "string" },
      "network-file": { type: "string", default: NETWORKS_FILE },
      deployment: { type: "string" },
    },
  });
  let network = values.network ?? process.env.SUBGRAPH_NETWORK;
  if (values.deployment !== undefined) {
    const deployment = JSON.parse(readFileSync(values.deployment, "utf8")) as DeploymentFile;
    writeNetworks([deployment], values["network-file"]);
    network ??= graphNetworkName(deployment);
  }
  const built = build({ network: network ?? "localhost", networkFile: values["network-file"] });
  console.log(`built ${relative(ROOT, built)}`);
}
