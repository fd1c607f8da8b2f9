import { expect } from "chai";

import {
  MAX_LOCK,
  MIN_LOCK,
  NO_LOCK,
  ONE,
  WEEK,
  epochStart,
  scoreAt,
  slopeOf,
  type LockState,
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
  bob,
  carol,
  dave,
  W,
  at,
  lockOf,
  lockAt,
  inOneBlock,
  useEscrowFixture,
} from "./helpers/escrowSuite.js";

/** Enough gas for any escrow call; set explicitly when automine is off and estimates would see stale state. */
const GAS = { gasLimit: 1_500_000n };

/** Sum of the scores at `t` of the lock states in force at `t`; each entry lists [since, state] in order. */
function totalAt(histories: [bigint, LockState][][], t: bigint): bigint {
  let sum = 0n;
  for (const history of histories) {
    let state = NO_LOCK;
    for (const [since, s] of history) if (since <= t) state = s;
    sum += scoreAt(state, t);
  }
  return sum;
}

describe("VotingEscrow boundaries", function () {
  useEscrowFixture();

  describe("score around the end of a lock", function () {
    it("test_Score_IsAmountPlusSlopeAtEndMinusOneAndZeroAtEnd", async function () {
      const amount = 123_456n * ONE + 789n;
      const lock = await lockAt(alice, amount, W + 30n * WEEK, W + 17n);
      const b = await lockAt(bob, 2n * ONE, W + 30n * WEEK, W + 18n);
      const slope = amount / MAX_LOCK;
      const edge = amount + slope + b.amount + slopeOf(b.amount);
      expect(await escrow.balanceOfAt(alice.address, lock.end - 1n)).to.equal(amount + slope);
      expect(await escrow.balanceOfAt(alice.address, lock.end)).to.equal(0n);
      expect(await escrow.totalSupplyAt(lock.end - 1n)).to.equal(edge);
      expect(await escrow.totalSupplyAt(lock.end)).to.equal(0n);

      await at(lock.end - 1n);
      await expect(escrow.connect(alice).withdraw())
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockNotExpired")
        .withArgs(alice.address, lock.end);
      await time.increaseTo(lock.end - 1n);
      expect(await escrow.balanceOf(alice.address)).to.equal(amount + slope);
      expect(await escrow.getVotes(alice.address)).to.equal(amount + slope);
      expect(await escrow.totalSupply()).to.equal(edge);

      // Withdrawing at exactly `end`; bob's lock with the same end reads 0 in that block.
      await at(lock.end);
      await expect(escrow.connect(alice).withdraw()).to.emit(escrow, "Withdrawn").withArgs(alice.address, amount);
      expect(await escrow.balanceOf(bob.address)).to.equal(0n);
      expect(await escrow.getVotes(bob.address)).to.equal(0n);
      expect(await escrow.totalSupply()).to.equal(0n);
      expect(await escrow.getPastVotes(alice.address, lock.end - 1n)).to.equal(amount + slope);
      expect(await escrow.getPastTotalSupply(lock.end - 1n)).to.equal(edge);
    });

    it("test_DepositFor_WorksAtEndMinusMinLockAndRevertsAfter", async function () {
      const lock = await lockAt(alice, 10n * ONE, W + 6n * WEEK, W + 1n);
      await at(lock.end - MIN_LOCK);
      await escrow.connect(bob).depositFor(alice.address, 5n * ONE);
      const after = { ...lock, amount: 15n * ONE };
      expect(await escrow.balanceOf(alice.address)).to.equal(after.amount + slopeOf(after.amount) * MIN_LOCK);
      expect(await escrow.totalSupply()).to.equal(after.amount + slopeOf(after.amount) * MIN_LOCK);
      // One second before the end the lock still counts, but no longer takes tokens.
      await at(lock.end - 1n);
      await expect(escrow.connect(bob).depositFor(alice.address, 5n * ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(lock.end, lock.end - 1n + MIN_LOCK);
      await at(lock.end);
      await expect(escrow.connect(bob).depositFor(alice.address, 5n * ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExpired")
        .withArgs(alice.address, lock.end);
    });

    it("test_Score_SlopeIsZeroBelowMaxLockWei", async function () {
      // Amounts below MAX_LOCK wei have slope 0: a flat score until end. MAX_LOCK wei has slope 1.
      const t = W + 1n;
      await at(t);
      await escrow.connect(alice).createLock(MAX_LOCK - 1n, W + 10n * WEEK);
      await at(t + 1n);
      await escrow.connect(bob).createLock(MAX_LOCK, W + 10n * WEEK);
      const end = W + 10n * WEEK;
      for (const x of [t + 1n, end - WEEK, end - 1n, end]) {
        const a = x < end ? MAX_LOCK - 1n : 0n;
        const b = x < end ? MAX_LOCK + (end - x) : 0n;
        expect(await escrow.balanceOfAt(alice.address, x)).to.equal(a);
        expect(await escrow.balanceOfAt(bob.address, x)).to.equal(b);
        expect(await escrow.totalSupplyAt(x)).to.equal(a + b);
      }
    });
  });

  describe("unlock times", function () {
    it("test_UnlockTime_EndExactlyMinLockFromNowIsAccepted", async function () {
      await at(W);
      await expect(escrow.connect(alice).createLock(ONE, W + MIN_LOCK))
        .to.emit(escrow, "LockCreated")
        .withArgs(alice.address, alice.address, ONE, W + MIN_LOCK);
    });

    it("test_RevertWhen_UnlockTimeEndsOneSecondShortOfMinLock", async function () {
      await at(W + 1n);
      await expect(escrow.connect(alice).createLock(ONE, W + MIN_LOCK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(W + MIN_LOCK, W + 1n + MIN_LOCK);
      // Rounding down below the boundary is refused in the same way.
      await at(W + 2n);
      await expect(escrow.connect(alice).createLock(ONE, W + MIN_LOCK + WEEK - 1n))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(W + MIN_LOCK, W + 2n + MIN_LOCK);
    });

    it("test_RevertWhen_AddingToALockEndingExactlyMinLockMinusOneSecondFromNow", async function () {
      const lock = await lockAt(alice, ONE, W + 2n * MIN_LOCK, W + 1n);
      // At `end - MIN_LOCK` the lock still runs MIN_LOCK: tokens may be added.
      await at(lock.end - MIN_LOCK);
      await escrow.connect(alice).increaseAmount(ONE);
      await at(lock.end - MIN_LOCK + 1n);
      await expect(escrow.connect(alice).increaseAmount(ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(lock.end, lock.end + 1n);
      await at(lock.end - MIN_LOCK + 2n);
      await expect(escrow.connect(bob).depositFor(alice.address, ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(lock.end, lock.end + 2n);
      expect((await lockOf(alice.address)).amount).to.equal(2n * ONE);
    });

    it("test_UnlockTime_ShortestLockFromTheLastSecondOfAWeek", async function () {
      // One second before a boundary, the first boundary at least MIN_LOCK away is MIN_LOCK + 1 s ahead.
      const t = W + WEEK - 1n;
      const amount = 1_000n * ONE;
      const end = W + WEEK + MIN_LOCK;
      await at(t);
      await expect(escrow.connect(alice).createLock(amount, end))
        .to.emit(escrow, "LockCreated")
        .withArgs(alice.address, alice.address, amount, end);
      const score = amount + slopeOf(amount) * (MIN_LOCK + 1n);
      expect(await escrow.balanceOf(alice.address)).to.equal(score);
      expect(await escrow.totalSupply()).to.equal(score);
      await at(end);
      await expect(escrow.connect(alice).withdraw()).to.emit(escrow, "Withdrawn").withArgs(alice.address, amount);
      expect(await escrow.getPastTotalSupply(t)).to.equal(score);
    });

    it("test_UnlockTime_Exactly52WeeksFromABoundary", async function () {
      const amount = 52_000n * ONE + 52n;
      await at(W);
      await expect(escrow.connect(carol).createLock(ONE, W + MAX_LOCK + WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowUnlockTooLate")
        .withArgs(W + MAX_LOCK + WEEK, W + MAX_LOCK);
      await inOneBlock(W, async () => [
        await escrow.connect(alice).createLock(amount, W + MAX_LOCK, GAS),
        await escrow.connect(bob).createLock(ONE, W + MAX_LOCK + WEEK - 1n, GAS),
      ]);
      const lock = { amount, end: W + MAX_LOCK, autoMax: false };
      expect(await lockOf(alice.address)).to.deep.equal(lock);
      expect((await lockOf(bob.address)).end).to.equal(W + MAX_LOCK);
      // A full-length lock scores exactly the auto-max score at its start.
      expect(await escrow.balanceOf(alice.address)).to.equal(amount + slopeOf(amount) * MAX_LOCK);
      expect(await escrow.totalSupply()).to.equal(amount + slopeOf(amount) * MAX_LOCK + ONE + slopeOf(ONE) * MAX_LOCK);
    });

    it("test_UnlockTime_MaximumFromMidWeek", async function () {
      const t = W + 12_345n;
      await at(t);
      await expect(escrow.connect(bob).createLock(ONE, W + MAX_LOCK + WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowUnlockTooLate")
        .withArgs(W + MAX_LOCK + WEEK, t + MAX_LOCK);
      await at(t);
      await escrow.connect(alice).createLock(ONE, t + MAX_LOCK);
      expect((await lockOf(alice.address)).end).to.equal(W + MAX_LOCK);

      // Extending to the maximum one week later, and not one week beyond it.
      const t2 = W + WEEK + 99n;
      await at(t2);
      await expect(escrow.connect(alice).increaseUnlockTime(W + 2n * WEEK + MAX_LOCK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowUnlockTooLate")
        .withArgs(W + 2n * WEEK + MAX_LOCK, t2 + MAX_LOCK);
      await at(t2);
      await expect(escrow.connect(alice).increaseUnlockTime(t2 + MAX_LOCK))
        .to.emit(escrow, "LockExtended")
        .withArgs(alice.address, W + MAX_LOCK, W + WEEK + MAX_LOCK);
    });

    it("test_SetAutoMaxOff_EndIsTheWeekOf52WeeksFromNow", async function () {
      await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await escrow.connect(alice).setAutoMax(true);
      await at(W + WEEK);
      await expect(escrow.connect(alice).setAutoMax(false))
        .to.emit(escrow, "AutoMaxSet")
        .withArgs(alice.address, false, W + WEEK + MAX_LOCK);
      await lockAt(bob, ONE, W + 6n * WEEK, W + WEEK + 1n);
      await escrow.connect(bob).setAutoMax(true);
      await at(W + 2n * WEEK - 1n);
      await expect(escrow.connect(bob).setAutoMax(false))
        .to.emit(escrow, "AutoMaxSet")
        .withArgs(bob.address, false, W + WEEK + MAX_LOCK);
    });
  });

  describe("week boundaries and checkpoints", function () {
    it("test_Totals_ExactAroundEveryWeekBoundary", async function () {
      const histories: [bigint, LockState][][] = [];
      const signers = [alice, bob, carol, dave];
      const amounts = [1_000n * ONE + 1n, 2_500n * ONE + 3n, 700n * ONE + 7n, 31_449_601n];
      const weeks = [5n, 6n, 9n, 52n];
      for (let i = 0; i < 4; i++) {
        const t = W + 1000n * BigInt(i) + 3n;
        histories.push([[t, await lockAt(signers[i], amounts[i], W + weeks[i] * WEEK, t)]]);
      }
      const probes: bigint[] = [W, W + 3n, W + 1003n, W + 3003n];
      for (let k = 1n; k <= 53n; k++) probes.push(W + k * WEEK - 1n, W + k * WEEK, W + k * WEEK + 1n);
      for (const x of probes) expect(await escrow.totalSupplyAt(x), `projected ${x}`).to.equal(totalAt(histories, x));
      await time.increaseTo(W + 54n * WEEK);
      for (const x of probes) {
        expect(await escrow.getPastTotalSupply(x), `past ${x}`).to.equal(totalAt(histories, x));
      }
    });

    it("test_Lock_CreatedExactlyWhenAnotherEnds", async function () {
      const c = await lockAt(carol, 500n * ONE + 5n, W + 5n * WEEK, W + 1n);
      const b = await lockAt(bob, 200n * ONE + 2n, W + 20n * WEEK, W + 2n);
      // Alice's lock starts at the very second carol's ends (a scheduled change at this boundary).
      const a = await lockAt(alice, 300n * ONE + 3n, W + 12n * WEEK, c.end);
      const histories: [bigint, LockState][][] = [[[W + 1n, c]], [[W + 2n, b]], [[c.end, a]]];
      expect(await escrow.totalSupply()).to.equal(scoreAt(a, c.end) + scoreAt(b, c.end));
      await time.increaseTo(b.end + WEEK);
      for (const x of [W + 1n, W + 2n, c.end - 1n, c.end, c.end + 1n, a.end - 1n, a.end, b.end - 1n, b.end]) {
        expect(await escrow.getPastTotalSupply(x), `at ${x}`).to.equal(totalAt(histories, x));
      }
    });

    it("test_Lock_CreatedInTheBlockAfterAGlobalCheckpoint", async function () {
      const t = W + 500n;
      const b = await lockAt(bob, 400n * ONE + 4n, W + 10n * WEEK, t);
      const a = await lockAt(alice, 100n * ONE + 1n, W + 5n * WEEK, t + 1n);
      expect(await escrow.totalSupply()).to.equal(scoreAt(a, t + 1n) + scoreAt(b, t + 1n));
      await time.increaseTo(t + 2n);
      expect(await escrow.getPastTotalSupply(t)).to.equal(scoreAt(b, t));
      expect(await escrow.getPastTotalSupply(t + 1n)).to.equal(scoreAt(a, t + 1n) + scoreAt(b, t + 1n));
      expect(await escrow.getPastTotalSupply(t - 1n)).to.equal(0n);
      expect(await escrow.totalSupplyAt(a.end)).to.equal(scoreAt(b, a.end));
    });

    it("test_SeveralActionsInOneBlock", async function () {
      const t0 = W + 10n;
      const c0 = await lockAt(carol, 900n * ONE + 9n, W + 8n * WEEK, t0);
      await escrow.connect(f.others[0]).setLockCreator(dave.address, true);
      const T = W + 2n * WEEK + 77n;
      const receipts = await inOneBlock(T, async () => [
        await escrow.connect(alice).createLock(100n * ONE + 1n, W + 20n * WEEK, GAS),
        await escrow.connect(bob).createLock(50n * ONE + 5n, W + 30n * WEEK, GAS),
        await escrow.connect(alice).increaseAmount(25n * ONE, GAS),
        await escrow.connect(bob).delegate(alice.address, GAS),
        await escrow.connect(carol).increaseAmount(ONE, GAS),
        await escrow.connect(carol).increaseUnlockTime(W + 40n * WEEK, GAS),
        await escrow.connect(carol).delegate(dave.address, GAS),
        await escrow.connect(carol).delegate(carol.address, GAS),
        await escrow.connect(alice).setAutoMax(true, GAS),
        await escrow.connect(dave).createLockFor(f.others[0].address, 10n * ONE, W + 7n * WEEK, GAS),
      ]);
      expect(receipts.length).to.equal(10);
      expect((await ethers.provider.getBlock(receipts[0]!.blockNumber))!.timestamp).to.equal(Number(T));

      const a = { amount: 125n * ONE + 1n, end: 0n, autoMax: true };
      const b = { amount: 50n * ONE + 5n, end: W + 30n * WEEK, autoMax: false };
      const c = { amount: c0.amount + ONE, end: W + 40n * WEEK, autoMax: false };
      const o = { amount: 10n * ONE, end: W + 7n * WEEK, autoMax: false };
      expect(await lockOf(alice.address)).to.deep.equal(a);
      expect(await lockOf(bob.address)).to.deep.equal(b);
      expect(await lockOf(carol.address)).to.deep.equal(c);
      expect(await lockOf(f.others[0].address)).to.deep.equal(o);
      expect(await escrow.delegates(carol.address)).to.equal(carol.address);
      expect(await escrow.delegates(bob.address)).to.equal(alice.address);

      const total = (x: bigint) => scoreAt(a, x) + scoreAt(b, x) + scoreAt(c, x) + scoreAt(o, x);
      expect(await escrow.totalSupply()).to.equal(total(T));
      expect(await escrow.getVotes(alice.address)).to.equal(scoreAt(a, T) + scoreAt(b, T));
      expect(await escrow.getVotes(carol.address)).to.equal(scoreAt(c, T));
      expect(await escrow.getVotes(dave.address)).to.equal(0n);

      await time.increaseTo(T + 6n * WEEK);
      // Only the final state of the block counts at T; the second before shows carol's first lock only.
      expect(await escrow.getPastTotalSupply(T)).to.equal(total(T));
      expect(await escrow.getPastTotalSupply(T - 1n)).to.equal(scoreAt(c0, T - 1n));
      expect(await escrow.balanceOfAt(carol.address, T - 1n)).to.equal(scoreAt(c0, T - 1n));
      expect(await escrow.balanceOfAt(carol.address, T)).to.equal(scoreAt(c, T));
      expect(await escrow.balanceOfAt(alice.address, T - 1n)).to.equal(0n);
      expect(await escrow.balanceOfAt(alice.address, T)).to.equal(scoreAt(a, T));
      expect(await escrow.getPastVotes(alice.address, T)).to.equal(scoreAt(a, T) + scoreAt(b, T));
      expect(await escrow.getPastVotes(carol.address, T)).to.equal(scoreAt(c, T));
      expect(await escrow.getPastVotes(carol.address, T - 1n)).to.equal(scoreAt(c0, T - 1n));
      expect(await escrow.getPastVotes(dave.address, T)).to.equal(0n);
      for (const x of [T + 1n, o.end - 1n, o.end, T + 6n * WEEK - 1n]) {
        expect(await escrow.getPastTotalSupply(x), `at ${x}`).to.equal(total(x));
        expect(await escrow.getPastVotes(alice.address, x), `alice at ${x}`).to.equal(scoreAt(a, x) + scoreAt(b, x));
      }
    });

    it("test_WithdrawAndRelockInOneBlock", async function () {
      const first = await lockAt(alice, 100n * ONE, W + 5n * WEEK, W + 1n);
      const T = first.end + 5n;
      const second = { amount: 40n * ONE + 4n, end: W + 10n * WEEK, autoMax: false };
      await inOneBlock(T, async () => [
        await escrow.connect(alice).withdraw(GAS),
        await escrow.connect(alice).createLock(second.amount, second.end, GAS),
      ]);
      expect(await lockOf(alice.address)).to.deep.equal(second);
      expect(await token.balanceOf(escrowAddress)).to.equal(second.amount);
      await time.increaseTo(T + 10n);
      expect(await escrow.balanceOfAt(alice.address, W + 1n)).to.equal(scoreAt(first, W + 1n));
      expect(await escrow.balanceOfAt(alice.address, T - 1n)).to.equal(0n);
      expect(await escrow.balanceOfAt(alice.address, T)).to.equal(scoreAt(second, T));
      expect(await escrow.getPastTotalSupply(T)).to.equal(scoreAt(second, T));
    });
  });

  describe("idle weeks", function () {
    for (const idleWeeks of [60n, 300n]) {
      it(`test_Totals_StayExactAfter${idleWeeks}IdleWeeks`, async function () {
        const t0 = W + 100n;
        const a = await lockAt(alice, 5_000n * ONE + 5n, t0 + MAX_LOCK, t0);
        const b = await lockAt(bob, 3_000n * ONE + 3n, W + 10n * WEEK, t0 + 1n);
        await at(t0 + 2n);
        await escrow.connect(bob).setAutoMax(true);
        const bMax = { amount: b.amount, end: 0n, autoMax: true };
        const c = await lockAt(carol, 1_000n * ONE + 1n, W + 7n * WEEK, t0 + 3n);
        await at(t0 + 4n);
        await escrow.connect(carol).delegate(dave.address);
        const histories: [bigint, LockState][][] = [
          [[t0, a]],
          [
            [t0 + 1n, b],
            [t0 + 2n, bMax],
          ],
          [[t0 + 3n, c]],
        ];

        const probes: bigint[] = [t0, t0 + 1n, t0 + 2n, t0 + 3n, t0 + 4n];
        for (let k = 1n; k <= idleWeeks; k += k < 60n ? 1n : 20n) {
          probes.push(W + k * WEEK - 1n, W + k * WEEK, W + k * WEEK + 3n * 86_400n);
        }
        const idleEnd = W + idleWeeks * WEEK + 12_345n;
        const pastProbes = probes.filter((x) => x < idleEnd);
        await time.increaseTo(idleEnd);
        expect(await escrow.totalSupply()).to.equal(totalAt(histories, idleEnd));
        expect(await escrow.totalSupply()).to.equal(scoreAt(bMax, idleEnd));
        const before: bigint[] = [];
        for (const x of pastProbes) {
          const value = await escrow.getPastTotalSupply(x);
          expect(value, `past ${x}`).to.equal(totalAt(histories, x));
          expect(await escrow.getPastVotes(dave.address, x), `dave at ${x}`).to.equal(
            x >= t0 + 4n ? scoreAt(c, x) : 0n,
          );
          before.push(value);
        }

        // The first action after the idle period: a new lock and a new delegation into dave's trace.
        const t1 = idleEnd + 1n;
        const d = await lockAt(dave, 77n * ONE + 7n, t1 + 20n * WEEK, t1);
        await at(t1 + 1n);
        await escrow.connect(alice).withdraw();
        await at(t1 + 2n);
        await escrow.connect(alice).createLock(11n * ONE, t1 + 30n * WEEK);
        const a2 = { amount: 11n * ONE, end: epochStart(t1 + 30n * WEEK), autoMax: false };
        await at(t1 + 3n);
        await escrow.connect(alice).delegate(dave.address);
        histories.push([[t1, d]]);
        histories[0].push([t1 + 1n, NO_LOCK], [t1 + 2n, a2]);

        expect(await escrow.totalSupply()).to.equal(totalAt(histories, t1 + 3n));
        expect(await escrow.getVotes(dave.address)).to.equal(scoreAt(d, t1 + 3n) + scoreAt(a2, t1 + 3n));
        await time.increaseTo(t1 + 60n * WEEK);
        const after: bigint[] = [];
        for (const x of pastProbes) after.push(await escrow.getPastTotalSupply(x));
        expect(after).to.deep.equal(before);
        for (const x of [t1 - 1n, t1, t1 + 1n, t1 + 2n, t1 + 3n, d.end - 1n, d.end, a2.end - 1n, a2.end]) {
          expect(await escrow.getPastTotalSupply(x), `after ${x}`).to.equal(totalAt(histories, x));
        }
        expect(await escrow.getPastVotes(dave.address, t1 + 3n)).to.equal(scoreAt(d, t1 + 3n) + scoreAt(a2, t1 + 3n));
        expect(await escrow.getPastVotes(dave.address, a2.end - 1n)).to.equal(scoreAt(a2, a2.end - 1n));
        expect(await escrow.totalSupply()).to.equal(scoreAt(bMax, 0n));
      });
    }
  });

  describe("history lengths", function () {
    // Each history entry needs its own second, so tens of thousands of real transactions would take minutes
    // on the in-process node. These tests make one real change, find the storage word and bit of the count
    // it incremented (by watching which `mapping(address => ...)` slot changed and by how much), fast-forward
    // that count, copy the first entry to the new last index, and then make the next real change.
    const positions = Array.from({ length: 64 }, (_, i) => BigInt(i));

    /** Storage slot of a mapping entry at `position`, keyed by `key`. */
    function mappingSlot(key: string, keyType: "address" | "uint256", position: bigint): bigint {
      return BigInt(ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode([keyType, "uint256"], [key, position])));
    }

    async function storage(slot: bigint): Promise<bigint> {
      return BigInt(await networkHelpers.getStorageAt(escrowAddress, slot));
    }

    /** Runs `change` and returns the one per-account slot of `account` it changed, with its values. */
    async function countOrState(account: string, change: () => Promise<unknown>) {
      const before = await Promise.all(positions.map((p) => storage(mappingSlot(account, "address", p))));
      await change();
      const after = await Promise.all(positions.map((p) => storage(mappingSlot(account, "address", p))));
      const changed = positions.filter((p) => before[Number(p)] !== after[Number(p)]);
      expect(changed.length, "exactly one slot of the account changed").to.equal(1);
      const i = Number(changed[0]);
      return { slot: mappingSlot(account, "address", changed[0]), previous: before[i], value: after[i] };
    }

    /** `countOrState` for a change that only increments a count: also returns the increment (a power of 2). */
    async function countChangedBy(account: string, change: () => Promise<unknown>) {
      const { slot, previous, value } = await countOrState(account, change);
      const delta = value - previous;
      expect(delta > 0n && (delta & (delta - 1n)) === 0n, "a count moved by one").to.equal(true);
      return { slot, value, delta };
    }

    /** Sets the count to `count` (from 1) and copies entry 0 of the account's history to index `count - 1`. */
    async function fastForward(
      account: string,
      counter: { slot: bigint; value: bigint; delta: bigint },
      count: bigint,
    ) {
      let copied = 0;
      for (const q of positions) {
        const base = mappingSlot(account, "address", q);
        const first = await storage(mappingSlot(ethers.toBeHex(0n), "uint256", base));
        if (first === 0n) continue;
        await networkHelpers.setStorageAt(
          escrowAddress,
          mappingSlot(ethers.toBeHex(count - 1n), "uint256", base),
          first,
        );
        copied++;
      }
      expect(copied, "one history of the account has entries").to.equal(1);
      await networkHelpers.setStorageAt(escrowAddress, counter.slot, counter.value + (count - 1n) * counter.delta);
    }

    it("test_Delegate_The65536thDelegationKeepsItsDelegatee", async function () {
      const counter = await countChangedBy(alice.address, async () => {
        await at(W + 1n);
        await escrow.connect(alice).delegate(bob.address);
      });
      await fastForward(alice.address, counter, 65_535n);
      expect(await escrow.delegates(alice.address), "fast-forwarded state is coherent").to.equal(bob.address);

      const t2 = W + 100n;
      const a = await lockAt(alice, 1_000n * ONE, W + 30n * WEEK, t2);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a, t2));

      // The 65,536th delegation.
      const t3 = W + 200n;
      await at(t3);
      await escrow.connect(alice).delegate(dave.address);
      const votes = {
        alice: await escrow.getVotes(alice.address),
        bob: await escrow.getVotes(bob.address),
        dave: await escrow.getVotes(dave.address),
      };
      expect(votes.alice + votes.bob + votes.dave, "votes never exceed the total score").to.equal(
        await escrow.totalSupply(),
      );
      expect(await escrow.delegates(alice.address)).to.equal(dave.address);
      expect(votes).to.deep.equal({ alice: 0n, bob: 0n, dave: scoreAt(a, t3) });
      await time.increaseTo(t3 + 1n);
      expect(await escrow.getPastVotes(alice.address, t2), "past votes unchanged").to.equal(0n);
      expect(await escrow.getPastVotes(bob.address, t2)).to.equal(scoreAt(a, t2));
    });

    it("test_DelegatedVotes_SurviveThe16777216thVotePoint", async function () {
      await at(W + 1n);
      await escrow.connect(alice).delegate(bob.address);
      const a = await lockAt(alice, 1_000n * ONE, W + 30n * WEEK, W + 2n);
      // The first point of bob's received votes was written by alice's lock; the next one is counted here.
      const counter = await countChangedBy(bob.address, async () => {
        await at(W + 3n);
        await escrow.connect(alice).increaseAmount(ONE);
      });
      expect((counter.value / counter.delta) % 2n ** 8n, "two points so far").to.equal(2n);
      const a1 = { ...a, amount: a.amount + ONE };
      // Rewind to "1 point", then jump to 2^24 - 1 points whose last is alice's current contribution.
      const lastPoint = await (async () => {
        for (const q of positions) {
          const base = mappingSlot(bob.address, "address", q);
          const second = await storage(mappingSlot(ethers.toBeHex(1n), "uint256", base));
          if (second !== 0n) return { base, second };
        }
        throw new Error("bob's vote points not found");
      })();
      await networkHelpers.setStorageAt(
        escrowAddress,
        mappingSlot(ethers.toBeHex(2n ** 24n - 2n), "uint256", lastPoint.base),
        lastPoint.second,
      );
      await networkHelpers.setStorageAt(escrowAddress, counter.slot, counter.value + (2n ** 24n - 3n) * counter.delta);
      expect(await escrow.getVotes(bob.address), "fast-forwarded state is coherent").to.equal(scoreAt(a1, W + 3n));

      // One more point: 2^24 points in bob's history.
      const t = W + 10n;
      const a2 = { ...a1, amount: a1.amount + ONE };
      await at(t);
      await escrow.connect(alice).increaseAmount(ONE);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a2, t));
      expect(await escrow.getVotes(bob.address)).to.equal(await escrow.totalSupply());
      // And alice can still take her votes back.
      await at(t + 1n);
      await escrow.connect(alice).delegate(alice.address);
      expect(await escrow.getVotes(alice.address)).to.equal(scoreAt(a2, t + 1n));
      expect(await escrow.getVotes(bob.address)).to.equal(0n);
    });

    it("test_Withdraw_AfterTheLongestLockHistory", async function () {
      // Anyone can add a lock state to someone else's history with depositFor(account, 1 wei), once per
      // second. However long that history gets, the owner must still be able to withdraw.
      const x = 1_000n;
      const a = await lockAt(alice, 100n * ONE, W + 30n * WEEK, W + 1n);
      const words: bigint[] = [];
      let slot = 0n;
      for (const [t, amount] of [
        [W + 10n, x],
        [W + 11n, x],
        [W + 13n, x],
        [W + 14n, 2n * x],
      ] as const) {
        const counter = await countOrState(alice.address, async () => {
          await at(t);
          await escrow.connect(bob).depositFor(alice.address, amount);
        });
        slot = counter.slot;
        words.push(counter.value);
      }
      // Three changes tell the fields apart: one second later (d1), two seconds later (d2), twice the amount (d3).
      const d1 = words[1] - words[0];
      const d2 = words[2] - words[1];
      const d3 = words[3] - words[2];
      const count = d1 - (d3 - d1) - (d2 - d1);
      expect(count > 0n && (count & (count - 1n)) === 0n, "history count field found").to.equal(true);
      // Four states have moved to the history so far; make it 2^24 - 1.
      await networkHelpers.setStorageAt(escrowAddress, slot, words[3] + (2n ** 24n - 1n - 4n) * count);
      const total = a.amount + 5n * x;
      expect(await lockOf(alice.address)).to.deep.equal({ ...a, amount: total });

      await at(a.end);
      const tx = await escrow.connect(alice).withdraw();
      await expect(tx).to.emit(escrow, "Withdrawn").withArgs(alice.address, total);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, escrow], [total, -total]);
    });
  });
});
