/**
 * Hand-computed examples from docs/spec.md §2-§4 checked against the reference model
 * (test/model/VotingEscrowModel.ts), so the model the differential test trusts is anchored to the spec and
 * not only to the contract.
 */
import { expect } from "chai";

import {
  DEFAULT_LEVEL_THRESHOLDS,
  MAX_LOCK,
  MIN_LOCK,
  ModelError,
  VotingEscrowModel,
  WEEK,
  ZERO_ADDRESS,
  epochStart,
} from "./model/VotingEscrowModel.js";

describe("VotingEscrowModel (reference model) follows docs/spec.md §2-§4", function () {
  const A = "0x00000000000000000000000000000000000000aa";
  const B = "0x00000000000000000000000000000000000000bb";
  const t0 = 2_000n * WEEK; // a week boundary
  const amount = 1_000n * MAX_LOCK; // slope exactly 1000 per second

  it("test_Model_ScoresTwoXAtFullLockDecayingToOneXThenZero", function () {
    const m = new VotingEscrowModel();
    expect(m.createLock(A, amount, t0 + MAX_LOCK + 123n, t0)).to.equal(t0 + MAX_LOCK);
    expect(m.balanceOfAt(A, t0)).to.equal(2n * amount);
    expect(m.balanceOfAt(A, t0 + 26n * WEEK)).to.equal(amount + amount / 2n);
    expect(m.balanceOfAt(A, t0 + MAX_LOCK - 1n)).to.equal(amount + 1_000n);
    expect(m.balanceOfAt(A, t0 + MAX_LOCK)).to.equal(0n);
    expect(m.balanceOfAt(A, t0 - 1n)).to.equal(0n);
    expect(() => m.withdraw(A, t0 + MAX_LOCK - 1n))
      .to.throw(ModelError)
      .with.property("errorName", "VotingEscrowLockNotExpired");
    expect(m.withdraw(A, t0 + MAX_LOCK)).to.equal(amount);
    expect(m.locked(A)).to.deep.equal({ amount: 0n, end: 0n, autoMax: false });
    expect(m.balanceOfAt(A, t0 + 26n * WEEK), "the past does not change").to.equal(amount + amount / 2n);
  });

  it("test_Model_AutoMaxStaysAtMaxAndRestartsDecayWhenOff", function () {
    const m = new VotingEscrowModel();
    m.createLock(A, amount, t0 + MIN_LOCK, t0);
    expect(m.setAutoMax(A, true, t0 + 10n)).to.equal(0n);
    expect(m.locked(A)).to.deep.equal({ amount, end: 0n, autoMax: true });
    expect(m.balanceOfAt(A, t0 + 100n * WEEK)).to.equal(2n * amount);
    expect(() => m.withdraw(A, t0 + 100n * WEEK))
      .to.throw(ModelError)
      .with.property("errorName", "VotingEscrowAutoMaxEnabled");
    const off = t0 + 100n * WEEK + 5n;
    expect(m.setAutoMax(A, false, off)).to.equal(epochStart(off + MAX_LOCK));
    expect(m.balanceOfAt(A, off)).to.equal(amount + 1_000n * (epochStart(off + MAX_LOCK) - off));
  });

  it("test_Model_DelegationMovesTheWholeScore", function () {
    const m = new VotingEscrowModel();
    m.createLock(A, amount, t0 + 10n * WEEK, t0);
    m.createLock(B, 7n, t0 + MIN_LOCK, t0); // dust: slope 0, score 7 until its end
    m.delegate(A, B, t0 + 1n);
    const t = t0 + WEEK;
    expect(m.getVotesAt(A, t)).to.equal(0n);
    expect(m.getVotesAt(B, t)).to.equal(amount + 1_000n * 9n * WEEK + 7n);
    expect(m.totalSupplyAt(t)).to.equal(m.getVotesAt(B, t));
    expect(m.getVotesAt(B, t0), "before the delegation").to.equal(7n);
    expect(m.getVotesAt(A, t0)).to.equal(2n * amount - 1_000n * 42n * WEEK);
    expect(m.delegates(A)).to.equal(B);
    expect(() => m.delegate(A, ZERO_ADDRESS, t))
      .to.throw(ModelError)
      .with.property("errorName", "VotingEscrowInvalidAccount");
  });

  it("test_Model_RejectsBadInputWithTheSpecErrors", function () {
    const m = new VotingEscrowModel();
    const now = t0 + 5n;
    const errorOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (e instanceof ModelError) return e.message;
        throw e;
      }
      return "success";
    };
    expect(errorOf(() => m.createLock(A, amount, t0 + WEEK - 1n, now))).to.equal(
      `VotingEscrowLockTooShort(${t0}, ${now + MIN_LOCK})`,
    );
    // The week boundary just before now + MIN_LOCK is one too short; the next one is the shortest lock.
    expect(errorOf(() => m.createLock(A, amount, t0 + MIN_LOCK, now))).to.equal(
      `VotingEscrowLockTooShort(${t0 + MIN_LOCK}, ${now + MIN_LOCK})`,
    );
    expect(errorOf(() => m.createLock(A, amount, now + MAX_LOCK + WEEK, now))).to.equal(
      `VotingEscrowUnlockTooLate(${t0 + MAX_LOCK + WEEK}, ${now + MAX_LOCK})`,
    );
    expect(errorOf(() => m.createLock(A, 0n, now + MIN_LOCK + WEEK, now))).to.equal("VotingEscrowZeroAmount()");
    const end = t0 + MIN_LOCK + WEEK;
    m.createLock(A, amount, end, now);
    expect(errorOf(() => m.createLock(A, 1n, t0 + 10n * WEEK, now))).to.equal(`VotingEscrowLockExists(${A})`);
    // Adding is allowed until the lock has less than MIN_LOCK to run, then refused; after the end, expired.
    expect(errorOf(() => m.depositFor(B, A, 1n, end - MIN_LOCK))).to.equal("success");
    expect(errorOf(() => m.depositFor(B, A, 1n, end - MIN_LOCK + 1n))).to.equal(
      `VotingEscrowLockTooShort(${end}, ${end + 1n})`,
    );
    expect(errorOf(() => m.depositFor(B, A, 1n, end))).to.equal(`VotingEscrowLockExpired(${A}, ${end})`);
    expect(errorOf(() => m.createLock(A, 1n, end + 10n * WEEK, end))).to.equal(`VotingEscrowLockExists(${A})`);
  });

  it("test_Model_OnlyAllowedCreatorsCreateALock", function () {
    const m = new VotingEscrowModel();
    expect(() => m.createLockFor(B, A, amount, t0 + 10n * WEEK, t0))
      .to.throw(ModelError)
      .with.property("errorName", "VotingEscrowLockCreatorNotAllowed");
    m.setLockCreator(A, B, true);
    expect(m.isLockCreator(A, B)).to.equal(true);
    expect(m.createLockFor(B, A, amount, t0 + 10n * WEEK, t0)).to.equal(t0 + 10n * WEEK);
    m.setLockCreator(A, B, false);
    expect(m.isLockCreator(A, B)).to.equal(false);
  });

  it("test_Model_ScoresSixDecimalTokensIn18DecimalUnits", function () {
    const m = new VotingEscrowModel(ZERO_ADDRESS, 6);
    expect(m.unit).to.equal(10n ** 12n);
    const tokens = 1_000n * 10n ** 6n; // 1,000 tokens
    m.createLock(A, tokens, t0 + MAX_LOCK, t0);
    const units = 1_000n * 10n ** 18n;
    expect(m.balanceOfAt(A, t0)).to.equal(units + (units / MAX_LOCK) * MAX_LOCK);
    expect(m.locked(A).amount).to.equal(tokens);
    expect(() => new VotingEscrowModel(ZERO_ADDRESS, 19))
      .to.throw(ModelError)
      .with.property("errorName", "VotingEscrowUnsupportedDecimals");
  });

  it("test_Model_LevelCountsReachedThresholds", function () {
    const m = new VotingEscrowModel(A);
    m.createLock(B, 22_000n * 10n ** 18n, t0 + MIN_LOCK, t0);
    // 22k tokens plus a small bonus: at least level 1 (22k), below level 2 (50k).
    expect(m.levelAt(B, t0)).to.equal(1);
    expect(m.levelAt(B, t0 + MIN_LOCK)).to.equal(0);
    const thresholds = Array.from({ length: 10 }, (_, i) => BigInt(i + 1));
    expect(() => m.setLevelThresholds(B, thresholds))
      .to.throw(ModelError)
      .with.property("errorName", "VotingEscrowUnauthorized");
    m.setLevelThresholds(A, thresholds);
    expect(m.levelAt(B, t0)).to.equal(10);
    expect(m.levelAt(B, t0, [...DEFAULT_LEVEL_THRESHOLDS])).to.equal(1);
  });
});
