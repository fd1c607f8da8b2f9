import { network } from "hardhat";
import type { Contract } from "ethers";
import { E18, MAX_LOCK, MIN_LOCK, WEEK, gasOf, lockForNewAccount, rowAppender } from "./common.js";
import type { BenchRow } from "./table.js";

const SECTION = "VotingEscrow";

/**
 * Gas of the escrow's actions on a live-looking system: a few stakers already hold locks ending in the
 * weeks the measured actions write to, as on any network with more than a handful of users. Rows marked
 * "cold" show the extra cost when an action is the first to touch a week or a delegatee.
 */
export async function benchEscrow(): Promise<BenchRow[]> {
  const connection = await network.create();
  const { ethers, networkHelpers } = connection;
  const { time } = networkHelpers;
  const signers = await ethers.getSigners();
  const [deployer] = signers;
  const token = await ethers.deployContract("GovernanceToken", [
    "Lockstep",
    "LOCK",
    deployer.address,
    10n ** 12n * E18,
  ]);
  const escrow = await ethers.deployContract("VotingEscrow", [await token.getAddress(), deployer.address]);
  const escrowAddress = await escrow.getAddress();
  for (const s of signers.slice(1, 16)) {
    await token.transfer(s.address, 1_000_000n * E18);
    await token.connect(s).approve(escrowAddress, ethers.MaxUint256);
  }
  await token.approve(escrowAddress, ethers.MaxUint256);

  // Start one day into a fixed week so that the figures do not depend on today's date (an action that
  // is the first after a week boundary also reads that boundary's scheduled change).
  const start = (2_000_000_000n / WEEK + 1n) * WEEK + 24n * 3600n;
  const rows: BenchRow[] = [];
  const now = async () => BigInt(await time.latest());
  const row = rowAppender(rows, SECTION);

  // Background stakers, one lock ending in each of the 52 weeks after the start. Locks run at least
  // MIN_LOCK, so those ending in the first weeks are made before the start.
  const [, alice, bob, carol, dave, erin, frank] = signers;
  const background = async (from: bigint, to: bigint) => {
    for (let i = from; i <= to; i++) {
      const end = start - 24n * 3600n + i * WEEK;
      await lockForNewAccount(connection, escrow as unknown as Contract, deployer.address, 1_000n * E18 + i, end);
    }
  };
  await time.increaseTo(start - MIN_LOCK);
  await background(1n, 47n);
  await time.increaseTo(start);
  await background(48n, 52n);

  const unlock52 = (await now()) + MAX_LOCK;
  row(
    "createLock (first lock of an account)",
    await gasOf(escrow.connect(alice).createLock(10_000n * E18, unlock52)),
    120_000n,
  );
  row("increaseAmount", await gasOf(escrow.connect(alice).increaseAmount(1_000n * E18)), 120_000n);

  await escrow.connect(bob).createLock(5_000n * E18, (await now()) + 10n * WEEK);
  await time.increase(3600);
  row("increaseUnlockTime", await gasOf(escrow.connect(bob).increaseUnlockTime((await now()) + MAX_LOCK)), 100_000n);

  await escrow.connect(carol).createLock(5_000n * E18, (await now()) + 20n * WEEK);
  row("delegate (to another staker)", await gasOf(escrow.connect(carol).delegate(alice.address)), 120_000n);
  row(
    "delegate (cold: delegatee never used, new end week)",
    await gasOf(escrow.connect(dave).createLock(5_000n * E18, (await now()) + 52n * WEEK)).then(() =>
      gasOf(escrow.connect(dave).delegate(signers[19].address)),
    ),
    undefined,
    undefined,
    "info",
  );

  await escrow.connect(erin).createLock(5_000n * E18, (await now()) + 5n * WEEK);
  await time.increase(5n * WEEK);
  await escrow.connect(frank).createLock(5_000n * E18, (await now()) + 5n * WEEK); // keeps the total fresh
  row("withdraw", await gasOf(escrow.connect(erin).withdraw()), 75_000n);

  // 60 idle weeks, then the heaviest actions: the total and a delegatee's votes both catch up 52 weeks.
  const [, , , , , , , grace, heidi, ivan] = signers;
  await escrow.connect(grace).createLock(5_000n * E18, (await now()) + MAX_LOCK);
  await escrow.connect(grace).setAutoMax(true);
  await escrow.connect(grace).delegate(heidi.address);
  await time.increase(60n * WEEK);
  row(
    "increaseAmount after 60 idle weeks (total + delegatee catch up)",
    await gasOf(escrow.connect(grace).increaseAmount(1n * E18)),
    1_500_000n,
  );
  await time.increase(60n * WEEK);
  row(
    "createLock after 60 idle weeks",
    await gasOf(escrow.connect(ivan).createLock(1_000n * E18, (await now()) + MAX_LOCK)),
    1_500_000n,
  );

  // getPastVotes over a short and a long history of the same shape.
  const measure = async (checkpoints: number, who: (typeof signers)[number]) => {
    await escrow.connect(who).createLock(1_000n * E18, (await now()) + MAX_LOCK);
    const times: bigint[] = [];
    for (let i = 1; i < checkpoints; i++) {
      await escrow.connect(who).increaseAmount(1n);
      times.push(await now());
    }
    await time.increase(60);
    const probe = times[Math.floor(times.length / 3)];
    return escrow.getPastVotes.estimateGas(who.address, probe);
  };
  const short = await measure(10, signers[12]);
  const long = await measure(1_000, signers[13]);
  row("getPastVotes, 10 checkpoints (eth_call)", short, undefined, undefined, "info");
  row(
    "getPastVotes, 1,000 checkpoints (eth_call)",
    long,
    2n * short,
    undefined,
    `ratio ${(Number(long) / Number(short)).toFixed(2)}x (target <= 2x)`,
  );
  return rows;
}
