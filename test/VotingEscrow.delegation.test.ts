/**
 * Unit tests of VotingEscrow's IERC5805 delegation: delegate, delegateBySig, delegates and the vote checkpoints
 * (getVotes, getPastVotes, getPastTotalSupply).
 */
import { expect } from "chai";

import { signDelegation } from "../scripts/lib/eip712.ts";
import { NO_LOCK, ONE, WEEK, scoreAt, type LockState } from "./helpers/escrowFixture.js";
import {
  ethers,
  time,
  f,
  escrow,
  token,
  alice,
  bob,
  carol,
  dave,
  W,
  latest,
  at,
  lockOf,
  lockAt,
  eventArgs,
  mined,
  chainId,
  useEscrowFixture,
  type Signer,
} from "./helpers/escrowSuite.js";

describe("VotingEscrow: delegation", function () {
  useEscrowFixture();

  // -----------------------------------------------------------------------------------------------
  // Delegation (IERC5805)
  // -----------------------------------------------------------------------------------------------

  describe("first DelegateChanged", function () {
    it("test_FirstLock_EmitsTheDefaultSelfDelegationFromZero", async function () {
      const receipt = await mined(escrow.connect(alice).createLock(ONE, W + 10n * WEEK));
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[alice.address, ethers.ZeroAddress, alice.address]]);
      // Only the first lock announces it: not an increase, nor a lock after a withdrawal.
      const receipt2 = await mined(escrow.connect(alice).increaseAmount(ONE));
      expect(eventArgs(receipt2, "DelegateChanged")).to.deep.equal([]);
      await time.increaseTo(W + 10n * WEEK);
      await escrow.connect(alice).withdraw();
      const receipt3 = await mined(escrow.connect(alice).createLock(ONE, W + 20n * WEEK));
      expect(eventArgs(receipt3, "DelegateChanged")).to.deep.equal([]);
    });

    it("test_FirstLockFor_EmitsTheAccountsDelegationFromZero", async function () {
      await escrow.connect(carol).setLockCreator(bob.address, true);
      const receipt = await mined(escrow.connect(bob).createLockFor(carol.address, ONE, W + 10n * WEEK));
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[carol.address, ethers.ZeroAddress, carol.address]]);
    });

    it("test_Delegate_AfterTheFirstLockComesFromTheCurrentDelegatee", async function () {
      await escrow.connect(alice).createLock(ONE, W + 10n * WEEK);
      await expect(escrow.connect(alice).delegate(bob.address))
        .to.emit(escrow, "DelegateChanged")
        .withArgs(alice.address, alice.address, bob.address);
    });
  });

  describe("delegate", function () {
    let a: LockState, b: LockState, c: LockState;

    beforeEach(async function () {
      a = await lockAt(alice, 1_000n * ONE + 1n, W + 20n * WEEK, W + 1n);
      b = await lockAt(bob, 400n * ONE + 2n, W + 40n * WEEK, W + 2n);
      c = await lockAt(carol, 250n * ONE + 3n, W + 10n * WEEK, W + 3n);
    });

    it("test_Delegate_MovesTheWholeScore", async function () {
      const t = W + 100n;
      await at(t);
      const receipt = await mined(escrow.connect(alice).delegate(bob.address));
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[alice.address, alice.address, bob.address]]);
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [alice.address, scoreAt(a, t), 0n],
        [bob.address, scoreAt(b, t), scoreAt(b, t) + scoreAt(a, t)],
      ]);
      expect(await escrow.delegates(alice.address)).to.equal(bob.address);
      expect(await escrow.getVotes(alice.address)).to.equal(0n);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a, t) + scoreAt(b, t));
      // The score itself stays with alice; only voting power moves.
      expect(await escrow.balanceOf(alice.address)).to.equal(scoreAt(a, t));
      expect(await escrow.totalSupply()).to.equal(scoreAt(a, t) + scoreAt(b, t) + scoreAt(c, t));
    });

    it("test_Delegate_CarriesFutureDecayAndExpiry", async function () {
      const t = W + 100n;
      await at(t);
      await escrow.connect(alice).delegate(bob.address);
      const checkpoints = [t + 1n, t + WEEK, a.end - 1n, a.end, a.end + 1n, c.end, b.end - 1n, b.end, b.end + WEEK];
      await time.increaseTo(b.end + 2n * WEEK);
      for (const x of checkpoints) {
        expect(await escrow.getPastVotes(bob.address, x), `bob at ${x}`).to.equal(scoreAt(a, x) + scoreAt(b, x));
        expect(await escrow.getPastVotes(alice.address, x), `alice at ${x}`).to.equal(0n);
        expect(await escrow.getPastVotes(carol.address, x), `carol at ${x}`).to.equal(scoreAt(c, x));
      }
      expect(await escrow.getVotes(bob.address)).to.equal(0n);
    });

    it("test_Delegate_ToSelfTakesItBack", async function () {
      const t1 = W + 100n;
      await at(t1);
      await escrow.connect(alice).delegate(bob.address);
      const t2 = W + 3n * WEEK + 7n;
      await at(t2);
      const receipt = await mined(escrow.connect(alice).delegate(alice.address));
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[alice.address, bob.address, alice.address]]);
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [bob.address, scoreAt(b, t2) + scoreAt(a, t2), scoreAt(b, t2)],
        [alice.address, 0n, scoreAt(a, t2)],
      ]);
      expect(await escrow.delegates(alice.address)).to.equal(alice.address);
      expect(await escrow.getVotes(alice.address)).to.equal(scoreAt(a, t2));
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(b, t2));
      await time.increaseTo(a.end + 1n);
      for (const x of [t1, t2 - 1n, t2, a.end - 1n, a.end]) {
        const delegated = x < t2 ? scoreAt(a, x) : 0n;
        expect(await escrow.getPastVotes(bob.address, x)).to.equal(scoreAt(b, x) + delegated);
        expect(await escrow.getPastVotes(alice.address, x)).to.equal(scoreAt(a, x) - delegated);
      }
    });

    it("test_Delegate_FromOneDelegateeToAnother", async function () {
      await at(W + 100n);
      await escrow.connect(alice).delegate(bob.address);
      const t = W + 200n;
      await at(t);
      const receipt = await mined(escrow.connect(alice).delegate(carol.address));
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[alice.address, bob.address, carol.address]]);
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [bob.address, scoreAt(b, t) + scoreAt(a, t), scoreAt(b, t)],
        [carol.address, scoreAt(c, t), scoreAt(c, t) + scoreAt(a, t)],
      ]);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(b, t));
      expect(await escrow.getVotes(carol.address)).to.equal(scoreAt(c, t) + scoreAt(a, t));
    });

    it("test_Delegate_IsNotTransitive", async function () {
      await at(W + 100n);
      await escrow.connect(alice).delegate(bob.address);
      const t = W + 200n;
      await at(t);
      const receipt = await mined(escrow.connect(bob).delegate(carol.address));
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [bob.address, scoreAt(a, t) + scoreAt(b, t), scoreAt(a, t)],
        [carol.address, scoreAt(c, t), scoreAt(c, t) + scoreAt(b, t)],
      ]);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a, t));
      expect(await escrow.getVotes(carol.address)).to.equal(scoreAt(b, t) + scoreAt(c, t));
    });

    it("test_Delegate_WithoutLockMovesNoVotesUntilALockExists", async function () {
      const t1 = W + 100n;
      await at(t1);
      const receipt = await mined(escrow.connect(dave).delegate(bob.address));
      // Dave's first DelegateChanged, as OpenZeppelin's Votes emits it: from address(0).
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[dave.address, ethers.ZeroAddress, bob.address]]);
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([]);
      const t2 = W + 200n;
      const d = { amount: 60n * ONE, end: W + 30n * WEEK, autoMax: false };
      await at(t2);
      const receipt2 = await mined(escrow.connect(dave).createLock(d.amount, d.end));
      // The delegation already showed, so the first lock does not announce one.
      expect(eventArgs(receipt2, "DelegateChanged")).to.deep.equal([]);
      expect(eventArgs(receipt2, "DelegateVotesChanged")).to.deep.equal([
        [bob.address, scoreAt(b, t2), scoreAt(b, t2) + scoreAt(d, t2)],
      ]);
      expect(await escrow.getVotes(dave.address)).to.equal(0n);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(b, t2) + scoreAt(d, t2));
    });

    it("test_Delegate_ExpiredLockMovesNoVotes", async function () {
      const t = c.end + 10n;
      await at(t);
      const receipt = await mined(escrow.connect(carol).delegate(bob.address));
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[carol.address, carol.address, bob.address]]);
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([]);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(b, t));
      // A new lock after withdrawing goes to the delegatee.
      await at(t + 1n);
      await escrow.connect(carol).withdraw();
      const c2 = await lockAt(carol, 5n * ONE, t + 10n * WEEK, t + 2n);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(b, t + 2n) + scoreAt(c2, t + 2n));
    });

    it("test_Delegate_LockChangesFollowTheDelegatee", async function () {
      await at(W + 100n);
      await escrow.connect(alice).delegate(bob.address);

      const t1 = W + 200n;
      const a1 = { ...a, amount: a.amount + 10n * ONE };
      await at(t1);
      let receipt = await mined(escrow.connect(alice).increaseAmount(10n * ONE));
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [bob.address, scoreAt(b, t1) + scoreAt(a, t1), scoreAt(b, t1) + scoreAt(a1, t1)],
      ]);

      const t2 = W + 300n;
      const a2 = { ...a1, end: W + 50n * WEEK };
      await at(t2);
      receipt = await mined(escrow.connect(alice).increaseUnlockTime(a2.end));
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [bob.address, scoreAt(b, t2) + scoreAt(a1, t2), scoreAt(b, t2) + scoreAt(a2, t2)],
      ]);

      const t3 = W + 400n;
      const a3 = { amount: a2.amount, end: 0n, autoMax: true };
      await at(t3);
      receipt = await mined(escrow.connect(alice).setAutoMax(true));
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [bob.address, scoreAt(b, t3) + scoreAt(a2, t3), scoreAt(b, t3) + scoreAt(a3, t3)],
      ]);

      const t4 = b.end + 5n * WEEK;
      await time.increaseTo(t4);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a3, t4));
      expect(await escrow.getPastVotes(bob.address, t2)).to.equal(scoreAt(b, t2) + scoreAt(a2, t2));
      expect(await escrow.getPastVotes(bob.address, t1)).to.equal(scoreAt(b, t1) + scoreAt(a1, t1));
      expect(await escrow.getPastVotes(bob.address, t3 - 1n)).to.equal(scoreAt(b, t3 - 1n) + scoreAt(a2, t3 - 1n));
    });

    it("test_Delegate_PastVotesUnchangedByLaterDelegation", async function () {
      const t1 = W + 1000n;
      await time.increaseTo(t1);
      const probes = [W + 1n, W + 2n, W + 3n, W + 500n, t1 - 1n];
      const before: bigint[] = [];
      for (const x of probes) {
        before.push(await escrow.getPastVotes(alice.address, x));
        before.push(await escrow.getPastVotes(bob.address, x));
      }
      await at(t1 + 1n);
      await escrow.connect(alice).delegate(bob.address);
      await at(t1 + 2n);
      await escrow.connect(bob).delegate(carol.address);
      await time.increaseTo(t1 + WEEK);
      const after: bigint[] = [];
      for (const x of probes) {
        after.push(await escrow.getPastVotes(alice.address, x));
        after.push(await escrow.getPastVotes(bob.address, x));
      }
      expect(after).to.deep.equal(before);
      expect(await escrow.getPastVotes(alice.address, W + 500n)).to.equal(scoreAt(a, W + 500n));
    });

    it("test_Delegate_ToCurrentDelegateeChangesNothing", async function () {
      const t = W + 100n;
      await at(t);
      // As OpenZeppelin's Votes: DelegateChanged(current, current), and no votes move.
      const again = escrow.connect(alice).delegate(alice.address);
      await expect(again).to.emit(escrow, "DelegateChanged").withArgs(alice.address, alice.address, alice.address);
      await expect(again).to.not.emit(escrow, "DelegateVotesChanged");
      await escrow.connect(alice).delegate(bob.address);
      const repeat = escrow.connect(alice).delegate(bob.address);
      await expect(repeat).to.emit(escrow, "DelegateChanged").withArgs(alice.address, bob.address, bob.address);
      await expect(repeat).to.not.emit(escrow, "DelegateVotesChanged");
      const now = await latest();
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a, now) + scoreAt(b, now));
      expect(await escrow.getVotes(alice.address)).to.equal(0n);
    });

    it("test_RevertWhen_DelegateToZeroAddress", async function () {
      await expect(escrow.connect(alice).delegate(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowInvalidAccount")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("delegateBySig", function () {
    let a: LockState;

    beforeEach(async function () {
      a = await lockAt(alice, 1_000n * ONE, W + 20n * WEEK, W + 1n);
    });

    it("test_DelegateBySig_DelegatesForTheSigner", async function () {
      const expiry = W + WEEK;
      const sig = await signDelegation(escrow, alice, { delegatee: bob.address, nonce: 0n, expiry });
      const t = W + 100n;
      await at(t);
      const receipt = await mined(escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s));
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[alice.address, alice.address, bob.address]]);
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [alice.address, scoreAt(a, t), 0n],
        [bob.address, 0n, scoreAt(a, t)],
      ]);
      expect(await escrow.delegates(alice.address)).to.equal(bob.address);
      expect(await escrow.delegates(carol.address)).to.equal(carol.address);
      expect(await escrow.nonces(alice.address)).to.equal(1n);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a, t));
    });

    it("test_DelegateBySig_ExpiryEqualToNowIsAccepted", async function () {
      const t = W + 100n;
      const sig = await signDelegation(escrow, alice, { delegatee: bob.address, nonce: 0n, expiry: t });
      await at(t);
      await escrow.connect(carol).delegateBySig(bob.address, 0n, t, sig.v, sig.r, sig.s);
      expect(await escrow.delegates(alice.address)).to.equal(bob.address);
    });

    it("test_RevertWhen_DelegateBySigReplayed", async function () {
      const expiry = W + WEEK;
      const sig = await signDelegation(escrow, alice, { delegatee: bob.address, nonce: 0n, expiry });
      await escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s);
      await expect(escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "InvalidAccountNonce")
        .withArgs(alice.address, 1n);
    });

    it("test_RevertWhen_DelegateBySigWrongNonce", async function () {
      const expiry = W + WEEK;
      const sig = await signDelegation(escrow, alice, { delegatee: bob.address, nonce: 5n, expiry });
      await expect(escrow.connect(carol).delegateBySig(bob.address, 5n, expiry, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "InvalidAccountNonce")
        .withArgs(alice.address, 0n);
    });

    it("test_RevertWhen_DelegateBySigExpired", async function () {
      const t = W + 100n;
      const expiry = t - 1n;
      const sig = await signDelegation(escrow, alice, { delegatee: bob.address, nonce: 0n, expiry });
      await at(t);
      await expect(escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotesExpiredSignature")
        .withArgs(expiry);
    });

    it("test_DelegateBySig_OtherChainIdDoesNotDelegateForTheSigner", async function () {
      const expiry = W + WEEK;
      const sig = await signDelegation(
        escrow,
        alice,
        { delegatee: bob.address, nonce: 0n, expiry },
        { chainId: (await chainId()) + 1n },
      );
      const receipt = await mined(escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s));
      // The signature recovers some unrelated address (with nonce 0), never alice.
      for (const [delegator] of eventArgs(receipt, "DelegateChanged")) expect(delegator).to.not.equal(alice.address);
      expect(await escrow.delegates(alice.address)).to.equal(alice.address);
      expect(await escrow.nonces(alice.address)).to.equal(0n);
      expect(await escrow.getVotes(bob.address)).to.equal(0n);
      expect(await escrow.getVotes(alice.address)).to.equal(scoreAt(a, await latest()));
    });

    it("test_DelegateBySig_OtherVerifyingContractDoesNotDelegateForTheSigner", async function () {
      const expiry = W + WEEK;
      const sig = await signDelegation(
        escrow,
        alice,
        { delegatee: bob.address, nonce: 0n, expiry },
        {
          verifyingContract: await token.getAddress(),
        },
      );
      const receipt = await mined(escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s));
      for (const [delegator] of eventArgs(receipt, "DelegateChanged")) expect(delegator).to.not.equal(alice.address);
      expect(await escrow.delegates(alice.address)).to.equal(alice.address);
      expect(await escrow.nonces(alice.address)).to.equal(0n);
      expect(await escrow.getVotes(bob.address)).to.equal(0n);
    });

    it("test_DelegateBySig_TamperedDelegateeDoesNotDelegateForTheSigner", async function () {
      const expiry = W + WEEK;
      const sig = await signDelegation(escrow, alice, { delegatee: bob.address, nonce: 0n, expiry });
      await escrow.connect(carol).delegateBySig(dave.address, 0n, expiry, sig.v, sig.r, sig.s);
      expect(await escrow.delegates(alice.address)).to.equal(alice.address);
      expect(await escrow.getVotes(dave.address)).to.equal(0n);
    });

    it("test_RevertWhen_DelegateBySigToZeroAddress", async function () {
      const expiry = W + WEEK;
      const sig = await signDelegation(escrow, alice, { delegatee: ethers.ZeroAddress, nonce: 0n, expiry });
      await expect(escrow.connect(carol).delegateBySig(ethers.ZeroAddress, 0n, expiry, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowInvalidAccount")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("delegates", function () {
    it("test_Delegates_DefaultsToSelf", async function () {
      for (const account of [alice, bob, f.others[0]]) {
        expect(await escrow.delegates(account.address)).to.equal(account.address);
      }
    });

    it("test_Delegates_ReturnsTheLatestDelegatee", async function () {
      await escrow.connect(alice).delegate(bob.address);
      expect(await escrow.delegates(alice.address)).to.equal(bob.address);
      await escrow.connect(alice).delegate(carol.address);
      expect(await escrow.delegates(alice.address)).to.equal(carol.address);
      await escrow.connect(alice).delegate(alice.address);
      expect(await escrow.delegates(alice.address)).to.equal(alice.address);
      expect(await escrow.delegates(bob.address)).to.equal(bob.address);
    });
  });

  describe("getVotes", function () {
    it("test_GetVotes_OwnScorePlusDelegatedScores", async function () {
      const a = await lockAt(alice, 100n * ONE, W + 10n * WEEK, W + 1n);
      const b = await lockAt(bob, 200n * ONE, W + 20n * WEEK, W + 2n);
      const c = await lockAt(carol, 300n * ONE, W + 30n * WEEK, W + 3n);
      await escrow.connect(carol).setAutoMax(true);
      const cMax = { amount: c.amount, end: 0n, autoMax: true };
      await escrow.connect(alice).delegate(bob.address);
      await escrow.connect(carol).delegate(bob.address);
      const t = W + 5n * WEEK;
      await time.increaseTo(t);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a, t) + scoreAt(b, t) + scoreAt(cMax, t));
      expect(await escrow.getVotes(alice.address)).to.equal(0n);
      expect(await escrow.getVotes(carol.address)).to.equal(0n);
      expect(await escrow.getVotes(dave.address)).to.equal(0n);
      // Bob delegating away keeps what others delegated to him.
      await escrow.connect(bob).delegate(dave.address);
      const t2 = await latest();
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a, t2) + scoreAt(cMax, t2));
      expect(await escrow.getVotes(dave.address)).to.equal(scoreAt(b, t2));
    });
  });

  describe("getPastVotes", function () {
    it("test_GetPastVotes_ExactHistory", async function () {
      const a = await lockAt(alice, 100n * ONE + 1n, W + 10n * WEEK, W + 10n);
      const t1 = W + 3n * WEEK;
      const a1 = { ...a, amount: a.amount + 50n * ONE };
      await at(t1);
      await escrow.connect(alice).increaseAmount(50n * ONE);
      await time.increaseTo(a.end + WEEK);
      expect(await escrow.getPastVotes(alice.address, W)).to.equal(0n);
      expect(await escrow.getPastVotes(alice.address, W + 9n)).to.equal(0n);
      for (const x of [W + 10n, W + 11n, W + WEEK, t1 - 1n]) {
        expect(await escrow.getPastVotes(alice.address, x)).to.equal(scoreAt(a, x));
      }
      for (const x of [t1, t1 + 1n, a.end - 1n, a.end, a.end + 1n]) {
        expect(await escrow.getPastVotes(alice.address, x)).to.equal(scoreAt(a1, x));
      }
    });

    it("test_RevertWhen_GetPastVotesNotInThePast", async function () {
      const now = await latest();
      await expect(escrow.getPastVotes(alice.address, now))
        .to.be.revertedWithCustomError(escrow, "ERC5805FutureLookup")
        .withArgs(now, now);
      await expect(escrow.getPastVotes(alice.address, now + 1000n))
        .to.be.revertedWithCustomError(escrow, "ERC5805FutureLookup")
        .withArgs(now + 1000n, now);
      expect(await escrow.getPastVotes(alice.address, now - 1n)).to.equal(0n);
    });

    it("test_GetPastVotes_LongHistoriesOfLocksAndDelegations", async function () {
      // Enough entries per history (> 5) to exercise every branch of the lookups, checked against a model.
      const accounts = [alice, bob, carol].map((s) => s.address);
      const locks = new Map<string, [bigint, LockState][]>(accounts.map((a) => [a, []]));
      const delegations = new Map<string, [bigint, string][]>(accounts.map((a) => [a, []]));
      const stateAt = <T>(history: [bigint, T][], x: bigint, initial: T): T => {
        let state = initial;
        for (const [since, value] of history) if (since <= x) state = value;
        return state;
      };
      const votesAt = (who: string, x: bigint): bigint => {
        let votes = 0n;
        for (const a of accounts) {
          if (stateAt(delegations.get(a)!, x, a) === who) votes += scoreAt(stateAt(locks.get(a)!, x, NO_LOCK), x);
        }
        return votes;
      };
      const record = async (who: Signer, t: bigint) => locks.get(who.address)!.push([t, await lockOf(who.address)]);

      const times: bigint[] = [];
      const signers = [alice, bob, carol];
      for (let i = 0; i < 3; i++) {
        const t = W + BigInt(i) + 1n;
        await lockAt(signers[i], BigInt(1_000 - 300 * i) * ONE + BigInt(i), W + BigInt(10 * (i + 1)) * WEEK, t);
        await record(signers[i], t);
        times.push(t);
      }
      for (let i = 1; i <= 36; i++) {
        const t = W + BigInt(i) * 3_600n + 7n;
        const who = signers[i % 3];
        const to = signers[(i + Math.floor(i / 3)) % 3].address;
        await at(t);
        if (i % 4 === 0) {
          await escrow.connect(who).increaseAmount(BigInt(i) * ONE);
          await record(who, t);
        } else if (i % 7 === 0) {
          const current = await lockOf(who.address);
          await escrow.connect(who).increaseUnlockTime(current.end + WEEK);
          await record(who, t);
        } else if ((await escrow.delegates(who.address)) !== to) {
          await escrow.connect(who).delegate(to);
          delegations.get(who.address)!.push([t, to]);
        } else {
          await escrow.connect(who).depositFor(who.address, 1n);
          await record(who, t);
        }
        times.push(t);
      }
      for (const a of accounts) expect(delegations.get(a)!.length).to.be.gte(6);
      await time.increaseTo(W + 12n * WEEK);
      const probes = times.flatMap((t) => [t - 1n, t, t + 1n]).concat([W + 5n * WEEK, W + 10n * WEEK, W + 11n * WEEK]);
      for (const x of probes) {
        let sum = 0n;
        for (const a of accounts) {
          const expected = votesAt(a, x);
          expect(await escrow.getPastVotes(a, x), `votes of ${a} at ${x}`).to.equal(expected);
          expect(await escrow.balanceOfAt(a, x), `score of ${a} at ${x}`).to.equal(
            scoreAt(stateAt(locks.get(a)!, x, NO_LOCK), x),
          );
          sum += expected;
        }
        expect(await escrow.getPastTotalSupply(x), `total at ${x}`).to.equal(sum);
      }
    });
  });

  describe("getPastTotalSupply", function () {
    it("test_GetPastTotalSupply_EqualsTotalSupplyAtAndSumOfScores", async function () {
      const a = await lockAt(alice, 100n * ONE + 1n, W + 10n * WEEK, W + 10n);
      const b = await lockAt(bob, 900n * ONE + 2n, W + 52n * WEEK, W + 20n);
      await time.increaseTo(W + 60n * WEEK);
      for (const x of [W, W + 10n, W + 19n, W + 20n, W + WEEK, a.end - 1n, a.end, b.end - 1n, b.end]) {
        const expected = scoreAt(a, x) * (x >= W + 10n ? 1n : 0n) + scoreAt(b, x) * (x >= W + 20n ? 1n : 0n);
        expect(await escrow.getPastTotalSupply(x), `at ${x}`).to.equal(expected);
        expect(await escrow.totalSupplyAt(x), `at ${x}`).to.equal(expected);
      }
    });

    it("test_RevertWhen_GetPastTotalSupplyNotInThePast", async function () {
      const now = await latest();
      await expect(escrow.getPastTotalSupply(now))
        .to.be.revertedWithCustomError(escrow, "ERC5805FutureLookup")
        .withArgs(now, now);
      await expect(escrow.getPastTotalSupply(now + WEEK))
        .to.be.revertedWithCustomError(escrow, "ERC5805FutureLookup")
        .withArgs(now + WEEK, now);
    });
  });
});
