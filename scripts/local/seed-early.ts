import { encodeFunctionData, keccak256, parseEther, toHex, type Abi, type Address, type Hex } from "viem";
import { WEEK } from "../../shared/protocol.ts";
import { devAccount } from "./accounts.ts";
import { readArtifact } from "./artifacts.ts";
import type { SeedContext } from "./seed-context.ts";

const DAY = 86_400n;

/** Caps of levels 1..10 in the seeded rounds, in whole payment tokens. */
const SEED_CAPS = [1_000n, 2_000n, 5_000n, 10_000n, 20_000n, 30_000n, 40_000n, 50_000n, 60_000n, 75_000n].map((cap) =>
  parseEther(cap.toString()),
);

/** Commitments to the finished round (account index, whole dUSDC): 58,000 against 50,000 on offer, oversubscribed. */
const FINISHED_COMMITS: [number, bigint][] = [
  [0, 40_000n],
  [1, 10_000n],
  [2, 5_000n],
  [3, 2_000n],
  [5, 1_000n],
];

/**
 * Early access (docs/spec.md §8): the DAO creates two rounds through one proposal (approve the sale tokens,
 * then `createRound` twice, as the timelock is the rounds' admin). "Nova" (NOVA at 0.5 dUSDC, 100,000 on offer)
 * runs for three days, is oversubscribed and ends: account 0 claims, the round is finalized, the others keep
 * their claims. "Orbit" (ORB at 2 dUSDC, 20,000 on offer) stays open for 26 weeks with two commitments.
 * Stakers and the test accounts 10-19 get dUSDC to pay with. Returns the rounds' ids and the payment token.
 */
export async function seedEarlyAccess(ctx: SeedContext) {
  const c = ctx.deployment.contracts;
  const early = c.EarlyAccess.address;
  const governor = c.LockstepGovernor.address;
  const timelock = c.TimelockController.address;
  const tokenAbi = readArtifact("GovernanceToken").abi;
  const earlyAbi = readArtifact("EarlyAccess").abi;
  const governorAbi = readArtifact("LockstepGovernor").abi;
  const read = <T>(address: Address, abi: Abi, functionName: string, args: unknown[] = []) =>
    ctx.client.readContract({ address, abi, functionName, args }) as Promise<T>;
  const deployer = devAccount(0).address;

  const usdc = await ctx.deploy(0, "GovernanceToken", ["Demo USD Coin", "dUSDC", deployer, parseEther("100000000")]);
  const nova = await ctx.deploy(0, "GovernanceToken", ["Nova", "NOVA", deployer, parseEther("1000000")]);
  const orbit = await ctx.deploy(0, "GovernanceToken", ["Orbit", "ORB", deployer, parseEther("1000000")]);
  const novaAmount = parseEther("100000");
  const orbitAmount = parseEther("20000");
  // The DAO's treasury holds the tokens it sells.
  await ctx.write(0, nova, tokenAbi, "transfer", [timelock, novaAmount]);
  await ctx.write(0, orbit, tokenAbi, "transfer", [timelock, orbitAmount]);
  for (const index of [1, 2, 3, 4, 5, 6, ...Array.from({ length: 10 }, (_, i) => 10 + i)]) {
    await ctx.write(0, usdc, tokenAbi, "transfer", [devAccount(index).address, parseEther("100000")]);
  }
  ctx.log(`deployed dUSDC ${usdc}, NOVA ${nova}, ORB ${orbit}`);

  const [votingDelay, votingPeriod, timelockDelay] = await Promise.all([
    read<bigint>(governor, governorAbi, "votingDelay"),
    read<bigint>(governor, governorAbi, "votingPeriod"),
    read<bigint>(timelock, readArtifact("TimelockController").abi, "getMinDelay"),
  ]);
  const now = await ctx.now();
  // Levels are read at the proposal's time; the windows open an hour after the earliest execution.
  const start = now + votingDelay + votingPeriod + timelockDelay + 3_600n;
  const params = (saleToken: Address, price: bigint, saleAmount: bigint, end: bigint) => ({
    saleToken,
    paymentToken: usdc,
    price,
    saleAmount,
    snapshot: now - 1n,
    start,
    end,
    caps: SEED_CAPS,
    recipient: timelock,
  });
  const call = (abi: Abi, functionName: string, args: unknown[]) => encodeFunctionData({ abi, functionName, args });
  const actions: { target: Address; data: Hex }[] = [
    { target: nova, data: call(tokenAbi, "approve", [early, novaAmount]) },
    {
      target: early,
      data: call(earlyAbi, "createRound", [params(nova, parseEther("0.5"), novaAmount, start + 3n * DAY)]),
    },
    { target: orbit, data: call(tokenAbi, "approve", [early, orbitAmount]) },
    {
      target: early,
      data: call(earlyAbi, "createRound", [params(orbit, parseEther("2"), orbitAmount, start + 26n * WEEK)]),
    },
  ];
  const targets = actions.map((a) => a.target);
  const values = actions.map(() => 0n);
  const calldatas = actions.map((a) => a.data);
  const description =
    "# Early access: Nova and Orbit rounds\n\nSell 100,000 NOVA at 0.5 dUSDC over three days and 20,000 ORB at 2 dUSDC over 26 weeks to stakers, capped by level.";
  const descriptionHash = keccak256(toHex(description));
  await ctx.write(1, governor, governorAbi, "propose", [targets, values, calldatas, description]);
  const id = await read<bigint>(governor, governorAbi, "hashProposal", [targets, values, calldatas, descriptionHash]);
  await ctx.travel(votingDelay + 1n);
  await ctx.write(0, governor, governorAbi, "castVote", [id, 1]);
  await ctx.write(1, governor, governorAbi, "castVote", [id, 1]);
  await ctx.travel(votingPeriod + 1n);
  await ctx.write(0, governor, governorAbi, "queue", [targets, values, calldatas, descriptionHash]);
  await ctx.travel(timelockDelay + 1n);
  await ctx.write(0, governor, governorAbi, "execute", [targets, values, calldatas, descriptionHash]);
  const count = await read<bigint>(early, earlyAbi, "roundCount");
  const [finished, open] = [count - 1n, count];
  ctx.log(`proposal executed: early-access rounds #${finished} (NOVA) and #${open} (ORB)`);

  await ctx.travel(start - (await ctx.now()));
  for (const [index, amount] of FINISHED_COMMITS) {
    await ctx.write(index, usdc, tokenAbi, "approve", [early, parseEther(amount.toString())]);
    await ctx.write(index, early, earlyAbi, "commit", [finished, parseEther(amount.toString())]);
  }
  for (const [index, amount] of [
    [1, 3_000n],
    [5, 500n],
  ] as const) {
    await ctx.write(index, usdc, tokenAbi, "approve", [early, parseEther(amount.toString())]);
    await ctx.write(index, early, earlyAbi, "commit", [open, parseEther(amount.toString())]);
  }
  await ctx.travel(3n * DAY + 1n);
  await ctx.write(0, early, earlyAbi, "claim", [finished]);
  await ctx.write(6, early, earlyAbi, "finalize", [finished]);
  ctx.log(`round #${finished} oversubscribed, ended, finalized (account 0 claimed); round #${open} open`);
  return { finished, open, paymentToken: usdc };
}
