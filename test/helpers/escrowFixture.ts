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
 * The pure score helpers (`epochStart`, `slopeOf`, `scoreAt`) and the time constants are re-exported from
 * the reference model (test/model/VotingEscrowModel.ts), which restates docs/spec.md §2 in bigint arithmetic, so
 * tests compute expected values from the formula instead of hard-coding them and the formula exists once.
 */
import { expect } from "chai";
import type { ContractTransactionReceipt, ContractTransactionResponse } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import type { GovernanceToken, VotingEscrow } from "../../types/ethers-contracts/index.js";
import { E18 } from "../../shared/protocol.ts";
import { epochStart, type LockState } from "../model/VotingEscrowModel.js";

// `scoreOf` of the model is the docs/spec.md §2 score; tests call it `scoreAt`.
export {
  DEFAULT_LEVEL_THRESHOLDS as DEFAULT_THRESHOLDS,
  MAX_AMOUNT,
  MAX_LOCK,
  MIN_LOCK,
  WEEK,
  epochStart,
  scoreOf as scoreAt,
  slopeOf,
  type LockState,
} from "../model/VotingEscrowModel.js";

/** 1 token in base units (18 decimals). */
export const ONE = E18;
/** Tokens minted to the deployer. */
export const INITIAL_SUPPLY = 1_000_000_000n * ONE;
/** Tokens given to each of alice, bob, carol, dave and eve. */
export const FUNDED_AMOUNT = 10_000_000n * ONE;

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

/** No lock, as `VotingEscrow.locked` reports it. */
export const NO_LOCK: LockState = { amount: 0n, end: 0n, autoMax: false };

/** The level (number of thresholds at or below `score`) the contract should report. */
export function levelFor(score: bigint, thresholds: readonly bigint[]): bigint {
  let level = 0n;
  for (const threshold of thresholds) if (score >= threshold) level++;
  return level;
}

/**
 * Time, block and lock helpers for a test file, bound to its network connection and to the escrow the
 * current test uses (`escrow()` is read on every call, so a `let` reassigned in `beforeEach` works).
 */
export function escrowHelpers(
  { ethers, networkHelpers }: Pick<NetworkConnection, "ethers" | "networkHelpers">,
  escrow: () => VotingEscrow,
) {
  const { time } = networkHelpers;
  return {
    /** The latest block's timestamp. */
    async latest(): Promise<bigint> {
      return BigInt(await time.latest());
    },
    /** The next transaction (or reverted estimate) runs with `block.timestamp == t`. */
    async at(t: bigint): Promise<void> {
      await time.setNextBlockTimestamp(t);
    },
    /** The lock of `account` as the contract reports it. */
    async lockOf(account: string): Promise<LockState> {
      const [amount, end, autoMax] = await escrow().locked(account);
      return { amount, end, autoMax };
    },
    /** Creates a lock for `signer` in a block at `t` and returns the lock the contract should hold. */
    async lockAt(signer: Signer, amount: bigint, unlockTime: bigint, t: bigint): Promise<LockState> {
      await time.setNextBlockTimestamp(t);
      await escrow().connect(signer).createLock(amount, unlockTime);
      return { amount, end: epochStart(unlockTime), autoMax: false };
    },
    /** The args of every `eventName` log of the escrow in `receipt`, in order, as plain arrays. */
    eventArgs(receipt: ContractTransactionReceipt | null, eventName: string): unknown[][] {
      const address = String(escrow().target).toLowerCase();
      const out: unknown[][] = [];
      for (const log of receipt!.logs) {
        if (log.address.toLowerCase() !== address) continue;
        const parsed = escrow().interface.parseLog(log);
        if (parsed?.name === eventName) out.push([...parsed.args]);
      }
      return out;
    },
    /** The receipt of a sent transaction, once mined. */
    async mined(tx: Promise<ContractTransactionResponse>): Promise<ContractTransactionReceipt> {
      return (await (await tx).wait())!;
    },
    /** The chain id the escrow is deployed on (for EIP-712 domains). */
    async chainId(): Promise<bigint> {
      return (await ethers.provider.getNetwork()).chainId;
    },
    /** Runs `send` with automine off and mines everything it sent in one block at `t`. */
    async inOneBlock(
      t: bigint,
      send: () => Promise<ContractTransactionResponse[]>,
    ): Promise<ContractTransactionReceipt[]> {
      await ethers.provider.send("evm_setAutomine", [false]);
      let txs: ContractTransactionResponse[];
      try {
        txs = await send();
        await time.setNextBlockTimestamp(t);
        await networkHelpers.mine();
      } finally {
        await ethers.provider.send("evm_setAutomine", [true]);
      }
      const receipts = (await Promise.all(txs.map((tx) => tx.wait()))).map((r) => r!);
      expect(new Set(receipts.map((r) => r.blockNumber)).size, "all transactions in one block").to.equal(1);
      for (const r of receipts) expect(r.status).to.equal(1);
      return receipts;
    },
  };
}
