import type { Contract } from "ethers";
import type { BenchRow } from "./table.js";

/** 1 token in base units (18 decimals). */
export const E18 = 10n ** 18n;
/** One week in seconds. */
export const WEEK = 7n * 24n * 3600n;
/** The longest lock, 52 weeks in seconds. */
export const MAX_LOCK = 52n * WEEK;
/** The shortest lock that may receive tokens, 4 weeks in seconds. */
export const MIN_LOCK = 4n * WEEK;

/** The gas used by a transaction, once mined. */
export async function gasOf(tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}

/** A function that appends a row of `section` to `rows`. */
export function rowAppender(rows: BenchRow[], section: string) {
  return (action: string, gas: bigint, target?: bigint, reference?: string, note?: string) =>
    rows.push({ section, action, gas, target, reference, note });
}

type Connection = Awaited<ReturnType<(typeof import("hardhat"))["network"]["create"]>>;

/**
 * Locks `amount` for a fresh address, funded by the escrow's signer, as a vesting contract would: the
 * address first allows the funder (SPEC §2: `createLockFor` needs the account's consent). For background
 * stakers in benches.
 */
export async function lockForNewAccount(
  { ethers, networkHelpers }: Connection,
  escrow: Contract,
  funder: string,
  amount: bigint,
  unlockTime: bigint,
): Promise<void> {
  const account = ethers.Wallet.createRandom().address;
  await networkHelpers.impersonateAccount(account);
  await networkHelpers.setBalance(account, 10n ** 18n);
  await escrow.connect(await ethers.getSigner(account)).getFunction("setLockCreator")(funder, true);
  await networkHelpers.stopImpersonatingAccount(account);
  await escrow.getFunction("createLockFor")(account, amount, unlockTime);
}
