import { expect } from "chai";
import type { Contract, Signer } from "ethers";
import { network } from "hardhat";

import { signDelegation, signPermit } from "../../scripts/lib/eip712.js";
import type { GovernanceToken, VotingEscrow } from "../../types/ethers-contracts/index.js";
import { deployEscrowFixture, type EscrowFixture } from "../helpers/escrowFixture.js";
import { GovernanceHelper, ProposalState, VoteType } from "../helpers/GovernanceHelper.js";
import {
  MAX_LOCK,
  MIN_LOCK,
  ONE,
  WEEK,
  epochStart,
  productionGovernanceFixture,
  scoreOfTokens,
  type GovernanceFixture,
} from "./helpers.js";

const { networkHelpers } = await network.create({
  // Blocks that share a timestamp reproduce several transactions "in the same second".
  override: { allowBlocksWithSameTimestamp: true },
});
const { time } = networkHelpers;

// Compound's proposal 62 (2021) mixed up `<` and `<=` in a distribution bound; every time limit here is tested
// on both sides of its boundary second.
describe("Security: time boundaries (Compound proposal 62)", function () {
  const latest = async () => BigInt(await time.latest());

  describe("escrow", function () {
    let f: EscrowFixture;
    let escrow: VotingEscrow;
    let token: GovernanceToken;

    beforeEach(async function () {
      f = await networkHelpers.loadFixture(deployEscrowFixture);
      ({ escrow, token } = f);
    });

    it("test_WithdrawRevertsAtEndMinusOneAndWorksAtEnd", async function () {
      const { alice } = f;
      const amount = 1_000n * ONE;
      const end = epochStart((await latest()) + 8n * WEEK);
      await escrow.connect(alice).createLock(amount, end);
      await time.setNextBlockTimestamp(end - 1n);
      await expect(escrow.connect(alice).withdraw())
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockNotExpired")
        .withArgs(alice.address, end);
      await time.setNextBlockTimestamp(end);
      await expect(escrow.connect(alice).withdraw()).to.emit(escrow, "Withdrawn").withArgs(alice.address, amount);
    });

    it("test_ScoreIsZeroAtEnd", async function () {
      const { alice } = f;
      const amount = 1_000n * ONE;
      const end = epochStart((await latest()) + 8n * WEEK);
      await escrow.connect(alice).createLock(amount, end);
      await time.increaseTo(end + 1n);
      expect(await escrow.balanceOfAt(alice.address, end - 1n)).to.equal(scoreOfTokens(amount, end, end - 1n));
      expect(scoreOfTokens(amount, end, end - 1n)).to.be.greaterThan(amount);
      expect(await escrow.balanceOfAt(alice.address, end)).to.equal(0n);
      expect(await escrow.getPastVotes(alice.address, end)).to.equal(0n);
      expect(await escrow.getPastTotalSupply(end)).to.equal(0n);
      expect(await escrow.getPastTotalSupply(end - 1n)).to.equal(scoreOfTokens(amount, end, end - 1n));
    });

    it("test_CreateLockEndingExactlyMinLockAwayWorksAndOneSecondLessReverts", async function () {
      const { alice, bob } = f;
      const W = epochStart(await latest()) + WEEK;
      // At a week start, `W + MIN_LOCK` is exactly MIN_LOCK away...
      await time.setNextBlockTimestamp(W);
      await expect(escrow.connect(alice).createLock(ONE, W + MIN_LOCK))
        .to.emit(escrow, "LockCreated")
        .withArgs(alice.address, alice.address, ONE, W + MIN_LOCK);
      // ...one second later it is MIN_LOCK - 1 away.
      await time.setNextBlockTimestamp(W + 1n);
      await expect(escrow.connect(bob).createLock(ONE, W + MIN_LOCK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(W + MIN_LOCK, W + 1n + MIN_LOCK);
    });

    it("test_AddingToALockEndingExactlyMinLockAwayWorksAndOneSecondLaterReverts", async function () {
      const { alice, bob } = f;
      const end = epochStart(await latest()) + 6n * WEEK;
      await escrow.connect(alice).createLock(ONE, end);
      const t = end - MIN_LOCK;
      await time.setNextBlockTimestamp(t);
      await expect(escrow.connect(alice).increaseAmount(ONE)).to.emit(escrow, "LockIncreased");
      await time.setNextBlockTimestamp(t);
      await expect(escrow.connect(bob).depositFor(alice.address, ONE)).to.emit(escrow, "LockIncreased");
      await time.setNextBlockTimestamp(t + 1n);
      await expect(escrow.connect(alice).increaseAmount(ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(end, t + 1n + MIN_LOCK);
      await expect(escrow.connect(bob).depositFor(alice.address, ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(end, t + 1n + MIN_LOCK);
      expect((await escrow.locked(alice.address))[0]).to.equal(3n * ONE);
    });

    it("test_ExtendingToExactlyMinLockAwayWorksAndOneSecondLaterReverts", async function () {
      const { alice, bob } = f;
      const start = epochStart(await latest());
      const end = start + 5n * WEEK;
      await escrow.connect(alice).createLock(ONE, end);
      await escrow.connect(bob).createLock(ONE, end);
      const W = start + 2n * WEEK;
      await time.setNextBlockTimestamp(W);
      await expect(escrow.connect(alice).increaseUnlockTime(W + MIN_LOCK))
        .to.emit(escrow, "LockExtended")
        .withArgs(alice.address, end, W + MIN_LOCK);
      // v1 accepted any later end: an extension to just after a snapshot revived a nearly expired lock.
      await time.setNextBlockTimestamp(W + 1n);
      await expect(escrow.connect(bob).increaseUnlockTime(W + MIN_LOCK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(W + MIN_LOCK, W + 1n + MIN_LOCK);
    });

    it("test_PermitDeadlineIsInclusive", async function () {
      const { alice, eve } = f;
      const amount = 1_000n * ONE;
      const deadline = (await latest()) + 100n;
      const end = epochStart((await latest()) + MAX_LOCK);
      const sig = await signPermit(token, eve, {
        owner: eve.address,
        spender: await escrow.getAddress(),
        value: amount,
        deadline,
      });
      await time.setNextBlockTimestamp(deadline);
      await expect(escrow.connect(eve).createLockWithPermit(amount, end, deadline, sig.v, sig.r, sig.s)).to.emit(
        escrow,
        "LockCreated",
      );
      const late = await signPermit(token, alice, {
        owner: alice.address,
        spender: await escrow.getAddress(),
        value: amount,
        deadline,
      });
      await time.setNextBlockTimestamp(deadline + 1n);
      await expect(escrow.connect(alice).createLockWithPermit(amount, end, deadline, late.v, late.r, late.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowPermitExpired")
        .withArgs(deadline);
    });

    it("test_DelegationSignatureExpiryIsInclusive", async function () {
      const { alice, bob, carol } = f;
      const expiry = (await latest()) + 100n;
      const sign = (signer: Signer) => signDelegation(escrow, signer, { delegatee: carol.address, nonce: 0n, expiry });
      const onTime = await sign(alice);
      await time.setNextBlockTimestamp(expiry);
      await escrow.connect(carol).delegateBySig(carol.address, 0n, expiry, onTime.v, onTime.r, onTime.s);
      expect(await escrow.delegates(alice.address)).to.equal(carol.address);
      const late = await sign(bob);
      await time.setNextBlockTimestamp(expiry + 1n);
      await expect(escrow.connect(carol).delegateBySig(carol.address, 0n, expiry, late.v, late.r, late.s))
        .to.be.revertedWithCustomError(escrow, "VotesExpiredSignature")
        .withArgs(expiry);
    });
  });

  describe("governor", function () {
    let f: GovernanceFixture;
    let governor: Contract;
    let proposal: GovernanceHelper;

    beforeEach(async function () {
      f = await networkHelpers.loadFixture(productionGovernanceFixture);
      governor = f.governor;
      proposal = new GovernanceHelper(governor, time);
      const thresholds = [...(await f.escrow.levelThresholds())];
      await proposal.setProposal(
        [{ target: f.escrow, data: f.escrow.interface.encodeFunctionData("setLevelThresholds", [thresholds]) }],
        "Reaffirm the level thresholds",
      );
      await proposal.propose(f.staker);
    });

    it("test_LockAtTheSnapshotCountsAndOneSecondLaterDoesNot", async function () {
      const snapshot = await proposal.snapshot();
      const [early, late] = [f.attacker, f.others[0]];
      const amount = 10_000n * ONE;
      const end = epochStart(snapshot + MAX_LOCK);
      for (const voter of [early, late]) {
        await f.token.transfer(await voter.getAddress(), amount);
        await f.token.connect(voter).getFunction("approve")(await f.escrow.getAddress(), amount);
      }
      await time.setNextBlockTimestamp(snapshot);
      await f.escrow.connect(early).getFunction("createLock")(amount, end);
      await time.setNextBlockTimestamp(snapshot + 1n);
      await f.escrow.connect(late).getFunction("createLock")(amount, end);
      const id = await proposal.id();
      await expect(proposal.vote({ support: VoteType.For }, early))
        .to.emit(governor, "VoteCast")
        .withArgs(await early.getAddress(), id, VoteType.For, scoreOfTokens(amount, end, snapshot), "");
      await expect(proposal.vote({ support: VoteType.For }, late))
        .to.emit(governor, "VoteCast")
        .withArgs(await late.getAddress(), id, VoteType.For, 0n, "");
    });

    it("test_VotingOpensAfterTheSnapshotAndClosesAfterTheDeadline", async function () {
      const id = await proposal.id();
      const snapshot = await proposal.snapshot();
      await time.setNextBlockTimestamp(snapshot);
      await expect(proposal.vote({ support: VoteType.For }, f.staker))
        .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
        .withArgs(id, ProposalState.Pending, 1n << BigInt(ProposalState.Active));
      await time.setNextBlockTimestamp(snapshot + 1n);
      // Quorum is reached early, so the late-quorum extension leaves the deadline where it is.
      await proposal.vote({ support: VoteType.For }, f.staker);

      // The deadline second is still in the voting period; the next one is not.
      const deadline = await proposal.deadline();
      await time.setNextBlockTimestamp(deadline);
      await expect(proposal.vote({ support: VoteType.Abstain }, f.attacker)).to.emit(governor, "VoteCast");
      expect(await proposal.deadline()).to.equal(deadline);
      await time.setNextBlockTimestamp(deadline + 1n);
      await expect(proposal.vote({ support: VoteType.For }, f.lender))
        .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
        .withArgs(id, ProposalState.Succeeded, 1n << BigInt(ProposalState.Active));
    });
  });
});
