/**
 * The example service on a local (or any) chain: the escrow from deployments/<chainId>.json, the tier table from
 * access/tiers.json (or ACCESS_TIERS), an in-memory or Redis store. `npm run access:demo` runs it (./main.ts);
 * the app's end-to-end tests start it in-process.
 */
import path from "node:path";
import { createPublicClient, http, type PublicClient } from "viem";
import { ROOT } from "../../scripts/lib/paths.ts";
import { signInFor } from "../src/config.ts";
import { escrowFromDeployment } from "../src/deployment.ts";
import { createLevelReader } from "../src/levels.ts";
import { createAccessService, listen } from "../src/service.ts";
import type { AccessStore } from "../src/store.ts";
import { loadTierConfig, type TierConfig } from "../src/tiers.ts";
import type { AccessKey } from "../src/tokens.ts";

export const DEMO_TIERS = path.join(ROOT, "access", "tiers.json");

export type DemoOptions = {
  rpcUrl: string;
  chainId: number;
  appOrigin: string;
  corsOrigins?: string[];
  key: AccessKey;
  store: AccessStore;
  tiers?: TierConfig;
  port?: number;
  tokenLifetime?: number;
  messageLifetime?: number;
  recheckSeconds?: number;
};

export async function startDemoService(options: DemoOptions) {
  const client = createPublicClient({ transport: http(options.rpcUrl) }) as PublicClient;
  const escrow = escrowFromDeployment(options.chainId);
  const service = createAccessService({
    signIn: signInFor(options.appOrigin, options.chainId, options.messageLifetime),
    tiers: options.tiers ?? loadTierConfig(DEMO_TIERS),
    key: options.key,
    store: options.store,
    client,
    levels: createLevelReader(client, escrow.address, escrow.abi),
    tokenLifetime: options.tokenLifetime ?? 3600,
    corsOrigins: options.corsOrigins ?? [new URL(options.appOrigin).origin],
    recheckSeconds: options.recheckSeconds,
  });
  const server = await listen(service, options.port ?? 0);
  return { ...server, service, escrow: escrow.address };
}
