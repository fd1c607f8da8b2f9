/**
 * Unit tests of VotingEscrow, one describe per function: metadata, EIP-712 and lock creation.
 * Lock updates, delegation and the score views are in VotingEscrow.{lockUpdates,delegation,views}.test.ts.
 */
import { expect } from "chai";

import { signDelegation, signPermit } from "../scripts/lib/eip712.ts";
import { MAX_AMOUNT, MAX_LOCK, MIN_LOCK, NO_LOCK, ONE, WEEK, epochStart, scoreAt } from "./helpers/escrowFixture.js";
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
  eve,
  W,
  latest,
  at,
  lockOf,
  lockAt,
  chainId,
  useEscrowFixture,
} from "./helpers/escrowSuite.js";

describe("VotingEscrow", function () {
  useEscrowFixture();

  // -----------------------------------------------------------------------------------------------
  // Metadata and ERC-6372 / EIP-712
  // -----------------------------------------------------------------------------------------------

  describe("name", function () {
    it("test_Name_IsVoteEscrowedPlusTokenName", async function () {
      expect(await escrow.name()).to.equal("Vote-escrowed " + (await token.name()));
    });
  });

  describe("symbol", function () {
    it("test_Symbol_IsVePlusTokenSymbol", async function () {
      expect(await escrow.symbol()).to.equal("ve" + (await token.symbol()));
    });
  });

  describe("decimals", function () {
    it("test_Decimals_Is18", async function () {
      expect(await escrow.decimals()).to.equal(18n);
    });
  });

  describe("token", function () {
    it("test_Token_IsTheLockedToken", async function () {
      expect(await escrow.token()).to.equal(await token.getAddress());
    });
  });

  describe("admin", function () {
    it("test_Admin_IsTheConstructorAdmin", async function () {
      expect(await escrow.admin()).to.equal(admin.address);
    });
  });

  describe("WEEK", function () {
    it("test_Week_IsSevenDaysInSeconds", async function () {
      expect(await escrow.WEEK()).to.equal(7n * 24n * 3600n);
    });
  });

  describe("MAX_LOCK", function () {
    it("test_MaxLock_Is52Weeks", async function () {
      expect(await escrow.MAX_LOCK()).to.equal(52n * (await escrow.WEEK()));
      expect(await escrow.MAX_LOCK()).to.equal(MAX_LOCK);
    });
  });

  describe("clock", function () {
    it("test_Clock_IsBlockTimestamp", async function () {
      await time.increaseTo(W + 77n);
      expect(await escrow.clock()).to.equal(W + 77n);
      expect(await escrow.clock()).to.equal(await latest());
    });
  });

  describe("CLOCK_MODE", function () {
    it("test_ClockMode_IsTimestamp", async function () {
      expect(await escrow.CLOCK_MODE()).to.equal("mode=timestamp");
    });
  });

  describe("nonces / eip712Domain", function () {
    it("test_Eip712Domain_MatchesNameVersionChainAndAddress", async function () {
      const domain = await escrow.eip712Domain();
      expect(domain.fields).to.equal("0x0f");
      expect(domain.name).to.equal(await escrow.name());
      expect(domain.version).to.equal("1");
      expect(domain.chainId).to.equal(await chainId());
      expect(domain.verifyingContract).to.equal(escrowAddress);
      expect(domain.salt).to.equal(ethers.ZeroHash);
      expect(domain.extensions).to.deep.equal([]);
    });

    it("test_Nonces_StartAtZeroAndIncreaseWithDelegateBySig", async function () {
      expect(await escrow.nonces(alice.address)).to.equal(0n);
      const expiry = W + WEEK;
      const sig = await signDelegation(escrow, alice, { delegatee: bob.address, nonce: 0n, expiry });
      await escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s);
      expect(await escrow.nonces(alice.address)).to.equal(1n);
      expect(await escrow.nonces(carol.address)).to.equal(0n);
    });
  });

  describe("non-transferability", function () {
    it("test_Abi_HasNoTransferApproveOrAllowance", async function () {
      // The generic ethers Interface, since the typed one only accepts names that exist.
      const abi = new ethers.Interface(escrow.interface.fragments);
      for (const fn of ["transfer", "transferFrom", "approve", "allowance"]) {
        expect(abi.getFunction(fn), fn).to.equal(null);
      }
      for (const ev of ["Transfer", "Approval"]) {
        expect(abi.getEvent(ev), ev).to.equal(null);
      }
      const names: string[] = [];
      abi.forEachFunction((fragment) => names.push(fragment.name));
      expect(names).to.include("delegate");
      expect(names.some((n) => /transfer|approve|allowance/i.test(n))).to.equal(false);
    });
  });

  // -----------------------------------------------------------------------------------------------
  // Locks
  // -----------------------------------------------------------------------------------------------

  describe("createLock", function () {
    it("test_CreateLock_RecordsLockScoreEventsAndPullsTokens", async function () {
      const t = W + 123n;
      const amount = 1_000n * ONE + 7n;
      const unlockTime = t + 30n * WEEK + 5_000n;
      const end = epochStart(unlockTime);
      const lock = { amount, end, autoMax: false };
      const score = scoreAt(lock, t);
      expect(score).to.equal(amount + (amount / MAX_LOCK) * (end - t));

      await at(t);
      const tx = await escrow.connect(alice).createLock(amount, unlockTime);
      await expect(tx).to.emit(escrow, "LockCreated").withArgs(alice.address, alice.address, amount, end);
      await expect(tx).to.emit(escrow, "DelegateVotesChanged").withArgs(alice.address, 0n, score);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, escrow], [-amount, amount]);

      expect(await lockOf(alice.address)).to.deep.equal(lock);
      expect(await escrow.balanceOf(alice.address)).to.equal(score);
      expect(await escrow.totalSupply()).to.equal(score);
      expect(await escrow.getVotes(alice.address)).to.equal(score);
    });

    it("test_CreateLock_RoundsUnlockTimeDownToWeek", async function () {
      const t = W + 10n;
      await at(t);
      await escrow.connect(alice).createLock(ONE, W + 10n * WEEK + WEEK - 1n);
      expect((await lockOf(alice.address)).end).to.equal(W + 10n * WEEK);
    });

    it("test_CreateLock_AfterWithdrawStartsANewLock", async function () {
      const first = await lockAt(alice, 100n * ONE, W + 5n * WEEK, W + 1n);
      await at(first.end);
      await escrow.connect(alice).withdraw();
      const t = first.end + 5n;
      const second = await lockAt(alice, 7n * ONE, t + 20n * WEEK, t);
      expect(await lockOf(alice.address)).to.deep.equal(second);
      expect(await escrow.balanceOf(alice.address)).to.equal(scoreAt(second, t));
      expect(await escrow.totalSupply()).to.equal(scoreAt(second, t));
    });

    it("test_RevertWhen_CreateLockZeroAmount", async function () {
      await expect(escrow.connect(alice).createLock(0n, W + 10n * WEEK)).to.be.revertedWithCustomError(
        escrow,
        "VotingEscrowZeroAmount",
      );
    });

    it("test_RevertWhen_CreateLockAmountTooLarge", async function () {
      await expect(escrow.connect(alice).createLock(MAX_AMOUNT + 1n, W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAmountTooLarge")
        .withArgs(MAX_AMOUNT + 1n, MAX_AMOUNT);
    });

    it("test_RevertWhen_CreateLockTooShort", async function () {
      const t = W + 500n;
      await at(t);
      await expect(escrow.connect(alice).createLock(ONE, t - 1000n))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(epochStart(t - 1000n), t + MIN_LOCK);
      // Later than now + MIN_LOCK, but rounds down onto a week boundary before it.
      await at(t);
      await expect(escrow.connect(alice).createLock(ONE, W + MIN_LOCK + WEEK - 1n))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(W + MIN_LOCK, t + MIN_LOCK);
      // The first week boundary at or after now + MIN_LOCK is the shortest lock.
      await at(t);
      await escrow.connect(alice).createLock(ONE, W + MIN_LOCK + WEEK);
      expect((await lockOf(alice.address)).end).to.equal(W + MIN_LOCK + WEEK);
    });

    it("test_RevertWhen_CreateLockUnlockTooLate", async function () {
      const t = W + 500n;
      const unlockTime = epochStart(t + MAX_LOCK) + WEEK;
      await at(t);
      await expect(escrow.connect(alice).createLock(ONE, unlockTime))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowUnlockTooLate")
        .withArgs(unlockTime, t + MAX_LOCK);
    });

    it("test_RevertWhen_CreateLockWithExistingLock", async function () {
      const lock = await lockAt(alice, ONE, W + 6n * WEEK, W + 1n);
      await expect(escrow.connect(alice).createLock(ONE, W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExists")
        .withArgs(alice.address);
      // Even once it has expired, until it is withdrawn.
      await time.increaseTo(lock.end + WEEK);
      await expect(escrow.connect(alice).createLock(ONE, lock.end + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExists")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_CreateLockWithoutAllowance", async function () {
      await expect(escrow.connect(eve).createLock(ONE, W + 10n * WEEK))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(escrowAddress, 0n, ONE);
    });
  });

  describe("setLockCreator", function () {
    it("test_SetLockCreator_AllowsAndRevokes", async function () {
      expect(await escrow.isLockCreator(carol.address, bob.address)).to.equal(false);
      await expect(escrow.connect(carol).setLockCreator(bob.address, true))
        .to.emit(escrow, "LockCreatorSet")
        .withArgs(carol.address, bob.address, true);
      expect(await escrow.isLockCreator(carol.address, bob.address)).to.equal(true);
      // Consent is per account and per creator.
      expect(await escrow.isLockCreator(bob.address, carol.address)).to.equal(false);
      expect(await escrow.isLockCreator(carol.address, dave.address)).to.equal(false);
      await expect(escrow.connect(carol).setLockCreator(bob.address, false))
        .to.emit(escrow, "LockCreatorSet")
        .withArgs(carol.address, bob.address, false);
      expect(await escrow.isLockCreator(carol.address, bob.address)).to.equal(false);
    });

    it("test_RevertWhen_SetLockCreatorZeroAddress", async function () {
      await expect(escrow.connect(carol).setLockCreator(ethers.ZeroAddress, true))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowInvalidAccount")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("createLockFor", function () {
    beforeEach(async function () {
      await escrow.connect(carol).setLockCreator(bob.address, true);
      await escrow.connect(f.others[0]).setLockCreator(alice.address, true);
    });

    it("test_RevertWhen_CreateLockForWithoutConsent", async function () {
      await expect(escrow.connect(dave).createLockFor(carol.address, ONE, W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockCreatorNotAllowed")
        .withArgs(carol.address, dave.address);
      // A revoked creator is refused again.
      await escrow.connect(carol).setLockCreator(bob.address, false);
      await expect(escrow.connect(bob).createLockFor(carol.address, ONE, W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockCreatorNotAllowed")
        .withArgs(carol.address, bob.address);
    });

    it("test_CreateLockFor_OwnAccountNeedsNoConsent", async function () {
      await escrow.connect(dave).createLockFor(dave.address, ONE, W + 10n * WEEK);
      expect((await lockOf(dave.address)).amount).to.equal(ONE);
    });

    it("test_CreateLockFor_IsFundedByTheCaller", async function () {
      const t = W + 42n;
      const amount = 333n * ONE + 1n;
      const unlockTime = t + 40n * WEEK;
      const lock = { amount, end: epochStart(unlockTime), autoMax: false };
      const score = scoreAt(lock, t);

      await at(t);
      const tx = await escrow.connect(bob).createLockFor(carol.address, amount, unlockTime);
      await expect(tx).to.emit(escrow, "LockCreated").withArgs(carol.address, bob.address, amount, lock.end);
      await expect(tx).to.emit(escrow, "DelegateVotesChanged").withArgs(carol.address, 0n, score);
      await expect(tx).to.changeTokenBalances(ethers, token, [bob, carol, escrow], [-amount, 0n, amount]);

      expect(await lockOf(carol.address)).to.deep.equal(lock);
      expect(await lockOf(bob.address)).to.deep.equal(NO_LOCK);
      expect(await escrow.balanceOf(carol.address)).to.equal(score);
      expect(await escrow.balanceOf(bob.address)).to.equal(0n);
      expect(await escrow.getVotes(carol.address)).to.equal(score);
    });

    it("test_CreateLockFor_AnAccountWithoutTokens", async function () {
      const [stranger] = f.others;
      const t = W + 1n;
      await at(t);
      await escrow.connect(alice).createLockFor(stranger.address, 5n * ONE, t + 10n * WEEK);
      expect(await token.balanceOf(stranger.address)).to.equal(0n);
      expect((await lockOf(stranger.address)).amount).to.equal(5n * ONE);
    });

    it("test_CreateLockFor_CreditsTheAccountsDelegatee", async function () {
      await escrow.connect(carol).delegate(dave.address);
      const t = W + 9n;
      const lock = { amount: 50n * ONE, end: t + 10n * WEEK - 9n, autoMax: false };
      await at(t);
      const tx = await escrow.connect(bob).createLockFor(carol.address, lock.amount, lock.end);
      await expect(tx).to.emit(escrow, "DelegateVotesChanged").withArgs(dave.address, 0n, scoreAt(lock, t));
      expect(await escrow.getVotes(dave.address)).to.equal(scoreAt(lock, t));
      expect(await escrow.getVotes(carol.address)).to.equal(0n);
    });

    it("test_RevertWhen_CreateLockForZeroAddress", async function () {
      // The zero address can never have allowed a creator.
      await expect(escrow.connect(bob).createLockFor(ethers.ZeroAddress, ONE, W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockCreatorNotAllowed")
        .withArgs(ethers.ZeroAddress, bob.address);
    });

    it("test_RevertWhen_CreateLockForZeroAmount", async function () {
      await expect(escrow.connect(bob).createLockFor(carol.address, 0n, W + 10n * WEEK)).to.be.revertedWithCustomError(
        escrow,
        "VotingEscrowZeroAmount",
      );
    });

    it("test_RevertWhen_CreateLockForAmountTooLarge", async function () {
      await expect(escrow.connect(bob).createLockFor(carol.address, MAX_AMOUNT + 1n, W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAmountTooLarge")
        .withArgs(MAX_AMOUNT + 1n, MAX_AMOUNT);
    });

    it("test_RevertWhen_CreateLockForAccountWithLock", async function () {
      await lockAt(carol, ONE, W + 5n * WEEK, W + 1n);
      await expect(escrow.connect(bob).createLockFor(carol.address, ONE, W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExists")
        .withArgs(carol.address);
    });

    it("test_RevertWhen_CreateLockForUnlockTimeOutOfRange", async function () {
      const t = W + 3n;
      await at(t);
      await expect(escrow.connect(bob).createLockFor(carol.address, ONE, t))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(W, t + MIN_LOCK);
      await at(t);
      await expect(escrow.connect(bob).createLockFor(carol.address, ONE, W + MAX_LOCK + WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowUnlockTooLate")
        .withArgs(W + MAX_LOCK + WEEK, t + MAX_LOCK);
    });
  });

  describe("createLockWithPermit", function () {
    it("test_CreateLockWithPermit_LocksWithoutApprove", async function () {
      const amount = 1_234n * ONE;
      const t = W + 100n;
      const deadline = t + 3600n;
      const unlockTime = t + 26n * WEEK;
      const sig = await signPermit(token, eve, { owner: eve.address, spender: escrowAddress, value: amount, deadline });
      expect(await token.allowance(eve.address, escrowAddress)).to.equal(0n);

      await at(t);
      const tx = await escrow.connect(eve).createLockWithPermit(amount, unlockTime, deadline, sig.v, sig.r, sig.s);
      await expect(tx)
        .to.emit(escrow, "LockCreated")
        .withArgs(eve.address, eve.address, amount, epochStart(unlockTime));
      await expect(tx).to.changeTokenBalances(ethers, token, [eve, escrow], [-amount, amount]);
      expect(await token.nonces(eve.address)).to.equal(1n);
      expect(await token.allowance(eve.address, escrowAddress)).to.equal(0n);
      expect(await lockOf(eve.address)).to.deep.equal({ amount, end: epochStart(unlockTime), autoMax: false });
    });

    it("test_CreateLockWithPermit_DeadlineEqualToNowIsAccepted", async function () {
      const t = W + 100n;
      const sig = await signPermit(token, eve, { owner: eve.address, spender: escrowAddress, value: ONE, deadline: t });
      await at(t);
      await expect(escrow.connect(eve).createLockWithPermit(ONE, t + 10n * WEEK, t, sig.v, sig.r, sig.s)).to.emit(
        escrow,
        "LockCreated",
      );
    });

    it("test_CreateLockWithPermit_SucceedsWhenThePermitWasFrontRun", async function () {
      const amount = 500n * ONE;
      const deadline = W + WEEK;
      const sig = await signPermit(token, eve, { owner: eve.address, spender: escrowAddress, value: amount, deadline });
      // Someone copies the permit from the mempool and submits it first.
      await token.connect(bob).permit(eve.address, escrowAddress, amount, deadline, sig.v, sig.r, sig.s);
      expect(await token.allowance(eve.address, escrowAddress)).to.equal(amount);

      const t = W + 10n;
      await at(t);
      const tx = await escrow.connect(eve).createLockWithPermit(amount, t + 8n * WEEK, deadline, sig.v, sig.r, sig.s);
      await expect(tx)
        .to.emit(escrow, "LockCreated")
        .withArgs(eve.address, eve.address, amount, epochStart(t + 8n * WEEK));
      await expect(tx).to.changeTokenBalances(ethers, token, [eve, escrow], [-amount, amount]);
    });

    it("test_RevertWhen_PermitSignedForAnotherSpender", async function () {
      const amount = 10n * ONE;
      const deadline = W + WEEK;
      const sig = await signPermit(token, eve, { owner: eve.address, spender: bob.address, value: amount, deadline });
      await expect(escrow.connect(eve).createLockWithPermit(amount, W + 10n * WEEK, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowPermitFailed")
        .withArgs(eve.address, amount);
    });

    it("test_RevertWhen_PermitSignedByAnotherKey", async function () {
      const amount = 10n * ONE;
      const deadline = W + WEEK;
      const sig = await signPermit(token, alice, {
        owner: eve.address,
        spender: escrowAddress,
        value: amount,
        deadline,
      });
      await expect(escrow.connect(eve).createLockWithPermit(amount, W + 10n * WEEK, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowPermitFailed")
        .withArgs(eve.address, amount);
    });

    it("test_RevertWhen_PermitForASmallerAmount", async function () {
      const amount = 10n * ONE;
      const deadline = W + WEEK;
      const sig = await signPermit(token, eve, {
        owner: eve.address,
        spender: escrowAddress,
        value: amount - 1n,
        deadline,
      });
      await expect(escrow.connect(eve).createLockWithPermit(amount, W + 10n * WEEK, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowPermitFailed")
        .withArgs(eve.address, amount);
    });

    it("test_RevertWhen_PermitUsedByAnotherAccount", async function () {
      // Bob submits Eve's permit as his own: it cannot grant Bob's allowance.
      const amount = 10n * ONE;
      const deadline = W + WEEK;
      await token.connect(bob).approve(escrowAddress, 0n);
      const sig = await signPermit(token, eve, { owner: eve.address, spender: escrowAddress, value: amount, deadline });
      await expect(escrow.connect(bob).createLockWithPermit(amount, W + 10n * WEEK, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowPermitFailed")
        .withArgs(bob.address, amount);
    });

    it("test_RevertWhen_PermitExpired", async function () {
      const t = W + 100n;
      const deadline = t - 1n;
      const sig = await signPermit(token, eve, { owner: eve.address, spender: escrowAddress, value: ONE, deadline });
      await at(t);
      await expect(escrow.connect(eve).createLockWithPermit(ONE, t + 10n * WEEK, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowPermitExpired")
        .withArgs(deadline);
    });

    it("test_RevertWhen_CreateLockWithPermitAndExistingLock", async function () {
      await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      const sig = await signPermit(token, alice, {
        owner: alice.address,
        spender: escrowAddress,
        value: ONE,
        deadline: W + WEEK,
      });
      await expect(escrow.connect(alice).createLockWithPermit(ONE, W + 10n * WEEK, W + WEEK, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExists")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_CreateLockWithPermitZeroAmount", async function () {
      const sig = await signPermit(token, eve, {
        owner: eve.address,
        spender: escrowAddress,
        value: 0n,
        deadline: W + WEEK,
      });
      await expect(
        escrow.connect(eve).createLockWithPermit(0n, W + 10n * WEEK, W + WEEK, sig.v, sig.r, sig.s),
      ).to.be.revertedWithCustomError(escrow, "VotingEscrowZeroAmount");
    });
  });
});
