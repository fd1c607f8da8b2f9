import { expect } from "chai";
import { network } from "hardhat";
import type { ContractTransactionResponse } from "ethers";

import type { GovernanceToken, RevenueDistributor, VotingEscrow } from "../types/ethers-contracts/index.js";
import { ONE, WEEK, deployEscrowFixture, epochStart, type EscrowFixture } from "./helpers/escrowFixture.js";
import { ModelError, RevenueModel } from "./model/RevenueModel.js";
import { VotingEscrowModel } from "./model/VotingEscrowModel.js";
import { Random, parseSeed } from "./model/random.js";

/**
 * Random sequences of locks, deposits, direct transfers, checkpoints, allowlist changes and claims (paid
 * out or relocked), run against the contracts and against the reference models; every payout, every
 * `RevenueClaimed` event, every revert and every `claimable` must match the model exactly.
 * Seeds: REVENUE_SEEDS="1,2,3" (default 3 seeds), steps per seed: REVENUE_STEPS (default 160).
 */
const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

const SEEDS = (process.env.REVENUE_SEEDS ?? "101,202,303").split(",").map(parseSeed);
const STEPS = Number(process.env.REVENUE_STEPS ?? "160");

type Signer = EscrowFixture["alice"];

describe("RevenueDistributor (differential, against RevenueModel)", function () {
  let totalRelocks = 0;
  for (const seed of SEEDS) {
    it(`test_Differential_MatchesTheModel_Seed${seed}`, async function () {
      this.timeout(240_000);
      const rng = new Random(seed);
      const f = await networkHelpers.loadFixture(deployEscrowFixture);
      const escrow: VotingEscrow = f.escrow;
      const distributor = (await ethers.deployContract("RevenueDistributor", [
        await escrow.getAddress(),
        f.admin.address,
      ])) as unknown as RevenueDistributor;
      const usd = (await ethers.deployContract("GovernanceToken", [
        "Revenue USD",
        "rUSD",
        f.deployer.address,
        10n ** 15n * ONE,
      ])) as unknown as GovernanceToken;
      const dAddress = await distributor.getAddress();
      const tokens: GovernanceToken[] = [usd, f.token];
      const addresses = [await usd.getAddress(), await f.token.getAddress()];
      for (const t of tokens) await t.approve(dAddress, ethers.MaxUint256);
      const stakers: Signer[] = [f.alice, f.bob, f.carol, f.dave];

      let now = BigInt(await time.latest());
      const escrowModel = new VotingEscrowModel(f.admin.address);
      const model = new RevenueModel(escrowModel, addresses[1], dAddress, f.admin.address);

      // The next transaction runs `exact` if set (to hit week boundaries), else a few minutes later.
      let exact: bigint | undefined;
      const advance = () => {
        now = exact !== undefined && exact > now ? exact : now + BigInt(rng.int(1, 900));
        exact = undefined;
      };
      /** Sends a transaction mined exactly at the next model time. */
      const at = async (send: () => Promise<ContractTransactionResponse>) => {
        advance();
        await time.setNextBlockTimestamp(now);
        return (await send()).wait();
      };
      /** Runs `apply` on the model; if the model says the call reverts, checks the contract reverts alike. */
      const step = async (apply: () => void, send: () => Promise<ContractTransactionResponse>, errors: object) => {
        advance();
        let expected: ModelError | undefined;
        try {
          apply();
        } catch (e) {
          if (!(e instanceof ModelError)) throw e;
          expected = e;
        }
        await time.setNextBlockTimestamp(now);
        if (expected) {
          await expect(send()).to.be.revertedWithCustomError(errors as never, expected.errorName);
          return undefined;
        }
        return (await send()).wait();
      };

      for (const address of addresses) {
        await at(() => distributor.connect(f.admin).addRewardToken(address));
        model.addRewardToken(f.admin.address, address, now);
      }

      const claimed = [0n, 0n];
      let claims = 0;
      let relocks = 0;
      for (let n = 0; n < STEPS; n++) {
        const action = rng.weighted({
          wait: 14,
          boundary: 5,
          weeks: 4,
          lock: 22,
          deposit: 20,
          direct: 4,
          claim: 28,
          allowlist: 3,
        });
        if (action === "wait") {
          now += BigInt(rng.int(3600, 3 * 86400));
        } else if (action === "boundary") {
          // The next transaction runs at the last second of this week or the first of the next.
          exact = epochStart(now) + WEEK - BigInt(rng.int(0, 1));
        } else if (action === "weeks") {
          now += BigInt(rng.chance(0.1) ? rng.int(53, 60) : rng.int(1, 4)) * WEEK;
        } else if (action === "lock") {
          const who = rng.pick(stakers);
          const lock = escrowModel.locked(who.address);
          if (lock.amount === 0n) {
            const amount = rng.bigint(1n, 5_000n) * ONE + rng.bigint(0n, 10n ** 18n);
            const unlock = now + BigInt(rng.int(5, 53)) * WEEK;
            await step(
              () => escrowModel.createLock(who.address, amount, unlock, now),
              () => escrow.connect(who).createLock(amount, unlock),
              escrow,
            );
          } else if (!lock.autoMax && lock.end <= now + 1000n) {
            await step(
              () => escrowModel.withdraw(who.address, now),
              () => escrow.connect(who).withdraw(),
              escrow,
            );
          } else {
            const kind = rng.int(0, 2);
            if (kind === 0) {
              const amount = rng.bigint(1n, 1_000n) * ONE;
              await step(
                () => escrowModel.increaseAmount(who.address, amount, now),
                () => escrow.connect(who).increaseAmount(amount),
                escrow,
              );
            } else if (kind === 1) {
              await step(
                () => escrowModel.setAutoMax(who.address, !lock.autoMax, now),
                () => escrow.connect(who).setAutoMax(!lock.autoMax),
                escrow,
              );
            } else {
              const unlock = now + BigInt(rng.int(1, 52)) * WEEK;
              await step(
                () => escrowModel.increaseUnlockTime(who.address, unlock, now),
                () => escrow.connect(who).increaseUnlockTime(unlock),
                escrow,
              );
            }
          }
        } else if (action === "deposit") {
          const k = rng.int(0, 1);
          const amount = rng.chance(0.05) ? 0n : rng.chance(0.2) ? rng.bigint(1n, 1_000n) : rng.bigint(1n, 10n ** 22n);
          await step(
            () => model.deposit(addresses[k], amount, now),
            () => distributor.depositRevenue(addresses[k], amount),
            distributor,
          );
        } else if (action === "direct") {
          const k = rng.int(0, 1);
          const amount = rng.bigint(1n, 10n ** 20n);
          await at(() => tokens[k].transfer(dAddress, amount));
          model.directTransfer(addresses[k], amount);
          await step(
            () => void model.checkpoint(addresses[k], now),
            () => distributor.checkpoint(addresses[k]),
            distributor,
          );
          expect(await distributor.accountedBalance(addresses[k])).to.equal(
            model.totalCredited(addresses[k]) - model.totalClaimed(addresses[k]),
          );
        } else if (action === "allowlist") {
          const k = rng.int(0, 1);
          if (model.isRewardToken(addresses[k])) {
            await step(
              () => model.removeRewardToken(f.admin.address, addresses[k]),
              () => distributor.connect(f.admin).removeRewardToken(addresses[k]),
              distributor,
            );
          } else {
            await step(
              () => model.addRewardToken(f.admin.address, addresses[k], now),
              () => distributor.connect(f.admin).addRewardToken(addresses[k]),
              distributor,
            );
          }
        } else {
          const who = rng.pick(stakers);
          const picked = rng.pick([[0], [1], [0, 1], [1, 0], [1, 1]]);
          const relock = rng.chance(0.4);
          const list = picked.map((k) => addresses[k]);
          const before = await Promise.all(tokens.map((t) => t.balanceOf(who.address)));
          const lockBefore = (await escrow.locked(who.address))[0];
          let results: ReturnType<RevenueModel["claim"]> = [];
          const receipt = await step(
            () => (results = model.claim(who.address, list, relock, now)),
            () => distributor.connect(who).claim(list, relock),
            distributor,
          );
          if (!receipt) continue;
          claims++;
          const events = receipt.logs
            .filter((log) => log.address === dAddress)
            .map((log) => distributor.interface.parseLog(log)!)
            .filter((e) => e.name === "RevenueClaimed");
          const expectedEvents = results.filter((r) => r !== null);
          expect(events.map((e) => [e.args[1].toLowerCase(), e.args[2], e.args[3], e.args[4]])).to.deep.equal(
            expectedEvents.map((r) => [r.token, r.amount, r.relocked, r.lastWeekClaimed]),
          );
          const paid = [0n, 0n];
          let relockedAmount = 0n;
          for (const r of expectedEvents) {
            const k = r.token === addresses[0].toLowerCase() ? 0 : 1;
            claimed[k] += r.amount;
            if (r.relocked) relockedAmount += r.amount;
            else paid[k] += r.amount;
          }
          if (relockedAmount > 0n) relocks++;
          for (const k of [0, 1]) expect(await tokens[k].balanceOf(who.address)).to.equal(before[k] + paid[k]);
          expect((await escrow.locked(who.address))[0]).to.equal(lockBefore + relockedAmount);
        }

        // Every few steps, the views agree with the model at the latest block's time (away from a week
        // boundary, in case a call runs in the context of the next block).
        const latest = BigInt(await time.latest());
        if (n % 8 === 0 && epochStart(latest) === epochStart(latest + 30n)) {
          for (const who of stakers) {
            for (const k of [0, 1]) {
              expect(await distributor.claimable(who.address, addresses[k])).to.equal(
                model.claimable(who.address, addresses[k], latest),
              );
            }
          }
        }
      }

      // Conservation: claimed + claimable + dust == credited, dust at most one wei per account per week.
      now = epochStart(now) + 2n * WEEK + 100n;
      await time.increaseTo(now);
      for (const k of [0, 1]) {
        let claimable = 0n;
        for (const who of stakers) {
          const c = await distributor.claimable(who.address, addresses[k]);
          expect(c).to.equal(model.claimable(who.address, addresses[k], now));
          claimable += c;
        }
        const credited = model.totalCredited(addresses[k]);
        expect(claimed[k]).to.equal(model.totalClaimed(addresses[k]));
        const dust = credited - claimed[k] - claimable;
        expect(dust).to.be.greaterThanOrEqual(0n);
        expect(dust).to.be.lessThanOrEqual(BigInt(stakers.length) * model.weeksWithRevenue(addresses[k], now));
        expect(await distributor.accountedBalance(addresses[k])).to.equal(credited - claimed[k]);
      }
      expect(claims).to.be.greaterThan(5);
      totalRelocks += relocks;
    });
  }

  after(function () {
    // The sequences must have exercised relocking, not only payouts.
    expect(totalRelocks).to.be.greaterThan(0);
  });
});
