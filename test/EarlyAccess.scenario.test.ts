import { expect } from "chai";
import { network } from "hardhat";

import type { DecimalsToken } from "../types/ethers-contracts/index.js";
import { DEFAULT_THRESHOLDS, MAX_LOCK, ONE, levelFor } from "./helpers/escrowFixture.js";
import {
  DEFAULT_CAPS,
  RoundDriver,
  USD,
  deployEarlyAccessFixture,
  roundParams,
  type EarlyAccessFixture,
  type RoundParamsStruct,
} from "./helpers/earlyAccessFixture.js";
import { allocate } from "./model/EarlyAccessModel.js";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

let f: EarlyAccessFixture;
type Signer = EarlyAccessFixture["alice"];

const now = async (): Promise<bigint> => BigInt(await time.latest());

/** Opens a round with `overrides` (against `sale`/`payment`), returns its driver at its start. */
async function open(
  overrides: Partial<RoundParamsStruct> = {},
  sale: DecimalsToken = f.sale,
  payment: DecimalsToken = f.usd,
  accounts: readonly Signer[] = [f.alice, f.bob, f.carol, f.dave],
): Promise<RoundDriver> {
  const start = (await now()) + 10n;
  const p = roundParams(f, start, {
    saleToken: await sale.getAddress(),
    paymentToken: await payment.getAddress(),
    ...overrides,
  });
  const driver = await RoundDriver.create(
    f,
    p,
    sale,
    payment,
    accounts.map((a) => a.address),
    expect,
    (t) => time.setNextBlockTimestamp(t),
  );
  await time.increaseTo(start);
  return driver;
}

/** Commits each `[signer, amount]` in its own block and requires every commit to succeed. */
async function commitAll(d: RoundDriver, commits: readonly (readonly [Signer, bigint])[]): Promise<void> {
  for (const [signer, amount] of commits) {
    expect(await d.commit(signer, amount, (await now()) + 1n)).to.equal(true);
  }
}

/**
 * Moves past the end, claims for every committer, finalizes, and checks that the contract keeps only rounding
 * dust: at most one base unit of each token per committer. `carried` is the dust of earlier rounds in the same
 * tokens, held before this round was created.
 */
async function settle(d: RoundDriver, committers: readonly Signer[], carried = [0n, 0n]): Promise<void> {
  if ((await now()) < d.model.p.end) await time.increaseTo(d.model.p.end);
  for (const signer of committers) expect(await d.claim(signer, (await now()) + 1n)).to.not.equal(undefined);
  if (!d.model.cancelled) expect(await d.finalize(f.carol, (await now()) + 1n)).to.not.equal(undefined);
  const n = BigInt(committers.length);
  const saleLeft = (await d.sale.balanceOf(f.earlyAddress)) - carried[0];
  const paymentLeft = (await d.payment.balanceOf(f.earlyAddress)) - carried[1];
  expect(saleLeft).to.be.lessThanOrEqual(n + 1n);
  expect(paymentLeft).to.be.lessThanOrEqual(n);
  // The dust is exactly what the rounding of the formulas leaves.
  const { saleAmount } = d.model.p;
  if (d.model.cancelled) {
    expect([saleLeft, paymentLeft]).to.deep.equal([0n, 0n]);
    return;
  }
  const fin = allocate(d.model.p, d.model.total, 0n);
  let sold = 0n;
  let refunded = 0n;
  for (const signer of committers) {
    const x = allocate(d.model.p, d.model.total, d.model.committedBy(signer.address));
    sold += x.saleTokens;
    refunded += x.refund;
  }
  expect(saleLeft).to.equal(saleAmount - fin.unsold - sold);
  expect(paymentLeft).to.equal(d.model.total - fin.proceeds - refunded);
}

describe("EarlyAccess (scenarios)", function () {
  beforeEach(async function () {
    f = await networkHelpers.loadFixture(deployEarlyAccessFixture);
  });

  it("test_Scenario_Undersubscribed", async function () {
    const d = await open();
    await commitAll(d, [
      [f.alice, 3_333n * USD + 7n],
      [f.bob, 1_000n * USD + 1n],
      [f.dave, 2_500n * USD],
      [f.alice, 1n],
    ]);
    const value = (d.model.p.saleAmount * d.model.p.price) / ONE;
    expect(d.model.total).to.be.lessThan(value);
    await settle(d, [f.alice, f.bob, f.dave]);
    const [, , finalized] = await f.early.round(d.id);
    expect(finalized).to.equal(true);
  });

  it("test_Scenario_ExactlySubscribed", async function () {
    // 2,000 sale tokens at 2 USD: worth exactly 4,000 USD.
    const d = await open({ saleAmount: 2_000n * ONE });
    await commitAll(d, [
      [f.alice, 2_500n * USD],
      [f.dave, 1_500n * USD],
    ]);
    expect(d.model.total).to.equal(4_000n * USD);
    const alice = d.model.claimable(f.alice.address);
    expect(alice).to.deep.equal({ saleTokens: 1_250n * ONE, refund: 0n });
    await settle(d, [f.alice, f.dave]);
    expect(await f.sale.balanceOf(f.earlyAddress)).to.equal(0n);
    expect(await f.usd.balanceOf(f.earlyAddress)).to.equal(0n);
  });

  it("test_Scenario_TenTimesOversubscribed", async function () {
    // 500 sale tokens at 2 USD are worth 1,000 USD; 10,000 USD are committed.
    const d = await open({ saleAmount: 500n * ONE });
    await commitAll(d, [
      [f.alice, 6_000n * USD],
      [f.bob, 1_000n * USD],
      [f.dave, 3_000n * USD],
    ]);
    expect(d.model.total).to.equal(10n * 1_000n * USD);
    // Each gets a tenth of its commitment's worth and 90% back.
    expect(d.model.claimable(f.alice.address)).to.deep.equal({ saleTokens: 300n * ONE, refund: 5_400n * USD });
    await settle(d, [f.alice, f.bob, f.dave]);
  });

  it("test_Scenario_CancelMidWindow", async function () {
    const d = await open();
    await commitAll(d, [
      [f.alice, 1_000n * USD],
      [f.bob, 500n * USD],
    ]);
    await time.increase(3_600n);
    expect(await d.cancel(f.admin, (await now()) + 1n)).to.equal(true);
    expect(await f.sale.balanceOf(f.earlyAddress)).to.equal(0n);
    // Commits stop; refunds start at once, before the end.
    expect(await d.commit(f.dave, USD, (await now()) + 1n)).to.equal(false);
    expect(await d.claim(f.alice, (await now()) + 1n)).to.deep.equal({ saleTokens: 0n, refund: 1_000n * USD });
    await time.increaseTo(d.model.p.end);
    expect(await d.finalize(f.carol, (await now()) + 1n)).to.equal(undefined);
    await settle(d, [f.bob]);
  });

  it("test_Scenario_ManyCommittersWithMixedLevels", async function () {
    const committers = f.others.slice(0, 12);
    const escrowAddress = await f.escrow.getAddress();
    const unlock = (await now()) + MAX_LOCK;
    for (const [i, signer] of committers.entries()) {
      // Locks from 5k to ~5.6M tokens: scores from below the first threshold to level 9 or so.
      const amount = 5_000n * ONE * 2n ** BigInt(i);
      await f.token.transfer(signer.address, amount);
      await f.token.connect(signer).approve(escrowAddress, amount);
      await f.escrow.connect(signer).createLock(amount, unlock);
      await f.usd.mint(signer.address, 100_000n * USD);
      await f.usd.connect(signer).approve(f.earlyAddress, ethers.MaxUint256);
    }
    await time.increase(60n);
    const snapshot = (await now()) - 1n;
    const d = await open({ snapshot, saleAmount: 20_000n * ONE }, f.sale, f.usd, committers);
    const levels = new Set<number>();
    const joined: Signer[] = [];
    for (const signer of committers) {
      const level = d.model.levelIn(signer.address);
      levels.add(level);
      expect(await f.early.levelIn(d.id, signer.address)).to.equal(level);
      expect(level).to.equal(
        Number(levelFor(await f.escrow.balanceOfAt(signer.address, snapshot), DEFAULT_THRESHOLDS)),
      );
      if (level === 0) {
        expect(await d.commit(signer, USD, (await now()) + 1n)).to.equal(false);
        continue;
      }
      // Everyone commits its full cap, then one unit more (refused).
      await commitAll(d, [[signer, DEFAULT_CAPS[level - 1]]]);
      expect(await d.commit(signer, 1n, (await now()) + 1n)).to.equal(false);
      joined.push(signer);
    }
    expect(levels.size).to.be.greaterThan(5);
    expect(levels.has(0)).to.equal(true);
    await settle(d, joined);
  });

  it("test_Scenario_ThresholdChangeAfterTheSnapshotMovesNoLevelInTheRound", async function () {
    const d = await open();
    const before = await Promise.all([f.alice, f.bob, f.dave].map((s) => f.early.levelIn(d.id, s.address)));
    // The DAO doubles every threshold: escrow levels drop, the round's do not.
    await f.escrow.connect(f.admin).setLevelThresholds(DEFAULT_THRESHOLDS.map((t) => t * 2n));
    const bobEscrowLevel = await f.escrow.levelAt(f.bob.address, f.snapshot);
    expect(bobEscrowLevel).to.be.lessThan(before[1]);
    const after = await Promise.all([f.alice, f.bob, f.dave].map((s) => f.early.levelIn(d.id, s.address)));
    expect(after).to.deep.equal(before);
    expect(await f.early.thresholdsOf(d.id)).to.deep.equal(DEFAULT_THRESHOLDS);
    // bob can still commit his round level's full cap.
    await commitAll(d, [[f.bob, DEFAULT_CAPS[Number(before[1]) - 1]]]);
    await settle(d, [f.bob]);
  });

  for (const [saleDecimals, paymentDecimals] of [
    [6, 18],
    [18, 6],
    [6, 6],
    [18, 18],
  ] as const) {
    it(`test_Scenario_Decimals_Sale${saleDecimals}_Payment${paymentDecimals}`, async function () {
      const sale = (await ethers.deployContract("DecimalsToken", [saleDecimals])) as unknown as DecimalsToken;
      const payment = (await ethers.deployContract("DecimalsToken", [paymentDecimals])) as unknown as DecimalsToken;
      const saleUnit = 10n ** BigInt(saleDecimals);
      const payUnit = 10n ** BigInt(paymentDecimals);
      await sale.mint(f.admin.address, 1_000_000n * saleUnit);
      await sale.connect(f.admin).approve(f.earlyAddress, ethers.MaxUint256);
      for (const s of [f.alice, f.bob, f.dave]) {
        await payment.mint(s.address, 1_000_000n * payUnit);
        await payment.connect(s).approve(f.earlyAddress, ethers.MaxUint256);
      }
      // 1,000 sale tokens at 0.37 payment tokens each: worth 370; 2,000.003 committed (oversubscribed).
      const caps = DEFAULT_CAPS.map((_, i) => BigInt(i + 1) * 1_000n * payUnit);
      const d = await open({ price: (37n * payUnit) / 100n, saleAmount: 1_000n * saleUnit, caps }, sale, payment);
      await commitAll(d, [
        [f.alice, 1_000n * payUnit + 3n],
        [f.bob, 333n * payUnit],
        [f.dave, 667n * payUnit],
      ]);
      await settle(d, [f.alice, f.bob, f.dave]);
      // Undersubscribed in the same tokens.
      const carried = [await sale.balanceOf(f.earlyAddress), await payment.balanceOf(f.earlyAddress)];
      const u = await open({ price: (37n * payUnit) / 100n, saleAmount: 1_000n * saleUnit, caps }, sale, payment);
      await commitAll(u, [
        [f.alice, 100n * payUnit + 1n],
        [f.dave, 33n * payUnit],
      ]);
      await settle(u, [f.alice, f.dave], carried);
    });
  }
});
