import { expect } from "chai";
import { network } from "hardhat";

import type { GovernanceToken, RevenueDistributor } from "../types/ethers-contracts/index.js";
import { MAX_LOCK, ONE, WEEK, epochStart, scoreAt, type EscrowFixture } from "./helpers/escrowFixture.js";
import { deployRevenueFixture, weekHelpers, type RevenueFixture } from "./helpers/revenueFixture.js";

/**
 * Stories a staker would tell, checked against the SPEC formula (share = revenue * score at the start of
 * the week / total score at the start of the week), with the scores computed from docs/spec.md §2, not read back
 * from the escrow.
 */
const { networkHelpers } = await network.create();
const { time } = networkHelpers;

let f: RevenueFixture;
let d: RevenueDistributor;

const { now, nextWeek } = weekHelpers(time);

/** What `claim` pays `account` in `token`: the balance change. */
async function claimed(account: EscrowFixture["alice"], token: GovernanceToken, relock = false): Promise<bigint> {
  const before = await token.balanceOf(account.address);
  await d.connect(account).claim([await token.getAddress()], relock);
  return (await token.balanceOf(account.address)) - before;
}

/** An amount whose slope (amount / MAX_LOCK) is exact, so auto-max scores are exactly twice the amount. */
const UNIT = MAX_LOCK * 10n ** 12n;

describe("RevenueDistributor (scenarios)", function () {
  beforeEach(async function () {
    f = await networkHelpers.loadFixture(deployRevenueFixture);
    d = f.distributor;
  });

  it("test_Scenario_LockAfterDepositEarnsNothingFromThatWeek", async function () {
    await f.escrow.connect(f.alice).createLock(1_000n * ONE, (await now()) + MAX_LOCK);
    const week = await nextWeek();
    await d.depositRevenue(f.usdAddress, 1_000n * ONE);
    await f.escrow.connect(f.carol).createLock(1_000_000n * ONE, (await now()) + MAX_LOCK);
    await nextWeek();

    expect(await d.claimable(f.carol.address, f.usdAddress)).to.equal(0n);
    expect(await claimed(f.carol, f.usd)).to.equal(0n);
    // alice was the only staker at the start of the week: all of it is hers.
    expect(await claimed(f.alice, f.usd)).to.equal(1_000n * ONE);
    expect(await d.lastClaimedWeek(f.carol.address, f.usdAddress)).to.equal(week);
  });

  it("test_Scenario_ScoresOneToThreeReceiveOneToThree", async function () {
    for (const [who, amount] of [
      [f.alice, UNIT],
      [f.bob, 3n * UNIT],
    ] as const) {
      await f.escrow.connect(who).createLock(amount, (await now()) + MAX_LOCK);
      await f.escrow.connect(who).setAutoMax(true);
      expect(scoreAt({ amount, end: 0n, autoMax: true }, await now())).to.equal(2n * amount);
    }
    await nextWeek();
    await d.depositRevenue(f.usdAddress, 4_000n * ONE);
    await nextWeek();
    expect(await claimed(f.alice, f.usd)).to.equal(1_000n * ONE);
    expect(await claimed(f.bob, f.usd)).to.equal(3_000n * ONE);
    expect(await f.usd.balanceOf(await d.getAddress())).to.equal(0n);
  });

  it("test_Scenario_DecayingScoresShareEachWeekByScoresAtItsStart", async function () {
    const aliceLock = { amount: 1_000n * ONE, end: 0n, autoMax: false };
    const bobLock = { amount: 2_000n * ONE, end: 0n, autoMax: false };
    await f.escrow.connect(f.alice).createLock(aliceLock.amount, (await now()) + MAX_LOCK);
    await f.escrow.connect(f.bob).createLock(bobLock.amount, (await now()) + 10n * WEEK);
    aliceLock.end = (await f.escrow.locked(f.alice.address))[1];
    bobLock.end = (await f.escrow.locked(f.bob.address))[1];
    const weeks: bigint[] = [];
    for (let i = 0; i < 3; i++) {
      weeks.push(await nextWeek());
      await d.depositRevenue(f.usdAddress, 999n * ONE);
    }
    await nextWeek();
    let expectedAlice = 0n;
    let expectedBob = 0n;
    for (const w of weeks) {
      const a = scoreAt(aliceLock, w);
      const b = scoreAt(bobLock, w);
      expectedAlice += (999n * ONE * a) / (a + b);
      expectedBob += (999n * ONE * b) / (a + b);
    }
    expect(await claimed(f.alice, f.usd)).to.equal(expectedAlice);
    expect(await claimed(f.bob, f.usd)).to.equal(expectedBob);
    // What rounding left behind is at most one wei per account per week.
    const dust = await f.usd.balanceOf(await d.getAddress());
    expect(dust).to.equal(3n * 999n * ONE - expectedAlice - expectedBob);
    expect(dust).to.be.lessThanOrEqual(2n * 3n);
  });

  it("test_Scenario_WeeksWithoutStakersRollForwardAndNothingIsStuck", async function () {
    const w0 = epochStart(await now());
    expect(await f.escrow.totalSupplyAt(w0)).to.equal(0n);
    await d.depositRevenue(f.usdAddress, 100n * ONE);
    const w1 = await nextWeek();
    await d.depositRevenue(f.usdAddress, 50n * ONE);
    // The first lock comes after the start of w1, so w0 and w1 both have a total score of zero.
    await f.escrow.connect(f.alice).createLock(1_000n * ONE, (await now()) + MAX_LOCK);
    const w2 = await nextWeek();
    expect(await d.claimable(f.alice.address, f.usdAddress)).to.equal(0n);
    await nextWeek();

    expect(await d.claimable(f.alice.address, f.usdAddress)).to.equal(150n * ONE);
    await expect(d.connect(f.alice).claim([f.usdAddress], false))
      .to.emit(d, "RevenueRolledOver")
      .withArgs(f.usdAddress, w0, w1, 100n * ONE)
      .and.to.emit(d, "RevenueRolledOver")
      .withArgs(f.usdAddress, w1, w2, 150n * ONE)
      .and.to.emit(d, "RevenueClaimed")
      .withArgs(f.alice.address, f.usdAddress, 150n * ONE, false, w2);
    expect(await f.usd.balanceOf(f.alice.address)).to.equal(150n * ONE);
    expect(await f.usd.balanceOf(await d.getAddress())).to.equal(0n);
  });

  it("test_Scenario_SecondClaimInAWeekPaysZero", async function () {
    await f.escrow.connect(f.alice).createLock(1_000n * ONE, (await now()) + MAX_LOCK);
    await f.escrow.connect(f.bob).createLock(1_000n * ONE, (await now()) + MAX_LOCK);
    await nextWeek();
    await d.depositRevenue(f.usdAddress, 1_000n * ONE);
    await nextWeek();
    expect(await claimed(f.alice, f.usd)).to.equal(500n * ONE);
    // More revenue this week does not change that: it belongs to a week that has not finished.
    await d.depositRevenue(f.usdAddress, 1_000n * ONE);
    expect(await claimed(f.alice, f.usd)).to.equal(0n);
    await time.increase(3n * 24n * 3600n);
    expect(await claimed(f.alice, f.usd)).to.equal(0n);
  });

  it("test_Scenario_WeekBecomesClaimableExactlyAtItsEnd", async function () {
    await f.escrow.connect(f.alice).createLock(1_000n * ONE, (await now()) + MAX_LOCK);
    const week = await nextWeek();
    await d.depositRevenue(f.usdAddress, 700n * ONE);
    await time.setNextBlockTimestamp(week + WEEK - 1n);
    expect(await claimed(f.alice, f.usd)).to.equal(0n);
    await time.setNextBlockTimestamp(week + WEEK);
    expect(await claimed(f.alice, f.usd)).to.equal(700n * ONE);
    expect(await now()).to.equal(week + WEEK);
  });

  it("test_Scenario_DepositInAWeeksFirstSecondBelongsToTheNextWeek", async function () {
    await f.escrow.connect(f.alice).createLock(1_000n * ONE, (await now()) + MAX_LOCK);
    const week = epochStart(await now()) + WEEK;
    await time.setNextBlockTimestamp(week);
    // A lock made in that same second has a score at the week's start; the revenue waits a week instead.
    await expect(d.depositRevenue(f.usdAddress, 700n * ONE))
      .to.emit(d, "RevenueDeposited")
      .withArgs(f.usdAddress, week + WEEK, 700n * ONE, f.deployer.address);
    expect(await d.revenueAt(f.usdAddress, week)).to.equal(0n);
    await nextWeek();
    expect(await d.claimable(f.alice.address, f.usdAddress)).to.equal(0n);
    await nextWeek();
    expect(await claimed(f.alice, f.usd)).to.equal(700n * ONE);
  });

  it("test_Scenario_DepositOneSecondIntoAWeekBelongsToThatWeek", async function () {
    await f.escrow.connect(f.alice).createLock(1_000n * ONE, (await now()) + MAX_LOCK);
    const week = epochStart(await now()) + WEEK;
    await time.setNextBlockTimestamp(week + 1n);
    await expect(d.depositRevenue(f.usdAddress, 700n * ONE))
      .to.emit(d, "RevenueDeposited")
      .withArgs(f.usdAddress, week, 700n * ONE, f.deployer.address);
    await nextWeek();
    expect(await claimed(f.alice, f.usd)).to.equal(700n * ONE);
  });

  it("test_Scenario_SixtyUnclaimedWeeksPayEverythingOverTwoCalls", async function () {
    await f.escrow.connect(f.alice).createLock(UNIT, (await now()) + MAX_LOCK);
    await f.escrow.connect(f.alice).setAutoMax(true);
    await f.escrow.connect(f.bob).createLock(UNIT, (await now()) + MAX_LOCK);
    await f.escrow.connect(f.bob).setAutoMax(true);
    let deposited = 0n;
    for (let i = 0n; i < 60n; i++) {
      await nextWeek();
      await d.depositRevenue(f.usdAddress, 10n * ONE + 2n * i);
      deposited += 10n * ONE + 2n * i;
    }
    await nextWeek();
    // Equal scores: each gets half of every week, exactly (all amounts are even).
    expect(await d.claimable(f.alice.address, f.usdAddress)).to.equal(deposited / 2n);
    const first = await claimed(f.alice, f.usd);
    expect(first).to.be.greaterThan(0n);
    expect(first).to.be.lessThan(deposited / 2n);
    expect(await d.claimable(f.alice.address, f.usdAddress)).to.equal(deposited / 2n - first);
    const second = await claimed(f.alice, f.usd);
    expect(first + second).to.equal(deposited / 2n);
    expect(await claimed(f.alice, f.usd)).to.equal(0n);
    // bob's share waited untouched.
    expect(await d.claimable(f.bob.address, f.usdAddress)).to.equal(deposited / 2n);
  });

  it("test_Scenario_RelockAddsExactlyTheGovernanceTokenShare", async function () {
    await f.escrow.connect(f.alice).createLock(UNIT, (await now()) + MAX_LOCK);
    await f.escrow.connect(f.bob).createLock(3n * UNIT, (await now()) + MAX_LOCK);
    const [, end] = await f.escrow.locked(f.alice.address);
    await nextWeek();
    await d.depositRevenue(f.lockAddress, 400n * ONE);
    await d.depositRevenue(f.usdAddress, 40n * ONE);
    await nextWeek();
    // Same end and exact slopes: scores 1:3 at every moment.
    const wallet = await f.token.balanceOf(f.alice.address);
    await d.connect(f.alice).claim([f.lockAddress, f.usdAddress], true);
    expect(await f.escrow.locked(f.alice.address)).to.deep.equal([UNIT + 100n * ONE, end, false]);
    expect(await f.token.balanceOf(f.alice.address)).to.equal(wallet);
    expect(await f.usd.balanceOf(f.alice.address)).to.equal(10n * ONE);
    // bob takes his share as a payout instead.
    expect(await claimed(f.bob, f.token)).to.equal(300n * ONE);
    expect((await f.escrow.locked(f.bob.address))[0]).to.equal(3n * UNIT);
  });

  it("test_Scenario_RemovedTokenKeepsEarlierWeeksClaimable", async function () {
    await f.escrow.connect(f.alice).createLock(1_000n * ONE, (await now()) + MAX_LOCK);
    await nextWeek();
    await d.depositRevenue(f.usdAddress, 300n * ONE);
    await d.connect(f.admin).removeRewardToken(f.usdAddress);
    await nextWeek();
    await nextWeek();
    expect(await d.claimable(f.alice.address, f.usdAddress)).to.equal(300n * ONE);
    expect(await claimed(f.alice, f.usd)).to.equal(300n * ONE);
    expect(await d.rewardTokens()).to.include(f.usdAddress);
  });
});
