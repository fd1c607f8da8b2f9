import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import { network } from "hardhat";

import type { DelegationSpammer, GovernanceToken, VotingEscrow } from "../../types/ethers-contracts/index.js";
import { deployEscrowFixture, type EscrowFixture } from "../helpers/escrowFixture.js";
import { MAX_LOCK, ONE, epochStart } from "./helpers.js";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

/** History entries the attacker adds to the victim's records, one per second (the review's figure). */
const SPAM = 200;

/**
 * How much more a state-changing call of the victim may cost than the same call of an untouched twin. Writes
 * only touch the latest history entry and append at a counter, so the spam adds nothing (measured: 0 for
 * increaseAmount, delegate and withdraw); the slack only absorbs a differently-valued slot in a later version.
 */
const WRITE_SLACK = 1_000n;

/**
 * The extra cost of a lookup in a history of `n` entries: one jump to `n - sqrt(n)` and a binary search over the
 * rest, `ceil(log2(n)) + 1` cold reads of 2,100 gas plus about 500 of arithmetic each (23,400 for 200 entries;
 * measured: 21,681 through depositFor, 21,745 through delegations). Logarithmic: 10x the spam costs the victim
 * about 3 more reads, while each entry costs the attacker a transaction.
 */
function lookupSlack(n: number): bigint {
  return BigInt(Math.ceil(Math.log2(n)) + 1) * 2_600n;
}

const gasOf = async (tx: Promise<ContractTransactionResponse>) => (await (await tx).wait())!.gasUsed;

describe("Security: history spam", function () {
  let f: EscrowFixture;
  let escrow: VotingEscrow;
  let token: GovernanceToken;
  let end: bigint;

  const latest = async () => BigInt(await time.latest());

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(deployEscrowFixture);
    ({ escrow, token } = f);
    end = epochStart((await latest()) + MAX_LOCK);
    // alice is the victim, bob her untouched twin: same lock, same calls, no spam.
    await escrow.connect(f.alice).createLock(1_000n * ONE, end);
    await escrow.connect(f.bob).createLock(1_000n * ONE, end);
    // A third staker keeps the escrow's balance nonzero, so neither withdrawal gets the refund for clearing it.
    await escrow.connect(f.dave).createLock(ONE, end);
  });

  /** Gas of `account`'s view call, as a transaction would pay for it. */
  const viewGas = (data: string) => ethers.provider.estimateGas({ to: escrow.target as string, data });

  /**
   * After the spam, alice (the victim) pays no more than bob (her twin without spam) for a past-votes lookup at
   * `middle` (within the binary search's logarithmic slack), an increase, a delegation and the withdrawal.
   */
  async function expectVictimCostsLikeTwin(middle: bigint): Promise<void> {
    const lookup = (account: string) => escrow.interface.encodeFunctionData("getPastVotes", [account, middle]);
    const [victimLookup, twinLookup] = [await viewGas(lookup(f.alice.address)), await viewGas(lookup(f.bob.address))];
    expect(victimLookup).to.be.at.most(twinLookup + lookupSlack(SPAM));

    const victimIncrease = await gasOf(escrow.connect(f.alice).increaseAmount(ONE));
    const twinIncrease = await gasOf(escrow.connect(f.bob).increaseAmount(ONE));
    expect(victimIncrease).to.be.at.most(twinIncrease + WRITE_SLACK);

    // Each delegates to a fresh account, so both write the same new slots.
    const victimDelegate = await gasOf(escrow.connect(f.alice).delegate(f.others[0].address));
    const twinDelegate = await gasOf(escrow.connect(f.bob).delegate(f.others[1].address));
    expect(victimDelegate).to.be.at.most(twinDelegate + WRITE_SLACK);

    await time.increaseTo(end);
    const victimWithdraw = await gasOf(escrow.connect(f.alice).withdraw());
    const twinWithdraw = await gasOf(escrow.connect(f.bob).withdraw());
    expect(victimWithdraw).to.be.at.most(twinWithdraw + WRITE_SLACK);
  }

  describe("through depositFor", function () {
    it("test_DepositForSpamKeepsTheVictimsNextCallsBounded", async function () {
      const spammer = f.carol;
      const start = await latest();
      for (let i = 0; i < SPAM; i++) await escrow.connect(spammer).depositFor(f.alice.address, 1n);
      const middle = start + BigInt(SPAM / 2);
      await time.increase(1);
      // Every deposit left an entry: the history the lookups search is SPAM entries long.
      expect((await escrow.locked(f.alice.address))[0]).to.equal(1_000n * ONE + BigInt(SPAM));
      expect(await escrow.balanceOfAt(f.alice.address, middle)).to.be.greaterThan(
        await escrow.balanceOfAt(f.bob.address, middle),
      );

      await expectVictimCostsLikeTwin(middle);
    });
  });

  describe("through delegation fan-in", function () {
    let spammer: DelegationSpammer;

    beforeEach(async function () {
      spammer = await ethers.deployContract("DelegationSpammer", [token, escrow]);
      await token.transfer(await spammer.getAddress(), BigInt(SPAM) * ONE);
      // Sybils are made in batches that fit a block; each locks 1 token until the victims' end.
      for (let made = 0; made < SPAM; made += 25) await spammer.createSybils(25, ONE, end);
      expect(await spammer.sybilCount()).to.equal(BigInt(SPAM));
    });

    it("test_DelegationFanInKeepsTheDelegateesNextCallsBounded", async function () {
      // bob's twin delegation: one sybil-sized delegator of his own, so both have received a delegation.
      await token.transfer(f.eve.address, ONE);
      await token.connect(f.eve).approve(await escrow.getAddress(), ONE);
      await escrow.connect(f.eve).createLock(ONE, end);
      await escrow.connect(f.eve).delegate(f.bob.address);

      const start = await latest();
      for (let i = 0; i < SPAM; i++) await spammer.delegateNext(f.alice.address);
      const middle = start + BigInt(SPAM / 2);
      await time.increase(1);
      expect(await escrow.getPastVotes(f.alice.address, middle)).to.be.greaterThan(
        await escrow.getPastVotes(f.bob.address, middle),
      );

      await expectVictimCostsLikeTwin(middle);
    });
  });
});
