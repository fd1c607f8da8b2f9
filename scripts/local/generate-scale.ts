/**
 * Generates a large history on a local Hardhat node for bench:scale: thousands of lock holders with
 * delegations, a year of weekly revenue in every reward token, proposals with votes, and empty blocks between
 * weeks so that log reads span realistic block ranges. Transactions are sent in JSON-RPC batches from
 * impersonated accounts with automine off and mined together (evm_mine), so 10,000 stakers take minutes,
 * not hours. Local chains only (time travel, impersonation).
 */
import {
  encodeAbiParameters,
  encodeFunctionData,
  keccak256,
  parseEther,
  toHex,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { devAccount } from "./accounts.ts";
import { readArtifact } from "./artifacts.ts";
import type { Deployment } from "../lib/deployment-file.ts";

const WEEK = 604_800n;
// Explicit gas, so that nothing is estimated against a pending state; generous for each function.
const GAS: Record<string, bigint> = {
  transfer: 100_000n,
  approve: 100_000n,
  createLock: 900_000n,
  setAutoMax: 500_000n,
  delegate: 500_000n,
  depositRevenue: 600_000n,
  propose: 1_000_000n,
  castVoteWithReason: 400_000n,
};

type Call = { method: string; params: unknown[] };

/** JSON-RPC batches of at most 500 calls; any error fails the generation with its method and message. */
async function batch<T = unknown>(url: string, calls: Call[]): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < calls.length; i += 500) {
    const chunk = calls.slice(i, i + 500);
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(chunk.map((c, j) => ({ jsonrpc: "2.0", id: i + j, ...c }))),
    });
    const body = (await response.json()) as { id: number; result?: T; error?: { message: string } }[];
    body.sort((a, b) => a.id - b.id);
    for (const [j, item] of body.entries()) {
      if (item.error) throw new Error(`${chunk[j].method}: ${item.error.message}`);
      results.push(item.result as T);
    }
  }
  return results;
}

const one = async <T>(url: string, method: string, params: unknown[] = []) =>
  (await batch<T>(url, [{ method, params }]))[0];

/** Bench staker `i`: deterministic addresses without keys (impersonated on the node). */
export const stakerAddress = (i: number): Address => `0x${(0xbe7c0000000n + BigInt(i)).toString(16).padStart(40, "0")}`;

export type ScaleContext = {
  url: string;
  deployment: Deployment;
  abi: { token: Abi; escrow: Abi; distributor: Abi; governor: Abi };
  /** Stakers created so far (bench accounts 0..created-1). */
  created: number;
  /** Auto-max stakers: they keep their score for the whole year, so their votes weigh something. */
  voters: Address[];
  /** The proposal that gets exactly 20 votes (the proposal-page benchmark). */
  twentyVoteProposal?: bigint;
  proposals: number;
  votes: number;
};

export function scaleContext(url: string, deployment: Deployment): ScaleContext {
  return {
    url,
    deployment,
    abi: {
      token: readArtifact("GovernanceToken").abi,
      escrow: readArtifact("VotingEscrow").abi,
      distributor: readArtifact("RevenueDistributor").abi,
      governor: readArtifact("LockstepGovernor").abi,
    },
    created: 0,
    voters: [],
    proposals: 0,
    votes: 0,
  };
}

const tx = (from: Address, to: Address, abi: Abi, functionName: string, args: unknown[]): Call => ({
  method: "eth_sendTransaction",
  params: [{ from, to, gas: toHex(GAS[functionName]), data: encodeFunctionData({ abi, functionName, args }) }],
});

/**
 * Sends `calls` (transactions) with automine off in chunks of CHUNK, mining after each chunk until every
 * transaction has a successful receipt. Chunks keep each eth_sendTransaction cheap: the node re-checks
 * every pending transaction of a sender when it adds one.
 */
const CHUNK = 150;
async function mineAll(ctx: ScaleContext, calls: Call[]) {
  if (calls.length === 0) return;
  await one(ctx.url, "evm_setAutomine", [false]);
  for (let start = 0; start < calls.length; start += CHUNK) {
    const chunk = calls.slice(start, start + CHUNK);
    const hashes = await batch<Hex>(ctx.url, chunk);
    let pending = hashes.map((hash, index) => ({ hash, index }));
    for (let round = 0; pending.length > 0; round++) {
      await one(ctx.url, "evm_mine");
      const receipts = await batch<{ status: Hex } | null>(
        ctx.url,
        pending.map((p) => ({ method: "eth_getTransactionReceipt", params: [p.hash] })),
      );
      const failed = receipts.findIndex((r) => r !== null && r.status !== "0x1");
      if (failed >= 0) {
        const call = chunk[pending[failed].index].params[0] as { data: string; from: string };
        throw new Error(`transaction ${call.data.slice(0, 10)} from ${call.from} reverted during generation`);
      }
      pending = pending.filter((_, k) => receipts[k] === null);
      if (round > 1_000) throw new Error("transactions never got mined");
    }
  }
  await one(ctx.url, "evm_setAutomine", [true]);
}

async function now(url: string): Promise<bigint> {
  const block = await one<{ timestamp: Hex }>(url, "eth_getBlockByNumber", ["latest", false]);
  return BigInt(block.timestamp);
}

/** 15% of the stakers switch auto-max on and keep their own votes (they never delegate): the voters. */
const isVoter = (i: number) => i % 20 >= 5 && i % 20 < 8;

/** Creates `count` more stakers: funding, approval, lock (5-52 weeks, 15% auto-max), 30% delegate. */
export async function addStakers(ctx: ScaleContext, count: number, log: (m: string) => void) {
  // One block per batch instead of dozens: the node's default gas limit would split them.
  await one(ctx.url, "evm_setBlockGasLimit", [toHex(2_000_000_000n)]);
  const c = ctx.deployment.contracts;
  const deployer = devAccount(0).address;
  const token = c.GovernanceToken.address;
  const escrow = c.VotingEscrow.address;
  const from = ctx.created;
  const to = from + count;
  const accounts = Array.from({ length: count }, (_, k) => stakerAddress(from + k));
  await batch(
    ctx.url,
    accounts.flatMap((a) => [
      { method: "hardhat_setBalance", params: [a, "0x56bc75e2d63100000"] },
      { method: "hardhat_impersonateAccount", params: [a] },
    ]),
  );
  const amount = (i: number) => parseEther(String(10 + ((i * 7919) % 2_000)));
  for (let start = 0; start < count; start += 1000) {
    const slice = accounts.slice(start, start + 1000);
    await mineAll(
      ctx,
      slice.map((a, k) => tx(deployer, token, ctx.abi.token, "transfer", [a, amount(from + start + k)])),
    );
    const t = await now(ctx.url);
    await mineAll(
      ctx,
      slice.flatMap((a, k) => {
        const i = from + start + k;
        const weeks = 5n + BigInt((i * 31) % 48);
        const calls = [
          tx(a, token, ctx.abi.token, "approve", [escrow, amount(i)]),
          tx(a, escrow, ctx.abi.escrow, "createLock", [amount(i), t + weeks * WEEK]),
        ];
        if (isVoter(i)) calls.push(tx(a, escrow, ctx.abi.escrow, "setAutoMax", [true]));
        // 30% delegate to one of the first 20 bench stakers (delegates exist from the first batch on).
        if (i >= 20 && i % 10 < 3) calls.push(tx(a, escrow, ctx.abi.escrow, "delegate", [stakerAddress(i % 20)]));
        return calls;
      }),
    );
    log(`  ${from + start + slice.length} bench stakers`);
  }
  for (let i = from; i < to; i++) if (isVoter(i)) ctx.voters.push(stakerAddress(i));
  ctx.created = to;
}

/**
 * A year of history: each week revenue in every reward token, one or two proposals with votes by auto-max
 * stakers (one proposal with exactly 20), then `blocksPerWeek` blocks spread over the week.
 */
export async function addHistory(
  ctx: ScaleContext,
  options: { weeks: number; proposals: number; votes: number; blocksPerWeek: number },
  log: (m: string) => void,
) {
  const c = ctx.deployment.contracts;
  const deployer = devAccount(0).address;
  const distributor = c.RevenueDistributor.address;
  const governor = c.LockstepGovernor.address;
  const call = (address: Address, abi: Abi, functionName: string, args: unknown[] = []) =>
    one<Hex>(ctx.url, "eth_call", [{ to: address, data: encodeFunctionData({ abi, functionName, args }) }, "latest"]);
  const rewardTokensHex = await call(distributor, ctx.abi.distributor, "rewardTokens");
  const rewardTokens = decodeAddressArray(rewardTokensHex);
  await mineAll(
    ctx,
    rewardTokens.map((t) => tx(deployer, t, ctx.abi.token, "approve", [distributor, parseEther("1000000000")])),
  );
  const votingDelay = BigInt(await call(governor, ctx.abi.governor, "votingDelay"));
  // The first proposal gets exactly 20 votes; the others share the rest evenly.
  const rest = options.votes - 20;
  const votesOf = (n: number) =>
    n === 0 ? 20 : Math.floor(rest / (options.proposals - 1)) + (n - 1 < rest % (options.proposals - 1) ? 1 : 0);
  // Distinct voters per proposal: the rotation below never repeats within one proposal's votes.
  if (ctx.voters.length < 20) throw new Error(`only ${ctx.voters.length} auto-max voters; add more stakers`);

  for (let week = 0; week < options.weeks; week++) {
    const deposits = rewardTokens.map((t, k) =>
      tx(deployer, distributor, ctx.abi.distributor, "depositRevenue", [
        t,
        parseEther(String(1000 + ((week * 37 + k * 101) % 5000))),
      ]),
    );
    const due = Math.round(((week + 1) * options.proposals) / options.weeks) - ctx.proposals;
    const created: { id: bigint; votes: number }[] = [];
    const proposeCalls: Call[] = [];
    for (let p = 0; p < due; p++) {
      const n = ctx.proposals + p;
      const description = `# Bench proposal ${n + 1}\n\nGenerated by bench:scale (week ${week + 1}).`;
      const targets = [c.GovernanceToken.address];
      const calldatas: Hex[] = ["0x18160ddd"]; // totalSupply(): harmless
      proposeCalls.push(tx(deployer, governor, ctx.abi.governor, "propose", [targets, [0n], calldatas, description]));
      const id = BigInt(
        keccak256(
          encodeAbiParameters(
            [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }],
            [targets, [0n], calldatas, keccak256(toHex(description))],
          ),
        ),
      );
      if (n === 0) ctx.twentyVoteProposal = id;
      created.push({ id, votes: votesOf(n) });
    }
    await mineAll(ctx, [...deposits, ...proposeCalls]);
    ctx.proposals += due;
    if (created.length > 0) {
      await one(ctx.url, "evm_increaseTime", [Number(votingDelay) + 1]);
      await one(ctx.url, "evm_mine");
      const voteCalls: Call[] = [];
      for (const [k, p] of created.entries()) {
        for (let v = 0; v < p.votes; v++) {
          const voter = ctx.voters[(week * 7 + k * 13 + v) % ctx.voters.length];
          voteCalls.push(tx(voter, governor, ctx.abi.governor, "castVoteWithReason", [p.id, v % 3, v % 4 ? "" : "ok"]));
        }
        ctx.votes += p.votes;
      }
      await mineAll(ctx, voteCalls);
    }
    // The rest of the week as empty blocks (hardhat_mine spaces them evenly).
    const interval = WEEK / BigInt(options.blocksPerWeek);
    await one(ctx.url, "hardhat_mine", [toHex(options.blocksPerWeek), toHex(interval)]);
    if ((week + 1) % 13 === 0) log(`  ${week + 1} weeks of history`);
  }
}

function decodeAddressArray(hex: Hex): Address[] {
  const words = hex.slice(2).match(/.{64}/g) ?? [];
  const length = Number(BigInt(`0x${words[1]}`));
  return words.slice(2, 2 + length).map((w) => `0x${w.slice(24)}` as Address);
}
