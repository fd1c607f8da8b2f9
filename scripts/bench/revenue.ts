import { network } from "hardhat";
import { E18, MAX_LOCK, WEEK, gasOf, rowAppender } from "./common.js";
import type { BenchRow } from "./table.js";

const SECTION = "RevenueDistributor";

/**
 * Gas of the distributor's actions on a live-looking system: several stakers with decaying and auto-max
 * locks, revenue deposited every week, lock activity in the escrow every week (so its total-score history
 * has many points) and one staker claiming weekly. Single-week claims are measured both for the first
 * claimer of a token in a week (who also finalizes the week: reads the escrow's total score at its start
 * once and stores it) and for later claimers. The 52-week claim is measured for a staker whose weeks
 * were finalized by others' weekly claims; an "info" row shows the cost when nobody finalized them.
 */
export async function benchRevenue(): Promise<BenchRow[]> {
  const { ethers, networkHelpers } = await network.create();
  const { time } = networkHelpers;
  const signers = await ethers.getSigners();
  const [deployer, treasury, alice, bob, carol, dave, erin, frank, grace, heidi] = signers;

  const lock = await ethers.deployContract("GovernanceToken", ["Lockstep", "LOCK", deployer.address, 10n ** 12n * E18]);
  const usd = await ethers.deployContract("GovernanceToken", [
    "Revenue USD",
    "rUSD",
    treasury.address,
    10n ** 12n * E18,
  ]);
  const escrow = await ethers.deployContract("VotingEscrow", [await lock.getAddress(), deployer.address]);
  const distributor = await ethers.deployContract("RevenueDistributor", [await escrow.getAddress(), deployer.address]);
  const escrowAddress = await escrow.getAddress();
  const distributorAddress = await distributor.getAddress();
  await distributor.addRewardToken(await usd.getAddress());
  await distributor.addRewardToken(await lock.getAddress());

  for (const s of [alice, bob, carol, dave, erin, frank, grace, heidi]) {
    await lock.transfer(s.address, 1_000_000n * E18);
    await lock.connect(s).approve(escrowAddress, ethers.MaxUint256);
  }
  await lock.transfer(treasury.address, 10_000_000n * E18);
  await lock.connect(treasury).approve(distributorAddress, 10n ** 30n);
  await usd.connect(treasury).approve(distributorAddress, 10n ** 30n);

  const rows: BenchRow[] = [];
  const now = async () => BigInt(await time.latest());
  const row = rowAppender(rows, SECTION);
  const toNextWeek = async (offset = 3600n) => time.increaseTo(((await now()) / WEEK + 1n) * WEEK + offset);
  const usdOnly = [await usd.getAddress()];
  const lockOnly = [await lock.getAddress()];

  // Stakers: decaying locks for alice and carol; auto-max for bob (who adds to his lock every week),
  // dave (the 52-week claimer) and erin.
  await toNextWeek();
  await escrow.connect(alice).createLock(10_000n * E18, (await now()) + MAX_LOCK);
  await escrow.connect(bob).createLock(30_000n * E18, (await now()) + MAX_LOCK);
  await escrow.connect(bob).setAutoMax(true);
  await escrow.connect(carol).createLock(5_000n * E18, (await now()) + 20n * WEEK);
  for (const s of [dave, erin]) {
    await escrow.connect(s).createLock(20_000n * E18, (await now()) + MAX_LOCK);
    await escrow.connect(s).setAutoMax(true);
  }

  // Warm-up week: alice and bob claim once, so they already hold rUSD and have claim cursors.
  await toNextWeek();
  await distributor.connect(treasury).depositRevenue(usdOnly[0], 1_000n * E18);
  await distributor.connect(treasury).depositRevenue(lockOnly[0], 1_000n * E18);
  await toNextWeek();
  await escrow.connect(bob).increaseAmount(1n * E18);
  await distributor.connect(alice).claim([...usdOnly, ...lockOnly], false);
  await distributor.connect(bob).claim([...usdOnly, ...lockOnly], false);

  // The measured week. Deposits approve the exact amount first, as wallets and DAO proposals do.
  await escrow.connect(bob).increaseAmount(1n * E18);
  await usd.connect(treasury).approve(distributorAddress, 1_000n * E18);
  row(
    "depositRevenue (first deposit of the week)",
    await gasOf(distributor.connect(treasury).depositRevenue(usdOnly[0], 1_000n * E18)),
    70_000n,
  );
  await usd.connect(treasury).approve(distributorAddress, 10n ** 30n);
  row(
    "depositRevenue (week already funded, allowance left over)",
    await gasOf(distributor.connect(treasury).depositRevenue(usdOnly[0], 500n * E18)),
    undefined,
    undefined,
    "info",
  );
  await distributor.connect(treasury).depositRevenue(lockOnly[0], 1_000n * E18);
  await toNextWeek();
  await escrow.connect(bob).increaseAmount(1n * E18);
  // Targets apply to both cases: the first claimer of a token in a week also finalizes that week (reads
  // the escrow's total score at the week's start and stores it); later claimers only read it.
  row(
    "claim 1 token, 1 finished week (first claimer: finalizes the week)",
    await gasOf(distributor.connect(alice).claim(usdOnly, false)),
    90_000n,
  );
  row(
    "claim 1 token, 1 finished week (week already finalized)",
    await gasOf(distributor.connect(bob).claim(usdOnly, false)),
    90_000n,
  );
  await distributor.connect(bob).claim(lockOnly, false);
  row(
    "claim with relock, 1 week (week already finalized)",
    await gasOf(distributor.connect(alice).claim(lockOnly, true)),
    150_000n,
  );
  await distributor.connect(treasury).depositRevenue(lockOnly[0], 1_000n * E18);
  await toNextWeek();
  await escrow.connect(bob).increaseAmount(1n * E18);
  row(
    "claim with relock, 1 week (first claimer: finalizes the week)",
    await gasOf(distributor.connect(alice).claim(lockOnly, true)),
    150_000n,
  );
  row(
    "first-ever claim of an account, 1 token (5 weeks since its first lock)",
    await gasOf(distributor.connect(carol).claim(usdOnly, false)),
    undefined,
    undefined,
    "info",
  );

  // 52 more weeks of revenue and escrow activity; alice claims weekly (finalizing each week) and dave
  // never claims. Frank and grace leave the claims of one and of 52 weeks to be measured unfinalized.
  await escrow.connect(frank).createLock(20_000n * E18, (await now()) + MAX_LOCK);
  await escrow.connect(frank).setAutoMax(true);
  await distributor.connect(dave).claim(usdOnly, false);
  await distributor.connect(frank).claim(usdOnly, false);
  let one = 0n;
  for (let i = 0; i < 52; i++) {
    await distributor.connect(treasury).depositRevenue(usdOnly[0], 1_000n * E18 + BigInt(i));
    await toNextWeek(3600n + BigInt(i));
    await escrow.connect(bob).increaseAmount(1n * E18);
    await distributor.connect(alice).claim(usdOnly, false);
    // frank: exactly one unclaimed week, finalized like dave's, the base of the per-week figure.
    if (i === 0) one = await gasOf(distributor.connect(frank).claim(usdOnly, false));
  }
  const fiftyTwo = await gasOf(distributor.connect(dave).claim(usdOnly, false));
  row("claim 1 token, 52 unclaimed weeks", fiftyTwo, 800_000n);
  row("  each additional unclaimed week", (fiftyTwo - one) / 51n, 12_000n);

  // Nobody claims for 52 weeks: the first claimer also finalizes all 52 weeks.
  await escrow.connect(grace).createLock(20_000n * E18, (await now()) + MAX_LOCK);
  await escrow.connect(grace).setAutoMax(true);
  await distributor.connect(grace).claim(usdOnly, false);
  for (let i = 0; i < 52; i++) {
    await distributor.connect(treasury).depositRevenue(usdOnly[0], 1_000n * E18);
    await toNextWeek();
    await escrow.connect(erin).increaseAmount(1n * E18);
  }
  row(
    "claim 1 token, 52 weeks nobody finalized",
    await gasOf(distributor.connect(grace).claim(usdOnly, false)),
    undefined,
    undefined,
    "info",
  );
  return rows;
}
