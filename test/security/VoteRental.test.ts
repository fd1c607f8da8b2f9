import { expect } from "chai";
import type { Contract, Signer } from "ethers";
import { network } from "hardhat";

import { loadParameters } from "../../scripts/lib/deployment.js";
import type { FlashGovernanceAttacker, FlashLender } from "../../types/ethers-contracts/index.js";
import { GovernanceHelper, ProposalState, VoteType } from "../helpers/GovernanceHelper.js";
import {
  BORROWED,
  MAX_LOCK,
  MIN_LOCK,
  ONE,
  WEEK,
  ceilWeek,
  epochStart,
  governanceWindow,
  productionGovernanceFixture,
  scoreOfTokens,
  shortestEnd,
  type GovernanceFixture,
} from "./helpers.js";

const connection = await network.create({
  // Blocks that share a timestamp reproduce several transactions "in the same second".
  override: { allowBlocksWithSameTimestamp: true },
});
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

/** What the attacker's proposal takes from the treasury (the review's proof of concept). */
const DRAIN = 1_000_000n * ONE;
/** A proposer's own stake: 10k tokens for 52 weeks score about 20k, over the 10k proposal threshold. */
const PROPOSER_STAKE = 10_000n * ONE;

describe("Security: vote rental and flash governance", function () {
  let f: GovernanceFixture;
  let token: Contract, escrow: Contract, governor: Contract;
  let attacker: Signer, proposer: Signer;
  let proposal: GovernanceHelper;

  const latest = async () => BigInt(await time.latest());

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(productionGovernanceFixture);
    ({ token, escrow, governor, attacker } = f);
    proposer = f.others[0];
    proposal = new GovernanceHelper(governor, time);
    await proposal.setProposal(
      [{ target: token, data: token.interface.encodeFunctionData("transfer", [await attacker.getAddress(), DRAIN]) }],
      "Grant 1M LOCK to the attacker",
    );
  });

  /** Gives `account` a 52-week lock of `amount` tokens from the deployer. */
  async function stake(account: Signer, amount: bigint) {
    await token.transfer(await account.getAddress(), amount);
    await token.connect(account).getFunction("approve")(await escrow.getAddress(), amount);
    await escrow.connect(account).getFunction("createLock")(amount, (await latest()) + MAX_LOCK);
  }

  /** The lender hands the attacker `amount` (the loan) and the attacker approves the escrow for it. */
  async function borrow(amount = BORROWED) {
    await token.connect(f.lender).getFunction("transfer")(await attacker.getAddress(), amount);
    await token.connect(attacker).getFunction("approve")(await escrow.getAddress(), amount);
  }

  /** The proposer (with its own stake) proposes the drain; returns the snapshot. */
  async function propose(): Promise<bigint> {
    await stake(proposer, PROPOSER_STAKE);
    await time.increase(1);
    await proposal.propose(proposer);
    return proposal.snapshot();
  }

  describe("two-block vote rental", function () {
    it("test_GovernanceWindowFitsInMinLock", async function () {
      // The mitigation holds only if borrowed tokens stay locked until any proposal they voted on can run.
      expect(await escrow.MIN_LOCK()).to.equal(MIN_LOCK);
      const onChain =
        (await governor.votingDelay()) +
        (await governor.votingPeriod()) +
        (await governor.lateQuorumVoteExtension()) +
        (await f.timelock.getMinDelay());
      expect(onChain).to.equal(governanceWindow(f.parameters));
      expect(onChain).to.be.at.most(MIN_LOCK);
      expect(governanceWindow(await loadParameters("local"))).to.be.at.most(MIN_LOCK);
    });

    it("test_RevertWhen_RentedTokensAreLockedUntilJustAfterTheSnapshot", async function () {
      const snapshot = await propose();
      await borrow();
      // v1's attack: lock in the second before the snapshot until the next week boundary, for a full 1.0x vote.
      const t = snapshot - 1n;
      const end = epochStart(snapshot) + WEEK;
      await time.setNextBlockTimestamp(t);
      await expect(escrow.connect(attacker).getFunction("createLock")(BORROWED, end))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(end, t + MIN_LOCK);
      // One second short of MIN_LOCK is refused too.
      await time.setNextBlockTimestamp(t + 1n);
      const justShort = epochStart(t + 1n + MIN_LOCK - 1n);
      await expect(escrow.connect(attacker).getFunction("createLock")(BORROWED, justShort))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(justShort, t + 1n + MIN_LOCK);
      expect(await token.balanceOf(await attacker.getAddress())).to.equal(BORROWED);
    });

    it("test_RevertWhen_RentedVotesLeaveBeforeTheProposalEta", async function () {
      const snapshot = await propose();
      const id = await proposal.id();
      await borrow();
      // In the second before the snapshot the attacker takes the shortest lock the escrow accepts (v1: the next
      // week boundary; v2: the first boundary at least MIN_LOCK away).
      const t = snapshot - 1n;
      await time.setNextBlockTimestamp(t);
      const createLock = escrow.connect(attacker).getFunction("createLock");
      let end = ceilWeek(t + 1n);
      for (; end <= t + MAX_LOCK; end += WEEK) {
        try {
          await createLock.estimateGas(BORROWED, end);
          break;
        } catch {
          // refused as too short: try a week later
        }
      }
      expect(end).to.be.at.most(t + MAX_LOCK);
      await createLock(BORROWED, end);

      await proposal.waitForSnapshot();
      await expect(proposal.vote({ support: VoteType.For }, attacker))
        .to.emit(governor, "VoteCast")
        .withArgs(await attacker.getAddress(), id, VoteType.For, scoreOfTokens(BORROWED, end, snapshot), "");
      await proposal.vote({ support: VoteType.Against }, f.staker);
      const leave = () => escrow.connect(attacker).getFunction("withdraw")();
      await expect(leave()).to.be.revertedWithCustomError(escrow, "VotingEscrowLockNotExpired");

      // A 3M stake still outvotes a 1M staker, but it is now a stake, not a rental: it cannot leave before the
      // proposal runs, so the lender cannot be repaid and the attacker carries the outcome.
      await proposal.waitForDeadline();
      await expect(leave()).to.be.revertedWithCustomError(escrow, "VotingEscrowLockNotExpired");
      expect(await proposal.state()).to.equal(ProposalState.Succeeded);
      await proposal.queue();
      const eta = await governor.proposalEta(id);
      expect(end).to.be.greaterThan(eta);
      await proposal.waitForEta();
      await expect(leave())
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockNotExpired")
        .withArgs(await attacker.getAddress(), end);
      await proposal.execute();
      expect(await escrow.locked(await attacker.getAddress())).to.deep.equal([BORROWED, end, false]);
      await expect(leave()).to.be.revertedWithCustomError(escrow, "VotingEscrowLockNotExpired");
      await time.increaseTo(end);
      await expect(leave())
        .to.emit(escrow, "Withdrawn")
        .withArgs(await attacker.getAddress(), BORROWED);
    });

    it("test_RevertWhen_RentedTokensAreAddedToANearlyExpiredLockWithIncreaseAmount", async function () {
      // The attacker's old lock ends at the first week boundary after the snapshot: before any ETA.
      await token.transfer(await attacker.getAddress(), ONE);
      await token.connect(attacker).getFunction("approve")(await escrow.getAddress(), ONE);
      const end = shortestEnd(await latest());
      await escrow.connect(attacker).getFunction("createLock")(ONE, end);
      await time.increaseTo(end - BigInt(f.parameters.votingDelay) - 3600n);
      const snapshot = await propose();
      expect(snapshot).to.be.lessThan(end);
      expect(end).to.be.lessThan(snapshot + BigInt(f.parameters.votingPeriod) + BigInt(f.parameters.timelockDelay));
      await borrow();

      const t = snapshot - 1n;
      await time.setNextBlockTimestamp(t);
      await expect(escrow.connect(attacker).getFunction("increaseAmount")(BORROWED))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(end, t + MIN_LOCK);
      await time.increaseTo(snapshot + 1n);
      expect(await escrow.getPastVotes(await attacker.getAddress(), snapshot)).to.equal(
        scoreOfTokens(ONE, end, snapshot),
      );
    });

    it("test_RevertWhen_RentedTokensAreAddedToANearlyExpiredLockWithDepositFor", async function () {
      // An accomplice's lock ends just after the snapshot; the attacker deposits the borrowed tokens into it.
      const accomplice = f.others[1];
      await token.transfer(await accomplice.getAddress(), ONE);
      await token.connect(accomplice).getFunction("approve")(await escrow.getAddress(), ONE);
      const end = shortestEnd(await latest());
      await escrow.connect(accomplice).getFunction("createLock")(ONE, end);
      await time.increaseTo(end - BigInt(f.parameters.votingDelay) - 3600n);
      const snapshot = await propose();
      await borrow();

      const t = snapshot - 1n;
      await time.setNextBlockTimestamp(t);
      await expect(escrow.connect(attacker).getFunction("depositFor")(await accomplice.getAddress(), BORROWED))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(end, t + MIN_LOCK);
      expect((await escrow.locked(await accomplice.getAddress()))[0]).to.equal(ONE);
      expect(await token.balanceOf(await attacker.getAddress())).to.equal(BORROWED);
    });

    it("test_RevertWhen_RentedTokensMeetTheProposalThresholdAndLeave", async function () {
      const threshold = await governor.proposalThreshold();
      // Borrowed just enough to pass the threshold at 1.0x, the score's flat part.
      const amount = threshold / ONE + 1n;
      await borrow(amount * ONE);
      const t = (await latest()) + 10n;
      const nextWeek = ceilWeek(t + 1n);
      await time.setNextBlockTimestamp(t);
      await expect(escrow.connect(attacker).getFunction("createLock")(amount * ONE, nextWeek))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(nextWeek, t + MIN_LOCK);

      const end = shortestEnd(t + 1n);
      await escrow.connect(attacker).getFunction("createLock")(amount * ONE, end);
      await time.setNextBlockTimestamp(t + 1n);
      await expect(proposal.propose(attacker)).to.emit(governor, "ProposalCreated");
      // The earliest moment the proposal could run: no lock made to propose may have left by then.
      const earliestEta = (await proposal.deadline()) + BigInt(f.parameters.timelockDelay);
      expect(end).to.be.greaterThan(earliestEta);
      await time.increaseTo(earliestEta);
      await expect(escrow.connect(attacker).getFunction("withdraw")())
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockNotExpired")
        .withArgs(await attacker.getAddress(), end);
    });
  });

  describe("flash governance (Beanstalk, April 2022)", function () {
    let flash: FlashGovernanceAttacker;
    let lender: FlashLender;

    beforeEach(async function () {
      flash = await ethers.deployContract("FlashGovernanceAttacker", [token, escrow, governor]);
      lender = await ethers.deployContract("FlashLender", [token]);
      await token.transfer(await lender.getAddress(), BORROWED);
    });

    it("test_RevertWhen_AFlashLoanLocksAndVotesInOneTransaction", async function () {
      await propose();
      await proposal.waitForSnapshot();
      const t = (await latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      // The vote counts nothing (the snapshot is past) and the locked loan cannot be returned.
      await expect(flash.flashLockAndVote(lender, BORROWED, shortestEnd(t), await proposal.id()))
        .to.be.revertedWithCustomError(lender, "FlashLenderNotRepaid")
        .withArgs(BORROWED, 0n);
      expect((await governor.proposalVotes(await proposal.id())).forVotes).to.equal(0n);
    });

    it("test_LockAndVoteInOneTransactionHasZeroWeight", async function () {
      await propose();
      await proposal.waitForSnapshot();
      await token.transfer(await flash.getAddress(), BORROWED);
      const t = (await latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      await expect(flash.lockAndVote(BORROWED, shortestEnd(t), await proposal.id()))
        .to.emit(governor, "VoteCast")
        .withArgs(await flash.getAddress(), await proposal.id(), VoteType.For, 0n, "");
      expect(await flash.lastWeight()).to.equal(0n);
      expect(await flash.withdrew()).to.equal(false);
      expect((await governor.proposalVotes(await proposal.id())).forVotes).to.equal(0n);
    });

    it("test_RevertWhen_LockAndProposeInOneTransaction", async function () {
      await token.transfer(await flash.getAddress(), BORROWED);
      const t = (await latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      await expect(
        flash.lockAndPropose(BORROWED, shortestEnd(t), proposal.targets, proposal.values, proposal.calldatas, "x"),
      )
        .to.be.revertedWithCustomError(governor, "GovernorInsufficientProposerVotes")
        .withArgs(await flash.getAddress(), 0n, await governor.proposalThreshold());
    });

    it("test_RevertWhen_LockAndProposeInOneSecond", async function () {
      // Separate transactions (and blocks) that share a timestamp: the governor reads votes at `clock() - 1`.
      await borrow();
      const t = (await latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      await escrow.connect(attacker).getFunction("createLock")(BORROWED, shortestEnd(t));
      await time.setNextBlockTimestamp(t);
      await expect(proposal.propose(attacker))
        .to.be.revertedWithCustomError(governor, "GovernorInsufficientProposerVotes")
        .withArgs(await attacker.getAddress(), 0n, await governor.proposalThreshold());
    });

    it("test_LockAndVoteInOneBlockHasZeroWeight", async function () {
      await propose();
      await proposal.waitForSnapshot();
      await borrow();
      const id = await proposal.id();
      const t = (await latest()) + 1n;
      await connection.provider.request({ method: "evm_setAutomine", params: [false] });
      try {
        const gas = { gasLimit: 2_000_000n };
        const lock = await escrow.connect(attacker).getFunction("createLock")(BORROWED, shortestEnd(t), gas);
        const vote = await governor.connect(attacker).getFunction("castVote")(id, VoteType.For, gas);
        await time.setNextBlockTimestamp(t);
        await networkHelpers.mine(1);
        const [lockReceipt, voteReceipt] = [await lock.wait(), await vote.wait()];
        expect(lockReceipt!.blockNumber).to.equal(voteReceipt!.blockNumber);
        const cast = voteReceipt!.logs
          .map((log: { topics: string[]; data: string }) => governor.interface.parseLog(log))
          .find((e: { name: string } | null) => e?.name === "VoteCast");
        expect(cast!.args.weight).to.equal(0n);
      } finally {
        await connection.provider.request({ method: "evm_setAutomine", params: [true] });
      }
      expect((await governor.proposalVotes(id)).forVotes).to.equal(0n);
    });

    it("test_RevertWhen_LockAndProposeInOneBlock", async function () {
      await borrow();
      const t = (await latest()) + 1n;
      await connection.provider.request({ method: "evm_setAutomine", params: [false] });
      let lockStatus: number | null | undefined;
      let proposeStatus: number | null | undefined;
      try {
        const gas = { gasLimit: 2_000_000n };
        const lock = await escrow.connect(attacker).getFunction("createLock")(BORROWED, shortestEnd(t), gas);
        const propose = await governor.connect(attacker).getFunction("propose")(
          proposal.targets,
          proposal.values,
          proposal.calldatas,
          proposal.description,
          gas,
        );
        await time.setNextBlockTimestamp(t);
        await networkHelpers.mine(1);
        lockStatus = (await ethers.provider.getTransactionReceipt(lock.hash))?.status;
        proposeStatus = (await ethers.provider.getTransactionReceipt(propose.hash))?.status;
      } finally {
        await connection.provider.request({ method: "evm_setAutomine", params: [true] });
      }
      // The lock went through; the proposal in the same block failed: no proposal exists.
      expect(lockStatus).to.equal(1);
      expect(proposeStatus).to.equal(0);
      expect(await governor.proposalSnapshot(await proposal.id())).to.equal(0n);
      // One second later the same lock is enough: the threshold is read at `clock() - 1`.
      await time.setNextBlockTimestamp(t + 1n);
      await expect(proposal.propose(attacker)).to.emit(governor, "ProposalCreated");
    });
  });
});
