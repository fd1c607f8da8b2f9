import { expect } from "chai";
import { network } from "hardhat";

import type {
  FalseReturnToken,
  FeeOnTransferToken,
  RebasingToken,
  ReentrantToken,
  RevenueDistributor,
} from "../types/ethers-contracts/index.js";
import { MAX_LOCK, ONE, WEEK, epochStart } from "./helpers/escrowFixture.js";
import { deployRevenueFixture, weekHelpers, type RevenueFixture } from "./helpers/revenueFixture.js";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

const ZERO = ethers.ZeroAddress;
const U128_MAX = 2n ** 128n - 1n;

let f: RevenueFixture;
let d: RevenueDistributor;

const { now, nextWeek } = weekHelpers(time);

/** The share the SPEC formula gives `account` of `revenue` deposited in week `week`. */
async function shareOf(account: string, revenue: bigint, week: bigint): Promise<bigint> {
  const supply = await f.escrow.totalSupplyAt(week);
  return supply === 0n ? 0n : (revenue * (await f.escrow.balanceOfAt(account, week))) / supply;
}

describe("RevenueDistributor (unit)", function () {
  beforeEach(async function () {
    f = await networkHelpers.loadFixture(deployRevenueFixture);
    d = f.distributor;
  });

  describe("deployment and views", function () {
    it("test_Views_ExposeEscrowAdminAndConstants", async function () {
      expect(await d.escrow()).to.equal(await f.escrow.getAddress());
      expect(await d.admin()).to.equal(f.admin.address);
      expect(await d.WEEK()).to.equal(WEEK);
      expect(await d.MAX_WEEKS_PER_CALL()).to.equal(52n);
      expect(await d.MAX_REWARD_TOKENS()).to.equal(32n);
    });

    it("test_Constructor_ApprovesTheEscrowForRelocks", async function () {
      expect(await f.token.allowance(f.distributorAddress, await f.escrow.getAddress())).to.equal(ethers.MaxUint256);
    });

    it("test_RevertWhen_ConstructedWithZeroAddresses", async function () {
      const factory = await ethers.getContractFactory("RevenueDistributor");
      await expect(ethers.deployContract("RevenueDistributor", [ZERO, f.admin.address])).to.be.revertedWithCustomError(
        factory,
        "RevenueDistributorZeroAddress",
      );
      await expect(
        ethers.deployContract("RevenueDistributor", [await f.escrow.getAddress(), ZERO]),
      ).to.be.revertedWithCustomError(factory, "RevenueDistributorZeroAddress");
    });

    it("test_AddRewardToken_StartsAtTheCurrentWeekWithNothingOwed", async function () {
      const start = await d.claimCursor(f.alice.address, f.usdAddress);
      expect(start).to.equal(epochStart(await now()));
      expect(await d.finalizedUntil(f.usdAddress)).to.equal(start);
      expect(await d.lastClaimedWeek(f.alice.address, f.usdAddress)).to.equal(0n);
      expect(await d.accountedBalance(f.usdAddress)).to.equal(0n);
      expect(await d.claimable(f.alice.address, f.usdAddress)).to.equal(0n);
      const stranger = ethers.Wallet.createRandom().address;
      expect(await d.claimCursor(f.alice.address, stranger)).to.equal(0n);
      expect(await d.finalizedUntil(stranger)).to.equal(0n);
      expect(await d.accountedBalance(stranger)).to.equal(0n);
      expect(await d.claimable(f.alice.address, stranger)).to.equal(0n);
    });
  });

  describe("allowlist", function () {
    it("test_AddRewardToken_EmitsAndLists", async function () {
      const other = await ethers.deployContract("GovernanceToken", ["Other", "OTH", f.deployer.address, ONE]);
      const address = await other.getAddress();
      expect(await d.isRewardToken(address)).to.equal(false);
      await expect(d.connect(f.admin).addRewardToken(address)).to.emit(d, "RewardTokenAdded").withArgs(address);
      expect(await d.isRewardToken(address)).to.equal(true);
      expect(await d.rewardTokens()).to.deep.equal([f.usdAddress, f.lockAddress, address]);
    });

    it("test_RevertWhen_NonAdminManagesTheAllowlist", async function () {
      await expect(d.connect(f.alice).addRewardToken(f.usdAddress))
        .to.be.revertedWithCustomError(d, "RevenueDistributorUnauthorized")
        .withArgs(f.alice.address);
      await expect(d.connect(f.alice).removeRewardToken(f.usdAddress))
        .to.be.revertedWithCustomError(d, "RevenueDistributorUnauthorized")
        .withArgs(f.alice.address);
    });

    it("test_RevertWhen_AddingTheZeroAddressOrAnAllowedToken", async function () {
      await expect(d.connect(f.admin).addRewardToken(ZERO)).to.be.revertedWithCustomError(
        d,
        "RevenueDistributorZeroAddress",
      );
      await expect(d.connect(f.admin).addRewardToken(f.usdAddress))
        .to.be.revertedWithCustomError(d, "RevenueDistributorTokenAlreadyAllowed")
        .withArgs(f.usdAddress);
    });

    it("test_RemoveRewardToken_RefusesDepositsAndKeepsHistory", async function () {
      // A staker's first claim starts at the token's first week, so its cursor shows that week.
      await f.escrow.connect(f.alice).createLock(1_000n * ONE, (await now()) + MAX_LOCK);
      const start = await d.claimCursor(f.alice.address, f.usdAddress);
      expect(start).to.equal(epochStart(await now()));
      await expect(d.connect(f.admin).removeRewardToken(f.usdAddress))
        .to.emit(d, "RewardTokenRemoved")
        .withArgs(f.usdAddress);
      expect(await d.isRewardToken(f.usdAddress)).to.equal(false);
      expect(await d.rewardTokens()).to.deep.equal([f.usdAddress, f.lockAddress]);
      await expect(d.depositRevenue(f.usdAddress, ONE))
        .to.be.revertedWithCustomError(d, "RevenueDistributorTokenNotAllowed")
        .withArgs(f.usdAddress);
      await expect(d.checkpoint(f.usdAddress))
        .to.be.revertedWithCustomError(d, "RevenueDistributorTokenNotAllowed")
        .withArgs(f.usdAddress);
      await expect(d.connect(f.admin).removeRewardToken(f.usdAddress))
        .to.be.revertedWithCustomError(d, "RevenueDistributorTokenNotAllowed")
        .withArgs(f.usdAddress);

      await nextWeek();
      await d.connect(f.admin).addRewardToken(f.usdAddress);
      expect(await d.isRewardToken(f.usdAddress)).to.equal(true);
      expect(await d.rewardTokens()).to.deep.equal([f.usdAddress, f.lockAddress]);
      expect(await d.claimCursor(f.alice.address, f.usdAddress)).to.equal(start);
    });

    it("test_RevertWhen_MoreThanMaxRewardTokensWereEverAdded", async function () {
      const max = await d.MAX_REWARD_TOKENS();
      for (let i = 2n; i < max; i++) {
        const t = await ethers.deployContract("FalseReturnToken");
        await d.connect(f.admin).addRewardToken(await t.getAddress());
      }
      expect((await d.rewardTokens()).length).to.equal(Number(max));
      // Removing does not free a place: the list keeps every token that may still be claimed.
      await d.connect(f.admin).removeRewardToken(f.usdAddress);
      const extra = await ethers.deployContract("FalseReturnToken");
      await expect(d.connect(f.admin).addRewardToken(await extra.getAddress()))
        .to.be.revertedWithCustomError(d, "RevenueDistributorTooManyTokens")
        .withArgs(max);
    });
  });

  describe("depositRevenue", function () {
    it("test_DepositRevenue_CreditsTheCurrentWeekAndEmits", async function () {
      const week = epochStart(await now());
      const before = await f.usd.balanceOf(f.deployer.address);
      await expect(d.depositRevenue(f.usdAddress, 100n * ONE))
        .to.emit(d, "RevenueDeposited")
        .withArgs(f.usdAddress, week, 100n * ONE, f.deployer.address);
      await expect(d.depositRevenue(f.usdAddress, 50n * ONE))
        .to.emit(d, "RevenueDeposited")
        .withArgs(f.usdAddress, week, 50n * ONE, f.deployer.address);
      expect(await d.revenueAt(f.usdAddress, week)).to.equal(150n * ONE);
      // Any timestamp inside the week names the week.
      expect(await d.revenueAt(f.usdAddress, week + WEEK - 1n)).to.equal(150n * ONE);
      expect(await d.revenueAt(f.usdAddress, week + WEEK)).to.equal(0n);
      expect(await f.usd.balanceOf(f.distributorAddress)).to.equal(150n * ONE);
      expect(await f.usd.balanceOf(f.deployer.address)).to.equal(before - 150n * ONE);
      expect(await d.accountedBalance(f.usdAddress)).to.equal(150n * ONE);
    });

    it("test_DepositRevenue_IsOpenToAnyone", async function () {
      await f.token.connect(f.eve).approve(f.distributorAddress, ONE);
      await expect(d.connect(f.eve).depositRevenue(f.lockAddress, ONE))
        .to.emit(d, "RevenueDeposited")
        .withArgs(f.lockAddress, epochStart(await now()), ONE, f.eve.address);
    });

    it("test_RevertWhen_DepositingZero", async function () {
      await expect(d.depositRevenue(f.usdAddress, 0n)).to.be.revertedWithCustomError(d, "RevenueDistributorZeroAmount");
    });

    it("test_RevertWhen_DepositingATokenNotAllowed", async function () {
      const other = await ethers.deployContract("GovernanceToken", ["Other", "OTH", f.deployer.address, ONE]);
      await other.approve(f.distributorAddress, ONE);
      await expect(d.depositRevenue(await other.getAddress(), ONE))
        .to.be.revertedWithCustomError(d, "RevenueDistributorTokenNotAllowed")
        .withArgs(await other.getAddress());
    });

    it("test_RevertWhen_TheTokenTakesAFee", async function () {
      const fee = (await ethers.deployContract("FeeOnTransferToken", [100n])) as unknown as FeeOnTransferToken;
      const address = await fee.getAddress();
      await fee.mint(f.deployer.address, 1_000n * ONE);
      await fee.approve(f.distributorAddress, ethers.MaxUint256);
      await d.connect(f.admin).addRewardToken(address);
      await expect(d.depositRevenue(address, 100n * ONE))
        .to.be.revertedWithCustomError(d, "RevenueDistributorFeeOnTransfer")
        .withArgs(address, 100n * ONE, 99n * ONE);
      expect(await d.revenueAt(address, await now())).to.equal(0n);
    });

    it("test_RevertWhen_ARebasingTokenDeliversLessThanTheAmount", async function () {
      const rebasing = (await ethers.deployContract("RebasingToken")) as unknown as RebasingToken;
      const address = await rebasing.getAddress();
      await rebasing.mint(f.deployer.address, 1_000n * ONE);
      await rebasing.approve(f.distributorAddress, ethers.MaxUint256);
      await d.connect(f.admin).addRewardToken(address);
      // At an index of 3, a transfer of 10 units moves 3 shares, which are worth 9 units.
      await rebasing.rebase(3n * ONE);
      await expect(d.depositRevenue(address, 10n))
        .to.be.revertedWithCustomError(d, "RevenueDistributorFeeOnTransfer")
        .withArgs(address, 10n, 9n);
    });

    it("test_RevertWhen_TheTokenReturnsFalse", async function () {
      const bad = (await ethers.deployContract("FalseReturnToken")) as unknown as FalseReturnToken;
      const address = await bad.getAddress();
      await bad.mint(f.deployer.address, ONE);
      await bad.approve(f.distributorAddress, ONE);
      await d.connect(f.admin).addRewardToken(address);
      await bad.setFailing(true);
      await expect(d.depositRevenue(address, ONE))
        .to.be.revertedWithCustomError(d, "SafeERC20FailedOperation")
        .withArgs(address);
    });

    it("test_RevertWhen_TheBalanceWouldExceed128Bits", async function () {
      const big = (await ethers.deployContract("FeeOnTransferToken", [0n])) as unknown as FeeOnTransferToken;
      const address = await big.getAddress();
      await big.mint(f.deployer.address, 2n ** 130n);
      await big.approve(f.distributorAddress, ethers.MaxUint256);
      await d.connect(f.admin).addRewardToken(address);
      await d.depositRevenue(address, U128_MAX);
      await expect(d.depositRevenue(address, 1n))
        .to.be.revertedWithCustomError(d, "RevenueDistributorAmountTooLarge")
        .withArgs(U128_MAX + 1n, U128_MAX);
      // A direct transfer that pushes the balance over cannot be credited either.
      await big.transfer(f.distributorAddress, 1n);
      await expect(d.checkpoint(address))
        .to.be.revertedWithCustomError(d, "RevenueDistributorAmountTooLarge")
        .withArgs(U128_MAX + 1n, U128_MAX);
    });
  });

  describe("checkpoint", function () {
    it("test_Checkpoint_CreditsDirectTransfersOnce", async function () {
      await d.depositRevenue(f.usdAddress, 10n * ONE);
      await f.usd.transfer(f.distributorAddress, 7n * ONE);
      const week = epochStart(await now());
      await expect(d.connect(f.alice).checkpoint(f.usdAddress))
        .to.emit(d, "RevenueDeposited")
        .withArgs(f.usdAddress, week, 7n * ONE, ZERO);
      expect(await d.revenueAt(f.usdAddress, week)).to.equal(17n * ONE);
      await expect(d.checkpoint(f.usdAddress)).not.to.emit(d, "RevenueDeposited");
      expect(await d.revenueAt(f.usdAddress, week)).to.equal(17n * ONE);
      expect(await d.accountedBalance(f.usdAddress)).to.equal(17n * ONE);
    });

    it("test_Checkpoint_FinalizesFinishedWeeks", async function () {
      const start = await d.finalizedUntil(f.usdAddress);
      await nextWeek();
      await nextWeek();
      await d.checkpoint(f.usdAddress);
      expect(await d.finalizedUntil(f.usdAddress)).to.equal(start + 2n * WEEK);
    });

    it("test_Checkpoint_FinalizesAtMost52WeeksPerCall", async function () {
      const start = await d.finalizedUntil(f.usdAddress);
      await time.increase(60n * WEEK);
      await f.usd.transfer(f.distributorAddress, ONE);
      await expect(d.checkpoint(f.usdAddress)).not.to.emit(d, "RevenueDeposited");
      expect(await d.finalizedUntil(f.usdAddress)).to.equal(start + 52n * WEEK);
      await expect(d.checkpoint(f.usdAddress))
        .to.emit(d, "RevenueDeposited")
        .withArgs(f.usdAddress, epochStart(await now()), ONE, ZERO);
      expect(await d.finalizedUntil(f.usdAddress)).to.equal(epochStart(await now()));
    });

    it("test_RevertWhen_ARebasingTokenShrankTheBalance", async function () {
      const rebasing = (await ethers.deployContract("RebasingToken")) as unknown as RebasingToken;
      const address = await rebasing.getAddress();
      await rebasing.mint(f.deployer.address, 1_000n * ONE);
      await rebasing.approve(f.distributorAddress, ethers.MaxUint256);
      await d.connect(f.admin).addRewardToken(address);
      await d.depositRevenue(address, 100n * ONE);
      await rebasing.rebase(ONE / 2n);
      await expect(d.checkpoint(address))
        .to.be.revertedWithCustomError(d, "RevenueDistributorBalanceShortfall")
        .withArgs(address, 100n * ONE, 50n * ONE);
    });
  });

  describe("claim", function () {
    beforeEach(async function () {
      // alice and bob lock before the week whose revenue is shared.
      await f.escrow.connect(f.alice).createLock(1_000n * ONE, (await now()) + MAX_LOCK);
      await f.escrow.connect(f.bob).createLock(3_000n * ONE, (await now()) + 26n * WEEK);
    });

    it("test_Claim_PaysTheShareOfAFinishedWeek", async function () {
      const week = await nextWeek();
      await d.depositRevenue(f.usdAddress, 1_000n * ONE);
      await nextWeek();
      const expected = await shareOf(f.alice.address, 1_000n * ONE, week);
      expect(expected).to.be.greaterThan(0n);
      expect(await d.claimable(f.alice.address, f.usdAddress)).to.equal(expected);
      const before = await f.usd.balanceOf(f.alice.address);
      await expect(d.connect(f.alice).claim([f.usdAddress], false))
        .to.emit(d, "RevenueClaimed")
        .withArgs(f.alice.address, f.usdAddress, expected, false, week);
      expect(await f.usd.balanceOf(f.alice.address)).to.equal(before + expected);
      expect(await d.lastClaimedWeek(f.alice.address, f.usdAddress)).to.equal(week);
      expect(await d.claimCursor(f.alice.address, f.usdAddress)).to.equal(week + WEEK);
      expect(await d.claimable(f.alice.address, f.usdAddress)).to.equal(0n);
      expect(await d.accountedBalance(f.usdAddress)).to.equal(1_000n * ONE - expected);
    });

    it("test_Claim_StartsAtTheWeekOfTheFirstLock", async function () {
      const [latecomer] = f.others;
      await f.escrow.connect(f.alice).setAutoMax(true); // a staker every week: nothing rolls over
      const tokenStart = await d.claimCursor(f.alice.address, f.usdAddress);
      for (let i = 0; i < 60; i++) {
        await d.depositRevenue(f.usdAddress, 10n * ONE);
        await nextWeek();
      }
      // Someone claims every week, so the finalized weeks reach the present.
      await d.connect(f.alice).claim([f.usdAddress], false);
      await d.connect(f.alice).claim([f.usdAddress], false);
      expect(await d.finalizedUntil(f.usdAddress)).to.equal(epochStart(await now()));

      const stranger = ethers.Wallet.createRandom().address;
      expect(await d.claimCursor(stranger, f.usdAddress), "never locked: nothing before now").to.equal(
        epochStart(await now()),
      );

      await f.token.connect(f.deployer).transfer(latecomer.address, 1_000n * ONE);
      await f.token.connect(latecomer).approve(await f.escrow.getAddress(), 1_000n * ONE);
      await f.escrow.connect(latecomer).createLock(1_000n * ONE, (await now()) + MAX_LOCK);
      const lockWeek = epochStart(await f.escrow.firstLockTime(latecomer.address));
      expect(lockWeek).to.be.greaterThan(tokenStart + 52n * WEEK);
      expect(await d.claimCursor(latecomer.address, f.usdAddress)).to.equal(lockWeek);

      // The lock counts from the next week start on (scores are read at week starts).
      const week = await nextWeek();
      await d.depositRevenue(f.usdAddress, 10n * ONE);
      await nextWeek();
      const expected = await shareOf(latecomer.address, 10n * ONE, week);
      expect(expected).to.be.greaterThan(0n);
      // One call pays everything: the 60 weeks before the lock are not walked.
      await expect(d.connect(latecomer).claim([f.usdAddress], false))
        .to.emit(d, "RevenueClaimed")
        .withArgs(latecomer.address, f.usdAddress, expected, false, week);
      expect(await d.claimable(latecomer.address, f.usdAddress)).to.equal(0n);
    });

    it("test_Claim_PaysNothingForTheCurrentWeek", async function () {
      await nextWeek();
      await d.depositRevenue(f.usdAddress, 1_000n * ONE);
      expect(await d.claimable(f.alice.address, f.usdAddress)).to.equal(0n);
      const before = await f.usd.balanceOf(f.alice.address);
      await d.connect(f.alice).claim([f.usdAddress], false);
      expect(await f.usd.balanceOf(f.alice.address)).to.equal(before);
    });

    it("test_Claim_IsSilentWhenNoWeekFinished", async function () {
      await nextWeek();
      await d.depositRevenue(f.usdAddress, 1_000n * ONE);
      await nextWeek();
      await d.connect(f.alice).claim([f.usdAddress], false);
      await expect(d.connect(f.alice).claim([f.usdAddress], false)).not.to.emit(d, "RevenueClaimed");
    });

    it("test_Claim_SeveralTokensInOneCall", async function () {
      const week = await nextWeek();
      await d.depositRevenue(f.usdAddress, 1_000n * ONE);
      await d.depositRevenue(f.lockAddress, 500n * ONE);
      await nextWeek();
      const usdShare = await shareOf(f.bob.address, 1_000n * ONE, week);
      const lockShare = await shareOf(f.bob.address, 500n * ONE, week);
      const lockBefore = await f.token.balanceOf(f.bob.address);
      await expect(d.connect(f.bob).claim([f.usdAddress, f.lockAddress], false))
        .to.emit(d, "RevenueClaimed")
        .withArgs(f.bob.address, f.usdAddress, usdShare, false, week)
        .and.to.emit(d, "RevenueClaimed")
        .withArgs(f.bob.address, f.lockAddress, lockShare, false, week);
      expect(await f.usd.balanceOf(f.bob.address)).to.equal(usdShare);
      expect(await f.token.balanceOf(f.bob.address)).to.equal(lockBefore + lockShare);
    });

    it("test_RevertWhen_ClaimingATokenThatWasNeverAdded", async function () {
      const stranger = ethers.Wallet.createRandom().address;
      await expect(d.connect(f.alice).claim([stranger], false))
        .to.be.revertedWithCustomError(d, "RevenueDistributorUnknownToken")
        .withArgs(stranger);
    });

    it("test_Claim_RollsOverAWeekWithoutStakers", async function () {
      const other = await ethers.deployContract("GovernanceToken", [
        "Other",
        "OTH",
        f.deployer.address,
        10n ** 6n * ONE,
      ]);
      const address = await other.getAddress();
      await other.approve(f.distributorAddress, ethers.MaxUint256);
      // The fixture's week started before alice and bob locked, so its total score is zero.
      const emptyWeek = epochStart(await now());
      expect(await f.escrow.totalSupplyAt(emptyWeek)).to.equal(0n);
      await d.connect(f.admin).addRewardToken(address);
      await d.depositRevenue(address, 600n * ONE);
      const next = await nextWeek();
      await nextWeek();
      const expected = await shareOf(f.alice.address, 600n * ONE, next);
      expect(await d.claimable(f.alice.address, address)).to.equal(expected);
      await expect(d.connect(f.alice).claim([address], false))
        .to.emit(d, "RevenueRolledOver")
        .withArgs(address, emptyWeek, next, 600n * ONE)
        .and.to.emit(d, "RevenueClaimed")
        .withArgs(f.alice.address, address, expected, false, next);
      expect(await d.revenueAt(address, emptyWeek)).to.equal(0n);
      expect(await d.revenueAt(address, next)).to.equal(600n * ONE);
    });

    it("test_Claim_ProcessesAtMost52WeeksPerCall", async function () {
      // autoMax keeps alice's score alive for the 60 weeks.
      await f.escrow.connect(f.alice).setAutoMax(true);
      const first = await nextWeek();
      for (let i = 0n; i < 60n; i++) {
        await d.depositRevenue(f.usdAddress, 100n * ONE + i);
        await nextWeek();
      }
      const total = await d.claimable(f.alice.address, f.usdAddress);
      // The first claim starts at the week the token was added, the week before `first`.
      const start = await d.claimCursor(f.alice.address, f.usdAddress);
      expect(start).to.equal(first - WEEK);
      let expectedFirst = 0n;
      for (let i = 0n; i < 52n; i++) {
        const week = start + i * WEEK;
        expectedFirst += await shareOf(f.alice.address, await d.revenueAt(f.usdAddress, week), week);
      }
      await expect(d.connect(f.alice).claim([f.usdAddress], false))
        .to.emit(d, "RevenueClaimed")
        .withArgs(f.alice.address, f.usdAddress, expectedFirst, false, start + 51n * WEEK);
      expect(await d.claimable(f.alice.address, f.usdAddress)).to.equal(total - expectedFirst);
      await expect(d.connect(f.alice).claim([f.usdAddress], false))
        .to.emit(d, "RevenueClaimed")
        .withArgs(f.alice.address, f.usdAddress, total - expectedFirst, false, first + 59n * WEEK);
      expect(await f.usd.balanceOf(f.alice.address)).to.equal(total);
    });

    describe("relock", function () {
      it("test_ClaimRelock_AddsTheGovernanceShareAndPaysOthers", async function () {
        const week = await nextWeek();
        await d.depositRevenue(f.usdAddress, 1_000n * ONE);
        await d.depositRevenue(f.lockAddress, 800n * ONE);
        await nextWeek();
        const lockShare = await shareOf(f.alice.address, 800n * ONE, week);
        const usdShare = await shareOf(f.alice.address, 1_000n * ONE, week);
        const [amountBefore, end] = await f.escrow.locked(f.alice.address);
        const walletBefore = await f.token.balanceOf(f.alice.address);
        await expect(d.connect(f.alice).claim([f.lockAddress, f.usdAddress], true))
          .to.emit(d, "RevenueClaimed")
          .withArgs(f.alice.address, f.lockAddress, lockShare, true, week)
          .and.to.emit(d, "RevenueClaimed")
          .withArgs(f.alice.address, f.usdAddress, usdShare, false, week)
          .and.to.emit(f.escrow, "LockIncreased")
          .withArgs(f.alice.address, f.distributorAddress, lockShare, amountBefore + lockShare);
        const [amountAfter, endAfter] = await f.escrow.locked(f.alice.address);
        expect(amountAfter).to.equal(amountBefore + lockShare);
        expect(endAfter).to.equal(end);
        expect(await f.token.balanceOf(f.alice.address)).to.equal(walletBefore);
        expect(await f.usd.balanceOf(f.alice.address)).to.equal(usdShare);
      });

      it("test_ClaimRelock_WorksWithAutoMax", async function () {
        await f.escrow.connect(f.alice).setAutoMax(true);
        const week = await nextWeek();
        await d.depositRevenue(f.lockAddress, 800n * ONE);
        await nextWeek();
        const share = await shareOf(f.alice.address, 800n * ONE, week);
        await d.connect(f.alice).claim([f.lockAddress], true);
        expect((await f.escrow.locked(f.alice.address))[0]).to.equal(1_000n * ONE + share);
      });

      it("test_RevertWhen_RelockingIntoAnExpiredLock", async function () {
        await nextWeek();
        await d.depositRevenue(f.lockAddress, 800n * ONE);
        await time.increase(27n * WEEK);
        const [, end] = await f.escrow.locked(f.bob.address);
        expect(end).to.be.lessThanOrEqual(await now());
        await expect(d.connect(f.bob).claim([f.lockAddress], true))
          .to.be.revertedWithCustomError(d, "RevenueDistributorLockExpired")
          .withArgs(f.bob.address, end);
        // Nothing moved: the share is still claimable as a payout.
        const claimable = await d.claimable(f.bob.address, f.lockAddress);
        expect(claimable).to.be.greaterThan(0n);
        const before = await f.token.balanceOf(f.bob.address);
        await d.connect(f.bob).claim([f.lockAddress], false);
        expect(await f.token.balanceOf(f.bob.address)).to.equal(before + claimable);
      });

      it("test_RevertWhen_RelockingWithoutALock", async function () {
        await nextWeek();
        await d.depositRevenue(f.lockAddress, 800n * ONE);
        await time.increase(27n * WEEK);
        await f.escrow.connect(f.bob).withdraw();
        await expect(d.connect(f.bob).claim([f.lockAddress], true))
          .to.be.revertedWithCustomError(d, "RevenueDistributorNoLock")
          .withArgs(f.bob.address);
      });

      it("test_ClaimRelock_NeedsNoLockWithoutAGovernanceShare", async function () {
        const week = await nextWeek();
        await d.depositRevenue(f.usdAddress, 1_000n * ONE);
        await time.increase(27n * WEEK);
        await f.escrow.connect(f.bob).withdraw();
        const share = await shareOf(f.bob.address, 1_000n * ONE, week);
        await expect(d.connect(f.bob).claim([f.usdAddress, f.lockAddress], true))
          .to.emit(d, "RevenueClaimed")
          .withArgs(f.bob.address, f.usdAddress, share, false, epochStart(await now()) - WEEK);
        expect(await f.usd.balanceOf(f.bob.address)).to.equal(share);
      });
    });
  });

  describe("hostile tokens", function () {
    let reentrant: ReentrantToken;
    let address: string;

    beforeEach(async function () {
      reentrant = (await ethers.deployContract("ReentrantToken")) as unknown as ReentrantToken;
      address = await reentrant.getAddress();
      await reentrant.mint(f.deployer.address, 1_000_000n * ONE);
      await reentrant.approve(f.distributorAddress, ethers.MaxUint256);
      await d.connect(f.admin).addRewardToken(address);
      await f.escrow.connect(f.alice).createLock(1_000n * ONE, (await now()) + MAX_LOCK);
      await nextWeek();
      await d.depositRevenue(address, 1_000n * ONE);
      await nextWeek();
    });

    it("test_RevertWhen_ClaimIsReentered", async function () {
      await reentrant.setAttack(f.distributorAddress, 1, true);
      await expect(d.connect(f.alice).claim([address], false)).to.be.revertedWithCustomError(
        d,
        "ReentrancyGuardReentrantCall",
      );
      expect(await reentrant.balanceOf(f.alice.address)).to.equal(0n);
    });

    it("test_Claim_SwallowedReentryPaysNothingTwice", async function () {
      const guardError = d.interface.getError("ReentrancyGuardReentrantCall")!.selector;
      const expected = await d.claimable(f.alice.address, address);
      expect(expected).to.equal(1_000n * ONE);

      // 1: the payout's hook tries to claim again.
      await reentrant.setAttack(f.distributorAddress, 1, false);
      await d.connect(f.alice).claim([address], false);
      expect(await reentrant.attempts()).to.equal(1n);
      expect(await reentrant.lastError()).to.equal(guardError);
      // 2: a deposit's hook tries to checkpoint (which would credit the incoming tokens twice).
      await reentrant.setAttack(f.distributorAddress, 2, false);
      await d.depositRevenue(address, 10n * ONE);
      expect(await reentrant.attempts()).to.equal(2n);
      expect(await reentrant.lastError()).to.equal(guardError);
      // 3: a deposit's hook tries to deposit again.
      await reentrant.setAttack(f.distributorAddress, 3, false);
      await d.depositRevenue(address, 10n * ONE);
      expect(await reentrant.attempts()).to.equal(3n);
      expect(await reentrant.lastError()).to.equal(guardError);

      expect(await reentrant.balanceOf(f.alice.address)).to.equal(expected);
      expect(await d.claimable(f.alice.address, address)).to.equal(0n);
      // Only the two outer deposits were credited; the re-entries added nothing.
      expect(await d.revenueAt(address, await now())).to.equal(20n * ONE);
      expect(await d.accountedBalance(address)).to.equal(20n * ONE);
      expect(await reentrant.balanceOf(f.distributorAddress)).to.equal(20n * ONE);
    });

    it("test_RevertWhen_ThePayoutTokenReturnsFalse", async function () {
      const bad = (await ethers.deployContract("FalseReturnToken")) as unknown as FalseReturnToken;
      const badAddress = await bad.getAddress();
      await bad.mint(f.deployer.address, 1_000n * ONE);
      await bad.approve(f.distributorAddress, ethers.MaxUint256);
      await d.connect(f.admin).addRewardToken(badAddress);
      await d.depositRevenue(badAddress, 1_000n * ONE);
      await nextWeek();
      await bad.setFailing(true);
      await expect(d.connect(f.alice).claim([badAddress], false))
        .to.be.revertedWithCustomError(d, "SafeERC20FailedOperation")
        .withArgs(badAddress);
      // The failed claim rolled back: the share is still there.
      expect(await d.claimable(f.alice.address, badAddress)).to.equal(1_000n * ONE);
    });
  });
});
