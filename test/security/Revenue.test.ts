import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import { network } from "hardhat";

import { deployRevenueFixture, type RevenueFixture } from "../helpers/revenueFixture.js";
import { MIN_LOCK, ONE, WEEK, epochStart } from "./helpers.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;

const GAS = { gasLimit: 2_000_000n };

describe("Security: revenue sharing", function () {
  let f: RevenueFixture;

  const latest = async () => BigInt(await time.latest());
  /** The next week boundary after the latest block. */
  const nextWeek = async () => epochStart(await latest()) + WEEK;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(deployRevenueFixture);
  });

  /** Mines the given transactions, sent with automine off, in one block at `t`; returns their receipts. */
  async function inOneBlock(t: bigint, ...send: (() => Promise<ContractTransactionResponse>)[]) {
    await connection.provider.request({ method: "evm_setAutomine", params: [false] });
    try {
      const txs: ContractTransactionResponse[] = [];
      for (const s of send) txs.push(await s());
      await time.setNextBlockTimestamp(t);
      await networkHelpers.mine(1);
      const receipts = await Promise.all(txs.map((tx) => tx.wait()));
      for (const r of receipts) expect(r!.blockNumber).to.equal(receipts[0]!.blockNumber);
      return receipts;
    } finally {
      await connection.provider.request({ method: "evm_setAutomine", params: [true] });
    }
  }

  describe("week-start same-second deposit", function () {
    beforeEach(async function () {
      // An honest staker, so the week has a total score.
      await f.escrow.connect(f.alice).createLock(100_000n * ONE, (await latest()) + 52n * WEEK);
    });

    it("test_ALockInTheFirstSecondOfAWeekGetsNoShareOfADepositInTheSameBlock", async function () {
      const W = await nextWeek();
      const revenue = 1_000n * ONE;
      const [deposit] = await inOneBlock(
        W,
        () => f.distributor.depositRevenue(f.usdAddress, revenue, GAS),
        () => f.escrow.connect(f.bob).createLock(1_000_000n * ONE, W + 52n * WEEK, GAS),
      );
      // The lock has a full score at the week's start, which week W's revenue is shared by...
      expect(await f.escrow.balanceOfAt(f.bob.address, W)).to.be.greaterThan(0n);
      // ...so revenue received in that second goes to the next week.
      const event = deposit!.logs
        .map((l) => f.distributor.interface.parseLog(l))
        .find((e) => e?.name === "RevenueDeposited");
      expect(event!.args.week).to.equal(W + WEEK);
      expect(await f.distributor.revenueAt(f.usdAddress, W)).to.equal(0n);
      expect(await f.distributor.revenueAt(f.usdAddress, W + WEEK)).to.equal(revenue);

      await time.increaseTo(W + WEEK + 1n);
      expect(await f.distributor.claimable(f.bob.address, f.usdAddress)).to.equal(0n);
      // Week W + 1 is shared by the stakers at its start, bob included: he staked through all of week W.
      await time.increaseTo(W + 2n * WEEK + 1n);
      const total = await f.escrow.totalSupplyAt(W + WEEK);
      const bobScore = await f.escrow.balanceOfAt(f.bob.address, W + WEEK);
      const aliceScore = await f.escrow.balanceOfAt(f.alice.address, W + WEEK);
      expect(await f.distributor.claimable(f.bob.address, f.usdAddress)).to.equal((revenue * bobScore) / total);
      expect(await f.distributor.claimable(f.alice.address, f.usdAddress)).to.equal((revenue * aliceScore) / total);
    });

    it("test_ALockInTheFirstSecondOfAWeekGetsNoShareOfACheckpointInTheSameBlock", async function () {
      const W = await nextWeek();
      const revenue = 1_000n * ONE;
      const [, checkpoint] = await inOneBlock(
        W,
        () => f.usd.transfer(f.distributorAddress, revenue, GAS),
        () => f.distributor.checkpoint(f.usdAddress, GAS),
        () => f.escrow.connect(f.bob).createLock(1_000_000n * ONE, W + 52n * WEEK, GAS),
      );
      const event = checkpoint!.logs
        .map((l) => f.distributor.interface.parseLog(l))
        .find((e) => e?.name === "RevenueDeposited");
      expect(event!.args.week).to.equal(W + WEEK);
      expect(await f.distributor.revenueAt(f.usdAddress, W)).to.equal(0n);
      expect(await f.distributor.accountedBalance(f.usdAddress)).to.equal(revenue);
      await time.increaseTo(W + WEEK + 1n);
      expect(await f.distributor.claimable(f.bob.address, f.usdAddress)).to.equal(0n);
    });
  });

  describe("zero-supply weeks (Curve fee distributor)", function () {
    it("test_RevenueOfWeeksWithoutStakersRollsOverAndNothingIsStuck", async function () {
      // Curve's FeeDistributor leaves fees of a week with no veCRV in the contract for good.
      const A = await nextWeek();
      await time.increaseTo(A + 100n);
      const revenue = 5_000n * ONE;
      await f.distributor.depositRevenue(f.usdAddress, revenue);
      expect(await f.escrow.totalSupplyAt(A)).to.equal(0n);
      // The first lock comes after the next week has started, so that week has no stakers either.
      await time.increaseTo(A + WEEK + 100n);
      await f.escrow.connect(f.alice).createLock(1_000n * ONE, A + 40n * WEEK);
      expect(await f.escrow.totalSupplyAt(A + WEEK)).to.equal(0n);

      await time.increaseTo(A + 3n * WEEK + 1n);
      expect(await f.distributor.claimable(f.alice.address, f.usdAddress)).to.equal(revenue);
      const before = await f.usd.balanceOf(f.alice.address);
      const tx = f.distributor.connect(f.alice).claim([f.usdAddress], false);
      await expect(tx)
        .to.emit(f.distributor, "RevenueRolledOver")
        .withArgs(f.usdAddress, A, A + WEEK, revenue);
      await expect(tx)
        .to.emit(f.distributor, "RevenueRolledOver")
        .withArgs(f.usdAddress, A + WEEK, A + 2n * WEEK, revenue);
      expect(await f.usd.balanceOf(f.alice.address)).to.equal(before + revenue);
      expect(await f.usd.balanceOf(f.distributorAddress)).to.equal(0n);
      expect(await f.distributor.accountedBalance(f.usdAddress)).to.equal(0n);
    });
  });

  describe("relock into a short lock", function () {
    let C: bigint;
    let end: bigint;
    const revenue = 1_000n * ONE;

    beforeEach(async function () {
      // alice's lock ends 6 weeks after week C starts; lock-token revenue arrives in week C + 1.
      C = await nextWeek();
      end = C + 6n * WEEK;
      await time.increaseTo(C + 100n);
      await f.escrow.connect(f.alice).createLock(10_000n * ONE, end);
      await time.increaseTo(C + WEEK + 100n);
      await f.distributor.depositRevenue(f.lockAddress, revenue);
    });

    it("test_RevertWhen_RelockingIntoALockEndingWithinMinLock", async function () {
      // One second into week C + 2 the lock ends less than MIN_LOCK away: relocked revenue could vote and leave.
      const t = C + 2n * WEEK + 1n;
      await time.setNextBlockTimestamp(t);
      await expect(f.distributor.connect(f.alice).claim([f.lockAddress], true))
        .to.be.revertedWithCustomError(f.distributor, "RevenueDistributorLockTooShort")
        .withArgs(f.alice.address, end, t + MIN_LOCK);
      // Paying out still works.
      const before = await f.token.balanceOf(f.alice.address);
      await f.distributor.connect(f.alice).claim([f.lockAddress], false);
      expect(await f.token.balanceOf(f.alice.address)).to.equal(before + revenue);
    });

    it("test_RelockingIntoALockEndingExactlyMinLockAwayWorks", async function () {
      await time.setNextBlockTimestamp(C + 2n * WEEK);
      expect(end).to.equal(C + 2n * WEEK + MIN_LOCK);
      await expect(f.distributor.connect(f.alice).claim([f.lockAddress], true))
        .to.emit(f.escrow, "LockIncreased")
        .withArgs(f.alice.address, f.distributorAddress, revenue, 10_000n * ONE + revenue);
    });

    it("test_RelockingAfterExtendingTheLockWorks", async function () {
      const t = C + 2n * WEEK + 1n;
      await time.setNextBlockTimestamp(t);
      await f.escrow.connect(f.alice).increaseUnlockTime(end + 4n * WEEK);
      await expect(f.distributor.connect(f.alice).claim([f.lockAddress], true))
        .to.emit(f.escrow, "LockIncreased")
        .withArgs(f.alice.address, f.distributorAddress, revenue, 10_000n * ONE + revenue);
    });
  });
});
