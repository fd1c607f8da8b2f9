/**
 * Production build of the app into web/dist. Set VITE_CHAIN_ID / VITE_RPC_URL / VITE_SUBGRAPH_URL /
 * VITE_EXPLORER_URL for the target network (defaults: the local chain).
 */
import path from "node:path";
import { build } from "vite";
import { ROOT } from "../lib/paths.ts";

if (!process.env.LOCKSTEP_SKIP_CODEGEN) await import("./codegen.ts");
await build({ configFile: path.join(ROOT, "web", "vite.config.ts") });
