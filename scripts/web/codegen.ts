/** Compiles the contracts (cached when unchanged) and generates web/src/generated/contracts.ts. */
import { buildContracts, codegen } from "../local/chain.ts";

if (!process.env.LOCKSTEP_SKIP_BUILD) await buildContracts();
await codegen();
