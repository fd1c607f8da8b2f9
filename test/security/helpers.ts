/**
 * Shared setup of the security tests (test/security/*.test.ts): each test there reproduces a known attack on
 * vote-escrow or governance systems and shows that Lockstep stops it, or bounds it with the bound asserted.
 * docs/security.md lists every test with the incident it mirrors.
 *
 * Expected scores come from the reference model (test/model/VotingEscrowModel.ts, the SPEC.md §2 formula)
 * applied to 18-decimal score units (`units = amount * 10**(18 - decimals)`).
 */
import type { Contract, Signer } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { type LockstepParameters, deploySystem, loadParameters } from "../../scripts/lib/deployment.js";
import { MAX_LOCK, MIN_LOCK, WEEK, epochStart, scoreOf, unitOf } from "../model/VotingEscrowModel.js";

export { MAX_LOCK, MIN_LOCK, WEEK, epochStart, scoreOf, unitOf };
/** 1 token of an 18-decimal token. */
export const ONE = 10n ** 18n;

/** The first week boundary at or after `t`. */
export function ceilWeek(t: bigint): bigint {
  const start = epochStart(t);
  return start === t ? t : start + WEEK;
}

/** The earliest `end` a lock made or topped up at `t` may have: the first week boundary `>= t + MIN_LOCK`. */
export function shortestEnd(t: bigint): bigint {
  return ceilWeek(t + MIN_LOCK);
}

/** The score at `t` of a lock of `amount` token units of a `decimals`-decimal token ending at `end`. */
export function scoreOfTokens(amount: bigint, end: bigint, t: bigint, decimals = 18n): bigint {
  return scoreOf({ amount, end, autoMax: false }, t, unitOf(Number(decimals)));
}

/** Governance window (SPEC.md §6): voting delay + voting period + late-quorum extension + timelock delay. */
export function governanceWindow(p: LockstepParameters): bigint {
  return BigInt(p.votingDelay) + BigInt(p.votingPeriod) + BigInt(p.lateQuorumExtension) + BigInt(p.timelockDelay);
}

export interface GovernanceFixture {
  parameters: LockstepParameters;
  token: Contract;
  escrow: Contract;
  distributor: Contract;
  timelock: Contract;
  governor: Contract;
  deployer: Signer;
  /** A 52-week staker with 1M tokens (the honest majority of the review's proof of concept). */
  staker: Signer;
  /** Holds 3M tokens it lends out: a lending market for the attack. */
  lender: Signer;
  attacker: Signer;
  others: Signer[];
}

/** The staker's lock and the lender's tokens of the review's proof of concept. */
export const STAKED = 1_000_000n * ONE;
export const BORROWED = 3_000_000n * ONE;

/**
 * The production deployment (Ignition, SPEC.md §6 defaults: 1-day delay, 5-day period, 1-day extension,
 * 2-day timelock) with one 52-week staker and a lender; the attacker starts with nothing.
 */
export async function productionGovernanceFixture(connection: NetworkConnection): Promise<GovernanceFixture> {
  // The production profile, except that the deployer keeps the fresh token's supply (allowed on the local
  // chain only) and hands it out, standing in for a treasury's grants.
  const parameters: LockstepParameters = { ...(await loadParameters("production")), tokenRecipient: "deployer" };
  const system = await deploySystem(connection, parameters);
  const { token, escrow, distributor, timelock, governor } = system;
  const [deployer, staker, lender, attacker, ...others] = await connection.ethers.getSigners();
  const escrowAddress = await escrow.getAddress();
  await token.transfer(await staker.getAddress(), STAKED);
  await token.connect(staker).getFunction("approve")(escrowAddress, STAKED);
  const now = BigInt((await connection.ethers.provider.getBlock("latest"))!.timestamp);
  await escrow.connect(staker).getFunction("createLock")(STAKED, now + MAX_LOCK);
  await token.transfer(await lender.getAddress(), BORROWED);
  await connection.networkHelpers.time.increase(60);
  return {
    parameters,
    token,
    escrow,
    distributor,
    timelock,
    governor,
    deployer,
    staker,
    lender,
    attacker,
    others,
  };
}
