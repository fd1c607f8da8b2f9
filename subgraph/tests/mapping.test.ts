// Runs the compiled subgraph mappings (subgraph/build/**/*.wasm) on every log of a scripted scenario on the
// in-process Hardhat chain, then reconciles the indexed entities with the contracts' own views. The
// governance token has 6 decimals, so every score check also checks the 18-decimal score units.
import { expect } from "chai";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Contract, Signer } from "ethers";
import { network } from "hardhat";
import { deploySystem, loadParameters } from "../../scripts/lib/deployment.ts";
import { build } from "../../scripts/subgraph/build.ts";
import { writeNetworks } from "../../scripts/subgraph/networks.ts";
import { DAY, E18, MAX_LOCK, WEEK } from "../../shared/protocol.ts";
import { GovernanceHelper, VoteType } from "../../test/helpers/GovernanceHelper.ts";
import { SubgraphRuntime } from "./host/runtime.ts";
import type { Plain } from "./host/store.ts";

const SUBGRAPH = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ONE = E18;
/** One governance token (6 decimals); scores are in 18-decimal units, 10**12 score units per base unit. */
const T = 10n ** 6n;
const UNIT = 10n ** 12n;

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

// The deployed contracts as the test calls them (ethers Contracts with their ABI's functions).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Dyn = Contract & Record<string, any>;

type Entity = Record<string, Plain>;

const big = (value: Plain) => value as bigint;
const lower = (address: string) => address.toLowerCase();

/** Score at `t` from an Account's own lock parts (schema.graphql header). */
function scoreFromParts(account: Entity, t: bigint): bigint {
  const units = big(account.lockUnits);
  if (account.autoMax) return units + big(account.lockSlope) * MAX_LOCK;
  if (t >= big(account.lockEnd)) return 0n;
  return units + big(account.lockBias) - big(account.lockSlope) * t;
}

/** A sum of scores at `t >= updatedAt` from its auto-max constant and its expiries (schema.graphql header). */
function sumFromExpiries(autoMax: bigint, expiries: Entity[], t: bigint): bigint {
  let sum = autoMax;
  for (const e of expiries) {
    if (big(e.week) > t) sum += big(e.flat) + big(e.slope) * (big(e.week) - t);
  }
  return sum;
}

/** The same sum with the aggregate parts only (valid until the first expiry after updatedAt). */
function sumFromParts(flat: bigint, slope: bigint, bias: bigint, autoMax: bigint, t: bigint): bigint {
  return autoMax + flat + bias - slope * t;
}

describe("Subgraph mappings (compiled WASM on a scripted chain)", function () {
  let runtime: SubgraphRuntime;
  let token: Dyn, usd: Dyn, escrow: Dyn, distributor: Dyn, governor: Dyn, registry: Dyn;
  let deployer: Signer, alice: Signer, bob: Signer, carol: Signer, dave: Signer, erin: Signer, frank: Signer;
  let accounts: string[];
  let proposals: GovernanceHelper[];
  let canceled: GovernanceHelper;
  let handledLogs: number;
  let lastIndexedTime: bigint;
  let thresholdsChangedAt: bigint;
  /** Frank's first claim of each token, with the contract's claim cursor read just before it. */
  let frankClaimBlock: number;
  const newThresholds = [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n].map((k) => k * 20_000n * ONE);

  async function lock(signer: Signer, amount: bigint, unlockTime: bigint) {
    await token.connect(signer).getFunction("approve")(await escrow.getAddress(), amount);
    await escrow.connect(signer).getFunction("createLock")(amount, unlockTime);
  }

  before(async function () {
    this.timeout(300_000);
    [deployer, alice, bob, carol, dave, erin, frank] = await ethers.getSigners();
    const parameters = await loadParameters("local");
    const sixDecimals = await ethers.deployContract("DecimalsToken", [6]);
    await sixDecimals.getFunction("mint")(await deployer.getAddress(), 10_000_000n * T);
    const system = await deploySystem(connection, { ...parameters, token: await sixDecimals.getAddress() });
    ({ escrow, distributor, governor, delegateRegistry: registry } = system as unknown as Record<string, Dyn>);
    token = sixDecimals as unknown as Dyn;
    accounts = await Promise.all([deployer, alice, bob, carol, dave, erin, frank].map((s) => s.getAddress()));

    // The subgraph is built with `graph build --network localhost` for the deployment made here: its
    // networks.json entry is generated from it. The in-process chain stands in for a local node (chain 31337).
    expect(system.deployment.chainId).to.equal(31337);
    const buildDir = join(SUBGRAPH, "build");
    mkdirSync(buildDir, { recursive: true });
    const networkFile = join(buildDir, "networks.test.json");
    const [networkName] = writeNetworks([{ ...system.deployment, network: "localhost" }], networkFile);
    expect(networkName).to.equal("localhost");
    const manifest = build({ network: networkName, networkFile, outputDir: "build/test", quiet: true });
    const built = readFileSync(manifest, "utf8");
    expect(built).to.include(`address: "${system.deployment.contracts.VotingEscrow.address}"`);
    expect(built).to.include(`startBlock: ${system.deployment.contracts.VotingEscrow.blockNumber}`);

    // --- Revenue before anyone locks: week 0 has no score, so it rolls over. ---
    await token.getFunction("approve")(await distributor.getAddress(), 10_000n * T);
    await distributor.getFunction("depositRevenue")(await token.getAddress(), 1_000n * T);

    for (const [signer, amount] of [
      [alice, 300_000n],
      [bob, 120_000n],
      [carol, 60_000n],
      [dave, 30_000n],
      [erin, 40_000n],
      [frank, 20_000n],
    ] as const) {
      await token.getFunction("transfer")(await signer.getAddress(), amount * T);
    }

    // --- Lock creators: dave lets the deployer lock for him; erin allows carol, then changes her mind ---
    await escrow.connect(dave).getFunction("setLockCreator")(await deployer.getAddress(), true);
    await escrow.connect(erin).getFunction("setLockCreator")(await carol.getAddress(), true);
    await escrow.connect(erin).getFunction("setLockCreator")(await carol.getAddress(), false);

    // --- Locks (each the first of its account: a DelegateChanged from address(0) precedes LockCreated) ---
    let now = BigInt(await time.latest());
    await lock(alice, 100_000n * T, now + MAX_LOCK);
    await lock(bob, 60_000n * T, now + 20n * WEEK);
    await lock(carol, 40_000n * T, now + 8n * WEEK);
    await token.getFunction("approve")(await escrow.getAddress(), 25_000n * T);
    // The shortest lock: 5 weeks rounded down to a week still ends at least MIN_LOCK (4 weeks) away.
    await escrow.getFunction("createLockFor")(await dave.getAddress(), 25_000n * T, now + 5n * WEEK);
    await lock(erin, 15_000n * T, now + 30n * WEEK);
    await token.connect(alice).getFunction("approve")(await escrow.getAddress(), 50_000n * T);
    await escrow.connect(alice).getFunction("increaseAmount")(50_000n * T);
    await token.connect(bob).getFunction("approve")(await escrow.getAddress(), 5_000n * T);
    await escrow.connect(bob).getFunction("depositFor")(await carol.getAddress(), 5_000n * T);

    // --- Delegation, with `delegate(current)` twice: to another account and to itself (nothing moves) ---
    await escrow.connect(carol).getFunction("delegate")(await bob.getAddress());
    await escrow.connect(dave).getFunction("delegate")(await alice.getAddress());
    await escrow.connect(dave).getFunction("delegate")(await alice.getAddress());
    await escrow.connect(alice).getFunction("delegate")(await alice.getAddress());
    await escrow.connect(bob).getFunction("setAutoMax")(true);

    // --- Delegate statements: alice publishes once; bob publishes, then replaces his; erin publishes and
    // clears; carol clears and publishes again, in one block with a non-ASCII name ---
    await registry.connect(alice).getFunction("publishStatement")("Alice", "Lean treasury, audited upgrades.", "");
    await registry.connect(bob).getFunction("publishStatement")("Bob", "First draft.", "https://bob.example/1");
    await registry.connect(bob).getFunction("publishStatement")("Bob B.", "Revenue to stakers.", "https://bob.example");
    await registry.connect(erin).getFunction("publishStatement")("Erin", "Short-lived.", "");
    await registry.connect(erin).getFunction("clearStatement")();
    await registry.connect(carol).getFunction("publishStatement")("Carol", "Before.", "");
    await ethers.provider.send("evm_setAutomine", [false]);
    await registry.connect(carol).getFunction("clearStatement")();
    await registry.connect(carol).getFunction("publishStatement")("Zoë Ångström", "Après: ".repeat(100), "");
    await networkHelpers.mine();
    await ethers.provider.send("evm_setAutomine", [true]);

    // Several changes in one block: an increase of a delegated lock and a delegation of an auto-max lock.
    await time.increase(WEEK);
    await ethers.provider.send("evm_setAutomine", [false]);
    now = BigInt(await time.latest());
    await escrow.connect(carol).getFunction("increaseUnlockTime")(now + 26n * WEEK);
    await escrow.connect(bob).getFunction("delegate")(await erin.getAddress());
    await escrow.connect(erin).getFunction("setAutoMax")(true);
    await networkHelpers.mine();
    await ethers.provider.send("evm_setAutomine", [true]);

    // --- Governance: a full lifecycle with a late-quorum extension, and a canceled proposal ---
    usd = (await ethers.deployContract("GovernanceToken", [
      "USD Coin",
      "USDC",
      accounts[0],
      1_000_000n * ONE,
    ])) as unknown as Dyn;
    const passed = await new GovernanceHelper(governor, time).setProposal(
      [
        {
          target: distributor,
          data: distributor.interface.encodeFunctionData("addRewardToken", [await usd.getAddress()]),
        },
        { target: escrow, data: escrow.interface.encodeFunctionData("setLevelThresholds", [newThresholds]) },
      ],
      "# Add USDC revenue and lower the level thresholds\n\nSecond line.",
    );
    await passed.propose(alice);
    await passed.waitForSnapshot();
    await passed.vote({ support: VoteType.Against, reason: "too low", params: "0x1234" }, bob);
    // Quorum is reached within the late-quorum window, so the deadline moves.
    await time.increaseTo((await passed.deadline()) - 20n);
    await passed.vote({ support: VoteType.For, reason: "more revenue" }, alice);
    await passed.vote({ support: VoteType.Abstain }, erin);
    await passed.waitForDeadline();
    await passed.queue();
    await passed.waitForEta();
    await passed.execute();
    thresholdsChangedAt = BigInt(await time.latest());

    canceled = await new GovernanceHelper(governor, time).setProposal(
      [{ target: escrow, data: escrow.interface.encodeFunctionData("setLevelThresholds", [newThresholds]) }],
      "Withdrawn idea",
    );
    await canceled.propose(erin);
    await canceled.cancel(erin);
    proposals = [passed, canceled];

    // --- Revenue in two tokens, claims with and without relock ---
    await distributor.getFunction("depositRevenue")(await token.getAddress(), 2_000n * T);
    await usd.getFunction("approve")(await distributor.getAddress(), 10_000n * ONE);
    await distributor.getFunction("depositRevenue")(await usd.getAddress(), 5_000n * ONE);
    // In the next week's very first second: credited to the week after, so that a lock made in the same
    // second (same block, after the deposit) can't share in it.
    await time.setNextBlockTimestamp((BigInt(await time.latest()) / WEEK + 1n) * WEEK);
    await distributor.getFunction("depositRevenue")(await usd.getAddress(), 400n * ONE);
    // Frank's first lock comes weeks after both reward tokens started: his first claims start at its week.
    await lock(frank, 10_000n * T, BigInt(await time.latest()) + 10n * WEEK);
    await usd.getFunction("transfer")(await distributor.getAddress(), 700n * ONE); // credited by checkpoint
    await distributor.connect(erin).getFunction("checkpoint")(await usd.getAddress());
    await distributor.getFunction("depositRevenue")(await usd.getAddress(), 3_000n * ONE);
    await time.increase(WEEK);
    const tokens = [await token.getAddress(), await usd.getAddress()];
    await distributor.connect(alice).getFunction("claim")(tokens, true);
    await distributor.connect(bob).getFunction("claim")([tokens[1]], false);
    await distributor.connect(carol).getFunction("claim")(tokens, false);

    // --- Expiry, withdrawal, delegation of an expired lock, auto-max off ---
    await time.increase(3n * WEEK);
    await escrow.connect(dave).getFunction("withdraw")();
    await escrow.connect(dave).getFunction("delegate")(await dave.getAddress());
    await escrow.connect(bob).getFunction("setAutoMax")(false);
    await escrow.connect(carol).getFunction("delegate")(await carol.getAddress());
    await distributor.connect(alice).getFunction("claim")(tokens, false);
    await (await distributor.connect(frank).getFunction("claim")(tokens, false)).wait();
    frankClaimBlock = await ethers.provider.getBlockNumber();

    runtime = new SubgraphRuntime(manifest);
    handledLogs = await runtime.indexChain((method, params) => ethers.provider.send(method, params));
    lastIndexedTime = BigInt(await time.latest());

    // Let time pass without events so that reconciliation also covers expiries after the last update.
    await time.increase(60n * WEEK);
  });

  it("test_RunsEveryHandlerWithoutErrors", function () {
    expect(runtime.logsAtLeast(2)).to.deep.equal([]);
    const expected = [
      "handleLockCreated",
      "handleLockIncreased",
      "handleLockExtended",
      "handleAutoMaxSet",
      "handleWithdrawn",
      "handleLevelThresholdsSet",
      "handleLockCreatorSet",
      "handleDelegateChanged",
      "handleDelegateVotesChanged",
      "handleRevenueDeposited",
      "handleRevenueClaimed",
      "handleRewardTokenAdded",
      "handleRevenueRolledOver",
      "handleProposalCreated",
      "handleVoteCast",
      "handleVoteCastWithParams",
      "handleProposalQueued",
      "handleProposalExecuted",
      "handleProposalCanceled",
      "handleProposalExtended",
      "handleVotingDelaySet",
      "handleVotingPeriodSet",
      "handleProposalThresholdSet",
      "handleQuorumNumeratorUpdated",
      "handleLateQuorumVoteExtensionSet",
      "handleTimelockChange",
      "handleStatementPublished",
      "handleStatementCleared",
    ];
    for (const handler of expected) expect(runtime.calls.get(handler) ?? 0, handler).to.be.greaterThan(0);
    const total = [...runtime.calls.values()].reduce((a, b) => a + b, 0);
    expect(total).to.equal(handledLogs);
  });

  it("test_LocksMatchTheEscrow", async function () {
    for (const address of accounts) {
      const account = runtime.store.entity("Account", lower(address));
      const [amount, end, autoMax] = await escrow.getFunction("locked")(address);
      if (account === undefined) {
        expect(amount, address).to.equal(0n);
        continue;
      }
      expect(account.lockAmount, address).to.equal(amount);
      expect(account.lockUnits, address).to.equal(amount * UNIT);
      expect(account.lockEnd, address).to.equal(end);
      expect(account.autoMax, address).to.equal(autoMax);
      expect(account.lockSlope, address).to.equal((amount * UNIT) / MAX_LOCK);
      expect(account.delegate, address).to.equal(lower(await escrow.getFunction("delegates")(address)));
    }
    const protocol = runtime.store.entity("Protocol", "protocol")!;
    expect(protocol.totalLocked).to.equal(await token.getFunction("balanceOf")(await escrow.getAddress()));
    const stakers = (await Promise.all(accounts.map((a) => escrow.getFunction("locked")(a)))).filter(
      ([amount]) => amount > 0n,
    ).length;
    expect(protocol.stakerCount).to.equal(stakers);
    expect(protocol.levelThresholds).to.deep.equal(newThresholds);
    expect(protocol.token).to.equal(lower(await token.getAddress()));
    expect(protocol.tokenDecimals).to.equal(6);
    expect(protocol.scoreUnit).to.equal(UNIT);
  });

  it("test_LevelThresholdsComeOnlyFromEvents", async function () {
    // The constructor's LevelThresholdsSet (the defaults), the deployment's bootstrap and the proposal: the
    // mapping keeps no copy of the defaults.
    const logs = await escrow.queryFilter(escrow.filters.LevelThresholdsSet());
    expect(logs).to.have.length(3);
    expect(runtime.calls.get("handleLevelThresholdsSet")).to.equal(logs.length);
    const source = readFileSync(join(SUBGRAPH, "src", "entities.ts"), "utf8");
    expect(source).to.not.include("22000000000000000000000");
  });

  it("test_LockCreatorsMatchTheEscrow", async function () {
    const creators = runtime.store.all("LockCreator");
    expect(creators).to.have.length(2);
    for (const c of creators) {
      expect(c.allowed, `${c.account} -> ${c.creator}`).to.equal(
        await escrow.getFunction("isLockCreator")(c.account as string, c.creator as string),
      );
      expect(c.id).to.equal((c.account as string) + (c.creator as string).slice(2));
    }
    const erin = creators.find((c) => c.account === lower(accounts[5]))!;
    expect(erin).to.include({ creator: lower(accounts[3]), allowed: false, changeCount: 2 });
    const dave = creators.find((c) => c.account === lower(accounts[4]))!;
    expect(dave).to.include({ creator: lower(accounts[0]), allowed: true, changeCount: 1 });
  });

  it("test_ScorePartsReproduceBalanceOfAtAnyTime", async function () {
    const times = [lastIndexedTime, lastIndexedTime + 1n, lastIndexedTime + 5n * WEEK, lastIndexedTime + 30n * WEEK];
    times.push(lastIndexedTime + MAX_LOCK + WEEK);
    let compared = 0;
    for (const address of accounts) {
      const account = runtime.store.entity("Account", lower(address));
      if (account === undefined) continue;
      for (const t of times) {
        expect(scoreFromParts(account, t), `${address} at ${t}`).to.equal(
          await escrow.getFunction("balanceOfAt")(address, t),
        );
        compared += 1;
      }
    }
    expect(compared).to.be.greaterThan(20);
  });

  it("test_VotesPartsReproduceGetPastVotesAtAnyTime", async function () {
    const times = [
      lastIndexedTime,
      lastIndexedTime + 3n * WEEK,
      lastIndexedTime + 20n * WEEK,
      lastIndexedTime + 55n * WEEK,
    ];
    const expiries = runtime.store.all("VotesExpiry");
    let nonZero = 0;
    for (const address of accounts) {
      const account = runtime.store.entity("Account", lower(address));
      if (account === undefined) continue;
      const own = expiries.filter((e) => e.delegate === lower(address));
      for (const t of times) {
        const votes = await escrow.getFunction("getPastVotes")(address, t);
        expect(sumFromExpiries(big(account.votesAutoMax), own, t), `${address} at ${t}`).to.equal(votes);
        if (votes > 0n) nonZero += 1;
      }
      // Until the first expiry after the last update, the four aggregate parts alone are exact.
      const updatedAt = big(account.votesUpdatedAt);
      const next = own.map((e) => big(e.week)).filter((w) => w > updatedAt);
      const t = next.length === 0 ? lastIndexedTime : [...next].sort((a, b) => (a < b ? -1 : 1))[0] - 1n;
      if (t >= updatedAt) {
        const parts = sumFromParts(
          big(account.votesFlat),
          big(account.votesSlope),
          big(account.votesBias),
          big(account.votesAutoMax),
          t,
        );
        expect(parts, `${address} parts at ${t}`).to.equal(await escrow.getFunction("getPastVotes")(address, t));
      }
      // The last DelegateVotesChanged value is the votes at the end of that timestamp.
      if (account.votesReportedAt !== null && account.votesReportedAt !== undefined) {
        expect(account.votes, address).to.equal(
          await escrow.getFunction("getPastVotes")(address, big(account.votesReportedAt)),
        );
      }
    }
    expect(nonZero).to.be.greaterThan(4);
  });

  it("test_DelegationCountsMatchTheEscrow", async function () {
    for (const address of accounts) {
      const account = runtime.store.entity("Account", lower(address));
      if (account === undefined) continue;
      let others = 0;
      for (const other of accounts) {
        if (other !== address && (await escrow.getFunction("delegates")(other)) === address) others += 1;
      }
      expect(account.delegatorCount, address).to.equal(others);
    }
    const changes = runtime.store.all("DelegateChange");
    const logs = await escrow.queryFilter(escrow.filters.DelegateChanged());
    expect(changes.length).to.equal(logs.length);
    // Six first locks, five delegations that move, and two `delegate(current)`.
    expect(logs.length).to.equal(13);
    const fromZero = logs.filter((l) => (l as unknown as { args: string[] }).args[1] === ethers.ZeroAddress);
    expect(fromZero).to.have.length(6);
    // address(0) is never an account: the first DelegateChanged moves from the default self-delegation.
    expect(runtime.store.entity("Account", ethers.ZeroAddress)).to.equal(undefined);
    const unmoved = changes.filter((c) => c.fromDelegate === c.toDelegate);
    expect(unmoved).to.have.length(6 + 2); // first locks and delegate(current) twice
    const daveBack = changes.find(
      (c) =>
        c.delegator === lower(accounts[4]) && c.toDelegate === lower(accounts[4]) && c.fromDelegate !== c.toDelegate,
    );
    expect(daveBack?.score, "an expired lock moves no score").to.equal(0n);
  });

  it("test_TotalScorePartsReproduceTotalSupplyAt", async function () {
    const protocol = runtime.store.entity("Protocol", "protocol")!;
    const expiries = runtime.store.all("SupplyExpiry");
    for (const t of [
      lastIndexedTime,
      lastIndexedTime + 2n * WEEK,
      lastIndexedTime + 10n * WEEK,
      lastIndexedTime + 53n * WEEK,
    ]) {
      const expected = await escrow.getFunction("getPastTotalSupply")(t);
      expect(sumFromExpiries(big(protocol.scoreAutoMax), expiries, t), `total at ${t}`).to.equal(expected);
    }
    expect(protocol.totalScore).to.equal(await escrow.getFunction("totalSupplyAt")(big(protocol.scoreUpdatedAt)));
  });

  it("test_LockEventsRecordEveryChange", function () {
    const events = runtime.store.all("LockEvent");
    const kinds = events.map((e) => e.kind).sort();
    expect(kinds).to.deep.equal(
      [
        ...Array(6).fill("Create"),
        "Increase",
        "DepositFor", // bob for carol
        "DepositFor", // alice's relocked revenue, funded by the distributor
        "Extend",
        "AutoMaxOn",
        "AutoMaxOn",
        "AutoMaxOff",
        "Withdraw",
      ].sort(),
    );
    const createFor = events.find((e) => e.kind === "Create" && e.account === lower(accounts[4]))!;
    expect(createFor.funder).to.equal(lower(accounts[0]));
    const withdraw = events.find((e) => e.kind === "Withdraw")!;
    expect(withdraw.amount).to.equal(25_000n * T);
    expect(withdraw.lockAmount).to.equal(0n);
    const relock = events.find((e) => e.kind === "DepositFor" && e.account === lower(accounts[1]))!;
    expect(relock.funder).to.equal(lower(distributor.target as string));
    for (const e of events) {
      // transaction hash ++ log index (4 bytes, graph-ts Bytes.concatI32)
      expect(e.id as string).to.have.length(2 + 64 + 8);
      expect((e.id as string).startsWith(lower(e.transactionHash as string))).to.equal(true);
    }
  });

  it("test_ProposalsMatchTheGovernor", async function () {
    for (const helper of proposals) {
      const id = await helper.id();
      const proposal = runtime.store.entity("Proposal", id.toString())!;
      const [against, forVotes, abstain] = await governor.getFunction("proposalVotes")(id);
      expect(proposal.againstVotes).to.equal(against);
      expect(proposal.forVotes).to.equal(forVotes);
      expect(proposal.abstainVotes).to.equal(abstain);
      expect(proposal.voteStart).to.equal(await governor.getFunction("proposalSnapshot")(id));
      expect(proposal.voteEnd).to.equal(await governor.getFunction("proposalDeadline")(id));
      expect(proposal.description).to.equal(helper.description);
      expect(proposal.targets).to.deep.equal(helper.targets.map(lower));
      expect(proposal.calldatas).to.deep.equal(helper.calldatas.map(lower));
      expect(proposal.values).to.deep.equal(helper.values);
      expect(proposal.proposer).to.equal(lower(await governor.getFunction("proposalProposer")(id)));
      const eta = await governor.getFunction("proposalEta")(id);
      expect(proposal.eta ?? 0n).to.equal(eta);
    }
    const passed = runtime.store.entity("Proposal", (await proposals[0].id()).toString())!;
    expect(passed.status).to.equal("Executed");
    expect(passed.extended).to.equal(true);
    expect(big(passed.voteEnd) > big(passed.originalVoteEnd), "deadline extended").to.equal(true);
    expect(passed.voterCount).to.equal(3);
    expect(passed.quorumNumerator).to.equal(4n);
    const gone = runtime.store.entity("Proposal", (await proposals[1].id()).toString())!;
    expect(gone.status).to.equal("Canceled");
    expect(gone.voterCount).to.equal(0);

    const votes = runtime.store.all("Vote");
    expect(votes).to.have.length(3);
    const withParams = votes.find((v) => v.params !== undefined)!;
    expect(withParams.params).to.equal("0x1234");
    expect(withParams.reason).to.equal("too low");
    expect(withParams.support).to.equal(0);
    for (const vote of votes) {
      const weight = await escrow.getFunction("getPastVotes")(vote.voter as string, big(passed.voteStart));
      expect(vote.weight).to.equal(weight);
    }

    const protocol = runtime.store.entity("Protocol", "protocol")!;
    expect(protocol.votingDelay).to.equal(await governor.getFunction("votingDelay")());
    expect(protocol.votingPeriod).to.equal(await governor.getFunction("votingPeriod")());
    expect(protocol.proposalThreshold).to.equal(await governor.getFunction("proposalThreshold")());
    expect(protocol.quorumNumerator).to.equal(await governor.getFunction("quorumNumerator()")());
    expect(protocol.lateQuorumVoteExtension).to.equal(await governor.getFunction("lateQuorumVoteExtension")());
    expect(protocol.timelock).to.equal(lower(await governor.getFunction("timelock")()));
    expect(protocol.proposalCount).to.equal(2);
    expect(protocol.voteCount).to.equal(3);
  });

  it("test_StatementsMatchTheRegistry", async function () {
    const coder = ethers.AbiCoder.defaultAbiCoder();
    for (const address of accounts) {
      const [digest, publishedAt, blockNumber] = await registry.getFunction("statementOf")(address);
      const statement = runtime.store.entity("DelegateStatement", lower(address));
      if (digest === ethers.ZeroHash) {
        expect(statement, address).to.equal(undefined);
        continue;
      }
      expect(statement, address).to.not.equal(undefined);
      const fields = [statement!.name, statement!.statement, statement!.link] as string[];
      expect(ethers.keccak256(coder.encode(["string", "string", "string"], fields)), address).to.equal(digest);
      expect(statement!.publishedAt, address).to.equal(publishedAt);
      expect(statement!.blockNumber, address).to.equal(blockNumber);
      expect(statement!.delegate, address).to.equal(lower(address));
    }
    const [alice_, bob_, carol_, erin_] = [alice, bob, carol, erin].map((s) => s.getAddress());
    expect(runtime.store.entity("DelegateStatement", lower(await bob_))!.name).to.equal("Bob B.");
    expect(runtime.store.entity("DelegateStatement", lower(await bob_))!.link).to.equal("https://bob.example");
    expect(runtime.store.entity("DelegateStatement", lower(await carol_))!.name).to.equal("Zoë Ångström");
    expect(runtime.store.entity("DelegateStatement", lower(await erin_))).to.equal(undefined);
    expect(runtime.store.entity("DelegateStatement", lower(await alice_))!.link).to.equal("");
  });

  it("test_StatementEventsRecordEveryPublishAndClear", async function () {
    const logs = await registry.queryFilter("*");
    const events = runtime.store.all("StatementEvent");
    expect(events).to.have.length(logs.length);
    expect(events.filter((e) => e.kind === "Published")).to.have.length(6);
    const cleared = events.filter((e) => e.kind === "Cleared");
    expect(cleared.map((e) => e.delegate).sort()).to.deep.equal(
      [lower(await carol.getAddress()), lower(await erin.getAddress())].sort(),
    );
    for (const e of cleared) expect([e.name, e.statement, e.link]).to.deep.equal([undefined, undefined, undefined]);
    for (const e of events) {
      expect((e.id as string).startsWith(lower(e.transactionHash as string))).to.equal(true);
    }
  });

  it("test_RevenueWeeksMatchRevenueAt", async function () {
    const weeks = runtime.store.all("RevenueWeek");
    expect(weeks.length).to.be.greaterThan(2);
    let rolled = 0;
    for (const week of weeks) {
      expect(week.amount, `${week.token} ${week.week}`).to.equal(
        await distributor.getFunction("revenueAt")(week.token as string, big(week.week)),
      );
      expect(week.amount).to.equal(big(week.deposited) + big(week.rolledOverIn) - big(week.rolledOverOut));
      if (big(week.rolledOverOut) > 0n) {
        rolled += 1;
        expect(week.rolledOverTo).to.equal(big(week.week) + WEEK);
      }
    }
    expect(rolled).to.equal(1);
    for (const address of [await token.getAddress(), await usd.getAddress()]) {
      const rewardToken = runtime.store.entity("RewardToken", lower(address))!;
      expect(rewardToken.allowed).to.equal(await distributor.getFunction("isRewardToken")(address));
      expect(big(rewardToken.totalDeposited) - big(rewardToken.totalClaimed)).to.equal(
        await distributor.getFunction("accountedBalance")(address),
      );
    }
    const direct = runtime.store.all("RevenueDeposit").find((d) => big(d.amount) === 700n * ONE)!;
    expect(direct.from).to.equal("0x0000000000000000000000000000000000000000");
  });

  it("test_RevenueInAWeeksFirstSecondGoesToTheNextWeek", async function () {
    const deposits = runtime.store.all("RevenueDeposit").filter((d) => big(d.timestamp) % WEEK === 0n);
    expect(deposits).to.have.length(1);
    const [deposit] = deposits;
    expect(deposit.amount).to.equal(400n * ONE);
    const week = runtime.store.entity("RevenueWeek", deposit.week as string)!;
    expect(week.week).to.equal(big(deposit.timestamp) + WEEK);
    expect(big(week.deposited) >= 400n * ONE).to.equal(true);
    expect(week.amount).to.equal(await distributor.getFunction("revenueAt")(deposit.token as string, big(week.week)));
  });

  it("test_ClaimsMatchTheDistributor", async function () {
    const claims = runtime.store.all("Claim");
    expect(claims.length).to.equal(9);
    for (const address of accounts) {
      for (const tokenAddress of [await token.getAddress(), await usd.getAddress()]) {
        const totals = runtime.store.entity("AccountTokenClaims", lower(address) + lower(tokenAddress).slice(2));
        const last = await distributor.getFunction("lastClaimedWeek")(address, tokenAddress);
        if (totals === undefined) {
          expect(last).to.equal(0n);
          continue;
        }
        expect(totals.lastWeekClaimed).to.equal(last);
        const mine = claims.filter((c) => c.account === lower(address) && c.token === lower(tokenAddress));
        expect(totals.claimCount).to.equal(mine.length);
        expect(totals.totalClaimed).to.equal(mine.reduce((sum, c) => sum + big(c.amount), 0n));
        // Consecutive claims cover consecutive weeks.
        const sorted = [...mine].sort((a, b) => (big(a.lastWeekClaimed) < big(b.lastWeekClaimed) ? -1 : 1));
        for (let i = 1; i < sorted.length; i++) {
          expect(sorted[i].firstWeek).to.equal(big(sorted[i - 1].lastWeekClaimed) + WEEK);
        }
      }
    }
    const relocked = claims.filter((c) => c.relocked);
    expect(relocked).to.have.length(1);
    expect(big(relocked[0].amount) > 0n, "relocked a share").to.equal(true);
    const aliceLock = runtime.store.entity("Account", lower(accounts[1]))!;
    expect(aliceLock.totalDeposited).to.equal(150_000n * T + big(relocked[0].amount));
  });

  it("test_FirstClaimStartsAtTheWeekOfTheFirstLock", async function () {
    // RevenueDistributor._firstWeek: an account's first claim starts at the week of its first lock, not at
    // the token's start week (the subgraph once said the latter).
    const frankAddress = accounts[6];
    const firstLock = await escrow.getFunction("firstLockTime")(frankAddress);
    const lockWeek = (firstLock / WEEK) * WEEK;
    const frankAccount = runtime.store.entity("Account", lower(frankAddress))!;
    expect(frankAccount.firstLockAt).to.equal(firstLock);
    for (const tokenAddress of [await token.getAddress(), await usd.getAddress()]) {
      const [claim] = runtime.store
        .all("Claim")
        .filter((c) => c.account === lower(frankAddress) && c.token === lower(tokenAddress));
      const startWeek = big(runtime.store.entity("RewardToken", lower(tokenAddress))!.startWeek);
      expect(startWeek < lockWeek, "the token started before frank's first lock").to.equal(true);
      const cursor = await distributor.getFunction("claimCursor")(frankAddress, tokenAddress, {
        blockTag: frankClaimBlock - 1,
      });
      expect(claim.firstWeek, tokenAddress).to.equal(cursor);
      expect(claim.firstWeek, tokenAddress).to.equal(lockWeek);
    }
  });

  it("test_LevelsFollowTheThresholdsInForce", async function () {
    for (const address of accounts) {
      const account = runtime.store.entity("Account", lower(address));
      if (account === undefined || account.lockUpdatedAt === undefined) continue;
      const at = big(account.lockUpdatedAt);
      if (at < thresholdsChangedAt) continue;
      expect(account.level, address).to.equal(Number(await escrow.getFunction("levelAt")(address, at)));
    }
    const bob = runtime.store.entity("Account", lower(accounts[2]))!;
    expect(bob.level).to.be.greaterThan(0);
  });

  it("test_DailySnapshotsCarryTheProtocolTotals", function () {
    const protocol = runtime.store.entity("Protocol", "protocol")!;
    const snapshots = runtime.store.all("DailySnapshot").sort((a, b) => (a.day as number) - (b.day as number));
    expect(snapshots.length).to.be.greaterThan(3);
    const last = snapshots[snapshots.length - 1];
    for (const field of ["totalLocked", "stakerCount", "scoreFlat", "scoreSlope", "scoreBias", "scoreAutoMax"]) {
      expect(last[field], field).to.equal(protocol[field]);
    }
    expect(snapshots.reduce((sum, s) => sum + (s.lockEventCount as number), 0)).to.equal(protocol.lockEventCount);
    expect(snapshots.reduce((sum, s) => sum + (s.claimCount as number), 0)).to.equal(protocol.claimCount);
    for (const s of snapshots) expect(big(s.timestamp) % DAY).to.equal(0n);
    const revenue = runtime.store.all("DailyTokenRevenue");
    const deposited = revenue.reduce((sum, r) => sum + big(r.deposited), 0n);
    const tokens = runtime.store.all("RewardToken");
    expect(deposited).to.equal(tokens.reduce((sum, t) => sum + big(t.totalDeposited), 0n));
  });

  it("test_RejectsAnEntityThatBreaksTheSchema", function () {
    // The host validates every write against schema.graphql like graph-node; a mapping bug would fail here.
    expect(() => runtime.store.set("Vote", "0x01", new Map([["id", { kind: "Bytes", value: "0x01" }]]))).to.throw(
      /missing value for non-nullable field/,
    );
    const existing = runtime.store.all("Vote")[0];
    expect(() =>
      runtime.store.set("Vote", existing.id as string, new Map([["reason", { kind: "String", value: "changed" }]])),
    ).to.throw(/Immutable/);
  });
});
