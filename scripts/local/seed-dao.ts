import { encodeFunctionData, keccak256, parseEther, toHex, type Abi, type Address, type Hex } from "viem";
import { DAY, WEEK } from "../../shared/protocol.ts";
import { devAccount } from "./accounts.ts";
import { readArtifact } from "./artifacts.ts";
import type { SeedContext } from "./seed-context.ts";

type Proposal = { targets: Address[]; values: bigint[]; calldatas: Hex[]; description: string; id: bigint };

/**
 * Revenue in two tokens over several weeks and proposals in every state (executed, defeated, queued,
 * succeeded, active, pending), using the local profile's minute-scale governance delays.
 */
export async function seedDao(ctx: SeedContext) {
  const c = ctx.deployment.contracts;
  const token = c.GovernanceToken.address;
  const distributor = c.RevenueDistributor.address;
  const governor = c.LockstepGovernor.address;
  const timelock = c.TimelockController.address;
  const tokenAbi = readArtifact("GovernanceToken").abi;
  const distributorAbi = readArtifact("RevenueDistributor").abi;
  const governorAbi = readArtifact("LockstepGovernor").abi;
  const escrowAbi = readArtifact("VotingEscrow").abi;
  const read = <T>(address: Address, abi: Abi, functionName: string, args: unknown[] = []) =>
    ctx.client.readContract({ address, abi, functionName, args }) as Promise<T>;
  const [votingDelay, votingPeriod] = await Promise.all([
    read<bigint>(governor, governorAbi, "votingDelay"),
    read<bigint>(governor, governorAbi, "votingPeriod"),
  ]);
  const timelockDelay = await read<bigint>(timelock, readArtifact("TimelockController").abi, "getMinDelay");

  // A second reward token: a demo stablecoin held by the deployer.
  const usd = await ctx.deploy(0, "GovernanceToken", [
    "Demo USD",
    "dUSD",
    devAccount(0).address,
    parseEther("10000000"),
  ]);
  ctx.log(`deployed Demo USD at ${usd}`);

  const propose = async (from: number, actions: { target: Address; data: Hex }[], description: string) => {
    const p: Proposal = {
      targets: actions.map((a) => a.target),
      values: actions.map(() => 0n),
      calldatas: actions.map((a) => a.data),
      description,
      id: 0n,
    };
    await ctx.write(from, governor, governorAbi, "propose", [p.targets, p.values, p.calldatas, p.description]);
    p.id = await read<bigint>(governor, governorAbi, "hashProposal", [
      p.targets,
      p.values,
      p.calldatas,
      keccak256(toHex(p.description)),
    ]);
    return p;
  };
  const vote = (from: number, p: Proposal, support: 0 | 1 | 2, reason: string) =>
    ctx.write(from, governor, governorAbi, "castVoteWithReason", [p.id, support, reason]);
  const queue = (p: Proposal) =>
    ctx.write(0, governor, governorAbi, "queue", [p.targets, p.values, p.calldatas, keccak256(toHex(p.description))]);
  const execute = (p: Proposal) =>
    ctx.write(0, governor, governorAbi, "execute", [p.targets, p.values, p.calldatas, keccak256(toHex(p.description))]);
  const call = (abi: Abi, functionName: string, args: unknown[]) => encodeFunctionData({ abi, functionName, args });

  // Executed: add Demo USD as a reward token.
  const addUsd = await propose(
    1,
    [{ target: distributor, data: call(distributorAbi, "addRewardToken", [usd]) }],
    "# Add Demo USD as a reward token\n\nShare protocol fees paid in dUSD with stakers, week by week.",
  );
  await ctx.travel(votingDelay + 1n);
  await vote(0, addUsd, 1, "Stablecoin revenue makes the yield easy to read.");
  await vote(1, addUsd, 1, "");
  await vote(3, addUsd, 2, "No strong opinion.");
  await ctx.travel(votingPeriod + 1n);
  await queue(addUsd);
  await ctx.travel(timelockDelay + 1n);
  await execute(addUsd);
  ctx.log("proposal executed: Demo USD is a reward token");

  // Defeated: a treasury grant the whale votes down.
  const grant = await propose(
    1,
    [{ target: token, data: call(tokenAbi, "transfer", [devAccount(7).address, parseEther("250000")]) }],
    "# Grant 250,000 LOCK to the marketing guild\n\nA one-off grant from the treasury for a launch campaign.",
  );
  await ctx.travel(votingDelay + 1n);
  await vote(0, grant, 0, "Too large for an unproven team.");
  await vote(1, grant, 1, "Growth needs a budget.");
  await ctx.travel(votingPeriod + 1n);
  ctx.log("proposal defeated: marketing grant");

  // Revenue: four weeks of deposits in both tokens, with claims along the way.
  await ctx.write(0, token, tokenAbi, "approve", [distributor, parseEther("1000000")]);
  await ctx.write(0, usd, tokenAbi, "approve", [distributor, parseEther("1000000")]);
  const weekly = [
    [parseEther("40000"), parseEther("12000")],
    [parseEther("55000"), parseEther("15000")],
    [parseEther("35000"), parseEther("18000")],
    [parseEther("60000"), parseEther("21000")],
  ];
  for (const [index, [lockRevenue, usdRevenue]] of weekly.entries()) {
    await ctx.write(0, distributor, distributorAbi, "depositRevenue", [token, lockRevenue]);
    await ctx.write(0, distributor, distributorAbi, "depositRevenue", [usd, usdRevenue]);
    await ctx.travel(WEEK);
    if (index === 2) {
      await ctx.write(3, distributor, distributorAbi, "claim", [[token, usd], false]);
      await ctx.write(5, distributor, distributorAbi, "claim", [[token], true]);
    }
  }
  ctx.log("deposited 4 weeks of revenue in LOCK and dUSD; 2 claims (one re-locked)");

  // Account 4's shortest possible lock expires about now: it shows the withdraw flow. Account 3 extends its lock.
  const [, end4] = await read<readonly [bigint, bigint, boolean]>(c.VotingEscrow.address, escrowAbi, "locked", [
    devAccount(4).address,
  ]);
  // One more deposit in the last day before it (a week boundary), so the demo opens right after a finished week
  // with revenue: the Rewards page's "last week" yield and the claimable amounts are not zero.
  if ((await ctx.now()) < end4 - DAY) await ctx.travel(end4 - DAY - (await ctx.now()));
  if ((await ctx.now()) < end4) {
    await ctx.write(0, distributor, distributorAbi, "depositRevenue", [token, parseEther("45000")]);
    await ctx.write(0, distributor, distributorAbi, "depositRevenue", [usd, parseEther("16000")]);
    ctx.log("deposited revenue in the last day before the demo's week");
    await ctx.travel(end4 - (await ctx.now()));
  }
  const now = await ctx.now();
  await ctx.write(3, c.VotingEscrow.address, escrowAbi, "increaseUnlockTime", [now + 20n * WEEK]);

  // Queued and succeeded.
  const thresholds = await read<readonly bigint[]>(c.VotingEscrow.address, escrowAbi, "levelThresholds");
  const lowered = thresholds.map((t) => (t * 9n) / 10n);
  const queued = await propose(
    1,
    [{ target: c.VotingEscrow.address, data: call(escrowAbi, "setLevelThresholds", [lowered]) }],
    "# Lower every level threshold by 10%\n\nMore stakers reach the early-access levels.",
  );
  const succeeded = await propose(
    1,
    [{ target: token, data: call(tokenAbi, "transfer", [devAccount(3).address, parseEther("20000")]) }],
    "# Pay 20,000 LOCK to the audit contest winner\n\nReward for the critical finding in the distributor review.",
  );
  await ctx.travel(votingDelay + 1n);
  for (const p of [queued, succeeded]) {
    await vote(0, p, 1, "Reasonable.");
    await vote(1, p, 1, "");
  }
  await ctx.travel(votingPeriod + 1n);
  await queue(queued);
  ctx.log("proposals queued and succeeded");

  // Active and pending (they change state after the local profile's minutes pass).
  const active = await propose(
    1,
    [{ target: distributor, data: call(distributorAbi, "removeRewardToken", [usd]) }],
    "# Stop new Demo USD deposits\n\nClaims of past dUSD revenue stay available.",
  );
  await ctx.travel(votingDelay + 1n);
  await vote(3, active, 0, "dUSD revenue is the best part of staking.");
  await propose(
    5,
    [{ target: token, data: call(tokenAbi, "transfer", [devAccount(5).address, parseEther("1000")]) }],
    "# Fund the community call with 1,000 LOCK\n\nSnacks and a speaker fee.",
  ).catch(async () => {
    // Account 5 may lack the proposal threshold; Alice proposes instead.
    return propose(
      1,
      [{ target: token, data: call(tokenAbi, "transfer", [devAccount(5).address, parseEther("1000")]) }],
      "# Fund the community call with 1,000 LOCK\n\nSnacks and a speaker fee.",
    );
  });
  ctx.log("proposals active and pending");
}
