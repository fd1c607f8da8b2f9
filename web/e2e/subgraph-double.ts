/**
 * The subgraph path without graph-node, for end-to-end tests and benchmarks: builds the subgraph for a local
 * deployment, indexes the node's logs with the project's WASM test host (subgraph/tests/host) and serves the
 * indexed store through the GraphQL test double (subgraph/tests/graphql.ts). Call `index()` again after new
 * blocks: it continues where it stopped.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Deployment } from "../../scripts/lib/deployment-file.ts";
import { ROOT } from "../../scripts/lib/paths.ts";
import { rpc } from "../../scripts/local/chain.ts";
import { build } from "../../scripts/subgraph/build.ts";
import { writeNetworks } from "../../scripts/subgraph/networks.ts";
import { createGraphQLDouble, serveGraphQL } from "../../subgraph/tests/graphql.ts";
import { SubgraphRuntime } from "../../subgraph/tests/host/runtime.ts";

export async function startSubgraphDouble(rpcUrl: string, deployment: Deployment) {
  const networkFile = path.join(ROOT, "subgraph", "build", "networks.double.json");
  const [network] = writeNetworks([{ ...deployment, network: "localhost" }], networkFile);
  const manifest = build({ network, networkFile, outputDir: "build/double", quiet: true });
  const runtime = new SubgraphRuntime(manifest);
  const schema = readFileSync(path.join(ROOT, "subgraph", "schema.graphql"), "utf8");
  const served = await serveGraphQL(createGraphQLDouble(runtime.store, schema));
  return {
    url: served.url,
    requests: served.requests,
    runtime,
    /** Indexes every new block; returns the number of handled logs. */
    index: () => runtime.indexChain((method, params) => rpc(rpcUrl, method, params)),
    close: served.close,
  };
}
