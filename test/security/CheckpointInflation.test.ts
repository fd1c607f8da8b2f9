import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import { network } from "hardhat";

import type { VotingEscrow } from "../../types/ethers-contracts/index.js";
import { deployEscrowFixture, type EscrowFixture } from "../helpers/escrowFixture.js";
import { MAX_LOCK, ONE, WEEK, epochStart, scoreOf } from "./helpers.js";

const connection = await network.create({
  // Blocks that share a timestamp reproduce several transactions "in the same second".
  override: { allowBlocksWithSameTimestamp: true },
});
const { networkHelpers } = connection;
const { time } = networkHelpers;

const GAS = { gasLimit: 1_500_000n };

// Velodrome V2's VotingEscrow (2023) could keep several checkpoints of one account at one timestamp, and
// FairSide's conviction score (Code4rena 2021) kept only the first update of a block: either way votes drift from
// the balances they count.
// Here many changes to the same accounts in one block, and in several blocks of one second, must leave every
// vote count and the total equal to the exact sum of the scores they cover.
describe("Security: duplicate checkpoints in one block (Velodrome V2)", function () {
  let f: EscrowFixture;
  let escrow: VotingEscrow;
  let accounts: EscrowFixture["alice"][];

  const latest = async () => BigInt(await time.latest());

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(deployEscrowFixture);
    escrow = f.escrow;
    accounts = [f.alice, f.bob, f.carol, f.dave];
    const now = await latest();
    await escrow.connect(f.alice).createLock(1_000n * ONE, now + MAX_LOCK);
    await escrow.connect(f.bob).createLock(500n * ONE, now + 30n * WEEK);
    await escrow.connect(f.carol).createLock(200n * ONE, now + 10n * WEEK);
    await escrow.connect(f.dave).createLock(300n * ONE, now + 6n * WEEK);
  });

  /** Sends `calls` with automine off and mines them in one block at `t`. */
  async function oneBlock(t: bigint, calls: (() => Promise<ContractTransactionResponse>)[]) {
    await connection.provider.request({ method: "evm_setAutomine", params: [false] });
    try {
      const txs: ContractTransactionResponse[] = [];
      for (const call of calls) txs.push(await call());
      await time.setNextBlockTimestamp(t);
      await networkHelpers.mine(1);
      const receipts = await Promise.all(txs.map((tx) => tx.wait()));
      expect(new Set(receipts.map((r) => r!.blockNumber)).size).to.equal(1);
    } finally {
      await connection.provider.request({ method: "evm_setAutomine", params: [true] });
    }
  }

  /** Delegations back and forth, deposits, extensions and auto-max toggles, all touching the same accounts. */
  function churn(round: number): (() => Promise<ContractTransactionResponse>)[] {
    const { alice, bob, carol, dave } = f;
    return [
      () => escrow.connect(alice).delegate(bob.address, GAS),
      () => escrow.connect(dave).delegate(bob.address, GAS),
      () => escrow.connect(carol).depositFor(alice.address, ONE, GAS),
      () => escrow.connect(alice).delegate(carol.address, GAS),
      () => escrow.connect(bob).increaseAmount(BigInt(round + 1) * ONE, GAS),
      () => escrow.connect(bob).delegate(carol.address, GAS),
      () => escrow.connect(carol).setAutoMax(round % 2 === 0, GAS),
      () => escrow.connect(dave).delegate(dave.address, GAS),
      () => escrow.connect(alice).delegate(bob.address, GAS),
      () => escrow.connect(bob).delegate(bob.address, GAS),
      () => escrow.connect(dave).depositFor(bob.address, ONE, GAS),
      () => escrow.connect(dave).delegate(alice.address, GAS),
    ];
  }

  /** Every account's votes at `t` are the sum of the scores (SPEC.md §2) of the accounts delegating to it. */
  async function expectExactVotes(t: bigint) {
    const scores = new Map<string, bigint>();
    let total = 0n;
    for (const account of accounts) {
      const [amount, end, autoMax] = await escrow.locked(account.address);
      const score = scoreOf({ amount, end, autoMax }, t);
      expect(await escrow.balanceOfAt(account.address, t)).to.equal(score);
      scores.set(account.address, score);
      total += score;
    }
    let votes = 0n;
    for (const delegatee of accounts) {
      let expected = 0n;
      for (const account of accounts) {
        if ((await escrow.delegates(account.address)) === delegatee.address) expected += scores.get(account.address)!;
      }
      const actual = await escrow.getPastVotes(delegatee.address, t);
      expect(actual).to.equal(expected, `votes of ${delegatee.address}`);
      votes += actual;
    }
    expect(await escrow.getPastTotalSupply(t)).to.equal(total);
    expect(votes).to.equal(total);
  }

  it("test_ManyChangesInOneBlockNeverInflateVotesOrTotal", async function () {
    const t = (await latest()) + 10n;
    await oneBlock(t, [...churn(0), ...churn(1), ...churn(2)]);
    await time.increase(1);
    await expectExactVotes(t);
    // And still exact once the decay has run for a while: no duplicate point left behind.
    await time.increaseTo(epochStart(t) + 3n * WEEK + 1n);
    await expectExactVotes(epochStart(t) + 3n * WEEK);
  });

  it("test_ManyBlocksInOneSecondNeverInflateVotesOrTotal", async function () {
    const t = (await latest()) + 10n;
    for (let round = 0; round < 3; round++) await oneBlock(t, churn(round));
    await time.increase(1);
    await expectExactVotes(t);
    await time.increaseTo(epochStart(t) + 7n * WEEK + 1n);
    await expectExactVotes(epochStart(t) + 7n * WEEK);
  });
});
