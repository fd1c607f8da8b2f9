import { expect } from "chai";
import type { Contract, Signer } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { deploySystem, loadParameters } from "../../scripts/lib/deployment.js";
import { GovernanceHelper, ProposalState, VoteType } from "../helpers/GovernanceHelper.js";
import { MAX_LOCK, epochStart, scoreOfTokens, unitOf } from "./helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

/** The production deployment over an existing `decimals`-decimal token with ERC-2612 permit. */
async function deployOverDecimals(connection: NetworkConnection, decimals: bigint) {
  const [deployer, holder, small] = await connection.ethers.getSigners();
  const token = await connection.ethers.deployContract("DecimalsToken", [decimals]);
  const parameters = { ...(await loadParameters("production")), token: await token.getAddress() };
  const system = await deploySystem(connection, parameters);
  const unit = 10n ** decimals;
  await token.mint(holder.address, 1_000_000n * unit);
  await token.mint(small.address, 1_000_000n * unit);
  for (const account of [holder, small]) {
    await token.connect(account).getFunction("approve")(await system.escrow.getAddress(), ethers.MaxUint256);
  }
  return { ...system, token, parameters, deployer, holder, small, unit };
}

async function sixDecimalFixture(connection: NetworkConnection) {
  return deployOverDecimals(connection, 6n);
}

async function zeroDecimalFixture(connection: NetworkConnection) {
  return deployOverDecimals(connection, 0n);
}

describe("Security: governance tokens with other decimals", function () {
  const latest = async () => BigInt(await time.latest());

  it("test_RevertWhen_TheTokenHasMoreThan18Decimals", async function () {
    const factory = await ethers.getContractFactory("VotingEscrow");
    const [admin] = await ethers.getSigners();
    for (const decimals of [19n, 24n]) {
      const token = await ethers.deployContract("DecimalsToken", [decimals]);
      await expect(factory.deploy(await token.getAddress(), admin.address))
        .to.be.revertedWithCustomError(factory, "VotingEscrowUnsupportedDecimals")
        .withArgs(decimals);
    }
    const eighteen = await ethers.deployContract("DecimalsToken", [18n]);
    await expect(factory.deploy(await eighteen.getAddress(), admin.address)).not.to.revert(ethers);
  });

  for (const [decimals, fixture] of [
    [6n, sixDecimalFixture],
    [0n, zeroDecimalFixture],
  ] as const) {
    describe(`${decimals}-decimal token`, function () {
      let f: Awaited<ReturnType<typeof deployOverDecimals>>;
      let escrow: Contract;
      let holder: Signer, small: Signer;

      beforeEach(async function () {
        f = await networkHelpers.loadFixture(fixture);
        ({ escrow, holder, small } = f);
      });

      it(`test_ScoresAreIn18DecimalUnits_${decimals}Decimals`, async function () {
        const amount = 1_000n * f.unit;
        const end = epochStart((await latest()) + MAX_LOCK);
        await escrow.connect(holder).getFunction("createLock")(amount, end);
        const t = await latest();
        const score = scoreOfTokens(amount, end, t, decimals);
        expect(await escrow.balanceOf(await holder.getAddress())).to.equal(score);
        expect(await escrow.totalSupply()).to.equal(score);
        // About 2.0x a 1,000-token amount in 18-decimal units, whatever the token's decimals.
        expect(score).to.be.greaterThan(1_900n * 10n ** 18n);
        // Withdrawals are in token units.
        expect((await escrow.locked(await holder.getAddress()))[0]).to.equal(amount);
      });

      it(`test_SlopeIsNotZeroForTheSmallestLock_${decimals}Decimals`, async function () {
        // v1 worked in token units: below MAX_LOCK base units (31 tokens at 6 decimals) the slope was 0 and the
        // score had no decaying part.
        const amount = 1n;
        const end = epochStart((await latest()) + MAX_LOCK);
        await escrow.connect(small).getFunction("createLock")(amount, end);
        const t = await latest();
        const units = unitOf(Number(decimals));
        const score = await escrow.balanceOf(await small.getAddress());
        expect(score).to.equal(scoreOfTokens(amount, end, t, decimals));
        expect(score).to.be.greaterThan(units);
        await time.increase(3600);
        expect(await escrow.balanceOf(await small.getAddress())).to.be.lessThan(score);
      });

      it(`test_ProposalThresholdLevelsAndQuorumAreReachable_${decimals}Decimals`, async function () {
        // 25,000 tokens for 52 weeks: about 50,000 score, a level-1 or -2 staker well above the threshold.
        const amount = 25_000n * f.unit;
        const end = epochStart((await latest()) + MAX_LOCK);
        await escrow.connect(holder).getFunction("createLock")(amount, end);
        const score = scoreOfTokens(amount, end, await latest(), decimals);
        const thresholds: bigint[] = [...(await escrow.levelThresholds())];
        const level = thresholds.filter((threshold) => score >= threshold).length;
        expect(level).to.be.at.least(1);
        expect(await escrow.levelOf(await holder.getAddress())).to.equal(BigInt(level));
        expect(score).to.be.greaterThan(await f.governor.proposalThreshold());

        const proposal = new GovernanceHelper(f.governor, time);
        await proposal.setProposal(
          [{ target: escrow, data: escrow.interface.encodeFunctionData("setLevelThresholds", [thresholds]) }],
          "Reaffirm the level thresholds",
        );
        await time.increase(1);
        await proposal.propose(holder);
        await proposal.waitForSnapshot();
        await proposal.vote({ support: VoteType.For }, holder);
        const snapshot = await proposal.snapshot();
        const { forVotes } = await f.governor.proposalVotes(await proposal.id());
        expect(forVotes).to.equal(scoreOfTokens(amount, end, snapshot, decimals));
        expect(forVotes).to.be.at.least(await f.governor.quorum(snapshot));
        await proposal.waitForDeadline();
        expect(await proposal.state()).to.equal(ProposalState.Succeeded);
      });
    });
  }
});
