import { expect } from "chai";
import type { Contract, Signer } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { type LockstepParameters, deploySystem, loadParameters } from "../../scripts/lib/deployment.ts";
import { GovernanceHelper, ProposalState, VoteType } from "../helpers/GovernanceHelper.js";

const connection = await network.connect();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const ONE = 10n ** 18n;
const WEEK = 7n * 24n * 3600n;
const MAX_LOCK = 52n * WEEK;

/** The Ignition deployment with the local profile, plus four voters with 52-week locks and one without. */
async function governanceFixture(connection: NetworkConnection) {
  const parameters = await loadParameters("local");
  const system = await deploySystem(connection, parameters);
  const { token, escrow } = system;
  const [deployer, alice, bob, carol, dave, eve, recipient] = await connection.ethers.getSigners();
  const locks: [Signer, bigint][] = [
    [alice, 1_000_000n * ONE],
    [bob, 400_000n * ONE],
    [carol, 20_000n * ONE], // score ~40k: above the 10k proposal threshold, far below quorum
    [dave, 3_000n * ONE], // score ~6k: below the proposal threshold
  ];
  const now = BigInt(await time.latest());
  for (const [voter, amount] of locks) {
    await token.transfer(await voter.getAddress(), amount);
    await token.connect(voter).getFunction("approve")(await escrow.getAddress(), amount);
    await escrow.connect(voter).getFunction("createLock")(amount, now + MAX_LOCK);
  }
  await token.transfer(eve.address, 2_000_000n * ONE);
  await time.increase(60);
  return { parameters, deployer, alice, bob, carol, dave, eve, recipient, ...system };
}

type Fixture = Awaited<ReturnType<typeof governanceFixture>> & { parameters: LockstepParameters };

describe("LockstepGovernor", function () {
  let f: Fixture;
  let governor: Contract;
  let proposal: GovernanceHelper;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(governanceFixture);
    governor = f.governor;
    proposal = new GovernanceHelper(governor, time);
  });

  /** The weight a VoteCast event reported for `voter`. */
  async function votedWeight(tx: { wait(): Promise<unknown> }): Promise<bigint> {
    const receipt = (await tx.wait()) as { logs: { topics: string[]; data: string }[] };
    for (const log of receipt.logs) {
      const parsed = governor.interface.parseLog(log);
      if (parsed?.name === "VoteCast") return parsed.args.weight as bigint;
    }
    throw new Error("no VoteCast event");
  }

  const addRewardTokenProposal = async (rewardToken: string, description = "Allow RWD revenue") =>
    proposal.setProposal(
      [{ target: f.distributor, data: f.distributor.interface.encodeFunctionData("addRewardToken", [rewardToken]) }],
      description,
    );

  describe("configuration", function () {
    it("test_UsesTheEscrowTimestampClock", async function () {
      expect(await governor.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await governor.clock()).to.equal(BigInt(await time.latest()));
      expect(await governor.name()).to.equal("LockstepGovernor");
      expect(await governor.token()).to.equal(await f.escrow.getAddress());
    });

    it("test_RevertWhen_SettingsAreChangedOutsideGovernance", async function () {
      await expect(governor.connect(f.deployer).getFunction("setVotingPeriod")(1))
        .to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor")
        .withArgs(f.deployer.address);
      await expect(f.escrow.connect(f.deployer).getFunction("setLevelThresholds")([1n]))
        .to.be.revertedWithCustomError(f.escrow, "VotingEscrowUnauthorized")
        .withArgs(f.deployer.address);
      await expect(
        f.distributor.connect(f.deployer).getFunction("addRewardToken")(await f.token.getAddress()),
      ).to.be.revertedWithCustomError(f.distributor, "RevenueDistributorUnauthorized");
    });
  });

  describe("lifecycle", function () {
    it("test_ProposalAddingARewardTokenPassesQueuesAndExecutes", async function () {
      const reward = await ethers.deployContract("GovernanceToken", ["Reward", "RWD", f.deployer.address, ONE]);
      await addRewardTokenProposal(await reward.getAddress());
      const id = await proposal.id();

      await expect(proposal.propose(f.carol)).to.emit(governor, "ProposalCreated");
      expect(await proposal.state()).to.equal(ProposalState.Pending);
      expect(await governor.proposalProposer(id)).to.equal(f.carol.address);
      await proposal.waitForSnapshot();
      expect(await proposal.state()).to.equal(ProposalState.Active);
      await proposal.vote({ support: VoteType.For }, f.alice);
      await proposal.vote({ support: VoteType.Against, reason: "no" }, f.carol);
      await proposal.waitForDeadline();
      expect(await proposal.state()).to.equal(ProposalState.Succeeded);
      await expect(proposal.queue()).to.emit(governor, "ProposalQueued");
      expect(await proposal.state()).to.equal(ProposalState.Queued);
      // The timelock delay holds: nothing executes before the ETA.
      await expect(proposal.execute()).to.be.revertedWithCustomError(f.timelock, "TimelockUnexpectedOperationState");
      await proposal.waitForEta();
      await expect(proposal.execute()).to.emit(governor, "ProposalExecuted").withArgs(id);
      expect(await proposal.state()).to.equal(ProposalState.Executed);
      expect(await f.distributor.isRewardToken(await reward.getAddress())).to.equal(true);
      expect(await f.distributor.rewardTokens()).to.include(await reward.getAddress());
    });

    it("test_ProposalPayingFromTheTreasuryPassesAndExecutes", async function () {
      const timelock = await f.timelock.getAddress();
      await f.deployer.sendTransaction({ to: timelock, value: ONE });
      const amount = 250_000n * ONE;
      await proposal.setProposal(
        [
          { target: f.token, data: f.token.interface.encodeFunctionData("transfer", [f.recipient.address, amount]) },
          { target: f.recipient.address, value: ONE },
        ],
        "Grant to recipient",
      );
      const treasury = await f.token.balanceOf(timelock);
      const ether = await ethers.provider.getBalance(f.recipient.address);
      await proposal.passAndExecute(f.alice, [f.alice, f.bob]);
      expect(await f.token.balanceOf(f.recipient.address)).to.equal(amount);
      expect(await f.token.balanceOf(timelock)).to.equal(treasury - amount);
      expect(await ethers.provider.getBalance(f.recipient.address)).to.equal(ether + ONE);
      expect(await ethers.provider.getBalance(timelock)).to.equal(0n);
    });

    it("test_DaoChangesItsOwnSettingsAndTheLevelThresholds", async function () {
      const thresholds = Array.from({ length: 10 }, (_, i) => BigInt(i + 1) * 1_000n * ONE);
      await proposal.setProposal(
        [
          { target: governor, data: governor.interface.encodeFunctionData("setVotingPeriod", [600]) },
          { target: governor, data: governor.interface.encodeFunctionData("updateQuorumNumerator", [5]) },
          { target: f.escrow, data: f.escrow.interface.encodeFunctionData("setLevelThresholds", [thresholds]) },
          {
            target: f.distributor,
            data: f.distributor.interface.encodeFunctionData("removeRewardToken", [await f.token.getAddress()]),
          },
        ],
        "Retune",
      );
      await proposal.passAndExecute(f.alice, [f.alice]);
      expect(await governor.votingPeriod()).to.equal(600n);
      expect(await governor.quorumNumerator()).to.equal(5n);
      expect([...(await f.escrow.levelThresholds())]).to.deep.equal(thresholds);
      expect(await f.distributor.isRewardToken(await f.token.getAddress())).to.equal(false);
    });

    it("test_RevertWhen_QueueingADefeatedProposal", async function () {
      await addRewardTokenProposal(await f.recipient.getAddress());
      await proposal.propose(f.carol);
      await proposal.waitForSnapshot();
      await proposal.vote({ support: VoteType.For }, f.bob);
      await proposal.vote({ support: VoteType.Against }, f.alice);
      await proposal.waitForDeadline();
      expect(await proposal.state()).to.equal(ProposalState.Defeated);
      await expect(proposal.queue())
        .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
        .withArgs(await proposal.id(), ProposalState.Defeated, 1n << BigInt(ProposalState.Succeeded));
      await expect(proposal.execute()).to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState");
    });

    it("test_QuorumIsFourPercentOfTotalScoreAtTheSnapshot", async function () {
      await addRewardTokenProposal(await f.recipient.getAddress());
      await proposal.propose(f.carol);
      const snapshot = await proposal.snapshot();
      await proposal.waitForSnapshot();
      // The total score is the exact sum of the voters' decayed scores, not the locked token amount.
      let total = 0n;
      for (const voter of [f.alice, f.bob, f.carol, f.dave]) total += await f.escrow.balanceOfAt(voter, snapshot);
      expect(await f.escrow.getPastTotalSupply(snapshot)).to.equal(total);
      const quorum = (total * 4n) / 100n;
      expect(await governor.quorum(snapshot)).to.equal(quorum);
      expect(total).to.be.greaterThan(1_423_000n * ONE);

      // A big lock after the snapshot changes the current total but not this proposal's quorum.
      await f.token.connect(f.eve).getFunction("approve")(await f.escrow.getAddress(), 2_000_000n * ONE);
      await f.escrow.connect(f.eve).getFunction("createLock")(2_000_000n * ONE, BigInt(await time.latest()) + MAX_LOCK);
      expect(await f.escrow.totalSupply()).to.be.greaterThan(total * 2n);
      expect(await governor.quorum(snapshot)).to.equal(quorum);

      // Carol alone is unanimous but short of quorum; an abstention from bob completes it.
      await proposal.vote({ support: VoteType.For }, f.carol);
      const { forVotes } = await governor.proposalVotes(await proposal.id());
      expect(forVotes).to.be.lessThan(quorum);
      await networkHelpers.takeSnapshot().then(async (s) => {
        await proposal.waitForDeadline();
        expect(await proposal.state()).to.equal(ProposalState.Defeated);
        await s.restore();
      });
      await proposal.vote({ support: VoteType.Abstain }, f.bob);
      await proposal.waitForDeadline();
      expect(await proposal.state()).to.equal(ProposalState.Succeeded);
    });
  });

  describe("attacks", function () {
    it("test_LockVoteWithdrawInOneTransactionHasZeroWeight", async function () {
      const attacker = await ethers.deployContract("FlashVoter", [f.token, f.escrow, governor]);
      await addRewardTokenProposal(await f.recipient.getAddress());
      await proposal.propose(f.carol);
      await proposal.waitForSnapshot();
      const id = await proposal.id();
      const amount = 2_000_000n * ONE;
      await f.token.connect(f.eve).getFunction("approve")(await attacker.getAddress(), amount);

      const [weight, withdrew] = await attacker.lockVoteWithdraw.staticCall(f.eve.address, amount, id);
      expect(weight).to.equal(0n);
      expect(withdrew).to.equal(false);
      await expect(attacker.lockVoteWithdraw(f.eve.address, amount, id))
        .to.emit(governor, "VoteCast")
        .withArgs(await attacker.getAddress(), id, VoteType.For, 0n, "");
      const votes = await governor.proposalVotes(id);
      expect(votes.forVotes).to.equal(0n);
      // The tokens stay locked: the "loan" cannot be repaid in the same transaction.
      expect(await f.token.balanceOf(await attacker.getAddress())).to.equal(0n);
      expect((await f.escrow.locked(await attacker.getAddress())).amount).to.equal(amount);
    });

    it("test_RevertWhen_ProposingWithALockFromTheSameTransaction", async function () {
      const attacker = await ethers.deployContract("FlashVoter", [f.token, f.escrow, governor]);
      await addRewardTokenProposal(await f.recipient.getAddress());
      await f.token.connect(f.eve).getFunction("approve")(await attacker.getAddress(), 2_000_000n * ONE);
      await expect(
        attacker.lockAndPropose(
          f.eve.address,
          2_000_000n * ONE,
          proposal.targets,
          proposal.values,
          proposal.calldatas,
          "x",
        ),
      )
        .to.be.revertedWithCustomError(governor, "GovernorInsufficientProposerVotes")
        .withArgs(await attacker.getAddress(), 0n, f.parameters.proposalThreshold);
    });

    it("test_LockCreatedAfterTheSnapshotDoesNotCount", async function () {
      await addRewardTokenProposal(await f.recipient.getAddress());
      await proposal.propose(f.carol);
      const snapshot = await proposal.snapshot();
      // One second after the snapshot (the voting period's first second), eve locks 2M tokens.
      await f.token.connect(f.eve).getFunction("approve")(await f.escrow.getAddress(), 2_000_000n * ONE);
      await time.setNextBlockTimestamp(snapshot + 1n);
      await f.escrow.connect(f.eve).getFunction("createLock")(2_000_000n * ONE, snapshot + MAX_LOCK);
      expect(await f.escrow.getVotes(f.eve.address)).to.be.greaterThan(0n);
      await expect(proposal.vote({ support: VoteType.For }, f.eve))
        .to.emit(governor, "VoteCast")
        .withArgs(f.eve.address, await proposal.id(), VoteType.For, 0n, "");
      const weight = await votedWeight(await proposal.vote({ support: VoteType.For }, f.carol));
      expect(weight).to.equal(await f.escrow.balanceOfAt(f.carol.address, snapshot));
      expect((await governor.proposalVotes(await proposal.id())).forVotes).to.equal(weight);
    });

    it("test_LockAtTheSnapshotTimestampCounts", async function () {
      await addRewardTokenProposal(await f.recipient.getAddress());
      await proposal.propose(f.carol);
      const snapshot = await proposal.snapshot();
      await f.token.connect(f.eve).getFunction("approve")(await f.escrow.getAddress(), 2_000_000n * ONE);
      await time.setNextBlockTimestamp(snapshot);
      await f.escrow.connect(f.eve).getFunction("createLock")(2_000_000n * ONE, snapshot + MAX_LOCK);
      await proposal.waitForSnapshot();
      const weight = await votedWeight(await proposal.vote({ support: VoteType.For }, f.eve));
      expect(weight).to.equal(await f.escrow.balanceOfAt(f.eve.address, snapshot));
      expect(weight).to.be.greaterThan(2_000_000n * ONE);
    });

    it("test_DelegationAfterTheSnapshotDoesNotMoveWeight", async function () {
      await addRewardTokenProposal(await f.recipient.getAddress());
      await proposal.propose(f.carol);
      const snapshot = await proposal.snapshot();
      await proposal.waitForSnapshot();
      await f.escrow.connect(f.alice).getFunction("delegate")(f.carol.address);
      expect(await f.escrow.getVotes(f.carol.address)).to.be.greaterThan(await f.escrow.balanceOf(f.alice.address));

      const carolWeight = await votedWeight(await proposal.vote({ support: VoteType.For }, f.carol));
      const aliceWeight = await votedWeight(await proposal.vote({ support: VoteType.Against }, f.alice));
      expect(carolWeight).to.equal(await f.escrow.balanceOfAt(f.carol.address, snapshot));
      expect(aliceWeight).to.equal(await f.escrow.balanceOfAt(f.alice.address, snapshot));

      // Delegation before the next snapshot does move it.
      const next = new GovernanceHelper(governor, time);
      await next.setProposal(
        proposal.targets.map((target, i) => ({ target, data: proposal.calldatas[i] })),
        "again",
      );
      await next.propose(f.carol);
      const nextSnapshot = await next.snapshot();
      await next.waitForSnapshot();
      const delegated = await votedWeight(await next.vote({ support: VoteType.For }, f.carol));
      expect(delegated).to.equal(
        (await f.escrow.balanceOfAt(f.carol.address, nextSnapshot)) +
          (await f.escrow.balanceOfAt(f.alice.address, nextSnapshot)),
      );
      expect(await votedWeight(await next.vote({ support: VoteType.For }, f.alice))).to.equal(0n);
    });

    it("test_LateQuorumExtendsTheDeadline", async function () {
      await addRewardTokenProposal(await f.recipient.getAddress());
      await proposal.propose(f.carol);
      const id = await proposal.id();
      const deadline = await proposal.deadline();
      const extension = BigInt(f.parameters.lateQuorumExtension);
      await proposal.waitForSnapshot();
      await proposal.vote({ support: VoteType.For }, f.carol); // below quorum: no extension yet
      expect(await proposal.deadline()).to.equal(deadline);

      await time.setNextBlockTimestamp(deadline - 10n);
      await expect(proposal.vote({ support: VoteType.For }, f.bob))
        .to.emit(governor, "ProposalExtended")
        .withArgs(id, deadline - 10n + extension);
      expect(await proposal.deadline()).to.equal(deadline - 10n + extension);
      await time.increaseTo(deadline + 1n);
      expect(await proposal.state()).to.equal(ProposalState.Active);
      // The opposition gets the extension to respond.
      await proposal.vote({ support: VoteType.Against }, f.alice);
      await proposal.waitForDeadline();
      expect(await proposal.state()).to.equal(ProposalState.Defeated);
    });

    it("test_QuorumReachedEarlyDoesNotExtend", async function () {
      await addRewardTokenProposal(await f.recipient.getAddress());
      await proposal.propose(f.carol);
      const deadline = await proposal.deadline();
      await proposal.waitForSnapshot();
      await expect(proposal.vote({ support: VoteType.For }, f.bob)).to.not.emit(governor, "ProposalExtended");
      expect(await proposal.deadline()).to.equal(deadline);
    });

    it("test_RevertWhen_ProposerIsBelowThreshold", async function () {
      await addRewardTokenProposal(await f.recipient.getAddress());
      const votes = await f.escrow.getVotes(f.dave.address);
      expect(votes).to.be.lessThan(f.parameters.proposalThreshold);
      await expect(proposal.propose(f.dave))
        .to.be.revertedWithCustomError(governor, "GovernorInsufficientProposerVotes")
        .withArgs(
          f.dave.address,
          (v: bigint) => v > 0n && v < f.parameters.proposalThreshold,
          f.parameters.proposalThreshold,
        );
      // Delegating a lock to dave lifts him over it.
      await f.escrow.connect(f.carol).getFunction("delegate")(f.dave.address);
      await time.increase(1);
      await expect(proposal.propose(f.dave)).to.emit(governor, "ProposalCreated");
    });

    it("test_RevertWhen_FrontRunningAProposalIdWithTheProposerSuffix", async function () {
      await addRewardTokenProposal(await f.recipient.getAddress(), `Allow RWD#proposer=${f.carol.address}`);
      await expect(proposal.propose(f.bob))
        .to.be.revertedWithCustomError(governor, "GovernorRestrictedProposer")
        .withArgs(f.bob.address);
      await expect(proposal.propose(f.carol)).to.emit(governor, "ProposalCreated");
      expect(await governor.proposalProposer(await proposal.id())).to.equal(f.carol.address);
      // Without the suffix, whoever submits first owns the id and may cancel it: the protection matters.
      const unprotected = new GovernanceHelper(governor, time);
      await unprotected.setProposal([{ target: f.recipient.address, value: 0n }], "Unprotected");
      await unprotected.propose(f.bob);
      await expect(unprotected.propose(f.carol)).to.be.revertedWithCustomError(
        governor,
        "GovernorUnexpectedProposalState",
      );
    });

    it("test_RevertWhen_VoteSignatureIsReplayedOnAnotherChainOrContract", async function () {
      await addRewardTokenProposal(await f.recipient.getAddress());
      await proposal.propose(f.carol);
      // A second governor over the same escrow with the same proposal: the proposal id is the same.
      const other = await ethers.deployContract("LockstepGovernor", [
        f.escrow,
        f.timelock,
        f.parameters.votingDelay,
        f.parameters.votingPeriod,
        f.parameters.proposalThreshold,
        f.parameters.quorumNumerator,
        f.parameters.lateQuorumExtension,
      ]);
      const twin = new GovernanceHelper(other as unknown as Contract, time);
      await twin.setProposal([{ target: f.distributor, data: proposal.calldatas[0] }], proposal.description);
      await twin.propose(f.carol);
      expect(await twin.id()).to.equal(await proposal.id());
      await proposal.waitForSnapshot();

      const signature = await proposal.signBallot(f.bob, VoteType.For);
      const foreignChain = await proposal.signBallot(f.bob, VoteType.For, { chainId: 1n });
      await expect(twin.voteBySig(f.bob.address, VoteType.For, signature, f.eve))
        .to.be.revertedWithCustomError(other, "GovernorInvalidSignature")
        .withArgs(f.bob.address);
      await expect(proposal.voteBySig(f.bob.address, VoteType.For, foreignChain, f.eve))
        .to.be.revertedWithCustomError(governor, "GovernorInvalidSignature")
        .withArgs(f.bob.address);

      // The genuine signature works once, relayed by anyone, and counts bob's weight.
      await expect(proposal.voteBySig(f.bob.address, VoteType.For, signature, f.eve))
        .to.emit(governor, "VoteCast")
        .withArgs(
          f.bob.address,
          await proposal.id(),
          VoteType.For,
          await f.escrow.balanceOfAt(f.bob.address, await proposal.snapshot()),
          "",
        );
      await expect(proposal.voteBySig(f.bob.address, VoteType.For, signature, f.eve))
        .to.be.revertedWithCustomError(governor, "GovernorInvalidSignature")
        .withArgs(f.bob.address);
      expect(await governor.nonces(f.bob.address)).to.equal(1n);
    });

    it("test_CancelledProposalNeverChangesStateAgain", async function () {
      await addRewardTokenProposal(await f.recipient.getAddress());
      await proposal.propose(f.carol);
      const id = await proposal.id();
      await expect(proposal.cancel(f.bob)).to.be.revertedWithCustomError(governor, "GovernorUnableToCancel");
      await expect(proposal.cancel(f.carol)).to.emit(governor, "ProposalCanceled").withArgs(id);
      expect(await proposal.state()).to.equal(ProposalState.Canceled);

      await proposal.waitForSnapshot();
      expect(await proposal.state()).to.equal(ProposalState.Canceled);
      await expect(proposal.vote({ support: VoteType.For }, f.alice)).to.be.revertedWithCustomError(
        governor,
        "GovernorUnexpectedProposalState",
      );
      await proposal.waitForDeadline();
      await expect(proposal.queue()).to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState");
      await expect(proposal.execute()).to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState");
      await expect(proposal.cancel(f.carol)).to.be.revertedWithCustomError(governor, "GovernorUnableToCancel");
      await expect(proposal.propose(f.carol)).to.be.revertedWithCustomError(
        governor,
        "GovernorUnexpectedProposalState",
      );
      await time.increase(WEEK * 10n);
      expect(await proposal.state()).to.equal(ProposalState.Canceled);
    });

    it("test_ExecutedProposalNeverChangesStateAgain", async function () {
      await proposal.setProposal(
        [{ target: f.token, data: f.token.interface.encodeFunctionData("transfer", [f.recipient.address, ONE]) }],
        "Pay once",
      );
      await proposal.passAndExecute(f.carol, [f.bob]);
      expect(await proposal.state()).to.equal(ProposalState.Executed);
      await expect(proposal.execute()).to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState");
      await expect(proposal.queue()).to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState");
      await expect(proposal.cancel(f.carol)).to.be.revertedWithCustomError(governor, "GovernorUnableToCancel");
      await expect(proposal.propose(f.carol)).to.be.revertedWithCustomError(
        governor,
        "GovernorUnexpectedProposalState",
      );
      // The timelock executes for the governor only, so nobody can replay the operation there either.
      await expect(
        f.timelock.connect(f.eve).getFunction("executeBatch")(
          ...proposal.shortProposal.slice(0, 3),
          ethers.ZeroHash,
          ethers.ZeroHash,
        ),
      ).to.be.revertedWithCustomError(f.timelock, "AccessControlUnauthorizedAccount");
      await time.increase(WEEK * 10n);
      expect(await proposal.state()).to.equal(ProposalState.Executed);
      expect(await f.token.balanceOf(f.recipient.address)).to.equal(ONE);
    });
  });

  describe("score decay", function () {
    it("test_DecayedLockHasLessWeightInALaterProposal", async function () {
      const weights: bigint[] = [];
      const { amount, end } = await f.escrow.locked(f.alice.address);
      for (const description of ["First", "Second, eight weeks later"]) {
        const p = new GovernanceHelper(governor, time);
        await p.setProposal([{ target: f.recipient.address }], description);
        await p.propose(f.carol);
        await p.waitForSnapshot();
        const snapshot = await p.snapshot();
        const weight = await votedWeight(await p.vote({ support: VoteType.For }, f.alice));
        // SPEC §2: amount + slope * (end - t), slope = amount / MAX_LOCK.
        expect(weight).to.equal(amount + (amount / MAX_LOCK) * (end - snapshot));
        weights.push(weight);
        await time.increase(8n * WEEK);
      }
      expect(weights[1]).to.be.lessThan(weights[0]);
      expect(weights[0] - weights[1]).to.be.closeTo((amount / MAX_LOCK) * 8n * WEEK, (amount / MAX_LOCK) * 3600n);
    });
  });
});
