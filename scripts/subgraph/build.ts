// Builds the subgraph for one network: ABIs from the Hardhat artifacts, `graph codegen`, then
// `graph build --network <name>` on a copy of subgraph.yaml in subgraph/build/ (graph-cli rewrites the manifest
// it builds with the addresses of networks.json; the committed one keeps its placeholders).
// Usage: tsx scripts/subgraph/build.ts [--network localhost] [--network-file subgraph/networks.json]
//          [--deployment deployments/31337.json]   (writes that deployment's networks.json entry first)
//        tsx scripts/subgraph/build.ts --codegen      (ABIs and `graph codegen` only)
// Without --deployment, a network missing from the networks file is taken from deployments/*.json.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { readAllDeployments, readDeploymentFile } from "../lib/deployment-file.ts";
import { BIN, ROOT } from "../lib/paths.ts";
import { extractAbis } from "./abis.ts";
import { graphNetworkName, NETWORKS_FILE, writeNetworks } from "./networks.ts";

const SUBGRAPH = join(ROOT, "subgraph");
const GRAPH = BIN("graph");

export interface BuildOptions {
  network: string;
  networkFile?: string;
  /** Output directory, relative to subgraph/ (default build). */
  outputDir?: string;
  quiet?: boolean;
}

/** Runs graph-cli in subgraph/; when `quiet`, its output is only shown if it fails. */
function graph(args: string[], quiet: boolean): void {
  const result = spawnSync(GRAPH, args, { cwd: SUBGRAPH, stdio: quiet ? "pipe" : "inherit", encoding: "utf8" });
  if (result.status !== 0) {
    const output = quiet ? `\n${result.stdout}${result.stderr}` : "";
    throw new Error(`graph ${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status}`})${output}`);
  }
}

/** Runs graph codegen for subgraph.yaml (addresses do not matter for the generated types). */
export function codegen(quiet = false): void {
  extractAbis();
  graph(["codegen", "subgraph.yaml", "--output-dir", "generated"], quiet);
}

/** Runs codegen and `graph build --network`; returns the path of the built manifest. */
export function build({
  network,
  networkFile = NETWORKS_FILE,
  outputDir = "build",
  quiet = false,
}: BuildOptions): string {
  codegen(quiet);
  // The copy lives two levels down, so its relative file paths get two more levels up.
  const manifest = join("build", "manifests", `subgraph.${network}.yaml`);
  mkdirSync(join(SUBGRAPH, "build", "manifests"), { recursive: true });
  const text = readFileSync(join(SUBGRAPH, "subgraph.yaml"), "utf8").replace(/(file: )\.\//g, "$1../../");
  writeFileSync(join(SUBGRAPH, manifest), text);
  graph(
    ["build", manifest, "--network", network, "--network-file", resolve(networkFile), "--output-dir", outputDir],
    quiet,
  );
  return join(SUBGRAPH, outputDir, "subgraph.yaml");
}

/** Writes the networks.json entry of `network` from deployments/*.json unless the file already has one. */
function ensureNetwork(network: string, networkFile: string): void {
  if (existsSync(networkFile) && network in JSON.parse(readFileSync(networkFile, "utf8"))) return;
  const deployments = readAllDeployments().filter((d) => graphNetworkName(d) === network);
  if (deployments.length === 0) {
    throw new Error(`${relative(ROOT, networkFile)} has no '${network}' entry and no deployment of it exists`);
  }
  writeNetworks(deployments, networkFile);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      network: { type: "string" },
      "network-file": { type: "string", default: NETWORKS_FILE },
      deployment: { type: "string" },
      codegen: { type: "boolean", default: false },
    },
  });
  if (values.codegen) {
    codegen();
  } else {
    let network = values.network ?? process.env.SUBGRAPH_NETWORK;
    if (values.deployment !== undefined) {
      const deployment = readDeploymentFile(values.deployment);
      writeNetworks([deployment], values["network-file"]);
      network ??= graphNetworkName(deployment);
    }
    network ??= "localhost";
    ensureNetwork(network, values["network-file"]);
    const built = build({ network, networkFile: values["network-file"] });
    console.log(`built ${relative(ROOT, built)}`);
  }
}
