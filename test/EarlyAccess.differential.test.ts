import { expect } from "chai";
import { network } from "hardhat";

import type { DecimalsToken } from "../types/ethers-contracts/index.js";
import { MAX_LOCK, ONE } from "./helpers/escrowFixture.js";
import { RoundDriver, deployEarlyAccessFixture, type EarlyAccessFixture } from "./helpers/earlyAccessFixture.js";
import { allocate } from "./model/EarlyAccessModel.js";
import { Random, parseSeed } from "./model/random.js";

/**
 * Random rounds (prices, amounts, decimals, caps, windows, commits in and out of the window and over the
 * cap, cancels, claims and finalizes in any order, before and after the end) run against the contract and
 * against the reference model of docs/spec.md §8 (test/model/EarlyAccessModel.ts) through `RoundDriver`: every
 * revert, every `claimable`, every amount moved by a commit, claim, finalize or cancel must match the model,
 * and the contract's balance of each token must equal what the model says it holds.
 * Seeds: EARLY_ACCESS_SEEDS="1,2" (default 3 seeds), rounds per seed: EARLY_ACCESS_ROUNDS (default 100).
 */
const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

const SEEDS = (process.env.EARLY_ACCESS_SEEDS ?? "11,22,33").split(",").map(parseSeed);
const ROUNDS = Number(process.env.EARLY_ACCESS_ROUNDS ?? "100");

type Signer = EarlyAccessFixture["alice"];

describe("EarlyAccess (differential, against EarlyAccessModel)", function () {
  let rounds = 0;
  const outcomes = { undersubscribed: 0, oversubscribed: 0, cancelled: 0, empty: 0 };

  for (const seed of SEEDS) {
    it(`test_Differential_MatchesTheModel_Seed${seed}`, async function () {
      this.timeout(240_000);
      const rng = new Random(seed);
      const f = await networkHelpers.loadFixture(deployEarlyAccessFixture);
      const buyers: Signer[] = [f.alice, f.bob, f.carol, f.dave, ...f.others.slice(0, 4)];
      // More stakers of random sizes, locked before the fixture's snapshot would be too late: snapshot anew.
      const unlock = BigInt(await time.latest()) + MAX_LOCK;
      for (const signer of f.others.slice(0, 4)) {
        const amount = rng.bigint(1_000n, 6_000_000n) * ONE;
        await f.token.transfer(signer.address, amount);
        await f.token.connect(signer).approve(await f.escrow.getAddress(), amount);
        await f.escrow.connect(signer).createLock(amount, unlock);
      }
      await time.increase(60);
      const snapshot = BigInt(await time.latest()) - 1n;

      const tokens: DecimalsToken[] = [];
      for (const decimals of [0, 6, 8, 18]) {
        const t = (await ethers.deployContract("DecimalsToken", [decimals])) as unknown as DecimalsToken;
        await t.mint(f.admin.address, 2n ** 200n);
        await t.connect(f.admin).approve(f.earlyAddress, ethers.MaxUint256);
        for (const b of buyers) {
          await t.mint(b.address, 2n ** 200n);
          await t.connect(b).approve(f.earlyAddress, ethers.MaxUint256);
        }
        tokens.push(t);
      }
      // What the contract should hold of each token: every amount the model moves in or out.
      const held = new Map<DecimalsToken, bigint>(tokens.map((t) => [t, 0n]));
      const add = (t: DecimalsToken, amount: bigint) => held.set(t, held.get(t)! + amount);

      let now = BigInt(await time.latest());
      const tick = (max = 600) => (now += BigInt(rng.int(1, max)));
      const at = async (t: bigint) => time.setNextBlockTimestamp(t);

      for (let r = 0; r < ROUNDS; r++) {
        const sale = rng.pick(tokens);
        let payment = rng.pick(tokens);
        if (payment === sale) payment = tokens[(tokens.indexOf(sale) + 1) % tokens.length];
        const saleUnit = 10n ** (await sale.decimals());
        const payUnit = 10n ** (await payment.decimals());
        const price = rng.bigint(1n, 1_000n * payUnit);
        const saleAmount = rng.bigint(1n, 100_000n * saleUnit);
        const capBase = rng.bigint(0n, 50_000n * payUnit);
        const caps: bigint[] = [];
        for (let i = 0; i < 10; i++) caps.push((i === 0 ? capBase : caps[i - 1]) + rng.bigint(0n, capBase));
        await at(tick());
        const start = now + BigInt(rng.int(0, 100));
        const end = start + BigInt(rng.int(1, 5_000));
        const d = await RoundDriver.create(
          f,
          {
            saleToken: await sale.getAddress(),
            paymentToken: await payment.getAddress(),
            price,
            saleAmount,
            snapshot,
            start,
            end,
            caps,
            recipient: f.admin.address,
          },
          sale,
          payment,
          buyers.map((b) => b.address),
          expect,
          at,
        );
        add(sale, saleAmount);
        // Aim commitments around the round's value so both outcomes come up.
        const value = (saleAmount * price) / saleUnit;
        const target = rng.chance(0.5) ? value / 4n + 1n : value * 3n + 1n;
        const cancelAt = rng.chance(0.12) ? rng.int(0, 6) : -1;
        for (let step = 0; step < 7; step++) {
          if (step === cancelAt) {
            if (await d.cancel(f.admin, tick(200))) add(sale, -saleAmount);
            continue;
          }
          const buyer = rng.pick(buyers);
          const left = d.model.capOf(buyer.address) - d.model.committedBy(buyer.address);
          const amount = rng.weighted({ fit: 6, over: 1, zero: 1, any: 1 });
          const x =
            amount === "fit"
              ? rng.bigint(1n, left > 0n ? (left < target ? left : target) : 1n)
              : amount === "over"
                ? left + 1n
                : amount === "zero"
                  ? 0n
                  : rng.bigint(1n, target + 1n);
          // Now and then try outside the window (before the start or at/after the end).
          const t = rng.chance(0.1)
            ? rng.chance(0.5)
              ? start - 1n
              : end
            : start + BigInt(rng.int(0, Number(end - start - 1n)));
          if (t > now) now = t;
          else tick(3);
          if (now >= end && !rng.chance(0.1)) continue;
          if (await d.commit(buyer, x, now)) add(payment, x);
        }
        // A claim before the end is refused (unless cancelled); then everyone claims and finalizes in random order.
        const committers = buyers.filter((b) => d.model.committedBy(b.address) > 0n);
        if (committers.length > 0 && now + 1n < end) {
          const paid = await d.claim(rng.pick(committers), tick(1));
          if (paid) (add(sale, -paid.saleTokens), add(payment, -paid.refund));
        }
        now = now < end ? end + BigInt(rng.int(0, 100)) : now + 1n;
        const actions: (Signer | "finalize")[] = [...buyers, "finalize", "finalize"];
        while (actions.length > 0) {
          const action = actions.splice(rng.int(0, actions.length - 1), 1)[0];
          tick(20);
          if (action === "finalize") {
            const fin = await d.finalize(rng.pick(buyers), now);
            if (fin) (add(sale, -fin.unsold), add(payment, -fin.proceeds));
          } else {
            const paid = await d.claim(action, now);
            if (paid) (add(sale, -paid.saleTokens), add(payment, -paid.refund));
          }
        }
        // A second claim by a committer fails; `claimable` is now zero for everyone.
        if (committers.length > 0) expect(await d.claim(rng.pick(committers), tick(5))).to.equal(undefined);
        for (const t of [sale, payment]) expect(await t.balanceOf(f.earlyAddress)).to.equal(held.get(t));
        // What stays behind is the rounding dust of the formulas: below one base unit per committer (plus the
        // ceiling of the unsold amount) of each token.
        const fin = allocate(d.model.p, d.model.total, 0n);
        if (!d.model.cancelled) {
          let sold = 0n;
          let refunded = 0n;
          for (const b of committers) {
            const x = allocate(d.model.p, d.model.total, d.model.committedBy(b.address));
            sold += x.saleTokens;
            refunded += x.refund;
          }
          const n = BigInt(committers.length);
          expect(saleAmount - fin.unsold - sold).to.be.within(0n, n);
          expect(d.model.total - fin.proceeds - refunded).to.be.within(0n, n);
        }
        if (d.model.cancelled) outcomes.cancelled++;
        else if (d.model.total === 0n) outcomes.empty++;
        else if (fin.unsold === 0n && d.model.total > value) outcomes.oversubscribed++;
        else outcomes.undersubscribed++;
        rounds++;
      }
    });
  }

  after(function () {
    // The random rounds must cover every outcome, or the comparison proves little.
    expect(rounds).to.be.at.least(SEEDS.length * ROUNDS);
    for (const count of Object.values(outcomes)) expect(count).to.be.greaterThan(0);
  });
});
