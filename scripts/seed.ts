/**
 * Seeds a local chain with a demo: accounts with locks of different lengths and delegations, revenue in two
 * tokens over several weeks, and proposals in every state. Uses time travel, so run it only on a local node.
 *
 * Usage: RPC_URL=http://127.0.0.1:8545 tsx scripts/seed.ts (after the deployment wrote deployments/31337.json)
 */
import { pathToFileURL } from "node:url";
import {
  createPublicClient,
  createWalletClient,
  http,
  parseEther,
  type Abi,
  type Address,
  type Hash,
  type PublicClient,
} from "viem";
import { hardhat } from "viem/chains";
import { devAccount } from "./web/accounts.ts";
import { readArtifact } from "./web/artifacts.ts";
import { rpc } from "./web/chain.ts";
import { readDeployment, type Deployment } from "./web/deploy-local.ts";

const WEEK = 7n * 24n * 3600n;

export type SeedContext = {
  url: string;
  deployment: Deployment;
  client: PublicClient;
  /** Sends a contract call from dev account `from` and waits for it to succeed. */
  write: (from: number, address: Address, abi: Abi, functionName: string, args?: unknown[]) => Promise<Hash>;
  now: () => Promise<bigint>;
  travel: (seconds: bigint) => Promise<void>;
  log: (message: string) => void;
};

export function seedContext(url: string, deployment: Deployment, quiet = false): SeedContext {
  const chain = { ...hardhat, rpcUrls: { default: { http: [url] } } };
  const transport = http(url);
  const client = createPublicClient({ chain, transport }) as PublicClient;
  const wallets = new Map<number, ReturnType<typeof createWalletClient>>();
  const wallet = (index: number) => {
    if (!wallets.has(index)) wallets.set(index, createWalletClient({ account: devAccount(index), chain, transport }));
    return wallets.get(index)!;
  };
  return {
    url,
    deployment,
    client,
    async write(from, address, abi, functionName, args = []) {
      const w = wallet(from);
      const hash = await w.writeContract({ address, abi, functionName, args, account: w.account!, chain });
      const receipt = await client.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`${functionName} from #${from} reverted`);
      return hash;
    },
    async now() {
      return (await client.getBlock()).timestamp;
    },
    async travel(seconds) {
      await rpc(url, "evm_increaseTime", [Number(seconds)]);
      await rpc(url, "evm_mine", []);
    },
    log: (message) => {
      if (!quiet) console.log(`  seed: ${message}`);
    },
  };
}

/** Demo accounts: index, tokens received, lock amount (0 = none), lock weeks, auto-max. */
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
  ctx.log("created 6 locks (1-52 weeks, one auto-max) and 2 delegations");
}

export async function seed(url: string, deployment: Deployment, quiet = false) {
  const ctx = seedContext(url, deployment, quiet);
  await seedStaking(ctx);
  if (deployment.contracts.RevenueDistributor && deployment.contracts.LockstepGovernor) {
    const { seedDao } = await import("./web/seed-dao.ts");
    await seedDao(ctx);
  }
  return ctx;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const url = process.env.RPC_URL ?? "http://127.0.0.1:8545";
  await seed(url, readDeployment(Number(process.env.CHAIN_ID ?? 31337)));
  console.log("Seeded the demo.");
}
