import { network } from "hardhat";

// The local demo: from nothing, deploy the token and the escrow on the in-process network, lock for
// three accounts with different durations, delegate, then watch scores, votes and levels decay. The unlock
// time is rounded down to a week and must stay at least MIN_LOCK (4 weeks) away, so the shortest lock here
// asks for 5 weeks.
const E18 = 10n ** 18n;
const DAY = 24n * 3600n;
const WEEK = 7n * DAY;

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;
const [dao, alice, bob, carol] = await ethers.getSigners();

const token = await ethers.deployContract("GovernanceToken", ["Lockstep", "LOCK", dao.address, 100_000_000n * E18]);
const escrow = await ethers.deployContract("VotingEscrow", [await token.getAddress(), dao.address]);
const escrowAddress = await escrow.getAddress();
console.log(`GovernanceToken ${await token.getAddress()}`);
console.log(`VotingEscrow    ${escrowAddress} (${await escrow.name()}, ${await escrow.symbol()})`);
console.log(`locks run from ${(await escrow.MIN_LOCK()) / WEEK} to ${(await escrow.MAX_LOCK()) / WEEK} weeks\n`);

const fmt = (wei: bigint) => (Number(wei / 10n ** 14n) / 10_000).toLocaleString("en-US", { maximumFractionDigits: 2 });
const date = (t: bigint) => new Date(Number(t) * 1000).toISOString().slice(0, 10);

const plans = [
  { who: alice, name: "alice", amount: 300_000n * E18, weeks: 52n },
  { who: bob, name: "bob", amount: 60_000n * E18, weeks: 26n },
  { who: carol, name: "carol", amount: 15_000n * E18, weeks: 5n },
];
for (const { who, name, amount, weeks } of plans) {
  await token.transfer(who.address, amount);
  await token.connect(who).approve(escrowAddress, amount);
  await escrow.connect(who).createLock(amount, BigInt(await time.latest()) + weeks * WEEK);
  const [locked, end] = await escrow.locked(who.address);
  console.log(`${name.padEnd(6)} locked ${fmt(locked).padStart(9)} LOCK until ${date(end)} (asked for ${weeks} weeks)`);
}
await escrow.connect(carol).delegate(bob.address);
console.log("carol  delegates her votes to bob\n");

const thresholds = await escrow.levelThresholds();
console.log(`level thresholds: ${thresholds.map(fmt).join(", ")}\n`);

const header = ["week", "date", ...plans.map((p) => `${p.name} score/votes/level`), "total score"];
console.log(header.map((h, i) => h.padEnd(i < 2 ? 12 : 32)).join(""));
for (let week = 0; week <= 8; week++) {
  const now = BigInt(await time.latest());
  const cells = [String(week), date(now)];
  for (const { who } of plans) {
    const [score, votes, level] = await Promise.all([
      escrow.balanceOf(who.address),
      escrow.getVotes(who.address),
      escrow.levelOf(who.address),
    ]);
    cells.push(`${fmt(score)} / ${fmt(votes)} / L${level}`);
  }
  cells.push(fmt(await escrow.totalSupply()));
  console.log(cells.map((c, i) => c.padEnd(i < 2 ? 12 : 32)).join(""));
  await time.increase(WEEK);
}

await time.increase(WEEK);
const before = await token.balanceOf(carol.address);
await escrow.connect(carol).withdraw();
console.log(`\ncarol's lock expired; she withdrew ${fmt((await token.balanceOf(carol.address)) - before)} LOCK.`);
