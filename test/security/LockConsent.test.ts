import { expect } from "chai";
import { network } from "hardhat";

import type { GovernanceToken, VotingEscrow } from "../../types/ethers-contracts/index.js";
import { deployEscrowFixture, type EscrowFixture } from "../helpers/escrowFixture.js";
import { signPermit } from "../../scripts/lib/eip712.js";
import { MAX_LOCK, MIN_LOCK, ONE, WEEK, epochStart } from "./helpers.js";

const { networkHelpers } = await network.create();
const { time } = networkHelpers;

describe("Security: locks made for others and permits", function () {
  let f: EscrowFixture;
  let escrow: VotingEscrow;
  let token: GovernanceToken;
  let escrowAddress: string;

  const latest = async () => BigInt(await time.latest());

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(deployEscrowFixture);
    ({ escrow, token } = f);
    escrowAddress = await escrow.getAddress();
  });

  describe("createLockFor front-running", function () {
    it("test_RevertWhen_AStrangerFrontRunsAFirstCreateLock", async function () {
      const { alice, bob } = f;
      // v1: bob's 1-wei, 52-week lock for alice lands first and forces its end date on her.
      await expect(escrow.connect(bob).createLockFor(alice.address, 1n, (await latest()) + MAX_LOCK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockCreatorNotAllowed")
        .withArgs(alice.address, bob.address);

      const end = epochStart((await latest()) + 8n * WEEK);
      await expect(escrow.connect(alice).createLock(1_000n * ONE, end))
        .to.emit(escrow, "LockCreated")
        .withArgs(alice.address, alice.address, 1_000n * ONE, end);
      expect(await escrow.locked(alice.address)).to.deep.equal([1_000n * ONE, end, false]);
    });

    it("test_RevertWhen_AStrangerFrontRunsAFirstCreateLockWithPermit", async function () {
      const { eve, bob } = f;
      const amount = 1_000n * ONE;
      const deadline = (await latest()) + 3600n;
      const sig = await signPermit(token, eve, { owner: eve.address, spender: escrowAddress, value: amount, deadline });
      await expect(
        escrow.connect(bob).createLockFor(eve.address, 1n, (await latest()) + MAX_LOCK),
      ).to.be.revertedWithCustomError(escrow, "VotingEscrowLockCreatorNotAllowed");

      const end = epochStart((await latest()) + 8n * WEEK);
      await expect(escrow.connect(eve).createLockWithPermit(amount, end, deadline, sig.v, sig.r, sig.s))
        .to.emit(escrow, "LockCreated")
        .withArgs(eve.address, eve.address, amount, end);
      expect(await escrow.locked(eve.address)).to.deep.equal([amount, end, false]);
    });

    it("test_CreateLockForNeedsConsentAndStopsWhenRevoked", async function () {
      const { alice, bob, carol } = f;
      const vesting = bob; // stands in for a vesting or airdrop contract
      await expect(escrow.connect(alice).setLockCreator(vesting.address, true))
        .to.emit(escrow, "LockCreatorSet")
        .withArgs(alice.address, vesting.address, true);
      expect(await escrow.isLockCreator(alice.address, vesting.address)).to.equal(true);
      expect(await escrow.isLockCreator(vesting.address, alice.address)).to.equal(false);

      const end = epochStart((await latest()) + MAX_LOCK);
      const funded = await token.balanceOf(vesting.address);
      await expect(escrow.connect(vesting).createLockFor(alice.address, 500n * ONE, end))
        .to.emit(escrow, "LockCreated")
        .withArgs(alice.address, vesting.address, 500n * ONE, end);
      expect(await token.balanceOf(vesting.address)).to.equal(funded - 500n * ONE);

      // Consent is per account: carol allows the same creator, then changes her mind before it acts.
      await escrow.connect(carol).setLockCreator(vesting.address, true);
      await expect(escrow.connect(carol).setLockCreator(vesting.address, false))
        .to.emit(escrow, "LockCreatorSet")
        .withArgs(carol.address, vesting.address, false);
      expect(await escrow.isLockCreator(carol.address, vesting.address)).to.equal(false);
      await expect(escrow.connect(vesting).createLockFor(carol.address, 500n * ONE, end))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockCreatorNotAllowed")
        .withArgs(carol.address, vesting.address);
      expect((await escrow.locked(carol.address))[0]).to.equal(0n);
    });

    it("test_RevertWhen_AnAllowedCreatorMakesALockShorterThanMinLock", async function () {
      // Consent does not bypass MIN_LOCK: a creator cannot hand an account a short, rentable lock either.
      const { alice, bob } = f;
      await escrow.connect(alice).setLockCreator(bob.address, true);
      const t = (await latest()) + 1n;
      const end = epochStart(t + MIN_LOCK - 1n);
      await time.setNextBlockTimestamp(t);
      await expect(escrow.connect(bob).createLockFor(alice.address, ONE, end))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(end, t + MIN_LOCK);
    });
  });

  describe("permit front-running", function () {
    it("test_CreateLockWithPermitSucceedsAfterThePermitIsFrontRun", async function () {
      const { eve, bob } = f;
      const amount = 2_000n * ONE;
      const deadline = (await latest()) + 3600n;
      const sig = await signPermit(token, eve, { owner: eve.address, spender: escrowAddress, value: amount, deadline });
      // bob copies the permit from the mempool and submits it first: eve's nonce is used up.
      await token.connect(bob).permit(eve.address, escrowAddress, amount, deadline, sig.v, sig.r, sig.s);
      expect(await token.allowance(eve.address, escrowAddress)).to.equal(amount);
      expect(await token.nonces(eve.address)).to.equal(1n);

      const end = epochStart((await latest()) + 26n * WEEK);
      const before = await token.balanceOf(eve.address);
      await expect(escrow.connect(eve).createLockWithPermit(amount, end, deadline, sig.v, sig.r, sig.s))
        .to.emit(escrow, "LockCreated")
        .withArgs(eve.address, eve.address, amount, end);
      expect(await token.balanceOf(eve.address)).to.equal(before - amount);
      expect(await token.allowance(eve.address, escrowAddress)).to.equal(0n);
    });

    it("test_RevertWhen_AFailedPermitLeavesNoAllowance", async function () {
      // The permit's failure is swallowed only because the allowance decides: a bad signature locks nothing.
      const { eve, bob } = f;
      const amount = 2_000n * ONE;
      const deadline = (await latest()) + 3600n;
      const sig = await signPermit(token, bob, { owner: eve.address, spender: escrowAddress, value: amount, deadline }); // wrong key
      const end = epochStart((await latest()) + 26n * WEEK);
      await expect(escrow.connect(eve).createLockWithPermit(amount, end, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowPermitFailed")
        .withArgs(eve.address, amount);
    });
  });
});
