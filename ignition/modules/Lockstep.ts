import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { CallableContractFuture, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import { ZeroHash, id } from "ethers";

/**
 * Lockstep deployment: VotingEscrow, RevenueDistributor, EarlyAccess, TimelockController, LockstepGovernor and
 * DelegateRegistry over a governance token, wired so that the timelock is the DAO and the deployer keeps no role anywhere.
 *
 * Parameters are read from `$global` in the parameter files (ignition/parameters/*.json) so both modules
 * below share one file:
 * - votingDelay, votingPeriod, lateQuorumExtension, timelockDelay: seconds (the governor clock is timestamps)
 * - proposalThreshold: score units (18 decimals), quorumNumerator: percent of the total score at the snapshot
 * - levelThresholds: the ten ascending level thresholds
 * - fresh token only: tokenName, tokenSymbol, tokenSupply (minted to the deployer), treasuryAmount (moved to the
 *   timelock) and tokenRecipient, who receives the rest of the supply: `"treasury"` (the timelock), an address,
 *   or `"deployer"` (local development only: the seed scripts hand the deployer's tokens out to test accounts).
 *   Each choice is its own module below; scripts/lib/deployment.ts picks it. A production deployment never
 *   leaves the supply with a key that holds no role and answers to no vote.
 * - LockstepExistingToken only: token (address of the existing ERC-20).
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
  // Delegate statements: no admin, no links to the rest, nothing to bootstrap.
  const delegateRegistry = m.contract("DelegateRegistry", []);
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

  return { escrow, distributor, earlyAccess, timelock, governor, delegateRegistry, renounceAdmin };
}

/** Who receives a fresh token's supply beyond `treasuryAmount` (parameter `tokenRecipient`). */
export type TokenRecipient = "treasury" | "deployer" | "parameter";

/**
 * Deploys a fresh GovernanceToken (demos, testnets, a new DAO): the supply is minted to the deployer, which
 * moves `treasuryAmount` to the timelock and then, unless `recipient` is the deployer, the whole rest of
 * its balance to the recipient.
 */
function freshTokenModule(id: string, recipient: TokenRecipient) {
  return buildModule(id, (m) => {
    const deployer = m.getAccount(0);
    const token = m.contract("GovernanceToken", [
      m.getParameter<string>("tokenName"),
      m.getParameter<string>("tokenSymbol"),
      deployer,
      m.getParameter<bigint>("tokenSupply"),
    ]);
    const { escrow, distributor, earlyAccess, timelock, governor, delegateRegistry } = buildSystem(m, token);
    const fund = m.call(token, "transfer", [timelock, m.getParameter<bigint>("treasuryAmount")], {
      id: "Fund_treasury",
    });
    if (recipient !== "deployer") {
      // Read after the treasury transfer, so the deployer ends with exactly zero.
      const rest = m.staticCall(token, "balanceOf", [deployer], 0, { id: "Deployer_balance", after: [fund] });
      const to = recipient === "treasury" ? timelock : m.getParameter<string>("tokenRecipient");
      m.call(token, "transfer", [to, rest], { id: "Hand_over_supply" });
    }
    return { token, escrow, distributor, earlyAccess, timelock, governor, delegateRegistry };
  });
}

/** A fresh token whose whole supply ends in the treasury (tokenRecipient `"treasury"`, the default). */
export const LockstepModule = freshTokenModule("Lockstep", "treasury");

/** A fresh token: `treasuryAmount` to the treasury, the rest to the address in parameter `tokenRecipient`. */
export const LockstepRecipientModule = freshTokenModule("LockstepRecipient", "parameter");

/** A fresh token whose deployer keeps all but `treasuryAmount` (tokenRecipient `"deployer"`): local only. */
export const LockstepDevModule = freshTokenModule("LockstepDev", "deployer");

/** Uses an existing ERC-20 (parameter `token`); the treasury is funded by whoever holds that token. */
export const LockstepExistingTokenModule = buildModule("LockstepExistingToken", (m) => {
  const token = m.contractAt("GovernanceToken", m.getParameter<string>("token"));
  const { escrow, distributor, earlyAccess, timelock, governor, delegateRegistry } = buildSystem(m, token);
  return { token, escrow, distributor, earlyAccess, timelock, governor, delegateRegistry };
});

export default LockstepModule;
