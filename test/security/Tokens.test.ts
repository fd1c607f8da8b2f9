import { expect } from "chai";
import type { BaseContract } from "ethers";
import { network } from "hardhat";

import type {
  FeeOnTransferToken,
  HookReentrancyAttacker,
  HookToken,
  RebasingMetadataToken,
  VotingEscrow,
} from "../../types/ethers-contracts/index.js";
import { deployRevenueFixture, type RevenueFixture } from "../helpers/revenueFixture.js";
import { MAX_LOCK, ONE, WEEK, epochStart } from "./helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

/** HookReentrancyAttacker phases. */
const Phase = { None: 0, BeforeSend: 1, AfterReceive: 2 } as const;

describe("Security: hostile tokens", function () {
  let f: RevenueFixture;

  const latest = async () => BigInt(await time.latest());

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(deployRevenueFixture);
  });

  /** A VotingEscrow over `token`, as a deployment over an existing token would make it. */
  const escrowOver = async (token: BaseContract): Promise<VotingEscrow> =>
    ethers.deployContract("VotingEscrow", [await token.getAddress(), f.admin.address]);

  describe("fee-on-transfer tokens", function () {
    let fee: FeeOnTransferToken;

    beforeEach(async function () {
      fee = await ethers.deployContract("FeeOnTransferToken", [100n]); // 1% burnt per transfer
      await fee.mint(f.alice.address, 1_000_000n * ONE);
    });

    it("test_RevertWhen_AFeeOnTransferTokenIsLockedInTheEscrow", async function () {
      // v1 credited the amount sent, more than arrived, so the last withdrawal of the token reverted.
      const escrow = await escrowOver(fee);
      const amount = 1_000n * ONE;
      await fee.connect(f.alice).getFunction("approve")(await escrow.getAddress(), amount);
      await expect(escrow.connect(f.alice).getFunction("createLock")(amount, (await latest()) + MAX_LOCK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowTransferMismatch")
        .withArgs(amount, amount - (amount * 100n) / 10_000n);
    });

    it("test_RevertWhen_AFeeOnTransferTokenIsDepositedAsRevenue", async function () {
      await f.distributor.connect(f.admin).addRewardToken(await fee.getAddress());
      const amount = 1_000n * ONE;
      await fee.connect(f.alice).getFunction("approve")(f.distributorAddress, amount);
      await expect(f.distributor.connect(f.alice).depositRevenue(await fee.getAddress(), amount))
        .to.be.revertedWithCustomError(f.distributor, "RevenueDistributorFeeOnTransfer")
        .withArgs(await fee.getAddress(), amount, amount - (amount * 100n) / 10_000n);
    });
  });

  describe("rebasing tokens", function () {
    let rebasing: RebasingMetadataToken;
    const INDEX = 3n * ONE; // balances are shares * 3: transfers lose up to 2 wei to share rounding

    beforeEach(async function () {
      rebasing = await ethers.deployContract("RebasingMetadataToken");
      await rebasing.rebase(INDEX);
      await rebasing.mint(f.alice.address, 1_000_000n * ONE);
    });

    /** What arrives of `value` sent: whole shares only. */
    const delivered = (value: bigint) => (((value * ONE) / INDEX) * INDEX) / ONE;

    it("test_RevertWhen_ARebasingTransferDeliversLessToTheEscrow", async function () {
      const escrow = await escrowOver(rebasing);
      const amount = 1_000n * ONE + 1n;
      expect(delivered(amount)).to.be.lessThan(amount);
      await rebasing.connect(f.alice).getFunction("approve")(await escrow.getAddress(), amount);
      await expect(escrow.connect(f.alice).getFunction("createLock")(amount, (await latest()) + MAX_LOCK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowTransferMismatch")
        .withArgs(amount, delivered(amount));
    });

    it("test_RevertWhen_ARebasingTransferDeliversLessToTheDistributor", async function () {
      const address = await rebasing.getAddress();
      await f.distributor.connect(f.admin).addRewardToken(address);
      const amount = 1_000n * ONE + 1n;
      await rebasing.connect(f.alice).getFunction("approve")(f.distributorAddress, amount);
      await expect(f.distributor.connect(f.alice).depositRevenue(address, amount))
        .to.be.revertedWithCustomError(f.distributor, "RevenueDistributorFeeOnTransfer")
        .withArgs(address, amount, delivered(amount));
    });

    it("test_APositiveRebaseOfRevenueIsCreditedNotStuck", async function () {
      const address = await rebasing.getAddress();
      await f.distributor.connect(f.admin).addRewardToken(address);
      const amount = 999n * ONE; // a whole number of shares: arrives in full
      await rebasing.connect(f.alice).getFunction("approve")(f.distributorAddress, amount);
      await f.distributor.connect(f.alice).depositRevenue(address, amount);
      await rebasing.rebase((INDEX * 11n) / 10n);
      const balance = await rebasing.balanceOf(f.distributorAddress);
      expect(balance).to.be.greaterThan(amount);
      const t = (await latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      const week = epochStart(t) === t ? t + WEEK : epochStart(t); // the first second credits the next week
      await expect(f.distributor.checkpoint(address))
        .to.emit(f.distributor, "RevenueDeposited")
        .withArgs(address, week, balance - amount, ethers.ZeroAddress);
      expect(await f.distributor.accountedBalance(address)).to.equal(balance);
    });
  });

  describe("re-entrant (ERC-777 style) tokens", function () {
    let hook: HookToken;
    let attacker: HookReentrancyAttacker;
    let attackerAddress: string;

    beforeEach(async function () {
      hook = await ethers.deployContract("HookToken");
      attacker = await ethers.deployContract("HookReentrancyAttacker");
      attackerAddress = await attacker.getAddress();
      await hook.mint(attackerAddress, 1_000_000n * ONE);
      await attacker.execute(await hook.getAddress(), hook.interface.encodeFunctionData("setHook", [attackerAddress]));
    });

    /** The attacker calls `contract.fn(...args)`. */
    const call = (contract: BaseContract, fn: string, args: unknown[]) =>
      attacker.execute(contract.target as string, contract.interface.encodeFunctionData(fn, args));
    /** Arms the attacker to re-enter `contract.fn(...args)` from its next hook of `phase`. */
    const arm = (phase: number, contract: BaseContract, fn: string, args: unknown[]) =>
      attacker.arm(phase, contract.target as string, contract.interface.encodeFunctionData(fn, args));
    /** The re-entry was attempted once and failed with OpenZeppelin's re-entrancy error. */
    async function expectReentryBlocked(contract: BaseContract) {
      expect(await attacker.attempts()).to.equal(1n);
      expect(await attacker.lastSucceeded()).to.equal(false);
      expect(await attacker.lastError()).to.equal(
        contract.interface.getError("ReentrancyGuardReentrantCall")!.selector,
      );
    }

    describe("in the escrow", function () {
      let escrow: VotingEscrow;

      beforeEach(async function () {
        escrow = await escrowOver(hook);
        await call(hook, "approve", [await escrow.getAddress(), ethers.MaxUint256]);
      });

      it("test_RevertWhen_AHookReentersTheEscrowBeforeCreateLockPulls", async function () {
        // Before its balance moves, the sender's hook adds to the lock just written: both pulls would
        // measure the same balance delta and be credited twice.
        const amount = 1_000n * ONE;
        await arm(Phase.BeforeSend, escrow, "increaseAmount", [amount]);
        const end = epochStart((await latest()) + MAX_LOCK);
        await call(escrow, "createLock", [amount, end]);
        await expectReentryBlocked(escrow);
        expect(await escrow.locked(attackerAddress)).to.deep.equal([amount, end, false]);
        expect(await hook.balanceOf(await escrow.getAddress())).to.equal(amount);
      });

      it("test_RevertWhen_AHookReentersWithdraw", async function () {
        const amount = 1_000n * ONE;
        const end = epochStart((await latest()) + 8n * WEEK);
        await call(escrow, "createLock", [amount, end]);
        await time.increaseTo(end);
        await arm(Phase.AfterReceive, escrow, "withdraw", []);
        const before = await hook.balanceOf(attackerAddress);
        await call(escrow, "withdraw", []);
        await expectReentryBlocked(escrow);
        expect(await hook.balanceOf(attackerAddress)).to.equal(before + amount);
        expect(await hook.balanceOf(await escrow.getAddress())).to.equal(0n);
      });
    });

    describe("in the distributor", function () {
      let hookAddress: string;

      beforeEach(async function () {
        hookAddress = await hook.getAddress();
        await f.distributor.connect(f.admin).addRewardToken(hookAddress);
        await call(hook, "approve", [f.distributorAddress, ethers.MaxUint256]);
      });

      it("test_RevertWhen_AHookReentersDepositRevenue", async function () {
        const amount = 1_000n * ONE;
        await arm(Phase.BeforeSend, f.distributor, "depositRevenue", [hookAddress, amount]);
        await call(f.distributor, "depositRevenue", [hookAddress, amount]);
        await expectReentryBlocked(f.distributor);
        expect(await hook.balanceOf(f.distributorAddress)).to.equal(amount);
        expect(await f.distributor.accountedBalance(hookAddress)).to.equal(amount);
      });

      it("test_RevertWhen_AHookReentersClaim", async function () {
        // The attacker stakes next to alice, then claims its share of a week of hook-token revenue twice.
        await f.token.transfer(attackerAddress, 1_000n * ONE);
        await call(f.token, "approve", [await f.escrow.getAddress(), 1_000n * ONE]);
        const end = (await latest()) + MAX_LOCK;
        await call(f.escrow, "createLock", [1_000n * ONE, end]);
        await f.escrow.connect(f.alice).createLock(3_000n * ONE, end);
        const W = epochStart(await latest()) + WEEK;
        await time.increaseTo(W + 100n);
        const revenue = 10_000n * ONE;
        await hook.mint(f.deployer.address, revenue);
        await hook.approve(f.distributorAddress, revenue);
        await f.distributor.depositRevenue(hookAddress, revenue);
        await time.increaseTo(W + WEEK + 1n);

        const share = (revenue * (await f.escrow.balanceOfAt(attackerAddress, W))) / (await f.escrow.totalSupplyAt(W));
        expect(await f.distributor.claimable(attackerAddress, hookAddress)).to.equal(share);
        await arm(Phase.AfterReceive, f.distributor, "claim", [[hookAddress], false]);
        const before = await hook.balanceOf(attackerAddress);
        await call(f.distributor, "claim", [[hookAddress], false]);
        await expectReentryBlocked(f.distributor);
        expect(await hook.balanceOf(attackerAddress)).to.equal(before + share);
        expect(await f.distributor.claimable(attackerAddress, hookAddress)).to.equal(0n);
        expect(await f.distributor.accountedBalance(hookAddress)).to.equal(revenue - share);
      });
    });
  });
});
