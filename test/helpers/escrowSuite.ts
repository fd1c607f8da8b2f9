/**
 * The shared setup of the VotingEscrow unit and boundary test files: one network connection, the fixture's
 * contracts and accounts as live bindings, and the escrow helpers. A file calls `useEscrowFixture()` inside its
 * top-level `describe`; every test then starts from a snapshot of `deployEscrowFixture` and reads the
 * exported `escrow`, `alice`, … (ES module bindings, so the values reassigned in `beforeEach` are seen).
 */
import { network } from "hardhat";

import type { GovernanceToken, VotingEscrow } from "../../types/ethers-contracts/index.js";
import { WEEK, deployEscrowFixture, epochStart, escrowHelpers, type EscrowFixture } from "./escrowFixture.js";

export type Signer = EscrowFixture["alice"];

export const { ethers, networkHelpers } = await network.create();
export const { time } = networkHelpers;

export let f: EscrowFixture;
export let escrow: VotingEscrow;
export let token: GovernanceToken;
export let escrowAddress: string;
export let admin: Signer, alice: Signer, bob: Signer, carol: Signer, dave: Signer, eve: Signer;
/** A week boundary strictly after the fixture's last block; tests schedule their transactions from it. */
export let W: bigint;

export const { latest, at, lockOf, lockAt, eventArgs, mined, chainId, inOneBlock } = escrowHelpers(
  { ethers, networkHelpers },
  () => escrow,
);

/** Registers the `beforeEach` that restores the fixture and sets the exported bindings. */
export function useEscrowFixture(): void {
  beforeEach(async function () {
    f = await networkHelpers.loadFixture(deployEscrowFixture);
    ({ escrow, token, admin, alice, bob, carol, dave, eve } = f);
    escrowAddress = await escrow.getAddress();
    W = epochStart(await latest()) + WEEK;
  });
}
