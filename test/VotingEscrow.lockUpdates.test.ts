/**
 * Unit tests of the VotingEscrow functions that change an existing lock: increaseAmount, depositFor,
 * increaseUnlockTime, setAutoMax and withdraw.
 */
import { expect } from "chai";

import {
  FUNDED_AMOUNT,
  MAX_AMOUNT,
  MAX_LOCK,
  MIN_LOCK,
  NO_LOCK,
  ONE,
  WEEK,
  epochStart,
  scoreAt,
  slopeOf,
} from "./helpers/escrowFixture.js";
import {
  ethers,
  time,
  escrow,
  token,
  escrowAddress,
  alice,
  bob,
  carol,
  W,
  at,
  lockOf,
  lockAt,
  eventArgs,
  mined,
  useEscrowFixture,
} from "./helpers/escrowSuite.js";

describe("VotingEscrow: lock updates", function () {
  useEscrowFixture();

  describe("increaseAmount", function () {
    it("test_IncreaseAmount_AddsTokensAndKeepsEnd", async function () {
      const t0 = W + 5n;
      const before = await lockAt(alice, 100n * ONE + 3n, t0 + 20n * WEEK, t0);
      const t1 = t0 + 3n * WEEK + 17n;
      const added = 50n * ONE + 11n;
      const after = { ...before, amount: before.amount + added };
      expect(slopeOf(after.amount)).to.not.equal(slopeOf(before.amount));

      await at(t1);
      const tx = await escrow.connect(alice).increaseAmount(added);
      await expect(tx).to.emit(escrow, "LockIncreased").withArgs(alice.address, alice.address, added, after.amount);
      await expect(tx)
        .to.emit(escrow, "DelegateVotesChanged")
        .withArgs(alice.address, scoreAt(before, t1), scoreAt(after, t1));
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, escrow], [-added, added]);

      expect(await lockOf(alice.address)).to.deep.equal(after);
      expect(await escrow.balanceOf(alice.address)).to.equal(scoreAt(after, t1));
      expect(await escrow.balanceOfAt(alice.address, t1 - 1n)).to.equal(scoreAt(before, t1 - 1n));
      expect(await escrow.balanceOfAt(alice.address, t0)).to.equal(scoreAt(before, t0));
      expect(await escrow.totalSupplyAt(after.end - 1n)).to.equal(scoreAt(after, after.end - 1n));
    });

    it("test_IncreaseAmount_WithAutoMaxKeepsTheScoreAtMax", async function () {
      await lockAt(alice, 100n * ONE, W + 20n * WEEK, W + 1n);
      await escrow.connect(alice).setAutoMax(true);
      const added = 10n * ONE;
      const after = { amount: 110n * ONE, end: 0n, autoMax: true };
      await escrow.connect(alice).increaseAmount(added);
      expect(await lockOf(alice.address)).to.deep.equal(after);
      expect(await escrow.balanceOf(alice.address)).to.equal(after.amount + slopeOf(after.amount) * MAX_LOCK);
    });

    it("test_RevertWhen_IncreaseAmountZero", async function () {
      await lockAt(alice, ONE, W + 20n * WEEK, W + 1n);
      await expect(escrow.connect(alice).increaseAmount(0n)).to.be.revertedWithCustomError(
        escrow,
        "VotingEscrowZeroAmount",
      );
    });

    it("test_RevertWhen_IncreaseAmountWithoutLock", async function () {
      await expect(escrow.connect(alice).increaseAmount(ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_IncreaseAmountOfExpiredLock", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await at(lock.end);
      await expect(escrow.connect(alice).increaseAmount(ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExpired")
        .withArgs(alice.address, lock.end);
    });

    it("test_RevertWhen_IncreaseAmountAfterWithdraw", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await at(lock.end);
      await escrow.connect(alice).withdraw();
      await expect(escrow.connect(alice).increaseAmount(ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_IncreaseAmountTooLarge", async function () {
      await lockAt(alice, ONE, W + 20n * WEEK, W + 1n);
      await expect(escrow.connect(alice).increaseAmount(MAX_AMOUNT))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAmountTooLarge")
        .withArgs(MAX_AMOUNT + ONE, MAX_AMOUNT);
    });
  });

  describe("depositFor", function () {
    it("test_DepositFor_IsFundedByTheCallerAndKeepsEnd", async function () {
      const t0 = W + 5n;
      const before = await lockAt(alice, 100n * ONE, t0 + 30n * WEEK, t0);
      const t1 = t0 + 2n * WEEK;
      const added = 25n * ONE + 1n;
      const after = { ...before, amount: before.amount + added };

      await at(t1);
      const tx = await escrow.connect(bob).depositFor(alice.address, added);
      await expect(tx).to.emit(escrow, "LockIncreased").withArgs(alice.address, bob.address, added, after.amount);
      await expect(tx)
        .to.emit(escrow, "DelegateVotesChanged")
        .withArgs(alice.address, scoreAt(before, t1), scoreAt(after, t1));
      await expect(tx).to.changeTokenBalances(ethers, token, [bob, alice, escrow], [-added, 0n, added]);
      expect(await lockOf(alice.address)).to.deep.equal(after);
      expect(await lockOf(bob.address)).to.deep.equal(NO_LOCK);
      expect(await escrow.balanceOf(alice.address)).to.equal(scoreAt(after, t1));
    });

    it("test_DepositFor_UpdatesTheDelegateesVotes", async function () {
      const t0 = W + 5n;
      const before = await lockAt(alice, 100n * ONE, t0 + 30n * WEEK, t0);
      const cLock = await lockAt(carol, 40n * ONE, t0 + 10n * WEEK, t0 + 1n);
      await at(t0 + 2n);
      await escrow.connect(alice).delegate(carol.address);
      const t1 = t0 + 3n;
      const after = { ...before, amount: before.amount + ONE };
      await at(t1);
      const receipt = await mined(escrow.connect(bob).depositFor(alice.address, ONE));
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [carol.address, scoreAt(cLock, t1) + scoreAt(before, t1), scoreAt(cLock, t1) + scoreAt(after, t1)],
      ]);
      expect(await escrow.getVotes(carol.address)).to.equal(scoreAt(cLock, t1) + scoreAt(after, t1));
      expect(await escrow.getVotes(alice.address)).to.equal(0n);
    });

    it("test_RevertWhen_DepositForZeroAmount", async function () {
      await lockAt(alice, ONE, W + 20n * WEEK, W + 1n);
      await expect(escrow.connect(bob).depositFor(alice.address, 0n)).to.be.revertedWithCustomError(
        escrow,
        "VotingEscrowZeroAmount",
      );
    });

    it("test_RevertWhen_DepositForAccountWithoutLock", async function () {
      await expect(escrow.connect(bob).depositFor(carol.address, ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
        .withArgs(carol.address);
      await expect(escrow.connect(bob).depositFor(ethers.ZeroAddress, ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
        .withArgs(ethers.ZeroAddress);
    });

    it("test_RevertWhen_DepositForExpiredLock", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await at(lock.end + 1n);
      await expect(escrow.connect(bob).depositFor(alice.address, ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExpired")
        .withArgs(alice.address, lock.end);
    });

    it("test_RevertWhen_DepositForAmountTooLarge", async function () {
      await lockAt(alice, 2n * ONE, W + 20n * WEEK, W + 1n);
      await expect(escrow.connect(bob).depositFor(alice.address, MAX_AMOUNT - ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAmountTooLarge")
        .withArgs(MAX_AMOUNT + ONE, MAX_AMOUNT);
    });
  });

  describe("increaseUnlockTime", function () {
    it("test_IncreaseUnlockTime_MovesEndAndRecomputesScore", async function () {
      const t0 = W + 5n;
      const before = await lockAt(alice, 100n * ONE + 5n, t0 + 10n * WEEK, t0);
      const t1 = t0 + WEEK + 9n;
      const unlockTime = t1 + 40n * WEEK + 1234n;
      const after = { ...before, end: epochStart(unlockTime) };

      await at(t1);
      const tx = await escrow.connect(alice).increaseUnlockTime(unlockTime);
      await expect(tx).to.emit(escrow, "LockExtended").withArgs(alice.address, before.end, after.end);
      await expect(tx)
        .to.emit(escrow, "DelegateVotesChanged")
        .withArgs(alice.address, scoreAt(before, t1), scoreAt(after, t1));
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, escrow], [0n, 0n]);
      expect(await lockOf(alice.address)).to.deep.equal(after);
      expect(await escrow.balanceOf(alice.address)).to.equal(scoreAt(after, t1));
      expect(await escrow.balanceOfAt(alice.address, t1 - 1n)).to.equal(scoreAt(before, t1 - 1n));
      // The old end no longer removes anything from the total; the new one does.
      expect(await escrow.totalSupplyAt(before.end)).to.equal(scoreAt(after, before.end));
      expect(await escrow.totalSupplyAt(after.end)).to.equal(0n);
    });

    it("test_RevertWhen_IncreaseUnlockTimeWithoutLock", async function () {
      await expect(escrow.connect(alice).increaseUnlockTime(W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_IncreaseUnlockTimeOfExpiredLock", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await at(lock.end);
      await expect(escrow.connect(alice).increaseUnlockTime(lock.end + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExpired")
        .withArgs(alice.address, lock.end);
    });

    it("test_RevertWhen_IncreaseUnlockTimeWithAutoMax", async function () {
      await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await escrow.connect(alice).setAutoMax(true);
      await expect(escrow.connect(alice).increaseUnlockTime(W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAutoMaxEnabled")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_IncreaseUnlockTimeNotLater", async function () {
      const lock = await lockAt(alice, ONE, W + 10n * WEEK, W + 1n);
      // Same week after rounding down.
      await expect(escrow.connect(alice).increaseUnlockTime(lock.end + WEEK - 1n))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowUnlockTimeNotIncreased")
        .withArgs(lock.end, lock.end);
      await expect(escrow.connect(alice).increaseUnlockTime(lock.end - WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowUnlockTimeNotIncreased")
        .withArgs(lock.end - WEEK, lock.end);
    });

    it("test_RevertWhen_IncreaseUnlockTimeTooLate", async function () {
      await lockAt(alice, ONE, W + 10n * WEEK, W + 1n);
      const t = W + 100n;
      const unlockTime = epochStart(t + MAX_LOCK) + WEEK;
      await at(t);
      await expect(escrow.connect(alice).increaseUnlockTime(unlockTime))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowUnlockTooLate")
        .withArgs(unlockTime, t + MAX_LOCK);
    });

    it("test_RevertWhen_IncreaseUnlockTimeTooShort", async function () {
      // Later than the current end but within MIN_LOCK of now: still short-term voting power.
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      const t = lock.end - 2n * WEEK;
      await at(t);
      await expect(escrow.connect(alice).increaseUnlockTime(lock.end + WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(lock.end + WEEK, t + MIN_LOCK);
      await at(t + 1n);
      await escrow.connect(alice).increaseUnlockTime(lock.end + 3n * WEEK);
      expect((await lockOf(alice.address)).end).to.equal(lock.end + 3n * WEEK);
    });
  });

  describe("setAutoMax", function () {
    it("test_SetAutoMax_OnHoldsTheMaximumScore", async function () {
      const t0 = W + 5n;
      const before = await lockAt(alice, 1_000n * ONE + 999n, t0 + 6n * WEEK, t0);
      const t1 = t0 + 100n;
      const after = { amount: before.amount, end: 0n, autoMax: true };
      const maxScore = before.amount + slopeOf(before.amount) * MAX_LOCK;
      expect(scoreAt(after, t1)).to.equal(maxScore);

      await at(t1);
      const tx = await escrow.connect(alice).setAutoMax(true);
      await expect(tx).to.emit(escrow, "AutoMaxSet").withArgs(alice.address, true, 0n);
      await expect(tx).to.emit(escrow, "DelegateVotesChanged").withArgs(alice.address, scoreAt(before, t1), maxScore);
      expect(await lockOf(alice.address)).to.deep.equal(after);

      // Constant forever, past its former end and beyond a year.
      for (const t of [t1, before.end, before.end + 1n, t1 + MAX_LOCK, t1 + 10n * MAX_LOCK]) {
        expect(await escrow.balanceOfAt(alice.address, t)).to.equal(maxScore);
        expect(await escrow.totalSupplyAt(t)).to.equal(maxScore);
      }
      await time.increaseTo(t1 + 2n * MAX_LOCK);
      expect(await escrow.balanceOf(alice.address)).to.equal(maxScore);
      expect(await escrow.totalSupply()).to.equal(maxScore);
      expect(await escrow.getVotes(alice.address)).to.equal(maxScore);
      // History before the switch is unchanged.
      expect(await escrow.balanceOfAt(alice.address, t1 - 1n)).to.equal(scoreAt(before, t1 - 1n));
      expect(await escrow.getPastTotalSupply(t1 - 1n)).to.equal(scoreAt(before, t1 - 1n));
    });

    it("test_SetAutoMax_OffStartsDecayFromAFullLock", async function () {
      const t0 = W + 5n;
      const start = await lockAt(alice, 700n * ONE + 1n, t0 + 6n * WEEK, t0);
      await escrow.connect(alice).setAutoMax(true);
      const maxScore = start.amount + slopeOf(start.amount) * MAX_LOCK;
      const t1 = t0 + 80n * WEEK + 4321n;
      const end = epochStart(t1 + MAX_LOCK);
      const after = { amount: start.amount, end, autoMax: false };

      await at(t1);
      const tx = await escrow.connect(alice).setAutoMax(false);
      await expect(tx).to.emit(escrow, "AutoMaxSet").withArgs(alice.address, false, end);
      await expect(tx).to.emit(escrow, "DelegateVotesChanged").withArgs(alice.address, maxScore, scoreAt(after, t1));
      expect(await lockOf(alice.address)).to.deep.equal(after);
      expect(await escrow.balanceOf(alice.address)).to.equal(scoreAt(after, t1));
      for (const t of [t1 + 1n, end - WEEK, end - 1n, end, end + 1n]) {
        expect(await escrow.balanceOfAt(alice.address, t)).to.equal(scoreAt(after, t));
        expect(await escrow.totalSupplyAt(t)).to.equal(scoreAt(after, t));
      }
      await at(end);
      await expect(escrow.connect(alice).withdraw()).to.emit(escrow, "Withdrawn").withArgs(alice.address, start.amount);
    });

    it("test_RevertWhen_SetAutoMaxWithoutLock", async function () {
      for (const enabled of [true, false]) {
        await expect(escrow.connect(alice).setAutoMax(enabled))
          .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
          .withArgs(alice.address);
      }
    });

    it("test_RevertWhen_SetAutoMaxUnchanged", async function () {
      await lockAt(alice, ONE, W + 10n * WEEK, W + 1n);
      await expect(escrow.connect(alice).setAutoMax(false))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAutoMaxUnchanged")
        .withArgs(alice.address, false);
      await escrow.connect(alice).setAutoMax(true);
      await expect(escrow.connect(alice).setAutoMax(true))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAutoMaxUnchanged")
        .withArgs(alice.address, true);
    });

    it("test_RevertWhen_SetAutoMaxOnExpiredLock", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await at(lock.end);
      await expect(escrow.connect(alice).setAutoMax(true))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExpired")
        .withArgs(alice.address, lock.end);
    });
  });

  describe("withdraw", function () {
    it("test_Withdraw_ReturnsExactlyTheLockedAmount", async function () {
      const t0 = W + 5n;
      const lock = await lockAt(alice, 100n * ONE + 13n, t0 + 6n * WEEK, t0);
      await at(t0 + WEEK);
      await escrow.connect(bob).depositFor(alice.address, 7n * ONE + 1n);
      await at(t0 + WEEK + 1n);
      await escrow.connect(alice).increaseAmount(3n);
      const total = lock.amount + 7n * ONE + 1n + 3n;
      const aliceBefore = await token.balanceOf(alice.address);
      const escrowBefore = await token.balanceOf(escrowAddress);
      expect(escrowBefore).to.equal(total);

      await at(lock.end);
      const tx = await escrow.connect(alice).withdraw();
      await expect(tx).to.emit(escrow, "Withdrawn").withArgs(alice.address, total);
      await expect(tx).to.not.emit(escrow, "DelegateVotesChanged");
      expect((await token.balanceOf(alice.address)) - aliceBefore).to.equal(total);
      expect(escrowBefore - (await token.balanceOf(escrowAddress))).to.equal(total);
      expect(await token.balanceOf(alice.address)).to.equal(FUNDED_AMOUNT - lock.amount - 3n + total);
      expect(await lockOf(alice.address)).to.deep.equal(NO_LOCK);
      expect(await escrow.balanceOf(alice.address)).to.equal(0n);
      expect(await escrow.totalSupply()).to.equal(0n);
      // History is kept.
      expect(await escrow.balanceOfAt(alice.address, t0)).to.equal(scoreAt(lock, t0));
      expect(await escrow.getPastTotalSupply(t0)).to.equal(scoreAt(lock, t0));
    });

    it("test_Withdraw_LeavesOtherLocksAndTotalsIntact", async function () {
      const a = await lockAt(alice, 100n * ONE, W + 5n * WEEK, W + 1n);
      const b = await lockAt(bob, 300n * ONE, W + 30n * WEEK, W + 2n);
      const t = a.end + 50n;
      await at(t);
      await escrow.connect(alice).withdraw();
      expect(await escrow.totalSupply()).to.equal(scoreAt(b, t));
      expect(await token.balanceOf(escrowAddress)).to.equal(b.amount);
    });

    it("test_RevertWhen_WithdrawWithoutLock", async function () {
      await expect(escrow.connect(alice).withdraw())
        .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_WithdrawBeforeEnd", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await at(lock.end - 1n);
      await expect(escrow.connect(alice).withdraw())
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockNotExpired")
        .withArgs(alice.address, lock.end);
    });

    it("test_RevertWhen_WithdrawWithAutoMax", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await escrow.connect(alice).setAutoMax(true);
      await time.increaseTo(lock.end + MAX_LOCK);
      await expect(escrow.connect(alice).withdraw())
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAutoMaxEnabled")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_WithdrawTwice", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await at(lock.end);
      await escrow.connect(alice).withdraw();
      await expect(escrow.connect(alice).withdraw())
        .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
        .withArgs(alice.address);
    });
  });
});
