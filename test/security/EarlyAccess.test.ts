import { expect } from "chai";
import type { BaseContract, Signer } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { deploySystem, loadParameters } from "../../scripts/lib/deployment.js";
import type {
  DecimalsToken,
  EarlyAccess,
  FeeOnTransferToken,
  HookReentrancyAttacker,
  HookToken,
} from "../../types/ethers-contracts/index.js";
import {
  DEFAULT_CAPS,
  USD,
  deployEarlyAccessFixture,
  roundParams,
  type EarlyAccessFixture,
  type RoundParamsStruct,
} from "../helpers/earlyAccessFixture.js";
import { DEFAULT_THRESHOLDS } from "../helpers/escrowFixture.js";
import { allocate } from "../model/EarlyAccessModel.js";
import { MAX_LOCK, ONE } from "./helpers.js";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

/** HookReentrancyAttacker phases. */
const Phase = { None: 0, BeforeSend: 1, AfterReceive: 2 } as const;
/** The fee FeeOnTransferToken burns, in basis points. */
const FEE_BPS = 100n;

describe("Security: early access", function () {
  let f: EarlyAccessFixture;
  let early: EarlyAccess;

  const latest = async () => BigInt(await time.latest());

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(deployEarlyAccessFixture);
    early = f.early;
  });

  /**
   * Creates a round as the admin (the timelock's stand-in) that opens 10 s from now, with its snapshot at the
   * latest block unless overridden: every lock and delegation made so far is in it.
   */
  async function createRound(overrides: Partial<RoundParamsStruct> = {}) {
    const now = await latest();
    const p = roundParams(f, now + 10n, { snapshot: now, ...overrides });
    await early.connect(f.admin).createRound(p);
    return { id: await early.roundCount(), p, start: BigInt(p.start), end: BigInt(p.end) };
  }

  /** Claims for each of `signers` and returns what each received, in order: [sale tokens, payment tokens]. */
  async function claimAll(id: bigint, signers: Signer[], sale: DecimalsToken, payment: DecimalsToken) {
    const received: bigint[][] = [];
    for (const signer of signers) {
      const address = await signer.getAddress();
      const before = [await sale.balanceOf(address), await payment.balanceOf(address)];
      await early.connect(signer).claim(id);
      received.push([(await sale.balanceOf(address)) - before[0], (await payment.balanceOf(address)) - before[1]]);
    }
    return received;
  }

  describe("just-in-time levels", function () {
    it("test_RevertWhen_ALockMadeInTheSameBlockAsCreateRoundCommits", async function () {
      // eve watches the mempool for the DAO's createRound and gets her lock into the same block: a real,
      // level-10 lock, but made after the round's snapshot (which createRound requires to be in the past).
      const eve = f.eve;
      await f.token.connect(eve).approve(await f.escrow.getAddress(), ethers.MaxUint256);
      await f.usd.mint(eve.address, 10_000n * USD);
      await f.usd.connect(eve).approve(f.earlyAddress, ethers.MaxUint256);
      const snapshot = await latest();
      const p = roundParams(f, snapshot + 10n, { snapshot });

      await ethers.provider.send("evm_setAutomine", [false]);
      const create = await early.connect(f.admin).createRound(p, { gasLimit: 1_000_000n });
      const lock = await f.escrow
        .connect(eve)
        .createLock(5_000_000n * ONE, snapshot + MAX_LOCK, { gasLimit: 1_000_000n });
      await ethers.provider.send("evm_mine", []);
      await ethers.provider.send("evm_setAutomine", [true]);
      const [created, locked] = await Promise.all([create.wait(), lock.wait()]);
      expect(locked!.blockNumber).to.equal(created!.blockNumber);

      const id = await early.roundCount();
      expect(await f.escrow.levelOf(eve.address)).to.equal(10n);
      expect(await early.levelIn(id, eve.address)).to.equal(0n);
      expect(await early.capOf(id, eve.address)).to.equal(0n);
      await time.increaseTo(BigInt(p.start));
      await expect(early.connect(eve).commit(id, USD))
        .to.be.revertedWithCustomError(early, "EarlyAccessLevelZero")
        .withArgs(id, eve.address);
    });

    it("test_RevertWhen_ALockOneSecondAfterTheSnapshotCommits", async function () {
      // The snapshot second is public in the proposal days before it runs; a lock one second later is not in it.
      const eve = f.eve;
      await f.token.connect(eve).approve(await f.escrow.getAddress(), ethers.MaxUint256);
      await f.usd.mint(eve.address, 10_000n * USD);
      await f.usd.connect(eve).approve(f.earlyAddress, ethers.MaxUint256);
      const snapshot = await latest();
      await time.setNextBlockTimestamp(snapshot + 1n);
      await f.escrow.connect(eve).createLock(5_000_000n * ONE, snapshot + MAX_LOCK);
      const { id, start } = await createRound({ snapshot });
      await time.increaseTo(start);
      expect(await early.levelIn(id, eve.address)).to.equal(0n);
      await expect(early.connect(eve).commit(id, USD))
        .to.be.revertedWithCustomError(early, "EarlyAccessLevelZero")
        .withArgs(id, eve.address);
    });

    it("test_ADelegateeGetsNoLevelFromDelegatedVotes", async function () {
      // bob (30k locked, level 2) and alice (3M, level 9) delegate to carol, who has no lock of her own.
      await f.escrow.connect(f.bob).delegate(f.carol.address);
      await f.escrow.connect(f.alice).delegate(f.carol.address);
      const { id, start } = await createRound();
      expect(await f.escrow.getPastVotes(f.carol.address, start - 10n)).to.be.greaterThan(DEFAULT_THRESHOLDS[7]);
      expect(await early.levelIn(id, f.carol.address)).to.equal(0n);
      expect(await early.levelIn(id, f.bob.address)).to.equal(2n);
      expect(await early.levelIn(id, f.alice.address)).to.equal(9n);
      await time.increaseTo(start);
      await expect(early.connect(f.carol).commit(id, USD))
        .to.be.revertedWithCustomError(early, "EarlyAccessLevelZero")
        .withArgs(id, f.carol.address);
      // The delegators keep their own levels and caps.
      await early.connect(f.bob).commit(id, DEFAULT_CAPS[1]);
      await expect(early.connect(f.bob).commit(id, 1n))
        .to.be.revertedWithCustomError(early, "EarlyAccessCapExceeded")
        .withArgs(id, f.bob.address, DEFAULT_CAPS[1] + 1n, DEFAULT_CAPS[1]);
    });

    it("test_AThresholdChangeAfterTheSnapshotMovesNoLevelInTheRound", async function () {
      const { id, start } = await createRound();
      expect(await early.levelIn(id, f.bob.address)).to.equal(2n);
      // The DAO raises every threshold 1000x: bob is level 0 in the escrow, still level 2 in the round.
      await f.escrow.connect(f.admin).setLevelThresholds(DEFAULT_THRESHOLDS.map((t) => t * 1000n));
      expect(await f.escrow.levelOf(f.bob.address)).to.equal(0n);
      expect(await early.levelIn(id, f.bob.address)).to.equal(2n);
      // Then lowers them to 1..10 wei: level 10 in the escrow, still level 2 (and level 2's cap) in the round.
      await f.escrow.connect(f.admin).setLevelThresholds(DEFAULT_THRESHOLDS.map((_, i) => BigInt(i + 1)));
      expect(await f.escrow.levelOf(f.bob.address)).to.equal(10n);
      expect(await early.levelIn(id, f.bob.address)).to.equal(2n);
      expect(await early.capOf(id, f.bob.address)).to.equal(DEFAULT_CAPS[1]);
      expect([...(await early.thresholdsOf(id))]).to.deep.equal([...DEFAULT_THRESHOLDS]);
      await time.increaseTo(start);
      await expect(early.connect(f.bob).commit(id, DEFAULT_CAPS[1] + 1n))
        .to.be.revertedWithCustomError(early, "EarlyAccessCapExceeded")
        .withArgs(id, f.bob.address, DEFAULT_CAPS[1] + 1n, DEFAULT_CAPS[1]);
    });
  });

  describe("hostile tokens", function () {
    let fee: FeeOnTransferToken;
    let feeAddress: string;
    const afterFee = (amount: bigint) => amount - (amount * FEE_BPS) / 10_000n;

    beforeEach(async function () {
      fee = await ethers.deployContract("FeeOnTransferToken", [FEE_BPS]);
      feeAddress = await fee.getAddress();
    });

    it("test_RevertWhen_TheSaleTokenTakesAFeeOnTransfer", async function () {
      // Crediting saleAmount while less arrived would leave the last claims or the finalize unpaid.
      const saleAmount = 10_000n * ONE;
      await fee.mint(f.admin.address, saleAmount);
      await fee.connect(f.admin).approve(f.earlyAddress, saleAmount);
      const now = await latest();
      await expect(early.connect(f.admin).createRound(roundParams(f, now + 10n, { saleToken: feeAddress, saleAmount })))
        .to.be.revertedWithCustomError(early, "EarlyAccessTransferMismatch")
        .withArgs(feeAddress, saleAmount, afterFee(saleAmount));
    });

    it("test_RevertWhen_ThePaymentTokenTakesAFeeOnTransfer", async function () {
      // Crediting the amount sent would let refunds and proceeds exceed what the contract holds.
      const { id, start } = await createRound({ paymentToken: feeAddress });
      const amount = 1_000n * USD;
      await fee.mint(f.alice.address, amount);
      await fee.connect(f.alice).approve(f.earlyAddress, amount);
      await time.increaseTo(start);
      await expect(early.connect(f.alice).commit(id, amount))
        .to.be.revertedWithCustomError(early, "EarlyAccessTransferMismatch")
        .withArgs(feeAddress, amount, afterFee(amount));
      expect(await early.committed(id, f.alice.address)).to.equal(0n);
    });

    describe("re-entrant (ERC-777 style) tokens", function () {
      let hook: HookToken;
      let hookAddress: string;
      let attacker: HookReentrancyAttacker;
      let attackerAddress: string;

      /** The attacker calls `contract.fn(...args)`. */
      const call = (contract: BaseContract, fn: string, args: unknown[]) =>
        attacker.execute(contract.target as string, contract.interface.encodeFunctionData(fn, args));
      /** Arms the attacker to re-enter `early.fn(...args)` from its next hook of `phase`. */
      const arm = (phase: number, fn: string, args: unknown[]) =>
        attacker.arm(phase, f.earlyAddress, (early as BaseContract).interface.encodeFunctionData(fn, args));
      /** The re-entry was attempted once and failed with OpenZeppelin's re-entrancy error. */
      async function expectReentryBlocked() {
        expect(await attacker.attempts()).to.equal(1n);
        expect(await attacker.lastSucceeded()).to.equal(false);
        expect(await attacker.lastError()).to.equal(early.interface.getError("ReentrancyGuardReentrantCall")!.selector);
      }

      beforeEach(async function () {
        hook = await ethers.deployContract("HookToken");
        hookAddress = await hook.getAddress();
        attacker = await ethers.deployContract("HookReentrancyAttacker");
        attackerAddress = await attacker.getAddress();
        // The attacker is a level-5 staker (300k locked for a year) with hook tokens and dollars, its own hook.
        const escrowAddress = await f.escrow.getAddress();
        await f.token.transfer(attackerAddress, 300_000n * ONE);
        await call(f.token, "approve", [escrowAddress, ethers.MaxUint256]);
        await call(f.escrow, "createLock", [300_000n * ONE, (await latest()) + MAX_LOCK]);
        await hook.mint(attackerAddress, 1_000_000n * ONE);
        await call(hook, "setHook", [attackerAddress]);
        await call(hook, "approve", [f.earlyAddress, ethers.MaxUint256]);
        await f.usd.mint(attackerAddress, 1_000_000n * USD);
        await call(f.usd, "approve", [f.earlyAddress, ethers.MaxUint256]);
      });

      it("test_RevertWhen_AHookReentersCommit", async function () {
        // Before its balance moves, the payer's hook commits again: both pulls would see the same balance delta.
        const { id, start } = await createRound({ paymentToken: hookAddress });
        expect(await early.levelIn(id, attackerAddress)).to.equal(5n);
        await time.increaseTo(start);
        const amount = 1_000n * USD;
        await arm(Phase.BeforeSend, "commit", [id, amount]);
        await call(early, "commit", [id, amount]);
        await expectReentryBlocked();
        expect(await early.committed(id, attackerAddress)).to.equal(amount);
        expect((await early.round(id)).totalCommitted).to.equal(amount);
        expect(await hook.balanceOf(f.earlyAddress)).to.equal(amount);
      });

      /** A round selling hook tokens that the attacker and alice commit to, ended: claims are open. */
      async function endedHookSale() {
        await hook.mint(f.admin.address, 10_000n * ONE);
        await hook.connect(f.admin).approve(f.earlyAddress, 10_000n * ONE);
        const r = await createRound({ saleToken: hookAddress });
        await time.increaseTo(r.start);
        await call(early, "commit", [r.id, 3_000n * USD]);
        await early.connect(f.alice).commit(r.id, 7_000n * USD);
        await time.increaseTo(r.end);
        return r;
      }

      it("test_RevertWhen_AHookReentersClaim", async function () {
        const { id } = await endedHookSale();
        const [saleTokens] = await early.claimable(id, attackerAddress);
        expect(saleTokens).to.equal(1_500n * ONE);
        await arm(Phase.AfterReceive, "claim", [id]);
        await call(early, "claim", [id]);
        await expectReentryBlocked();
        expect(await hook.balanceOf(attackerAddress)).to.equal(1_000_000n * ONE + saleTokens);
        expect(await hook.balanceOf(f.earlyAddress)).to.equal(10_000n * ONE - saleTokens);
      });

      it("test_RevertWhen_AHookReentersFinalizeFromAClaim", async function () {
        const { id, p } = await endedHookSale();
        await arm(Phase.AfterReceive, "finalize", [id]);
        await call(early, "claim", [id]);
        await expectReentryBlocked();
        expect((await early.round(id)).finalized).to.equal(false);
        // The finalize itself still works, once, and leaves alice's allocation in place.
        await early.connect(f.bob).finalize(id);
        const [aliceSale] = await early.claimable(id, f.alice.address);
        expect(await hook.balanceOf(f.earlyAddress)).to.equal(aliceSale);
        await early.connect(f.alice).claim(id);
        expect(await hook.balanceOf(f.earlyAddress)).to.equal(0n);
        expect(await hook.balanceOf(String(p.recipient))).to.equal(10_000n * ONE - 1_500n * ONE - aliceSale);
      });
    });
  });

  describe("allocation", function () {
    /** 1,000 sale tokens at 2 USD (value 2,000 USD), oversubscribed about 2.75x by three stakers. */
    const SALE = 1_000n * ONE;
    const commitments = () =>
      [
        [f.alice, 3_000n * USD + 7n],
        [f.bob, 1_500n * USD + 1n],
        [f.dave, 999n * USD + 3n],
      ] as const;

    it("test_CommitOrderGivesNoAdvantageInAnOversubscribedRound", async function () {
      // A front-runner who commits first, in the first second, gets exactly what it gets committing last, in
      // the last second: pro rata on the final total, never first come, first served.
      const { id, start, end } = await createRound({ saleAmount: SALE });
      const signers = commitments().map(([s]) => s);
      const before = await networkHelpers.takeSnapshot();
      const outcomes: bigint[][][] = [];
      for (const order of [
        [0, 1, 2],
        [2, 1, 0],
        [1, 2, 0],
      ]) {
        await before.restore();
        for (const [k, i] of order.entries()) {
          const [signer, amount] = commitments()[i];
          // The first commit lands at the start, the last in the round's last second.
          await time.setNextBlockTimestamp(
            k === 0 ? start : k === order.length - 1 ? end - 1n : start + 100n * BigInt(k),
          );
          await early.connect(signer).commit(id, amount);
        }
        await time.increaseTo(end);
        outcomes.push(await claimAll(id, signers, f.sale, f.usd));
      }
      const total = commitments().reduce((sum, [, c]) => sum + c, 0n);
      const p = { price: 2n * USD, saleAmount: SALE, saleDecimals: 18n };
      const expected = commitments().map(([, c]) => {
        const a = allocate(p, total, c);
        return [a.saleTokens, a.refund];
      });
      expect(outcomes).to.deep.equal([expected, expected, expected]);
    });

    for (const [name, saleAmount] of [
      ["Oversubscribed", 1_000n * ONE],
      ["Undersubscribed", 10_000n * ONE],
    ] as const) {
      it(`test_FinalizeBeforeClaimsTakesNoBuyersTokens_${name}`, async function () {
        const { id, start, end } = await createRound({ saleAmount, price: 2n * USD + 1n });
        await time.increaseTo(start);
        for (const [signer, amount] of commitments()) await early.connect(signer).commit(id, amount);
        await time.increaseTo(end);
        const total = commitments().reduce((sum, [, c]) => sum + c, 0n);
        const p = { price: 2n * USD + 1n, saleAmount, saleDecimals: 18n };
        const { proceeds, unsold } = allocate(p, total, 0n);

        // Anyone finalizes first: the recipient gets exactly the proceeds and the unsold tokens.
        const recipient = f.admin.address;
        const recipientBefore = [await f.sale.balanceOf(recipient), await f.usd.balanceOf(recipient)];
        await early.connect(f.others[0]).finalize(id);
        expect(await f.sale.balanceOf(recipient)).to.equal(recipientBefore[0] + unsold);
        expect(await f.usd.balanceOf(recipient)).to.equal(recipientBefore[1] + proceeds);

        // Every buyer is still paid exactly the formula's allocation and refund.
        const signers = commitments().map(([s]) => s);
        const received = await claimAll(id, signers, f.sale, f.usd);
        expect(received).to.deep.equal(
          commitments().map(([, c]) => {
            const a = allocate(p, total, c);
            return [a.saleTokens, a.refund];
          }),
        );
        // What stays is rounding dust: at most one base unit per committer of each token.
        const dust = BigInt(signers.length);
        expect(await f.sale.balanceOf(f.earlyAddress)).to.be.at.most(dust);
        expect(await f.usd.balanceOf(f.earlyAddress)).to.be.at.most(dust);
      });
    }

    it("test_CancelReturnsTheSaleTokensAndRefundsEveryCommitterInFull", async function () {
      const { id, start, p } = await createRound({ saleAmount: SALE });
      await time.increaseTo(start);
      for (const [signer, amount] of commitments()) await early.connect(signer).commit(id, amount);
      const recipientSale = await f.sale.balanceOf(f.admin.address);
      await early.connect(f.admin).cancelRound(id);
      // The sale tokens go back at once, before any claim.
      expect(await f.sale.balanceOf(f.admin.address)).to.equal(recipientSale + BigInt(p.saleAmount));
      expect(await f.sale.balanceOf(f.earlyAddress)).to.equal(0n);
      const received = await claimAll(
        id,
        commitments().map(([s]) => s),
        f.sale,
        f.usd,
      );
      expect(received).to.deep.equal(commitments().map(([, c]) => [0n, c]));
      expect(await f.usd.balanceOf(f.earlyAddress)).to.equal(0n);
      await time.increaseTo(BigInt(p.end));
      await expect(early.finalize(id)).to.be.revertedWithCustomError(early, "EarlyAccessRoundCancelled").withArgs(id);
    });
  });

  describe("administration", function () {
    it("test_RevertWhen_AnyoneButTheAdminCreatesOrCancelsARound", async function () {
      const { id } = await createRound();
      for (const stranger of [f.alice, f.deployer, f.others[0]]) {
        await f.sale.mint(stranger.address, 10_000n * ONE);
        await f.sale.connect(stranger).approve(f.earlyAddress, ethers.MaxUint256);
        const p = roundParams(f, (await latest()) + 10n, { snapshot: await latest() });
        await expect(early.connect(stranger).createRound(p))
          .to.be.revertedWithCustomError(early, "EarlyAccessUnauthorized")
          .withArgs(stranger.address);
        await expect(early.connect(stranger).cancelRound(id))
          .to.be.revertedWithCustomError(early, "EarlyAccessUnauthorized")
          .withArgs(stranger.address);
      }
      expect(await early.roundCount()).to.equal(id);
      expect((await early.round(id)).cancelled).to.equal(false);
    });

    it("test_TheDeployedEarlyAccessIsAdministeredByTheTimelockOnly", async function () {
      const system = await networkHelpers.loadFixture(productionSystem);
      const earlyAccess = system.earlyAccess as unknown as EarlyAccess;
      expect(await earlyAccess.admin()).to.equal(await system.timelock.getAddress());
      // The deployer, who ran the deployment, has no way in.
      const [deployer] = await ethers.getSigners();
      const p = roundParams(f, (await latest()) + 10n, { snapshot: await latest() });
      await expect(earlyAccess.connect(deployer).createRound(p))
        .to.be.revertedWithCustomError(earlyAccess, "EarlyAccessUnauthorized")
        .withArgs(deployer.address);
      await expect(earlyAccess.connect(deployer).cancelRound(1n))
        .to.be.revertedWithCustomError(earlyAccess, "EarlyAccessUnauthorized")
        .withArgs(deployer.address);
    });
  });
});

/** The production deployment (Ignition, docs/spec.md §6 defaults), the deployer keeping the fresh token's supply. */
async function productionSystem(connection: NetworkConnection) {
  return deploySystem(connection, { ...(await loadParameters("production")), tokenRecipient: "deployer" });
}
