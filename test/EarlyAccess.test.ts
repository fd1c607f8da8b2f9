import { expect } from "chai";
import { network } from "hardhat";

import type { EarlyAccess } from "../types/ethers-contracts/index.js";
import { signPermit } from "../scripts/lib/eip712.ts";
import { DEFAULT_THRESHOLDS, ONE, WEEK, levelFor } from "./helpers/escrowFixture.js";
import {
  DEFAULT_CAPS,
  USD,
  deployEarlyAccessFixture,
  roundParams,
  type EarlyAccessFixture,
  type RoundParamsStruct,
} from "./helpers/earlyAccessFixture.js";
import { allocate, ceilDiv } from "./model/EarlyAccessModel.js";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

const ZERO = ethers.ZeroAddress;
const U128_MAX = 2n ** 128n - 1n;
const DAY = 86_400n;

let f: EarlyAccessFixture;
let e: EarlyAccess;

const now = async (): Promise<bigint> => BigInt(await time.latest());

/** Creates a round starting `delay` seconds from now (in the next block) and returns its id and params. */
async function create(overrides: Partial<RoundParamsStruct> = {}, delay = 10n) {
  const start = (await now()) + delay;
  const p = roundParams(f, start, overrides);
  await e.connect(f.admin).createRound(p);
  return { id: await e.roundCount(), p, start, end: BigInt(p.end) };
}

/** A round that is open: created, then time moved to its start. */
async function openRound(overrides: Partial<RoundParamsStruct> = {}) {
  const r = await create(overrides);
  await time.increaseTo(r.start);
  return r;
}

async function expectedLevel(account: string): Promise<number> {
  return Number(levelFor(await f.escrow.balanceOfAt(account, f.snapshot), DEFAULT_THRESHOLDS));
}

describe("EarlyAccess (unit)", function () {
  beforeEach(async function () {
    f = await networkHelpers.loadFixture(deployEarlyAccessFixture);
    e = f.early;
  });

  describe("deployment", function () {
    it("test_Constructor_SetsEscrowAndAdmin", async function () {
      expect(await e.escrow()).to.equal(await f.escrow.getAddress());
      expect(await e.admin()).to.equal(f.admin.address);
      expect(await e.roundCount()).to.equal(0n);
    });

    it("test_RevertWhen_ConstructedWithZeroAddresses", async function () {
      const factory = await ethers.getContractFactory("EarlyAccess");
      await expect(ethers.deployContract("EarlyAccess", [ZERO, f.admin.address])).to.be.revertedWithCustomError(
        factory,
        "EarlyAccessZeroAddress",
      );
      await expect(
        ethers.deployContract("EarlyAccess", [await f.escrow.getAddress(), ZERO]),
      ).to.be.revertedWithCustomError(factory, "EarlyAccessZeroAddress");
    });
  });

  describe("createRound", function () {
    it("test_CreateRound_StoresParamsPullsSaleTokensAndEmits", async function () {
      const start = (await now()) + 10n;
      const p = roundParams(f, start);
      const before = await f.sale.balanceOf(f.admin.address);
      const tx = e.connect(f.admin).createRound(p);
      await expect(tx).to.emit(e, "RoundCreated");
      const receipt = await (await tx).wait();
      const log = e.interface.parseLog(receipt!.logs.find((l) => l.address === f.earlyAddress)!)!;
      expect(log.args.roundId).to.equal(1n);
      expect(log.args.params.price).to.equal(p.price);
      expect(log.args.params.caps).to.deep.equal(DEFAULT_CAPS);
      expect(await e.roundCount()).to.equal(1n);
      expect(await f.sale.balanceOf(f.earlyAddress)).to.equal(p.saleAmount);
      expect(await f.sale.balanceOf(f.admin.address)).to.equal(before - BigInt(p.saleAmount));
      const [params, total, finalized, cancelled] = await e.round(1n);
      expect([params.saleToken, params.paymentToken, params.recipient]).to.deep.equal([
        f.saleAddress,
        f.usdAddress,
        f.admin.address,
      ]);
      expect([params.price, params.saleAmount, params.snapshot, params.start, params.end]).to.deep.equal([
        p.price,
        p.saleAmount,
        f.snapshot,
        start,
        start + DAY,
      ]);
      expect(params.caps).to.deep.equal(DEFAULT_CAPS);
      expect([total, finalized, cancelled]).to.deep.equal([0n, false, false]);
      expect(await e.thresholdsOf(1n)).to.deep.equal(DEFAULT_THRESHOLDS);
    });

    it("test_CreateRound_CountsIdsFromOne", async function () {
      await create();
      await create();
      expect(await e.roundCount()).to.equal(2n);
      expect((await e.round(2n))[0].start).to.be.greaterThan((await e.round(1n))[0].start);
    });

    it("test_CreateRound_CopiesTheThresholdsOfTheMoment", async function () {
      await create();
      const raised = DEFAULT_THRESHOLDS.map((t) => t * 2n);
      await f.escrow.connect(f.admin).setLevelThresholds(raised);
      await create();
      expect(await e.thresholdsOf(1n)).to.deep.equal(DEFAULT_THRESHOLDS);
      expect(await e.thresholdsOf(2n)).to.deep.equal(raised);
    });

    // Each round's fixed data lives in the code of the contract's n-th CREATE, whose address follows from the
    // id (docs/EarlyAccess.md, Gas). Ids from 128 up take the multi-byte nonce encoding: every round keeps its own
    // parameters and state across that boundary.
    it("test_CreateRound_KeepsEachRoundsDataPastOneByteIds", async function () {
      this.timeout(300_000);
      const count = 130;
      for (let i = 1; i <= count; i++) {
        await create({
          price: BigInt(i) * USD,
          saleAmount: BigInt(i) * ONE,
          end: (await now()) + 10n + BigInt(i) * DAY,
        });
      }
      expect(await e.roundCount()).to.equal(BigInt(count));
      for (const id of [1, 127, 128, 129, 130]) {
        const [params, total, finalized, cancelled] = await e.round(BigInt(id));
        expect(params.price, `round ${id}`).to.equal(BigInt(id) * USD);
        expect(params.saleAmount, `round ${id}`).to.equal(BigInt(id) * ONE);
        expect(params.caps).to.deep.equal(DEFAULT_CAPS);
        expect([total, finalized, cancelled]).to.deep.equal([0n, false, false]);
        expect(await e.thresholdsOf(BigInt(id))).to.deep.equal(DEFAULT_THRESHOLDS);
      }
      // Round 128 works end to end: a commit, the claim, the finalize.
      const [p128] = await e.round(128n);
      await time.increaseTo(p128.start);
      await e.connect(f.dave).commit(128n, 100n * USD);
      await time.increaseTo(p128.end);
      // Undersold: 100 USD at 128 USD a token buys 0.78125 tokens; the rest of the 128 is unsold.
      const bought = (100n * USD * ONE) / (128n * USD);
      await expect(e.connect(f.dave).claim(128n)).to.emit(e, "Claimed").withArgs(128n, f.dave.address, bought, 0n);
      await expect(e.finalize(128n))
        .to.emit(e, "RoundFinalized")
        .withArgs(128n, 100n * USD, 128n * ONE - bought);
      await expect(e.round(131n)).to.be.revertedWithCustomError(e, "EarlyAccessUnknownRound").withArgs(131n);
    });

    it("test_RevertWhen_CreateRoundNotAdmin", async function () {
      const p = roundParams(f, (await now()) + 10n);
      await expect(e.connect(f.alice).createRound(p))
        .to.be.revertedWithCustomError(e, "EarlyAccessUnauthorized")
        .withArgs(f.alice.address);
    });

    it("test_RevertWhen_CreateRoundZeroAddresses", async function () {
      const start = (await now()) + 10n;
      for (const key of ["saleToken", "paymentToken", "recipient"] as const) {
        await expect(
          e.connect(f.admin).createRound(roundParams(f, start, { [key]: ZERO })),
        ).to.be.revertedWithCustomError(e, "EarlyAccessZeroAddress");
      }
    });

    it("test_RevertWhen_CreateRoundZeroPriceOrAmount", async function () {
      const start = (await now()) + 10n;
      await expect(e.connect(f.admin).createRound(roundParams(f, start, { price: 0n }))).to.be.revertedWithCustomError(
        e,
        "EarlyAccessZeroPrice",
      );
      await expect(
        e.connect(f.admin).createRound(roundParams(f, start, { saleAmount: 0n })),
      ).to.be.revertedWithCustomError(e, "EarlyAccessZeroAmount");
    });

    it("test_RevertWhen_CreateRoundAmountsAbove128Bits", async function () {
      const start = (await now()) + 10n;
      for (const overrides of [
        { price: U128_MAX + 1n },
        { saleAmount: U128_MAX + 1n },
        { caps: [...DEFAULT_CAPS.slice(0, 9), U128_MAX + 1n] },
      ]) {
        await expect(e.connect(f.admin).createRound(roundParams(f, start, overrides)))
          .to.be.revertedWithCustomError(e, "EarlyAccessAmountTooLarge")
          .withArgs(U128_MAX + 1n, U128_MAX);
      }
    });

    it("test_RevertWhen_CreateRoundSnapshotNotInPast", async function () {
      const t = (await now()) + 1n;
      await time.setNextBlockTimestamp(t);
      await expect(e.connect(f.admin).createRound(roundParams(f, t + 10n, { snapshot: t })))
        .to.be.revertedWithCustomError(e, "EarlyAccessSnapshotNotInPast")
        .withArgs(t, t);
    });

    it("test_RevertWhen_CreateRoundWindowInThePastOrEmpty", async function () {
      const t = (await now()) + 1n;
      for (const [start, end] of [
        [t - 1n, t + DAY],
        [t + 10n, t + 10n],
        [t + 10n, t + 9n],
      ]) {
        await time.setNextBlockTimestamp(t);
        await expect(e.connect(f.admin).createRound(roundParams(f, start, { end })))
          .to.be.revertedWithCustomError(e, "EarlyAccessInvalidWindow")
          .withArgs(start, end, t);
      }
    });

    it("test_CreateRound_AcceptsAWindowStartingNow", async function () {
      const t = (await now()) + 1n;
      await time.setNextBlockTimestamp(t);
      await e.connect(f.admin).createRound(roundParams(f, t));
      expect((await e.round(1n))[0].start).to.equal(t);
    });

    it("test_RevertWhen_CreateRoundCapsDecrease", async function () {
      const caps = [...DEFAULT_CAPS];
      caps[6] = caps[5] - 1n;
      await expect(e.connect(f.admin).createRound(roundParams(f, (await now()) + 10n, { caps })))
        .to.be.revertedWithCustomError(e, "EarlyAccessCapsNotAscending")
        .withArgs(6n);
    });

    it("test_RevertWhen_CreateRoundSaleTokenHasTooManyDecimals", async function () {
      const big = await ethers.deployContract("DecimalsToken", [37]);
      await expect(
        e.connect(f.admin).createRound(roundParams(f, (await now()) + 10n, { saleToken: await big.getAddress() })),
      )
        .to.be.revertedWithCustomError(e, "EarlyAccessUnsupportedDecimals")
        .withArgs(37n);
    });

    it("test_RevertWhen_CreateRoundSaleTokenTakesAFee", async function () {
      const fee = await ethers.deployContract("FeeOnTransferToken", [100n]);
      await fee.mint(f.admin.address, 10_000n * ONE);
      await fee.connect(f.admin).approve(f.earlyAddress, ethers.MaxUint256);
      const amount = 10_000n * ONE;
      await expect(
        e.connect(f.admin).createRound(roundParams(f, (await now()) + 10n, { saleToken: await fee.getAddress() })),
      )
        .to.be.revertedWithCustomError(e, "EarlyAccessTransferMismatch")
        .withArgs(await fee.getAddress(), amount, amount - (amount * 100n) / 10_000n);
    });
  });

  describe("commit", function () {
    it("test_Commit_RecordsAndPullsAndEmits", async function () {
      const { id } = await openRound();
      const before = await f.usd.balanceOf(f.alice.address);
      await expect(e.connect(f.alice).commit(id, 100n * USD))
        .to.emit(e, "Committed")
        .withArgs(id, f.alice.address, 100n * USD, 100n * USD);
      await expect(e.connect(f.bob).commit(id, 50n * USD))
        .to.emit(e, "Committed")
        .withArgs(id, f.bob.address, 50n * USD, 150n * USD);
      await e.connect(f.alice).commit(id, 1n);
      expect(await e.committed(id, f.alice.address)).to.equal(100n * USD + 1n);
      expect((await e.round(id))[1]).to.equal(150n * USD + 1n);
      expect(await f.usd.balanceOf(f.alice.address)).to.equal(before - 100n * USD - 1n);
      expect(await f.usd.balanceOf(f.earlyAddress)).to.equal(150n * USD + 1n);
    });

    it("test_Commit_UpToTheCapOfTheLevel", async function () {
      const { id } = await openRound();
      const level = await expectedLevel(f.bob.address);
      expect(level).to.be.greaterThan(0);
      expect(await e.levelIn(id, f.bob.address)).to.equal(level);
      const cap = DEFAULT_CAPS[level - 1];
      expect(await e.capOf(id, f.bob.address)).to.equal(cap);
      await e.connect(f.bob).commit(id, cap - 1n);
      await expect(e.connect(f.bob).commit(id, 2n))
        .to.be.revertedWithCustomError(e, "EarlyAccessCapExceeded")
        .withArgs(id, f.bob.address, cap + 1n, cap);
      await e.connect(f.bob).commit(id, 1n);
      expect(await e.committed(id, f.bob.address)).to.equal(cap);
    });

    it("test_RevertWhen_CommitLevelZero", async function () {
      const { id } = await openRound();
      expect(await e.levelIn(id, f.carol.address)).to.equal(0n);
      expect(await e.capOf(id, f.carol.address)).to.equal(0n);
      await expect(e.connect(f.carol).commit(id, 1n))
        .to.be.revertedWithCustomError(e, "EarlyAccessLevelZero")
        .withArgs(id, f.carol.address);
    });

    it("test_RevertWhen_CommitZero", async function () {
      const { id } = await openRound();
      await expect(e.connect(f.alice).commit(id, 0n)).to.be.revertedWithCustomError(e, "EarlyAccessZeroAmount");
    });

    it("test_RevertWhen_CommitUnknownRound", async function () {
      await expect(e.connect(f.alice).commit(1n, 1n))
        .to.be.revertedWithCustomError(e, "EarlyAccessUnknownRound")
        .withArgs(1n);
    });

    it("test_RevertWhen_CommitOutsideTheWindow", async function () {
      const { id, start, end } = await create({}, 100n);
      await time.setNextBlockTimestamp(start - 1n);
      await expect(e.connect(f.alice).commit(id, 1n))
        .to.be.revertedWithCustomError(e, "EarlyAccessNotOpen")
        .withArgs(id, start, end, start - 1n);
      await time.setNextBlockTimestamp(end - 1n);
      await e.connect(f.alice).commit(id, 1n);
      await time.setNextBlockTimestamp(end);
      await expect(e.connect(f.alice).commit(id, 1n))
        .to.be.revertedWithCustomError(e, "EarlyAccessNotOpen")
        .withArgs(id, start, end, end);
    });

    it("test_RevertWhen_CommitToACancelledRound", async function () {
      const { id } = await openRound();
      await e.connect(f.admin).cancelRound(id);
      await expect(e.connect(f.alice).commit(id, 1n))
        .to.be.revertedWithCustomError(e, "EarlyAccessRoundCancelled")
        .withArgs(id);
    });

    it("test_RevertWhen_CommitPaymentTokenTakesAFee", async function () {
      const fee = await ethers.deployContract("FeeOnTransferToken", [100n]);
      await fee.mint(f.alice.address, 10_000n * USD);
      await fee.connect(f.alice).approve(f.earlyAddress, ethers.MaxUint256);
      const { id } = await openRound({ paymentToken: await fee.getAddress() });
      await expect(e.connect(f.alice).commit(id, 1_000n))
        .to.be.revertedWithCustomError(e, "EarlyAccessTransferMismatch")
        .withArgs(await fee.getAddress(), 1_000n, 990n);
    });

    it("test_CommitWithPermit_WorksWithoutAnApproval", async function () {
      const { id } = await openRound();
      await f.usd.mint(f.eve.address, 1_000n * USD);
      // eve has no lock: give her one before a new snapshot.
      await f.token.connect(f.eve).approve(await f.escrow.getAddress(), ethers.MaxUint256);
      await f.escrow.connect(f.eve).createLock(1_000_000n * ONE, (await now()) + 52n * WEEK);
      await time.increase(10n);
      const r2 = await openRound({ snapshot: (await now()) - 1n });
      const amount = 500n * USD;
      const deadline = (await now()) + 3_600n;
      const sig = await permitSignature(f.eve.address, amount, deadline);
      await expect(e.connect(f.eve).commitWithPermit(r2.id, amount, deadline, sig.v, sig.r, sig.s))
        .to.emit(e, "Committed")
        .withArgs(r2.id, f.eve.address, amount, amount);
      expect(await e.committed(r2.id, f.eve.address)).to.equal(amount);
      // The permit was used: submitting it again still works while the allowance lasts, else it fails.
      await expect(e.connect(f.eve).commitWithPermit(r2.id, amount, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(e, "EarlyAccessPermitFailed")
        .withArgs(f.eve.address, amount);
      expect(await e.committed(id, f.eve.address)).to.equal(0n);
    });

    it("test_RevertWhen_CommitWithPermitExpired", async function () {
      const { id } = await openRound();
      const deadline = (await now()) - 1n;
      const sig = await permitSignature(f.alice.address, 1n, deadline);
      await expect(e.connect(f.alice).commitWithPermit(id, 1n, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(e, "EarlyAccessPermitExpired")
        .withArgs(deadline);
    });
  });

  describe("claim", function () {
    it("test_Claim_PaysSaleTokensUndersubscribed", async function () {
      const { id, p, end } = await openRound();
      await e.connect(f.alice).commit(id, 1_001n * USD + 1n);
      await time.increaseTo(end);
      const total = 1_001n * USD + 1n;
      const expected = allocate({ price: 2n * USD, saleAmount: BigInt(p.saleAmount), saleDecimals: 18n }, total, total);
      expect(await e.claimable(id, f.alice.address)).to.deep.equal([expected.saleTokens, 0n]);
      const tx = e.connect(f.alice).claim(id);
      await expect(tx).to.emit(e, "Claimed").withArgs(id, f.alice.address, expected.saleTokens, 0n);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.sale,
        [f.alice, f.early],
        [expected.saleTokens, -expected.saleTokens],
      );
      expect(await e.claimable(id, f.alice.address)).to.deep.equal([0n, 0n]);
      expect(await e.hasClaimed(id, f.alice.address)).to.equal(true);
      expect(await e.committed(id, f.alice.address)).to.equal(total);
    });

    it("test_Claim_PaysSaleTokensAndRefundOversubscribed", async function () {
      const saleAmount = 100n * ONE; // worth 200 USD
      const { id, end } = await openRound({ saleAmount });
      await e.connect(f.alice).commit(id, 300n * USD);
      await e.connect(f.bob).commit(id, 100n * USD);
      await time.increaseTo(end);
      const p = { price: 2n * USD, saleAmount, saleDecimals: 18n };
      for (const [signer, c] of [
        [f.alice, 300n * USD],
        [f.bob, 100n * USD],
      ] as const) {
        const x = allocate(p, 400n * USD, c);
        expect(x.refund).to.be.greaterThan(0n);
        const tx = e.connect(signer).claim(id);
        await expect(tx).to.emit(e, "Claimed").withArgs(id, signer.address, x.saleTokens, x.refund);
        await expect(tx).to.changeTokenBalances(ethers, f.usd, [signer, f.early], [x.refund, -x.refund]);
      }
    });

    it("test_Claimable_BeforeTheEndIsTheEstimateIfTheRoundEndedNow", async function () {
      const { id } = await openRound({ saleAmount: 100n * ONE });
      await e.connect(f.alice).commit(id, 100n * USD);
      const p = { price: 2n * USD, saleAmount: 100n * ONE, saleDecimals: 18n };
      const under = allocate(p, 100n * USD, 100n * USD);
      expect(await e.claimable(id, f.alice.address)).to.deep.equal([under.saleTokens, 0n]);
      await e.connect(f.bob).commit(id, 300n * USD);
      const over = allocate(p, 400n * USD, 100n * USD);
      expect(await e.claimable(id, f.alice.address)).to.deep.equal([over.saleTokens, over.refund]);
      expect(await e.claimable(id, f.carol.address)).to.deep.equal([0n, 0n]);
    });

    it("test_RevertWhen_ClaimBeforeTheEnd", async function () {
      const { id, end } = await openRound();
      await e.connect(f.alice).commit(id, USD);
      await time.setNextBlockTimestamp(end - 1n);
      await expect(e.connect(f.alice).claim(id))
        .to.be.revertedWithCustomError(e, "EarlyAccessNotEnded")
        .withArgs(id, end);
    });

    it("test_RevertWhen_ClaimTwiceOrWithNothingCommitted", async function () {
      const { id, end } = await openRound();
      await e.connect(f.alice).commit(id, USD);
      await time.increaseTo(end);
      await expect(e.connect(f.bob).claim(id))
        .to.be.revertedWithCustomError(e, "EarlyAccessNothingCommitted")
        .withArgs(id, f.bob.address);
      await e.connect(f.alice).claim(id);
      await expect(e.connect(f.alice).claim(id))
        .to.be.revertedWithCustomError(e, "EarlyAccessAlreadyClaimed")
        .withArgs(id, f.alice.address);
    });

    it("test_RevertWhen_ClaimUnknownRound", async function () {
      await expect(e.connect(f.alice).claim(7n))
        .to.be.revertedWithCustomError(e, "EarlyAccessUnknownRound")
        .withArgs(7n);
    });
  });

  describe("finalize", function () {
    it("test_Finalize_SendsProceedsAndUnsoldUndersubscribed", async function () {
      const { id, p, end } = await openRound();
      const total = 777n * USD + 3n;
      await e.connect(f.alice).commit(id, total);
      await time.increaseTo(end);
      const saleAmount = BigInt(p.saleAmount);
      const unsold = saleAmount - ceilDiv(total * ONE, 2n * USD);
      const tx = e.finalize(id);
      await expect(tx).to.emit(e, "RoundFinalized").withArgs(id, total, unsold);
      await expect(tx).to.changeTokenBalances(ethers, f.usd, [f.admin, f.early], [total, -total]);
      expect((await e.round(id))[2]).to.equal(true);
      // Claims keep working after the finalize.
      await e.connect(f.alice).claim(id);
      expect(await f.sale.balanceOf(f.earlyAddress)).to.be.lessThanOrEqual(1n);
    });

    it("test_Finalize_SendsValueOversubscribed", async function () {
      const saleAmount = 100n * ONE;
      const { id, end } = await openRound({ saleAmount });
      await e.connect(f.alice).commit(id, 2_000n * USD);
      await time.increaseTo(end);
      const tx = e.finalize(id);
      await expect(tx)
        .to.emit(e, "RoundFinalized")
        .withArgs(id, 200n * USD, 0n);
      await expect(tx).to.changeTokenBalances(ethers, f.sale, [f.admin], [0n]);
    });

    it("test_Finalize_WithNoCommitmentsReturnsEverything", async function () {
      const { id, p, end } = await openRound();
      await time.increaseTo(end);
      const tx = e.connect(f.carol).finalize(id);
      await expect(tx).to.emit(e, "RoundFinalized").withArgs(id, 0n, p.saleAmount);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.sale,
        [f.admin, f.early],
        [p.saleAmount, -BigInt(p.saleAmount)],
      );
    });

    it("test_RevertWhen_FinalizeBeforeEndTwiceOrCancelled", async function () {
      const { id, end } = await openRound();
      await expect(e.finalize(id)).to.be.revertedWithCustomError(e, "EarlyAccessNotEnded").withArgs(id, end);
      await time.increaseTo(end);
      await e.finalize(id);
      await expect(e.finalize(id)).to.be.revertedWithCustomError(e, "EarlyAccessAlreadyFinalized").withArgs(id);
      const r2 = await openRound();
      await e.connect(f.admin).cancelRound(r2.id);
      await time.increaseTo(r2.end);
      await expect(e.finalize(r2.id)).to.be.revertedWithCustomError(e, "EarlyAccessRoundCancelled").withArgs(r2.id);
      await expect(e.finalize(9n)).to.be.revertedWithCustomError(e, "EarlyAccessUnknownRound").withArgs(9n);
    });
  });

  describe("cancelRound", function () {
    it("test_CancelRound_ReturnsSaleTokensAndRefundsInFull", async function () {
      const { id, p } = await openRound();
      await e.connect(f.alice).commit(id, 123n * USD);
      const cancelTx = e.connect(f.admin).cancelRound(id);
      await expect(cancelTx).to.emit(e, "RoundCancelled").withArgs(id);
      await expect(cancelTx).to.changeTokenBalances(
        ethers,
        f.sale,
        [f.admin, f.early],
        [p.saleAmount, -BigInt(p.saleAmount)],
      );
      expect((await e.round(id))[3]).to.equal(true);
      expect(await e.claimable(id, f.alice.address)).to.deep.equal([0n, 123n * USD]);
      // Refunds from the cancel on, before the end.
      const claimTx = e.connect(f.alice).claim(id);
      await expect(claimTx)
        .to.emit(e, "Claimed")
        .withArgs(id, f.alice.address, 0n, 123n * USD);
      await expect(claimTx).to.changeTokenBalances(ethers, f.usd, [f.alice, f.early], [123n * USD, -123n * USD]);
    });

    it("test_RevertWhen_CancelRoundNotAdminAfterEndOrTwice", async function () {
      const { id, end } = await openRound();
      await expect(e.connect(f.alice).cancelRound(id))
        .to.be.revertedWithCustomError(e, "EarlyAccessUnauthorized")
        .withArgs(f.alice.address);
      await expect(e.connect(f.admin).cancelRound(5n))
        .to.be.revertedWithCustomError(e, "EarlyAccessUnknownRound")
        .withArgs(5n);
      const r2 = await create();
      await e.connect(f.admin).cancelRound(r2.id);
      await expect(e.connect(f.admin).cancelRound(r2.id))
        .to.be.revertedWithCustomError(e, "EarlyAccessRoundCancelled")
        .withArgs(r2.id);
      await time.setNextBlockTimestamp(end);
      await expect(e.connect(f.admin).cancelRound(id))
        .to.be.revertedWithCustomError(e, "EarlyAccessRoundEnded")
        .withArgs(id, end);
    });
  });

  describe("views", function () {
    it("test_RevertWhen_ViewsOfUnknownRound", async function () {
      for (const call of [
        () => e.round(1n),
        () => e.thresholdsOf(1n),
        () => e.levelIn(1n, f.alice.address),
        () => e.capOf(1n, f.alice.address),
        () => e.committed(1n, f.alice.address),
        () => e.claimable(1n, f.alice.address),
        () => e.hasClaimed(1n, f.alice.address),
      ]) {
        await expect(call()).to.be.revertedWithCustomError(e, "EarlyAccessUnknownRound").withArgs(1n);
      }
    });

    it("test_LevelIn_MatchesTheEscrowScoreAtTheSnapshot", async function () {
      const { id } = await create();
      for (const account of [f.alice, f.bob, f.carol, f.dave]) {
        const level = await expectedLevel(account.address);
        expect(await e.levelIn(id, account.address)).to.equal(level);
        expect(await e.capOf(id, account.address)).to.equal(level === 0 ? 0n : DEFAULT_CAPS[level - 1]);
      }
    });
  });
});

async function permitSignature(owner: string, value: bigint, deadline: bigint) {
  return signPermit(f.usd, await ethers.getSigner(owner), { owner, spender: f.earlyAddress, value, deadline });
}
