import { network } from "hardhat";
import { E18, MAX_LOCK, WEEK, gasOf, rowAppender } from "./common.js";
import { fmt, type BenchRow } from "./table.js";

const SECTION = "EarlyAccess";
/** A cold `SLOAD` (EIP-2929), the cheapest read of a value that differs between rounds. */
const COLD_SLOAD = 2_100n;
const USD = 10n ** 6n;

/**
 * Gas of early-access rounds on a live-looking escrow: eight stakers whose locks changed every week for ten
 * weeks (so `balanceOfAt` at the snapshot searches a real history), an 18-decimal sale token and a 6-decimal
 * payment token that the buyers already hold. `createRound` is measured for the first round (which also takes
 * the round counter from zero) and for a later one; each writes one storage slot and a 430-byte data contract
 * with its parameters, caps and a copy of the escrow's thresholds (docs/EarlyAccess.md, "Gas");
 * `commit` for an account's first commit (its level is read from the escrow) and a later one (cached);
 * `claim` for a buyer who receives the sale token for the first time and for an oversubscribed round's buyers
 * who also get a refund, one receiving the sale token for the first time and one who already holds it. The
 * first of these is set beside `ClaimFloor`, the same claim with only the work any implementation must do.
 */
export async function benchEarlyAccess(): Promise<BenchRow[]> {
  const { ethers, networkHelpers } = await network.create();
  const { time } = networkHelpers;
  const [deployer, alice, bob, carol, dave, erin, frank, grace, heidi, ivan] = await ethers.getSigners();
  const buyers = [alice, bob, carol, dave, erin, frank, grace, heidi];

  const lock = await ethers.deployContract("GovernanceToken", ["Lockstep", "LOCK", deployer.address, 10n ** 12n * E18]);
  const escrow = await ethers.deployContract("VotingEscrow", [await lock.getAddress(), deployer.address]);
  const early = await ethers.deployContract("EarlyAccess", [await escrow.getAddress(), deployer.address]);
  const sale = await ethers.deployContract("DecimalsToken", [18]);
  const usd = await ethers.deployContract("DecimalsToken", [6]);
  const earlyAddress = await early.getAddress();
  const escrowAddress = await escrow.getAddress();
  await sale.mint(deployer.address, 10n ** 9n * E18);
  const now = async () => BigInt(await time.latest());

  for (const [i, s] of buyers.entries()) {
    await lock.transfer(s.address, 10_000_000n * E18);
    await lock.connect(s).approve(escrowAddress, ethers.MaxUint256);
    await escrow.connect(s).createLock(BigInt(i + 1) * 100_000n * E18, (await now()) + MAX_LOCK);
    await usd.mint(s.address, 10n ** 9n * USD);
    await usd.connect(s).approve(earlyAddress, ethers.MaxUint256);
  }
  for (let week = 0; week < 10; week++) {
    await time.increase(WEEK);
    for (const s of buyers) await escrow.connect(s).increaseAmount(E18);
  }
  await time.increase(3600n);

  const rows: BenchRow[] = [];
  const row = rowAppender(rows, SECTION);
  const caps = Array.from({ length: 10 }, (_, i) => BigInt(i + 1) * 10_000n * USD);
  const params = async (saleAmount: bigint) => {
    const t = await now();
    return {
      saleToken: await sale.getAddress(),
      paymentToken: await usd.getAddress(),
      price: 2n * USD,
      saleAmount,
      snapshot: t - 60n,
      start: t + 10n,
      end: t + 10n + 86_400n,
      caps,
      recipient: deployer.address,
    };
  };

  // A proposal approves exactly the amount, then creates.
  const create = async (label: string, saleAmount: bigint) => {
    await sale.approve(earlyAddress, saleAmount);
    row(label, await gasOf(early.createRound(await params(saleAmount))), 300_000n);
  };
  await create("createRound (first round)", 1_000_000n * E18);
  await create("createRound (a later round)", 1_000n * E18);
  await time.increase(20n);

  // Round 1 is undersubscribed, round 2 (1,000 tokens worth 2,000 USD) oversubscribed. The very first commit
  // into the contract also pays for its first payment-token balance (an info row); the measured ones do not.
  row(
    "commit (the contract's very first commit)",
    await gasOf(early.connect(heidi).commit(2n, 1_000n * USD)),
    undefined,
    undefined,
    "one-off: the contract's payment-token balance goes from zero",
  );
  for (const s of buyers.slice(0, -1)) await early.connect(s).commit(2n, 1_000n * USD);
  row("commit (first commit: reads the level)", await gasOf(early.connect(alice).commit(1n, 500n * USD)), 90_000n);
  row("commit (later commit of the same account)", await gasOf(early.connect(alice).commit(1n, 100n * USD)), 90_000n);
  await early.connect(bob).commit(1n, 300n * USD);
  await time.increase(86_400n);

  // The floor of bob's claim below: the same claim (round 2's total, a buyer's commitment, the payment token
  // and the sale token already held by the contract, the buyer's first sale-token balance) with nothing but
  // the reads, the write, the event and the two transfers any implementation must do.
  const floor = await ethers.deployContract("ClaimFloor", [
    await sale.getAddress(),
    await usd.getAddress(),
    2n * USD,
    1_000n * E18,
    E18,
  ]);
  const floorAddress = await floor.getAddress();
  await sale.transfer(floorAddress, 1_000n * E18);
  await usd.mint(floorAddress, 10n ** 6n * USD);
  await usd.mint(ivan.address, 10n ** 9n * USD);
  await floor.setCommitment(2n, ivan.address, 1_000n * USD, 8_000n * USD);
  const floorGas = await gasOf(floor.connect(ivan).claim(2n));
  // The floor must do the same claim: the same sale tokens and refund as bob's below.
  const [floorClaim] = await floor.queryFilter(floor.filters.Claimed());
  const [bobSale, bobRefund] = await early.claimable(2n, bob.address);
  if (floorClaim.args.saleTokens !== bobSale || floorClaim.args.refund !== bobRefund)
    throw new Error(
      `ClaimFloor paid ${floorClaim.args.saleTokens}/${floorClaim.args.refund}, bob is owed ${bobSale}/${bobRefund}`,
    );

  row("claim (sale tokens)", await gasOf(early.connect(alice).claim(1n)), 80_000n);
  row(
    "claim (oversubscribed: sale tokens and refund)",
    await gasOf(early.connect(bob).claim(2n)),
    80_000n,
    `floor ${fmt(floorGas)} (ClaimFloor) + ${fmt(COLD_SLOAD)} = ${fmt(floorGas + COLD_SLOAD)}`,
    "bob's first sale-token balance (20,000 in the token); ClaimFloor holds one round's tokens as immutables, " +
      "a contract of many rounds must read them (one cold slot at least): docs/EarlyAccess.md, Gas",
  );
  row(
    "claim (oversubscribed, the buyer already holds the sale token)",
    await gasOf(early.connect(alice).claim(2n)),
    80_000n,
  );
  row("finalize (proceeds and unsold)", await gasOf(early.finalize(1n)));
  row("finalize (oversubscribed: proceeds only)", await gasOf(early.finalize(2n)));

  await create("createRound (a third round)", 1_000n * E18);
  await time.increase(20n);
  await early.connect(carol).commit(3n, 100n * USD);
  row("cancelRound", await gasOf(early.cancelRound(3n)));
  row("claim (refund after a cancel)", await gasOf(early.connect(carol).claim(3n)), 80_000n);
  return rows;
}
