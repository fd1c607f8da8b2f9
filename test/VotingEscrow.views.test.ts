/**
 * Unit tests of VotingEscrow's score, total and level views, and of setLevelThresholds.
 */
import { expect } from "chai";

import {
  DEFAULT_THRESHOLDS,
  FUNDED_AMOUNT,
  MAX_LOCK,
  NO_LOCK,
  ONE,
  WEEK,
  epochStart,
  levelFor,
  scoreAt,
  slopeOf,
  type LockState,
} from "./helpers/escrowFixture.js";
import {
  ethers,
  time,
  f,
  escrow,
  token,
  escrowAddress,
  admin,
  alice,
  bob,
  carol,
  dave,
  W,
  latest,
  at,
  lockOf,
  lockAt,
  useEscrowFixture,
  type Signer,
} from "./helpers/escrowSuite.js";

describe("VotingEscrow: scores and levels", function () {
  useEscrowFixture();

  // -----------------------------------------------------------------------------------------------
  // Scores and totals
  // -----------------------------------------------------------------------------------------------

  describe("locked", function () {
    it("test_Locked_ReportsAmountEndAndAutoMax", async function () {
      expect(await lockOf(alice.address)).to.deep.equal(NO_LOCK);
      const lock = await lockAt(alice, 10n * ONE, W + 5n * WEEK, W + 1n);
      expect(await lockOf(alice.address)).to.deep.equal(lock);
      await escrow.connect(alice).setAutoMax(true);
      expect(await lockOf(alice.address)).to.deep.equal({ amount: lock.amount, end: 0n, autoMax: true });
      const t = W + 9n * WEEK + 3n;
      await at(t);
      await escrow.connect(alice).setAutoMax(false);
      const end = epochStart(t + MAX_LOCK);
      expect(await lockOf(alice.address)).to.deep.equal({ amount: lock.amount, end, autoMax: false });
      // Expired but not withdrawn: still reported.
      await time.increaseTo(end + WEEK);
      expect(await lockOf(alice.address)).to.deep.equal({ amount: lock.amount, end, autoMax: false });
      await escrow.connect(alice).withdraw();
      expect(await lockOf(alice.address)).to.deep.equal(NO_LOCK);
    });
  });

  describe("balanceOf", function () {
    it("test_BalanceOf_DecaysEverySecondToZeroAtEnd", async function () {
      const t0 = W + 3n;
      const lock = await lockAt(alice, 12_345n * ONE + 678n, t0 + 52n * WEEK, t0);
      expect(await escrow.balanceOf(alice.address)).to.equal(scoreAt(lock, t0));
      for (const t of [t0 + 1n, t0 + 2n, t0 + WEEK, lock.end - 1n, lock.end, lock.end + 1n]) {
        await time.increaseTo(t);
        const expected = t < lock.end ? lock.amount + (lock.amount / MAX_LOCK) * (lock.end - t) : 0n;
        expect(await escrow.balanceOf(alice.address), `at ${t}`).to.equal(expected);
      }
      expect(await escrow.balanceOf(bob.address)).to.equal(0n);
    });
  });

  describe("balanceOfAt", function () {
    it("test_BalanceOfAt_PastPresentAndFuture", async function () {
      const t0 = W + 50n;
      const lock = await lockAt(alice, 77n * ONE + 7n, t0 + 20n * WEEK, t0);
      expect(await escrow.balanceOfAt(alice.address, 0n)).to.equal(0n);
      expect(await escrow.balanceOfAt(alice.address, t0 - 1n)).to.equal(0n);
      for (const t of [
        t0,
        t0 + 1n,
        t0 + 10n * WEEK,
        lock.end - 1n,
        lock.end,
        lock.end + 1n,
        2n ** 48n,
        2n ** 256n - 1n,
      ]) {
        expect(await escrow.balanceOfAt(alice.address, t), `at ${t}`).to.equal(scoreAt(lock, t));
      }
    });

    it("test_BalanceOfAt_FarFutureOfAutoMaxIsMaxScore", async function () {
      await lockAt(alice, 77n * ONE, W + 20n * WEEK, W + 1n);
      await escrow.connect(alice).setAutoMax(true);
      const maxScore = 77n * ONE + slopeOf(77n * ONE) * MAX_LOCK;
      for (const t of [W + 100n * WEEK, 2n ** 48n - 1n, 2n ** 48n, 2n ** 256n - 1n]) {
        expect(await escrow.balanceOfAt(alice.address, t)).to.equal(maxScore);
      }
    });
  });

  describe("totalSupply", function () {
    it("test_TotalSupply_IsTheExactSumOfScores", async function () {
      const locks: [Signer, LockState][] = [];
      const amounts = [1n, 31_449_599n, 31_449_600n, 1_000n * ONE + 1n, 3_333_333n * ONE + 3n];
      const signers = [alice, bob, carol, dave, f.deployer];
      await token.connect(f.deployer).approve(escrowAddress, ethers.MaxUint256);
      for (let i = 0; i < amounts.length; i++) {
        const t = W + BigInt(i) * 1000n + 1n;
        locks.push([signers[i], await lockAt(signers[i], amounts[i], t + BigInt(5 + 11 * i) * WEEK, t)]);
      }
      await escrow.connect(carol).setAutoMax(true);
      locks[2][1] = { amount: amounts[2], end: 0n, autoMax: true };
      for (const t of [W + 5n * WEEK + 3n, W + 30n * WEEK, W + 60n * WEEK]) {
        await time.increaseTo(t);
        let sum = 0n;
        for (const [signer, lock] of locks) {
          expect(await escrow.balanceOf(signer.address)).to.equal(scoreAt(lock, t));
          sum += scoreAt(lock, t);
        }
        expect(await escrow.totalSupply(), `at ${t}`).to.equal(sum);
      }
    });
  });

  describe("totalSupplyAt", function () {
    it("test_TotalSupplyAt_HistoryAndProjectionStayExact", async function () {
      const a = await lockAt(alice, 500n * ONE + 5n, W + 12n * WEEK, W + 1n);
      const b = await lockAt(bob, 800n * ONE + 8n, W + 30n * WEEK, W + 2n);
      const t1 = W + 4n * WEEK + 11n;
      const b1 = { ...b, amount: b.amount + 100n * ONE };
      await at(t1);
      await escrow.connect(bob).increaseAmount(100n * ONE);
      const t2 = W + 6n * WEEK;
      const a2 = { ...a, end: W + 40n * WEEK };
      await at(t2);
      await escrow.connect(alice).increaseUnlockTime(a2.end);

      const history = (x: bigint): bigint => {
        const aState = x < W + 1n ? NO_LOCK : x < t2 ? a : a2;
        const bState = x < W + 2n ? NO_LOCK : x < t1 ? b : b1;
        return scoreAt(aState, x) + scoreAt(bState, x);
      };
      const probes = [W, W + 1n, W + 2n, W + WEEK, t1 - 1n, t1, t2 - 1n, t2, a.end, b.end - 1n, b.end, a2.end];
      // Future projections now, then the same timestamps once they are in the past.
      for (const x of probes) expect(await escrow.totalSupplyAt(x), `projected ${x}`).to.equal(history(x));
      await time.increaseTo(a2.end + 1n);
      for (const x of probes) {
        expect(await escrow.totalSupplyAt(x), `at ${x}`).to.equal(history(x));
        expect(await escrow.getPastTotalSupply(x), `past ${x}`).to.equal(history(x));
      }
      expect(await escrow.totalSupply()).to.equal(0n);
    });
  });

  // -----------------------------------------------------------------------------------------------
  // Levels
  // -----------------------------------------------------------------------------------------------

  describe("levelThresholds", function () {
    it("test_LevelThresholds_DefaultsFromTheSpec", async function () {
      expect(await escrow.levelThresholds()).to.deep.equal(DEFAULT_THRESHOLDS);
    });
  });

  describe("levelOf", function () {
    it("test_LevelOf_CountsReachedThresholds", async function () {
      expect(await escrow.levelOf(alice.address)).to.equal(0n);
      const t = W + 1n;
      const lock = await lockAt(alice, 60_000n * ONE, t + 52n * WEEK, t);
      const score = scoreAt(lock, t);
      expect(await escrow.levelOf(alice.address)).to.equal(levelFor(score, DEFAULT_THRESHOLDS));
      expect(await escrow.levelOf(alice.address)).to.equal(3n); // ~120k: at least 100k, below 250k
      await time.increaseTo(lock.end - 1n);
      expect(await escrow.levelOf(alice.address)).to.equal(levelFor(scoreAt(lock, lock.end - 1n), DEFAULT_THRESHOLDS));
      expect(await escrow.levelOf(alice.address)).to.equal(2n);
      await time.increaseTo(lock.end);
      expect(await escrow.levelOf(alice.address)).to.equal(0n);
    });

    it("test_LevelOf_TopLevelIsTen", async function () {
      await lockAt(alice, FUNDED_AMOUNT, W + 52n * WEEK, W + 1n);
      expect(await escrow.levelOf(alice.address)).to.equal(10n);
    });
  });

  describe("levelAt", function () {
    it("test_LevelAt_FollowsTheScoreAtTheTimestamp", async function () {
      const t0 = W + 1n;
      const lock = await lockAt(alice, 30_000n * ONE, t0 + 52n * WEEK, t0);
      expect(await escrow.levelAt(alice.address, t0 - 1n)).to.equal(0n);
      for (const t of [t0, t0 + 20n * WEEK, t0 + 40n * WEEK, lock.end - 1n, lock.end]) {
        expect(await escrow.levelAt(alice.address, t), `at ${t}`).to.equal(
          levelFor(scoreAt(lock, t), DEFAULT_THRESHOLDS),
        );
      }
      expect(await escrow.levelAt(alice.address, t0)).to.equal(2n); // ~60k
      expect(await escrow.levelAt(alice.address, lock.end - 1n)).to.equal(1n); // ~30k
    });
  });

  describe("setLevelThresholds", function () {
    const NEW = [1n, 2n, 3n, 10n, 100n, 1_000n, 9_000n, 20_000n, 30_000n, 40_000n].map((x) => x * ONE);

    it("test_SetLevelThresholds_ReplacesThresholdsAndLevels", async function () {
      const t0 = W + 1n;
      const lock = await lockAt(alice, 5_000n * ONE, t0 + 52n * WEEK, t0);
      expect(await escrow.levelOf(alice.address)).to.equal(0n);
      await expect(escrow.connect(admin).setLevelThresholds(NEW)).to.emit(escrow, "LevelThresholdsSet").withArgs(NEW);
      expect(await escrow.levelThresholds()).to.deep.equal(NEW);
      const now = await latest();
      expect(await escrow.levelOf(alice.address)).to.equal(levelFor(scoreAt(lock, now), NEW));
      expect(await escrow.levelOf(alice.address)).to.equal(7n); // just under 10k: at least 9k, below 20k
      // Past levels are measured against the current thresholds.
      expect(await escrow.levelAt(alice.address, t0)).to.equal(levelFor(scoreAt(lock, t0), NEW));
    });

    it("test_RevertWhen_SetLevelThresholdsNotAdmin", async function () {
      for (const caller of [alice, f.deployer]) {
        await expect(escrow.connect(caller).setLevelThresholds(NEW))
          .to.be.revertedWithCustomError(escrow, "VotingEscrowUnauthorized")
          .withArgs(caller.address);
      }
    });

    it("test_RevertWhen_SetLevelThresholdsWrongCount", async function () {
      for (const list of [[], NEW.slice(0, 9), [...NEW, 50_000n * ONE]]) {
        await expect(escrow.connect(admin).setLevelThresholds(list))
          .to.be.revertedWithCustomError(escrow, "VotingEscrowInvalidThresholdCount")
          .withArgs(list.length, 10n);
      }
    });

    it("test_RevertWhen_SetLevelThresholdsNotAscending", async function () {
      const zeroFirst = [0n, ...NEW.slice(1)];
      const equal = [...NEW];
      equal[3] = equal[2];
      const descendingLast = [...NEW];
      descendingLast[9] = NEW[8] - 1n;
      for (const [list, index] of [
        [zeroFirst, 0n],
        [equal, 3n],
        [descendingLast, 9n],
      ] as const) {
        await expect(escrow.connect(admin).setLevelThresholds(list))
          .to.be.revertedWithCustomError(escrow, "VotingEscrowThresholdsNotAscending")
          .withArgs(index);
      }
      expect(await escrow.levelThresholds()).to.deep.equal(DEFAULT_THRESHOLDS);
    });
  });
});
