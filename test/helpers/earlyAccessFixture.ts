/**
 * Fixture and helpers shared by the EarlyAccess tests.
 *
 * `deployEarlyAccessFixture` extends `deployEscrowFixture` (see escrowFixture.ts) with:
 * - `early`: EarlyAccess(escrow, admin.address);
 * - `sale`: an 18-decimal DecimalsToken the admin sells (1e12 tokens minted to it, the contract approved);
 * - `usd`: a 6-decimal DecimalsToken buyers pay with (1e12 units of 1e6 minted to alice, bob, carol, dave,
 *   each of whom approved the contract);
 * - locks made a week before the fixture's last block: alice 3M tokens, bob 30k and dave 300k, all for the
 *   longest lock; carol has none (level 0);
 * - `snapshot`: a time after those locks and before the fixture's last block.
 */
import type { NetworkConnection } from "hardhat/types/network";

import type { DecimalsToken, EarlyAccess } from "../../types/ethers-contracts/index.js";
import type { IEarlyAccess } from "../../types/ethers-contracts/contracts/EarlyAccess.js";
import { EarlyAccessModelError, EarlyAccessRoundModel, allocate } from "../model/EarlyAccessModel.js";
import { MAX_LOCK, ONE, WEEK, deployEscrowFixture, type EscrowFixture } from "./escrowFixture.js";

export type RoundParamsStruct = IEarlyAccess.RoundParamsStruct;

export interface EarlyAccessFixture extends EscrowFixture {
  early: EarlyAccess;
  earlyAddress: string;
  sale: DecimalsToken;
  usd: DecimalsToken;
  saleAddress: string;
  usdAddress: string;
  snapshot: bigint;
}

/** 1 payment token (6 decimals). */
export const USD = 10n ** 6n;

/** Default caps for levels 1..10, in 6-decimal payment units: 1k, 2k, ... 10k USD. */
export const DEFAULT_CAPS: bigint[] = Array.from({ length: 10 }, (_, i) => BigInt(i + 1) * 1_000n * USD);

export async function deployEarlyAccessFixture(connection: NetworkConnection): Promise<EarlyAccessFixture> {
  const base = await deployEscrowFixture(connection);
  const { ethers, networkHelpers } = connection;
  const early = (await ethers.deployContract("EarlyAccess", [
    await base.escrow.getAddress(),
    base.admin.address,
  ])) as unknown as EarlyAccess;
  const earlyAddress = await early.getAddress();
  const sale = (await ethers.deployContract("DecimalsToken", [18])) as unknown as DecimalsToken;
  const usd = (await ethers.deployContract("DecimalsToken", [6])) as unknown as DecimalsToken;
  await sale.mint(base.admin.address, 10n ** 12n * ONE);
  await sale.connect(base.admin).approve(earlyAddress, ethers.MaxUint256);
  for (const account of [base.alice, base.bob, base.carol, base.dave]) {
    await usd.mint(account.address, 10n ** 12n * USD);
    await usd.connect(account).approve(earlyAddress, ethers.MaxUint256);
  }
  const now = BigInt(await networkHelpers.time.latest());
  const unlock = now + MAX_LOCK;
  await base.escrow.connect(base.alice).createLock(3_000_000n * ONE, unlock);
  await base.escrow.connect(base.bob).createLock(30_000n * ONE, unlock);
  await base.escrow.connect(base.dave).createLock(300_000n * ONE, unlock);
  await networkHelpers.time.increase(WEEK);
  const snapshot = BigInt(await networkHelpers.time.latest()) - 1n;
  return {
    ...base,
    early,
    earlyAddress,
    sale,
    usd,
    saleAddress: await sale.getAddress(),
    usdAddress: await usd.getAddress(),
    snapshot,
  };
}

/** Round parameters selling `saleAmount` sale tokens at `price`, open from `start` for a day by default. */
export function roundParams(
  f: EarlyAccessFixture,
  start: bigint,
  overrides: Partial<RoundParamsStruct> = {},
): RoundParamsStruct {
  return {
    saleToken: f.saleAddress,
    paymentToken: f.usdAddress,
    price: 2n * USD,
    saleAmount: 10_000n * ONE,
    snapshot: f.snapshot,
    start,
    end: start + 86_400n,
    caps: DEFAULT_CAPS,
    recipient: f.admin.address,
    ...overrides,
  };
}

/** The token balances of `accounts`, in order, for each of `tokens`. */
export async function balancesOf(tokens: readonly DecimalsToken[], accounts: readonly string[]): Promise<bigint[][]> {
  return Promise.all(tokens.map((t) => Promise.all(accounts.map((a) => t.balanceOf(a)))));
}

type Signer = EarlyAccessFixture["alice"];

/**
 * Drives one round on the contract and on the reference model side by side (see test/model/EarlyAccessModel.ts)
 * and checks after every step that the contract did what the model says: the same revert, the same events,
 * the exact token amounts moved.
 */
export class RoundDriver {
  constructor(
    readonly early: EarlyAccess,
    readonly id: bigint,
    readonly model: EarlyAccessRoundModel,
    readonly sale: DecimalsToken,
    readonly payment: DecimalsToken,
    readonly recipient: string,
    readonly expect: Chai.ExpectStatic,
    /** Makes the next transaction (or reverted estimate) run at `t`: `time.setNextBlockTimestamp`. */
    readonly at: (t: bigint) => Promise<void>,
  ) {}

  /** Creates round `p` as `admin` and returns a driver whose model reads the scores from the escrow. */
  static async create(
    f: Pick<EarlyAccessFixture, "early" | "escrow" | "admin">,
    p: RoundParamsStruct,
    sale: DecimalsToken,
    payment: DecimalsToken,
    accounts: readonly string[],
    expect: Chai.ExpectStatic,
    at: (t: bigint) => Promise<void>,
  ): Promise<RoundDriver> {
    await f.early.connect(f.admin).createRound(p);
    const id = await f.early.roundCount();
    const thresholds = (await f.escrow.levelThresholds()).map((t) => t);
    const scores = new Map<string, bigint>();
    for (const a of accounts) scores.set(a.toLowerCase(), await f.escrow.balanceOfAt(a, p.snapshot));
    const model = new EarlyAccessRoundModel(
      {
        price: BigInt(p.price),
        saleAmount: BigInt(p.saleAmount),
        saleDecimals: await sale.decimals(),
        snapshot: BigInt(p.snapshot),
        start: BigInt(p.start),
        end: BigInt(p.end),
        caps: p.caps.map((c) => BigInt(c)),
      },
      thresholds,
      scores,
    );
    return new RoundDriver(f.early, id, model, sale, payment, String(p.recipient), expect, at);
  }

  private async attempt<T>(
    now: bigint,
    apply: () => T,
    send: () => Promise<{ wait(): Promise<unknown> }>,
  ): Promise<T | undefined> {
    await this.at(now);
    let expected: T;
    try {
      expected = apply();
    } catch (error) {
      if (!(error instanceof EarlyAccessModelError)) throw error;
      await this.expect(send()).to.be.revertedWithCustomError(this.early, error.errorName);
      return undefined;
    }
    await (await send()).wait();
    return expected;
  }

  /** Commits on both sides at `now` (the next block's timestamp); returns whether it succeeded. */
  async commit(signer: Signer, amount: bigint, now: bigint): Promise<boolean> {
    const before = await this.payment.balanceOf(signer.address);
    const done = await this.attempt(
      now,
      () => {
        this.model.commit(signer.address, amount, now);
        return true;
      },
      () => this.early.connect(signer).commit(this.id, amount),
    );
    const moved = before - (await this.payment.balanceOf(signer.address));
    this.expect(moved).to.equal(done === undefined ? 0n : amount);
    this.expect(await this.early.committed(this.id, signer.address)).to.equal(this.model.committedBy(signer.address));
    this.expect((await this.early.round(this.id))[1]).to.equal(this.model.total);
    return done !== undefined;
  }

  /** Checks `claimable`, then claims on both sides and checks the exact amounts paid. */
  async claim(signer: Signer, now: bigint): Promise<{ saleTokens: bigint; refund: bigint } | undefined> {
    const expected = this.model.claimable(signer.address);
    this.expect(await this.early.claimable(this.id, signer.address)).to.deep.equal([
      expected.saleTokens,
      expected.refund,
    ]);
    const before = [await this.sale.balanceOf(signer.address), await this.payment.balanceOf(signer.address)];
    const paid = await this.attempt(
      now,
      () => this.model.claim(signer.address, now),
      () => this.early.connect(signer).claim(this.id),
    );
    const after = [await this.sale.balanceOf(signer.address), await this.payment.balanceOf(signer.address)];
    this.expect([after[0] - before[0], after[1] - before[1]]).to.deep.equal(
      paid === undefined ? [0n, 0n] : [paid.saleTokens, paid.refund],
    );
    return paid;
  }

  /** Finalizes on both sides as `caller` and checks what the recipient received. */
  async finalize(caller: Signer, now: bigint): Promise<{ proceeds: bigint; unsold: bigint } | undefined> {
    const before = [await this.sale.balanceOf(this.recipient), await this.payment.balanceOf(this.recipient)];
    const done = await this.attempt(
      now,
      () => this.model.finalize(now),
      () => this.early.connect(caller).finalize(this.id),
    );
    const after = [await this.sale.balanceOf(this.recipient), await this.payment.balanceOf(this.recipient)];
    this.expect([after[0] - before[0], after[1] - before[1]]).to.deep.equal(
      done === undefined ? [0n, 0n] : [done.unsold, done.proceeds],
    );
    this.expect((await this.early.round(this.id))[2]).to.equal(this.model.finalized);
    return done;
  }

  /** Cancels on both sides as `admin` and checks the sale tokens sent back. */
  async cancel(admin: Signer, now: bigint): Promise<boolean> {
    const before = await this.sale.balanceOf(this.recipient);
    const done = await this.attempt(
      now,
      () => this.model.cancel(now),
      () => this.early.connect(admin).cancelRound(this.id),
    );
    this.expect((await this.sale.balanceOf(this.recipient)) - before).to.equal(done ?? 0n);
    this.expect((await this.early.round(this.id))[3]).to.equal(this.model.cancelled);
    return done !== undefined;
  }

  /** What the round still owes: unclaimed allocations and refunds, and what finalize would send. */
  owed(): { sale: bigint; payment: bigint } {
    let sale = 0n;
    let payment = 0n;
    for (const account of this.model.committed.keys()) {
      const { saleTokens, refund } = this.model.claimable(account);
      sale += saleTokens;
      payment += refund;
    }
    if (!this.model.finalized && !this.model.cancelled) {
      const { proceeds, unsold } = allocate(this.model.p, this.model.total, 0n);
      sale += unsold;
      payment += proceeds;
    }
    return { sale, payment };
  }
}
