import { type Contract, id } from "ethers";
import { network } from "hardhat";
import { deploySystem, loadParameters } from "../lib/deployment.ts";
import { signBallot } from "../lib/eip712.ts";
import { E18, MAX_LOCK, MIN_LOCK, WEEK, gasOf, lockForNewAccount } from "./common.js";
import { fmt, type BenchRow } from "./table.js";

const SECTION = "Governance";

/**
 * Gas of the proposal lifecycle on the production profile (1-day delay, 5-day period, 2-day timelock): the
 * Ignition deployment, fifty background stakers with locks ending in different weeks, voters with 52-week
 * locks, and a one-action proposal (allowlisting a revenue token). References are OpenZeppelin's Governor
 * over an ERC20Votes token on the same EVM.
 */
export async function benchGovernance(): Promise<BenchRow[]> {
  const connection = await network.create();
  const { ethers, networkHelpers } = connection;
  const { time } = networkHelpers;
  // The production profile, except that the deployer keeps the fresh token's supply (local chain only) to
  // fund the voters.
  const production = { ...(await loadParameters("production")), tokenRecipient: "deployer" as const };
  const { token, escrow, distributor, governor } = await deploySystem(connection, production);
  const [, alice, bob, carol, relayer] = await ethers.getSigners();
  const escrowAddress = await escrow.getAddress();
  const now = async () => BigInt(await time.latest());
  // One day into a fixed week, as in the escrow bench, so that the figures do not depend on today's date
  // (how many week boundaries a lookup crosses depends on where in the week it runs).
  await time.increaseTo((2_000_000_000n / WEEK + 1n) * WEEK + 24n * 3600n);

  // Background stakers: the total score has a scheduled change in most of the coming weeks.
  const [deployer] = await ethers.getSigners();
  await token.getFunction("approve")(escrowAddress, ethers.MaxUint256);
  for (let i = 1n; i <= 48n; i++) {
    await lockForNewAccount(
      connection,
      escrow,
      deployer.address,
      1_000n * E18 + i,
      (await now()) + MIN_LOCK + i * WEEK,
    );
  }
  for (const [voter, amount] of [
    [alice, 1_000_000n * E18],
    [bob, 400_000n * E18],
    [carol, 20_000n * E18],
  ] as const) {
    await token.getFunction("transfer")(voter.address, amount);
    await token.connect(voter).getFunction("approve")(escrowAddress, amount);
    await escrow.connect(voter).getFunction("createLock")(amount, (await now()) + MAX_LOCK);
  }
  await time.increase(3n * 24n * 3600n);

  const reward = await ethers.deployContract("GovernanceToken", ["Reward", "RWD", alice.address, E18]);
  const rewardAddress = await reward.getAddress();
  const voters = { proposer: carol, first: alice, second: bob, relayer };

  const lockstep = await lifecycle(connection, governor, distributor, rewardAddress, voters);

  // The same lifecycle over a stock ERC20Votes token, with this governor and with the OpenZeppelin Wizard
  // governor, separates the cost of the Staking Score lookups from the cost of the governor modules.
  const references: Record<string, Awaited<ReturnType<typeof lifecycle>>> = {};
  const votes = await ethers.deployContract("ReferenceVotesToken", [deployer.address, 10_000_000n * E18]);
  for (const [voter, amount] of [
    [alice, 2_000_000n * E18],
    [bob, 800_000n * E18],
    [carol, 40_000n * E18],
  ] as const) {
    await votes.getFunction("transfer")(voter.address, amount);
    await votes.connect(voter).getFunction("delegate")(voter.address);
  }
  await time.increase(3600);
  const parameters = await loadParameters("production");
  for (const [label, name, args] of [
    [
      "LockstepGovernor over ERC20Votes",
      "LockstepGovernor",
      [
        parameters.votingDelay,
        parameters.votingPeriod,
        parameters.proposalThreshold,
        parameters.quorumNumerator,
        parameters.lateQuorumExtension,
      ],
    ],
    ["OZ Wizard governor over ERC20Votes", "ReferenceGovernor", []],
  ] as const) {
    const timelock = await ethers.deployContract("TimelockController", [
      parameters.timelockDelay,
      [],
      [],
      deployer.address,
    ]);
    const other = await ethers.deployContract(name, [await votes.getAddress(), await timelock.getAddress(), ...args]);
    for (const role of ["PROPOSER_ROLE", "EXECUTOR_ROLE"]) await timelock.getFunction("grantRole")(id(role), other);
    const otherDistributor = await ethers.deployContract("RevenueDistributor", [
      escrowAddress,
      await timelock.getAddress(),
    ]);
    references[label] = await lifecycle(
      connection,
      other,
      otherDistributor as unknown as Contract,
      rewardAddress,
      voters,
    );
  }

  // The reference column holds figures measured in this same run, never outside numbers.
  const oz = references["OZ Wizard governor over ERC20Votes"];
  const measured = (gas: bigint) => `${fmt(gas)} (OZ Wizard governor, this run)`;
  const rows: BenchRow[] = [
    row("propose (one action)", lockstep.propose, (oz.propose * 11n) / 10n, measured(oz.propose), "target 1.1x OZ"),
    row("castVote (tally stays below quorum)", lockstep.castVote, 100_000n, measured(oz.castVote)),
    row(
      "castVote (reaches quorum)",
      lockstep.castVoteReachingQuorum,
      100_000n,
      measured(oz.castVoteReachingQuorum),
      "GovernorPreventLateQuorum records when quorum was reached",
    ),
    row("castVoteBySig (after quorum, relayed)", lockstep.castVoteBySig, 115_000n, measured(oz.castVoteBySig)),
    row("queue", lockstep.queue, 160_000n, measured(oz.queue)),
    row("execute (addRewardToken)", lockstep.execute, 130_000n, measured(oz.execute), "the action writes 3 new slots"),
    row("execute (empty call)", lockstep.executeEmptyCall, 130_000n, measured(oz.executeEmptyCall)),
  ];
  for (const [label, gas] of Object.entries(references)) {
    for (const [step, value] of Object.entries(gas)) {
      rows.push({ section: "Governance (reference)", action: `${step}: ${label}`, gas: value });
    }
  }
  return rows;
}

function row(action: string, gas: bigint, target?: bigint, reference?: string, note?: string): BenchRow {
  return { section: SECTION, action, gas, target, reference, note };
}

type Connection = Awaited<ReturnType<typeof network.create>>;
type Signer = Awaited<ReturnType<Connection["ethers"]["getSigners"]>>[number];

/**
 * Runs one proposal (allowlist `rewardToken` on `distributor`) through its lifecycle and returns the gas of
 * each step. An earlier proposal is created first, as on any live DAO, so the measured one is not the first.
 */
async function lifecycle(
  connection: Connection,
  governor: Contract,
  distributor: Contract,
  rewardToken: string,
  { proposer, first, second, relayer }: { proposer: Signer; first: Signer; second: Signer; relayer: Signer },
) {
  const { time } = connection.networkHelpers;
  const targets = [await distributor.getAddress()];
  const values = [0n];
  const calldatas = [distributor.interface.encodeFunctionData("addRewardToken", [rewardToken])];
  const description = "Allowlist RWD as a revenue token";
  const proposalId: bigint = await governor.hashProposal(targets, values, calldatas, id(description));
  await governor.connect(proposer).getFunction("propose")([proposer.address], [0n], ["0x"], "An earlier proposal");
  await time.increase(60);

  const propose = await gasOf(
    governor.connect(proposer).getFunction("propose")(targets, values, calldatas, description),
  );
  await time.increaseTo((await governor.proposalSnapshot(proposalId)) + 1n);
  // Three votes, as in any proposal: one that leaves the tally below quorum, the one that reaches it (the
  // late-quorum module records the time), and a relayed signature after it.
  const castVote = await gasOf(governor.connect(proposer).getFunction("castVote")(proposalId, 1));
  const castVoteReachingQuorum = await gasOf(governor.connect(first).getFunction("castVote")(proposalId, 1));

  // The relayed ballot is signed as the governance tests sign theirs.
  const voter = await second.getAddress();
  const signature = await signBallot(governor, second, proposalId, 1);
  const castVoteBySig = await gasOf(
    governor.connect(relayer).getFunction("castVoteBySig")(proposalId, 1, voter, signature),
  );

  await time.increaseTo((await governor.proposalDeadline(proposalId)) + 1n);
  const queue = await gasOf(governor.getFunction("queue")(targets, values, calldatas, id(description)));
  await time.increaseTo(await governor.proposalEta(proposalId));
  const execute = await gasOf(governor.getFunction("execute")(targets, values, calldatas, id(description)));
  const noop = [[relayer.address], [0n], ["0x"], "Empty call"] as const;
  const noopId: bigint = await governor.hashProposal(noop[0], noop[1], noop[2], id(noop[3]));
  await governor.connect(proposer).getFunction("propose")(...noop);
  await time.increaseTo((await governor.proposalSnapshot(noopId)) + 1n);
  await governor.connect(first).getFunction("castVote")(noopId, 1);
  await time.increaseTo((await governor.proposalDeadline(noopId)) + 1n);
  await governor.getFunction("queue")(noop[0], noop[1], noop[2], id(noop[3]));
  await time.increaseTo(await governor.proposalEta(noopId));
  const executeEmptyCall = await gasOf(governor.getFunction("execute")(noop[0], noop[1], noop[2], id(noop[3])));
  return { propose, castVote, castVoteReachingQuorum, castVoteBySig, queue, execute, executeEmptyCall };
}
