import { existsSync } from "node:fs";
import path from "node:path";
import { readDeploymentParameters } from "@nomicfoundation/hardhat-ignition/helpers";
import { listTransactions } from "@nomicfoundation/ignition-core";
import type { Contract } from "ethers";
import { AbiCoder, ZeroAddress, isAddress, keccak256 } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import {
  CANCELLER_ROLE,
  DEFAULT_ADMIN_ROLE,
  EXECUTOR_ROLE,
  LockstepDevModule,
  LockstepExistingTokenModule,
  LockstepModule,
  LockstepRecipientModule,
  PROPOSER_ROLE,
} from "../../ignition/modules/Lockstep.ts";
import { CONTRACT_NAMES, type Address, type ContractName, type Deployment } from "./deployment-file.ts";
import { ROOT } from "./paths.ts";

/** Hardhat's local chain: the only one where a deployer may keep a fresh token's supply. */
export const LOCAL_CHAIN_ID = 31337;

/** The `$global` deploy parameters of ignition/parameters/*.json (see ignition/modules/Lockstep.ts). */
export interface LockstepParameters {
  votingDelay: number;
  votingPeriod: number;
  lateQuorumExtension: number;
  timelockDelay: number;
  proposalThreshold: bigint;
  quorumNumerator: number;
  levelThresholds: bigint[];
  /** An existing ERC-20 to lock; when absent, a GovernanceToken is deployed with the fields below. */
  token?: string;
  tokenName?: string;
  tokenSymbol?: string;
  tokenSupply?: bigint;
  treasuryAmount?: bigint;
  /**
   * Who receives a fresh token's supply beyond `treasuryAmount`: `"treasury"` (the timelock; the default),
   * an address, or `"deployer"` (local chain only).
   */
  tokenRecipient?: string;
}

export interface DeployedSystem {
  deployment: Deployment;
  token: Contract;
  escrow: Contract;
  distributor: Contract;
  earlyAccess: Contract;
  timelock: Contract;
  governor: Contract;
  delegateRegistry: Contract;
}

export const ROLES = {
  DEFAULT_ADMIN_ROLE,
  PROPOSER_ROLE,
  EXECUTOR_ROLE,
  CANCELLER_ROLE,
} as const;

// ---------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------

/** Resolves a profile name (`local`, `production`) or a path to a parameter file. */
export function parametersPath(profileOrPath: string): string {
  return /^[\w-]+$/.test(profileOrPath)
    ? path.join(ROOT, "ignition", "parameters", `${profileOrPath}.json`)
    : path.resolve(profileOrPath);
}

/** Reads the `$global` parameters of a profile or parameter file (bigints written as "123n"). */
export async function loadParameters(profileOrPath: string): Promise<LockstepParameters> {
  const file = await readDeploymentParameters(parametersPath(profileOrPath));
  return file.$global as unknown as LockstepParameters;
}

// ---------------------------------------------------------------------------------------------------------
// Deployment
// ---------------------------------------------------------------------------------------------------------

/**
 * Deploys the whole system with the Ignition module on `connection` and returns the shared deployment record
 * and ethers contracts. Used by scripts/deploy.ts, the tests and seeding. On an in-process network nothing is
 * written to disk; on other networks Ignition keeps its journal in ignition/deployments/<deploymentId>.
 */
export async function deploySystem(
  connection: NetworkConnection,
  parameters: LockstepParameters,
  options: { deploymentId?: string; displayUi?: boolean } = {},
): Promise<DeployedSystem> {
  const chainId = Number(await connection.ethers.provider.send("eth_chainId", []));
  const deployOptions = {
    parameters: { $global: { ...parameters } },
    deploymentId: options.deploymentId,
    displayUi: options.displayUi ?? false,
  };
  const result =
    parameters.token === undefined
      ? await connection.ignition.deploy(freshTokenModule(parameters, chainId), deployOptions)
      : await connection.ignition.deploy(LockstepExistingTokenModule, deployOptions);
  const { token, escrow, distributor, earlyAccess, timelock, governor, delegateRegistry } = result;

  const addressOf = async (contract: Contract) => (await contract.getAddress()) as Address;
  const addresses: Record<ContractName, Address> = {
    GovernanceToken: await addressOf(token),
    VotingEscrow: await addressOf(escrow),
    RevenueDistributor: await addressOf(distributor),
    EarlyAccess: await addressOf(earlyAccess),
    TimelockController: await addressOf(timelock),
    LockstepGovernor: await addressOf(governor),
    DelegateRegistry: await addressOf(delegateRegistry),
  };
  const deploymentDir =
    connection.networkConfig.type === "edr-simulated"
      ? undefined
      : path.join(ROOT, "ignition", "deployments", options.deploymentId ?? `chain-${chainId}`);
  const blocks = await deploymentBlocks(connection, addresses, deploymentDir);

  const contracts = Object.fromEntries(
    CONTRACT_NAMES.map((name) => [name, { address: addresses[name], blockNumber: blocks[name] }]),
  ) as Deployment["contracts"];
  const deployment: Deployment = { chainId, network: connection.networkName, contracts };
  return { deployment, token, escrow, distributor, earlyAccess, timelock, governor, delegateRegistry };
}

/** The Ignition module for a fresh token, by `tokenRecipient`; refuses a deployer-held supply off a local chain. */
function freshTokenModule(parameters: LockstepParameters, chainId: number) {
  const recipient = parameters.tokenRecipient ?? "treasury";
  if (recipient === "treasury") return LockstepModule;
  if (recipient === "deployer") {
    if (chainId !== LOCAL_CHAIN_ID) {
      throw new Error(
        `tokenRecipient "deployer" is for the local chain only (this is chain ${chainId}): set it to "treasury" or an address`,
      );
    }
    return LockstepDevModule;
  }
  if (!isAddress(recipient) || recipient.toLowerCase() === ZeroAddress) {
    throw new Error(`tokenRecipient must be "treasury", "deployer" or a non-zero address, not ${recipient}`);
  }
  return LockstepRecipientModule;
}

/**
 * The block each contract was created in (the subgraph's start blocks). Taken from Ignition's journal when
 * there is one, otherwise found by bisecting `eth_getCode` (exact on any node that serves historical state).
 */
async function deploymentBlocks(
  connection: NetworkConnection,
  addresses: Record<ContractName, string>,
  deploymentDir: string | undefined,
): Promise<Record<ContractName, number>> {
  const provider = connection.ethers.provider;
  const txByAddress = new Map<string, string>();
  if (deploymentDir !== undefined && existsSync(deploymentDir)) {
    // listTransactions only reads the journal; it never touches the artifact resolver.
    const resolver = {} as Parameters<typeof listTransactions>[1];
    for (const tx of await listTransactions(deploymentDir, resolver)) {
      if (tx.address !== undefined && tx.type === "DEPLOYMENT_EXECUTION_STATE") {
        txByAddress.set(tx.address.toLowerCase(), tx.txHash);
      }
    }
  }
  const blocks = {} as Record<ContractName, number>;
  for (const name of CONTRACT_NAMES) {
    const hash = txByAddress.get(addresses[name].toLowerCase());
    const receipt = hash === undefined ? null : await provider.getTransactionReceipt(hash);
    blocks[name] = receipt !== null ? receipt.blockNumber : await creationBlock(connection, addresses[name]);
  }
  return blocks;
}

/** Bisects for the first block with code at `address`; 0 when the node cannot serve historical state. */
export async function creationBlock(connection: NetworkConnection, address: string): Promise<number> {
  const provider = connection.ethers.provider;
  let high = await provider.getBlockNumber();
  let low = 0;
  try {
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if ((await provider.getCode(address, mid)) === "0x") low = mid + 1;
      else high = mid;
    }
    return low;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------------------

export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

const TIMELOCK_ABI = [
  "function hasRole(bytes32 role, address account) view returns (bool)",
  "function getMinDelay() view returns (uint256)",
  "event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)",
];
const GOVERNOR_ABI = [
  "function token() view returns (address)",
  "function timelock() view returns (address)",
  "function votingDelay() view returns (uint256)",
  "function votingPeriod() view returns (uint256)",
  "function proposalThreshold() view returns (uint256)",
  "function quorumNumerator() view returns (uint256)",
  "function lateQuorumVoteExtension() view returns (uint48)",
  "function CLOCK_MODE() view returns (string)",
];
const ESCROW_ABI = [
  "function token() view returns (address)",
  "function admin() view returns (address)",
  "function levelThresholds() view returns (uint256[])",
  "function CLOCK_MODE() view returns (string)",
  "function MIN_LOCK() view returns (uint256)",
];
const DISTRIBUTOR_ABI = [
  "function escrow() view returns (address)",
  "function admin() view returns (address)",
  "function isRewardToken(address token) view returns (bool)",
];
const EARLY_ACCESS_ABI = ["function escrow() view returns (address)", "function admin() view returns (address)"];
const DELEGATE_REGISTRY_ABI = [
  "function statementDigest(string name, string statement, string link) pure returns (bytes32)",
  "function MAX_STATEMENT_LENGTH() view returns (uint256)",
];
const TOKEN_ABI = [
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
  "function balanceOf(address account) view returns (uint256)",
];
/** The escrow scales amounts by 10**(18 - decimals): more decimals cannot be scored. */
const MAX_TOKEN_DECIMALS = 18;

const ROLE_NAMES = Object.keys(ROLES) as (keyof typeof ROLES)[];
const LOG_CHUNK = 10_000;

/**
 * Checks every wire of a deployment against the chain and the deploy parameters: contract links, that the
 * timelock holds every admin power, that the deployer, the zero address and anyone else who ever held a
 * timelock role hold none, that settings equal `parameters`, that the governance window fits in the
 * escrow's `MIN_LOCK` (read from the chain, whatever the parameters say), that the token has at most 18
 * decimals, and that the deployer kept none of a fresh token's supply unless `tokenRecipient` is
 * `"deployer"` on the local chain. Never throws for a wrong value: each check reports ok or not, with
 * what was found.
 */
export async function checkDeployment(
  connection: NetworkConnection,
  deployment: Deployment,
  parameters: LockstepParameters,
  options: { deployer?: string } = {},
): Promise<Check[]> {
  const { ethers } = connection;
  const provider = ethers.provider;
  const checks: Check[] = [];
  const eq = (a: unknown, b: unknown) =>
    typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b;
  const add = async (name: string, read: () => Promise<unknown>, expected: unknown) => {
    try {
      const actual = await read();
      const ok = Array.isArray(expected)
        ? Array.isArray(actual) &&
          actual.length === expected.length &&
          actual.every((value, i) => eq(value, expected[i]))
        : eq(actual, expected);
      checks.push({ name, ok, detail: ok ? undefined : `found ${fmt(actual)}, expected ${fmt(expected)}` });
    } catch (error) {
      checks.push({ name, ok: false, detail: `call failed: ${(error as Error).message.split("\n")[0]}` });
    }
  };
  /** A check that is not an equality: `test` returns whether it holds and what was found. */
  const holds = async (name: string, test: () => Promise<{ ok: boolean; found: string }>) => {
    try {
      const { ok, found } = await test();
      checks.push({ name, ok, detail: ok ? undefined : found });
    } catch (error) {
      checks.push({ name, ok: false, detail: `call failed: ${(error as Error).message.split("\n")[0]}` });
    }
  };
  const a = Object.fromEntries(CONTRACT_NAMES.map((n) => [n, deployment.contracts[n]?.address ?? ZeroAddress]));
  const token = new ethers.Contract(a.GovernanceToken, TOKEN_ABI, provider);
  const escrow = new ethers.Contract(a.VotingEscrow, ESCROW_ABI, provider);
  const distributor = new ethers.Contract(a.RevenueDistributor, DISTRIBUTOR_ABI, provider);
  const earlyAccess = new ethers.Contract(a.EarlyAccess, EARLY_ACCESS_ABI, provider);
  const timelock = new ethers.Contract(a.TimelockController, TIMELOCK_ABI, provider);
  const governor = new ethers.Contract(a.LockstepGovernor, GOVERNOR_ABI, provider);
  const delegateRegistry = new ethers.Contract(a.DelegateRegistry, DELEGATE_REGISTRY_ABI, provider);

  await add(
    "chain id matches the deployment file",
    async () => Number((await provider.getNetwork()).chainId),
    deployment.chainId,
  );

  for (const name of CONTRACT_NAMES) {
    const entry = deployment.contracts[name];
    await add(
      `${name} has code at ${entry?.address} from block ${entry?.blockNumber}`,
      async () => {
        const now = (await provider.getCode(entry.address)) !== "0x";
        const atBlock = (await provider.getCode(entry.address, entry.blockNumber)) !== "0x";
        const before = entry.blockNumber > 0 && (await provider.getCode(entry.address, entry.blockNumber - 1)) !== "0x";
        return now && atBlock && !before;
      },
      true,
    );
  }

  // Wires between the contracts.
  if (parameters.token !== undefined) {
    await add("GovernanceToken is the configured token", async () => a.GovernanceToken, parameters.token);
  } else {
    await add("GovernanceToken name", () => token.name(), parameters.tokenName);
    await add("GovernanceToken symbol", () => token.symbol(), parameters.tokenSymbol);
  }
  await add("VotingEscrow.token() is the GovernanceToken", () => escrow.token(), a.GovernanceToken);
  await add("RevenueDistributor.escrow() is the VotingEscrow", () => distributor.escrow(), a.VotingEscrow);
  await add("EarlyAccess.escrow() is the VotingEscrow", () => earlyAccess.escrow(), a.VotingEscrow);
  await add("LockstepGovernor.token() is the VotingEscrow", () => governor.token(), a.VotingEscrow);
  await add("LockstepGovernor.timelock() is the TimelockController", () => governor.timelock(), a.TimelockController);

  // The timelock holds every admin power.
  await add("VotingEscrow.admin() is the TimelockController", () => escrow.admin(), a.TimelockController);
  await add("RevenueDistributor.admin() is the TimelockController", () => distributor.admin(), a.TimelockController);
  // EarlyAccess has one immutable admin, so "only the timelock administers it" is this one check.
  await add("EarlyAccess.admin() is the TimelockController", () => earlyAccess.admin(), a.TimelockController);
  // DelegateRegistry has no admin and no links; this proves the address holds the registry, not another contract.
  await add(
    "DelegateRegistry answers statementDigest",
    () => delegateRegistry.statementDigest("name", "statement", ""),
    keccak256(AbiCoder.defaultAbiCoder().encode(["string", "string", "string"], ["name", "statement", ""])),
  );
  const hasRole = (role: keyof typeof ROLES, account: string) => () => timelock.hasRole(ROLES[role], account);
  await add("TimelockController administers itself", hasRole("DEFAULT_ADMIN_ROLE", a.TimelockController), true);
  await add("LockstepGovernor is a timelock proposer", hasRole("PROPOSER_ROLE", a.LockstepGovernor), true);
  await add("LockstepGovernor is a timelock canceller", hasRole("CANCELLER_ROLE", a.LockstepGovernor), true);
  await add("LockstepGovernor is the timelock executor", hasRole("EXECUTOR_ROLE", a.LockstepGovernor), true);
  await add("LockstepGovernor is not a timelock admin", hasRole("DEFAULT_ADMIN_ROLE", a.LockstepGovernor), false);

  // Nobody else holds a role: the deployer, the zero address (an open role) and anyone ever granted one.
  let holders: { deployer?: string; accounts: string[] };
  try {
    holders = await roleHistory(connection, timelock, deployment.contracts.TimelockController.blockNumber);
  } catch (error) {
    holders = { accounts: [] };
    checks.push({
      name: "timelock role history readable",
      ok: false,
      detail: (error as Error).message.split("\n")[0],
    });
  }
  const deployer = options.deployer ?? holders.deployer;
  if (deployer === undefined) {
    checks.push({ name: "deployer identified", ok: false, detail: "no RoleGranted event from the constructor" });
  }
  const outsiders = new Map<string, string>([[ZeroAddress, "zero address (open role)"]]);
  if (deployer !== undefined) outsiders.set(deployer.toLowerCase(), `deployer ${deployer}`);
  for (const account of holders.accounts) {
    const key = account.toLowerCase();
    if (key !== a.TimelockController.toLowerCase() && key !== a.LockstepGovernor.toLowerCase() && !outsiders.has(key)) {
      outsiders.set(key, `past role holder ${account}`);
    }
  }
  for (const [account, label] of outsiders) {
    for (const role of ROLE_NAMES) {
      await add(`${label} lacks ${role}`, hasRole(role, account), false);
    }
  }

  // Settings equal the parameters.
  await add(
    `timelock delay is ${parameters.timelockDelay} s`,
    async () => Number(await timelock.getMinDelay()),
    parameters.timelockDelay,
  );
  await add(
    `voting delay is ${parameters.votingDelay} s`,
    async () => Number(await governor.votingDelay()),
    parameters.votingDelay,
  );
  await add(
    `voting period is ${parameters.votingPeriod} s`,
    async () => Number(await governor.votingPeriod()),
    parameters.votingPeriod,
  );
  await add(
    `proposal threshold is ${parameters.proposalThreshold} score units`,
    () => governor.proposalThreshold(),
    BigInt(parameters.proposalThreshold),
  );
  await add(
    `quorum numerator is ${parameters.quorumNumerator}% of the total score`,
    async () => Number(await governor.quorumNumerator()),
    parameters.quorumNumerator,
  );
  await add(
    `late-quorum extension is ${parameters.lateQuorumExtension} s`,
    async () => Number(await governor.lateQuorumVoteExtension()),
    parameters.lateQuorumExtension,
  );
  await add("governor clock is timestamps", () => governor.CLOCK_MODE(), "mode=timestamp");
  await add(
    "level thresholds equal the parameters",
    async () => [...(await escrow.levelThresholds())],
    parameters.levelThresholds.map(BigInt),
  );
  await add("GovernanceToken is a reward token", () => distributor.isRewardToken(a.GovernanceToken), true);

  // Tokens locked for MIN_LOCK must stay locked until any proposal they voted on can run, or borrowed
  // tokens can pass a proposal and be repaid before it executes. Read from the chain, not the parameters.
  await holds(
    "governance window (voting delay + voting period + late-quorum extension + timelock delay) is within VotingEscrow.MIN_LOCK()",
    async () => {
      const [votingDelay, votingPeriod, extension, timelockDelay, minLock] = await Promise.all([
        governor.votingDelay(),
        governor.votingPeriod(),
        governor.lateQuorumVoteExtension(),
        timelock.getMinDelay(),
        escrow.MIN_LOCK(),
      ]);
      const window = BigInt(votingDelay) + BigInt(votingPeriod) + BigInt(extension) + BigInt(timelockDelay);
      return {
        ok: window <= BigInt(minLock),
        found: `window ${window} s (${votingDelay} + ${votingPeriod} + ${extension} + ${timelockDelay}) > MIN_LOCK ${minLock} s`,
      };
    },
  );
  await holds(`GovernanceToken has at most ${MAX_TOKEN_DECIMALS} decimals`, async () => {
    const decimals = Number(await token.decimals());
    return { ok: decimals <= MAX_TOKEN_DECIMALS, found: `found ${decimals}` };
  });

  // A fresh token's supply must not stay with the deployer, a key no vote controls.
  if (parameters.token === undefined) {
    const recipient = parameters.tokenRecipient ?? "treasury";
    if (recipient !== "deployer") {
      if (deployer !== undefined) {
        await add(`deployer ${deployer} holds no GovernanceToken`, () => token.balanceOf(deployer), 0n);
      }
    } else {
      await add(
        'tokenRecipient "deployer" (the deployer keeps the supply) only on the local chain',
        async () => Number((await provider.getNetwork()).chainId),
        LOCAL_CHAIN_ID,
      );
    }
  }
  return checks;
}

/** Everyone ever granted a timelock role, and the deployer (the sender of the constructor's grants). */
async function roleHistory(
  connection: NetworkConnection,
  timelock: Contract,
  fromBlock: number,
): Promise<{ deployer?: string; accounts: string[] }> {
  const latest = await connection.ethers.provider.getBlockNumber();
  const filter = timelock.filters.RoleGranted();
  const accounts = new Set<string>();
  let deployer: string | undefined;
  for (let start = fromBlock; start <= latest; start += LOG_CHUNK) {
    const logs = await timelock.queryFilter(filter, start, Math.min(start + LOG_CHUNK - 1, latest));
    for (const log of logs) {
      if (!("args" in log)) continue;
      const [, account, sender] = log.args as unknown as [string, string, string];
      accounts.add(account);
      deployer ??= sender;
    }
  }
  return { deployer, accounts: [...accounts] };
}

function fmt(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fmt).join(", ")}]`;
  return typeof value === "bigint" ? value.toString() : String(value);
}

/** Prints one line per check and returns the number of failures. */
export function printChecks(checks: Check[], log: (line: string) => void = console.log): number {
  for (const check of checks) log(`${check.ok ? "✓" : "✗"} ${check.name}${check.detail ? ` — ${check.detail}` : ""}`);
  const failed = checks.filter((c) => !c.ok).length;
  log(failed === 0 ? `\nAll ${checks.length} checks passed.` : `\n${failed} of ${checks.length} checks failed.`);
  return failed;
}
