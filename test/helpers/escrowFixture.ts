/**
 * Reusable fixture for tests that need a GovernanceToken and a VotingEscrow.
 *
 * Usage (Hardhat 3, ethers v6, mocha):
 *
 *   import { network } from "hardhat";
 *   import { deployEscrowFixture } from "./helpers/escrowFixture.js";
 *   const { networkHelpers } = await network.connect();
 *   const { token, escrow, alice } = await networkHelpers.loadFixture(deployEscrowFixture);
 *
 * `deployEscrowFixture` is a named function that takes the network connection, as `loadFixture`
 * expects, so every test file gets a snapshot of the same state:
 * - `token`: GovernanceToken "Lockstep" / "LOCK" (ERC-20 + ERC-2612), 1e9 tokens minted to `deployer`;
 * - `escrow`: VotingEscrow(token, admin.address), deployed by `deployer`;
 * - `admin`: the escrow admin (stands in for the DAO timelock);
 * - `alice`, `bob`, `carol`, `dave`: each holds `FUNDED_AMOUNT` tokens and has approved the escrow for
 *   an unlimited amount;
 * - `eve`: holds `FUNDED_AMOUNT` tokens but has approved nothing (for permit tests);
 * - `others`: the remaining signers, without tokens.
 *
 * The pure score helpers below (`epochStart`, `slopeOf`, `scoreAt`) restate SPEC.md §2 in bigint
 * arithmetic, so tests compute expected values from the formula instead of hard-coding them.
 */
import type { NetworkConnection } from "hardhat/types/network";

import type { GovernanceToken, VotingEscrow } from "../../types/ethers-contracts/index.js";

/** One week in seconds (SPEC.md §1). */
export const WEEK = 7n * 24n * 60n * 60n;
/** The longest lock, 52 weeks in seconds (SPEC.md §2). */
export const MAX_LOCK = 52n * WEEK;
/** 1 token in base units (18 decimals). */
export const ONE = 10n ** 18n;
/** Tokens minted to the deployer. */
export const INITIAL_SUPPLY = 1_000_000_000n * ONE;
/** Tokens given to each of alice, bob, carol, dave and eve. */
export const FUNDED_AMOUNT = 10_000_000n * ONE;
/** Default level thresholds (SPEC.md §4), in 18-decimal score units. */
export const DEFAULT_THRESHOLDS: readonly bigint[] = [
  22_000n,
  50_000n,
  100_000n,
  250_000n,
  500_000n,
  1_000_000n,
  2_000_000n,
  3_500_000n,
  5_000_000n,
  7_777_000n,
].map((x) => x * ONE);

/** A lock as `VotingEscrow.locked` reports it (`end` is 0 while auto-max is on). */
export interface LockState {
  amount: bigint;
  end: bigint;
  autoMax: boolean;
}

/** `t / WEEK * WEEK`. */
export function epochStart(t: bigint): bigint {
  return (t / WEEK) * WEEK;
}

/** `amount / MAX_LOCK` (integer division). */
export function slopeOf(amount: bigint): bigint {
  return amount / MAX_LOCK;
}

/** The Staking Score of `lock` at time `t`, per SPEC.md §2. */
export function scoreAt(lock: LockState, t: bigint): bigint {
  if (lock.autoMax) return lock.amount + slopeOf(lock.amount) * MAX_LOCK;
  if (t >= lock.end) return 0n;
  return lock.amount + slopeOf(lock.amount) * (lock.end - t);
}

type Signer = Awaited<ReturnType<NetworkConnection["ethers"]["getSigners"]>>[number];

export interface EscrowFixture {
  token: GovernanceToken;
  escrow: VotingEscrow;
  deployer: Signer;
  admin: Signer;
  alice: Signer;
  bob: Signer;
  carol: Signer;
  dave: Signer;
  eve: Signer;
  others: Signer[];
}

/** Deploys GovernanceToken + VotingEscrow and funds the test accounts (see the file comment). */
export async function deployEscrowFixture(connection: NetworkConnection): Promise<EscrowFixture> {
  const { ethers } = connection;
  const [deployer, admin, alice, bob, carol, dave, eve, ...others] = await ethers.getSigners();

  const token = (await ethers.deployContract("GovernanceToken", [
    "Lockstep",
    "LOCK",
    deployer.address,
    INITIAL_SUPPLY,
  ])) as unknown as GovernanceToken;
  const escrow = (await ethers.deployContract("VotingEscrow", [
    await token.getAddress(),
    admin.address,
  ])) as unknown as VotingEscrow;

  for (const account of [alice, bob, carol, dave]) {
    await token.transfer(account.address, FUNDED_AMOUNT);
    await token.connect(account).approve(await escrow.getAddress(), ethers.MaxUint256);
  }
  await token.transfer(eve.address, FUNDED_AMOUNT);

  return { token, escrow, deployer, admin, alice, bob, carol, dave, eve, others };
}
