/**
 * Seeds a local chain with a demo: accounts with locks of different lengths and delegations, revenue in two
 * tokens over several weeks, proposals in every state, and two early-access rounds created by a proposal (one
 * finished and oversubscribed, one open). Uses time travel, so run it only on a local node.
 *
 * Usage: npm run seed (RPC_URL=http://127.0.0.1:8545 by default), after a deploy wrote deployments/31337.json
 */
import { pathToFileURL } from "node:url";
import { parseEther } from "viem";
import { WEEK } from "../../shared/protocol.ts";
import { readDeployment, type Deployment } from "../lib/deployment-file.ts";
import { devAccount } from "./accounts.ts";
import { readArtifact } from "./artifacts.ts";
import { seedContext, type SeedContext } from "./seed-context.ts";
import { seedDao } from "./seed-dao.ts";
import { seedDelegates } from "./seed-delegates.ts";
import { seedEarlyAccess } from "./seed-early.ts";

/**
 * Demo accounts: index, tokens received, lock amount (0 = none), lock weeks, auto-max. The unlock time is
 * `now + weeks` rounded down to a week, so the shortest lock asks for 5 weeks: it must still end at least
 * MIN_LOCK (4 weeks) from now after rounding.
 */
const STAKERS: { index: number; tokens: bigint; lock: bigint; weeks: bigint; autoMax?: boolean }[] = [
  { index: 0, tokens: 0n, lock: parseEther("3000000"), weeks: 52n, autoMax: true },
  { index: 1, tokens: parseEther("800000"), lock: parseEther("400000"), weeks: 52n },
  { index: 2, tokens: parseEther("300000"), lock: parseEther("120000"), weeks: 26n },
  { index: 3, tokens: parseEther("200000"), lock: parseEther("60000"), weeks: 12n },
  { index: 4, tokens: parseEther("100000"), lock: parseEther("30000"), weeks: 5n },
  { index: 5, tokens: parseEther("150000"), lock: parseEther("25000"), weeks: 40n },
  { index: 6, tokens: parseEther("50000"), lock: 0n, weeks: 0n },
];

/** Accounts 10-19 are left for end-to-end tests: tokens, no lock. */
const TEST_ACCOUNTS = Array.from({ length: 10 }, (_, i) => 10 + i);

export async function seedStaking(ctx: SeedContext) {
  const token = ctx.deployment.contracts.GovernanceToken.address;
  const escrow = ctx.deployment.contracts.VotingEscrow.address;
  const tokenAbi = readArtifact("GovernanceToken").abi;
  const escrowAbi = readArtifact("VotingEscrow").abi;

  for (const staker of STAKERS) {
    if (staker.tokens > 0n) {
      await ctx.write(0, token, tokenAbi, "transfer", [devAccount(staker.index).address, staker.tokens]);
    }
  }
  for (const index of TEST_ACCOUNTS) {
    await ctx.write(0, token, tokenAbi, "transfer", [devAccount(index).address, parseEther("100000")]);
  }
  ctx.log(`funded ${STAKERS.length - 1 + TEST_ACCOUNTS.length} accounts`);

  for (const staker of STAKERS) {
    if (staker.lock === 0n) continue;
    const now = await ctx.now();
    await ctx.write(staker.index, token, tokenAbi, "approve", [escrow, staker.lock]);
    await ctx.write(staker.index, escrow, escrowAbi, "createLock", [staker.lock, now + staker.weeks * WEEK]);
    if (staker.autoMax) await ctx.write(staker.index, escrow, escrowAbi, "setAutoMax", [true]);
  }
  // Bob delegates to Alice; account 6 has no lock but delegates to Carol (a delegation without weight).
  await ctx.write(2, escrow, escrowAbi, "delegate", [devAccount(1).address]);
  await ctx.write(6, escrow, escrowAbi, "delegate", [devAccount(3).address]);
  ctx.log("created 6 locks (4-52 weeks, one auto-max) and 2 delegations");
}

export async function seed(url: string, deployment: Deployment, quiet = false) {
  const ctx = seedContext(url, deployment, quiet);
  await seedStaking(ctx);
  // Early access first: its rounds are created by a proposal that runs to execution, which would otherwise move
  // the DAO seed's active and pending proposals on.
  await seedEarlyAccess(ctx);
  await seedDao(ctx);
  await seedDelegates(ctx);
  return ctx;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const url = process.env.RPC_URL ?? "http://127.0.0.1:8545";
  await seed(url, readDeployment(Number(process.env.CHAIN_ID ?? 31337)));
  console.log("Seeded the demo.");
}
