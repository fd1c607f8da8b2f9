/**
 * Boundary tests of VotingEscrow's amount limits and of levels exactly at their thresholds (the other
 * boundaries are in VotingEscrow.boundary.test.ts).
 */
import { expect } from "chai";

import type { GovernanceToken, VotingEscrow } from "../types/ethers-contracts/index.js";
import type { ContractTransactionResponse } from "ethers";

import {
  DEFAULT_THRESHOLDS,
  MAX_AMOUNT,
  MAX_LOCK,
  ONE,
  WEEK,
  epochStart,
  levelFor,
  scoreAt,
  slopeOf,
} from "./helpers/escrowFixture.js";
import {
  ethers,
  networkHelpers,
  time,
  f,
  escrow,
  token,
  escrowAddress,
  alice,
  W,
  latest,
  at,
  lockAt,
  inOneBlock,
  useEscrowFixture,
} from "./helpers/escrowSuite.js";

/**
 * A lock amount and a distance `d` to its end such that the lock's score at `end - d` is exactly `target`:
 * score = a + floor(a / MAX_LOCK) * d. With k = floor(target / (MAX_LOCK + d)) and a = target - k * d this
 * holds whenever target mod (MAX_LOCK + d) < MAX_LOCK, so try d from `maxD` down.
 */
function lockForScore(target: bigint, maxD: bigint): { amount: bigint; d: bigint } {
  for (let d = maxD; d > 0n; d--) {
    if (target % (MAX_LOCK + d) < MAX_LOCK) {
      const k = target / (MAX_LOCK + d);
      const amount = target - k * d;
      if (slopeOf(amount) === k) return { amount, d };
    }
  }
  throw new Error(`no lock reaches ${target}`);
}

describe("VotingEscrow boundaries: amounts and levels", function () {
  useEscrowFixture();

  describe("amount limits", function () {
    it("test_CreateLock_ExactlyMaxAmount", async function () {
      const [holder] = f.others;
      const big = (await ethers.deployContract("GovernanceToken", [
        "Big",
        "BIG",
        holder.address,
        MAX_AMOUNT + 1n,
      ])) as unknown as GovernanceToken;
      const bigEscrow = (await ethers.deployContract("VotingEscrow", [
        await big.getAddress(),
        f.admin.address,
      ])) as unknown as VotingEscrow;
      await big.connect(holder).approve(await bigEscrow.getAddress(), ethers.MaxUint256);
      const t = epochStart(await latest()) + WEEK;
      await at(t);
      await bigEscrow.connect(holder).createLock(MAX_AMOUNT, t + MAX_LOCK);
      const lock = { amount: MAX_AMOUNT, end: t + MAX_LOCK, autoMax: false };
      expect(await bigEscrow.balanceOf(holder.address)).to.equal(scoreAt(lock, t));
      expect(await bigEscrow.totalSupply()).to.equal(scoreAt(lock, t));
      expect(scoreAt(lock, t)).to.be.lte(2n ** 112n - 1n);
      await bigEscrow.connect(holder).setAutoMax(true);
      expect(await bigEscrow.totalSupply()).to.equal(MAX_AMOUNT + slopeOf(MAX_AMOUNT) * MAX_LOCK);
      await expect(bigEscrow.connect(holder).increaseAmount(1n))
        .to.be.revertedWithCustomError(bigEscrow, "VotingEscrowAmountTooLarge")
        .withArgs(MAX_AMOUNT + 1n, MAX_AMOUNT);
    });
    it("test_RevertWhen_TheTotalScoreWouldExceedItsStorage", async function () {
      const [holder, other] = f.others;
      const big = (await ethers.deployContract("GovernanceToken", [
        "Big",
        "BIG",
        holder.address,
        2n * MAX_AMOUNT,
      ])) as unknown as GovernanceToken;
      const bigEscrow = (await ethers.deployContract("VotingEscrow", [
        await big.getAddress(),
        f.admin.address,
      ])) as unknown as VotingEscrow;
      await big.connect(holder).transfer(other.address, MAX_AMOUNT);
      for (const s of [holder, other]) await big.connect(s).approve(await bigEscrow.getAddress(), ethers.MaxUint256);
      const t = epochStart(await latest()) + WEEK;
      await at(t);
      await bigEscrow.connect(holder).createLock(MAX_AMOUNT, t + 51n * WEEK);
      const first = { amount: MAX_AMOUNT, end: t + 51n * WEEK, autoMax: false };
      await at(t + 1n);
      const second = { amount: MAX_AMOUNT / 4n, end: t + 51n * WEEK, autoMax: false };
      await expect(bigEscrow.connect(other).createLock(second.amount, second.end))
        .to.be.revertedWithCustomError(bigEscrow, "StakingScoreTotalTooLarge")
        .withArgs(scoreAt(first, t + 1n) + scoreAt(second, t + 1n), 2n ** 112n - 1n);
    });
  });

  describe("levels at thresholds", function () {
    it("test_Level_ScoreEqualToThresholdReachesItAndOneLessDoesNot", async function () {
      await token.connect(f.deployer).approve(escrowAddress, ethers.MaxUint256);
      const t = W + 1n;
      const end = epochStart(t + MAX_LOCK);
      const maxD = end - t - 1n;
      const cases: { account: string; score: bigint; level: bigint; amount: bigint; d: bigint }[] = [];
      DEFAULT_THRESHOLDS.forEach((threshold, i) => {
        for (const [score, level] of [
          [threshold, BigInt(i + 1)],
          [threshold - 1n, BigInt(i)],
        ] as const) {
          const { amount, d } = lockForScore(score, maxD);
          const account = ethers.getAddress("0x" + (0x1000 + cases.length).toString(16).padStart(40, "0"));
          cases.push({ account, score, level, amount, d });
        }
      });
      // Each account allows the deployer to create its lock (docs/spec.md §2: consent), before the measured block.
      for (const c of cases) {
        await networkHelpers.impersonateAccount(c.account);
        await networkHelpers.setBalance(c.account, ONE);
        await escrow.connect(await ethers.getSigner(c.account)).setLockCreator(f.deployer.address, true);
        await networkHelpers.stopImpersonatingAccount(c.account);
      }
      await inOneBlock(t, async () => {
        const txs: ContractTransactionResponse[] = [];
        for (const c of cases)
          txs.push(await escrow.connect(f.deployer).createLockFor(c.account, c.amount, end, { gasLimit: 400_000n }));
        return txs;
      });
      for (const c of cases) {
        const x = end - c.d;
        expect(await escrow.balanceOfAt(c.account, x), `score of ${c.score}`).to.equal(c.score);
        expect(await escrow.levelAt(c.account, x), `level at ${c.score}`).to.equal(c.level);
        expect(c.level).to.equal(levelFor(c.score, DEFAULT_THRESHOLDS));
      }
      // levelOf at the exact second the first threshold is met, and the second after.
      const first = cases[0];
      await time.increaseTo(end - first.d);
      expect(await escrow.balanceOf(first.account)).to.equal(DEFAULT_THRESHOLDS[0]);
      expect(await escrow.levelOf(first.account)).to.equal(1n);
      await time.increaseTo(end - first.d + 1n);
      expect(await escrow.levelOf(first.account)).to.equal(0n);
      expect(await escrow.levelAt(first.account, end - first.d)).to.equal(1n);
    });

    it("test_Level_AdminThresholdsAtAnExactAutoMaxScore", async function () {
      await lockAt(alice, 1_234n * ONE + 5n, W + 10n * WEEK, W + 1n);
      await escrow.connect(alice).setAutoMax(true);
      const s = await escrow.balanceOf(alice.address);
      expect(s).to.equal(1_234n * ONE + 5n + slopeOf(1_234n * ONE + 5n) * MAX_LOCK);
      // Level 4 is exactly alice's score; level 5 is one more.
      const thresholds = [s - 4n, s - 3n, s - 2n, s, s + 1n, s + 2n, s + 3n, s + 4n, s + 5n, s + 6n];
      await escrow.connect(f.admin).setLevelThresholds(thresholds);
      expect(await escrow.levelOf(alice.address)).to.equal(4n);
      const shifted = thresholds.map((x) => x + 1n);
      await escrow.connect(f.admin).setLevelThresholds(shifted);
      expect(await escrow.levelOf(alice.address)).to.equal(3n);
      expect(await escrow.levelAt(alice.address, W + 100n * WEEK)).to.equal(3n);
    });
  });
});
