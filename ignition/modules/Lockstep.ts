import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { CallableContractFuture, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import { ZeroHash, id } from "ethers";

/**
 * Lockstep deployment: VotingEscrow, RevenueDistributor, EarlyAccess, TimelockController and LockstepGovernor
 * over a governance token, wired so that the timelock is the DAO and the deployer keeps no role anywhere.
 *
 * Parameters are read from `$global` in the parameter files (ignition/parameters/*.json) so both modules
 * below share one file:
 * - votingDelay, votingPeriod, lateQuorumExtension, timelockDelay: seconds (the governor clock is timestamps)
 * - proposalThreshold: score units (18 decimals), quorumNumerator: percent of the total score at the snapshot
 * - levelThresholds: the ten ascending level thresholds
 * - Lockstep only: tokenName, tokenSymbol, tokenSupply (minted to the deployer), treasuryAmount (moved to the
 *   timelock); LockstepExistingToken only: token (address of the existing ERC-20).
 *
 * Bootstrap: the escrow's admin is immutable and only the timelock can set level thresholds or manage the
 * revenue allowlist, so the timelock is created with a zero delay and the deployer as its temporary proposer
 * and executor. One scheduled-and-executed batch sets the level thresholds, allowlists the governance token
 * as a revenue token (needed for `claim(..., relock = true)`) and raises the delay to `timelockDelay`. Then
 * the governor receives the proposer, canceller and executor roles and the deployer renounces all of its
 * roles, the admin role last. `verify:deployment` checks the result.
 */

export const PROPOSER_ROLE = id("PROPOSER_ROLE");
export const EXECUTOR_ROLE = id("EXECUTOR_ROLE");
export const CANCELLER_ROLE = id("CANCELLER_ROLE");
export const DEFAULT_ADMIN_ROLE = ZeroHash;
const BOOTSTRAP_SALT = id("lockstep.bootstrap");

function buildSystem(m: IgnitionModuleBuilder, token: CallableContractFuture<string>) {
  const deployer = m.getAccount(0);
  const votingDelay = m.getParameter<number>("votingDelay");
  const votingPeriod = m.getParameter<number>("votingPeriod");
  const proposalThreshold = m.getParameter<bigint>("proposalThreshold");
  const quorumNumerator = m.getParameter<number>("quorumNumerator");
  const lateQuorumExtension = m.getParameter<number>("lateQuorumExtension");
  const timelockDelay = m.getParameter<number>("timelockDelay");
  const levelThresholds = m.getParameter<bigint[]>("levelThresholds");

  const timelock = m.contract("TimelockController", [0n, [deployer], [deployer], deployer]);
  const escrow = m.contract("VotingEscrow", [token, timelock]);
  const distributor = m.contract("RevenueDistributor", [escrow, timelock]);
  // Only the timelock creates and cancels early-access rounds; it needs no bootstrap call.
  const earlyAccess = m.contract("EarlyAccess", [escrow, timelock]);
  const governor = m.contract("LockstepGovernor", [
    escrow,
    timelock,
    votingDelay,
    votingPeriod,
    proposalThreshold,
    quorumNumerator,
    lateQuorumExtension,
  ]);

  const targets = [escrow, distributor, timelock];
  const values = [0n, 0n, 0n];
  const payloads = [
    m.encodeFunctionCall(escrow, "setLevelThresholds", [levelThresholds]),
    m.encodeFunctionCall(distributor, "addRewardToken", [token]),
    m.encodeFunctionCall(timelock, "updateDelay", [timelockDelay]),
  ];
  const batch = [targets, values, payloads, ZeroHash, BOOTSTRAP_SALT];
  const schedule = m.call(timelock, "scheduleBatch", [...batch, 0n], { id: "Bootstrap_schedule" });
  const execute = m.call(timelock, "executeBatch", batch, { id: "Bootstrap_execute", after: [schedule] });

  const grants = [PROPOSER_ROLE, CANCELLER_ROLE, EXECUTOR_ROLE].map((role, i) =>
    m.call(timelock, "grantRole", [role, governor], {
      id: `Grant_${["proposer", "canceller", "executor"][i]}_to_governor`,
      after: [execute],
    }),
  );
  const renounces = [PROPOSER_ROLE, CANCELLER_ROLE, EXECUTOR_ROLE].map((role, i) =>
    m.call(timelock, "renounceRole", [role, deployer], {
      id: `Renounce_${["proposer", "canceller", "executor"][i]}`,
      after: [execute],
    }),
  );
  const renounceAdmin = m.call(timelock, "renounceRole", [DEFAULT_ADMIN_ROLE, deployer], {
    id: "Renounce_admin",
    after: [...grants, ...renounces],
  });

  return { escrow, distributor, earlyAccess, timelock, governor, renounceAdmin };
}

/** Deploys a fresh GovernanceToken (demos, testnets) and funds the treasury from the deployer's supply. */
export const LockstepModule = buildModule("Lockstep", (m) => {
  const token = m.contract("GovernanceToken", [
    m.getParameter<string>("tokenName"),
    m.getParameter<string>("tokenSymbol"),
    m.getAccount(0),
    m.getParameter<bigint>("tokenSupply"),
  ]);
  const { escrow, distributor, earlyAccess, timelock, governor } = buildSystem(m, token);
  m.call(token, "transfer", [timelock, m.getParameter<bigint>("treasuryAmount")], { id: "Fund_treasury" });
  return { token, escrow, distributor, earlyAccess, timelock, governor };
});

/** Uses an existing ERC-20 (parameter `token`); the treasury is funded by whoever holds that token. */
export const LockstepExistingTokenModule = buildModule("LockstepExistingToken", (m) => {
  const token = m.contractAt("GovernanceToken", m.getParameter<string>("token"));
  const { escrow, distributor, earlyAccess, timelock, governor } = buildSystem(m, token);
  return { token, escrow, distributor, earlyAccess, timelock, governor };
});

export default LockstepModule;
