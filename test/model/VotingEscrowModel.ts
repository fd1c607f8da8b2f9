/**
 * A reference model of the Lockstep VotingEscrow (SPEC.md §2-§4), written from the specification for
 * differential testing.
 *
 * It deliberately does NOT mirror the contract's storage: there are no aggregates, slope changes or
 * checkpoints here. The model keeps the full history of every account's lock and delegatee and derives
 * every number from the score formula:
 *
 * - `balanceOfAt(a, t)`  = score at `t` of the lock `a` held at `t` (the last state recorded at or before `t`);
 * - `totalSupplyAt(t)`   = plain sum of `balanceOfAt(a, t)` over all accounts;
 * - `getVotesAt(d, t)`   = sum of `balanceOfAt(a, t)` over the accounts whose delegatee at `t` is `d`
 *                          (every account delegates to itself until it delegates).
 *
 * Each mutating method takes the block timestamp `now` at which the transaction runs and either applies the
 * change or throws a {@link ModelError} naming the custom error (and its arguments) the contract must revert
 * with. Time must never go backwards; several operations may share one timestamp (same block), in which case
 * the last one wins for lookups at that timestamp, as in the contract.
 *
 * Addresses are case-insensitive strings; the model returns them lower-cased.
 * Amounts are `bigint` token units, scores 18-decimal score units (`amount * unit`, `unit = 10**(18 - decimals)`),
 * times seconds.
 */

/** One week in seconds. Unlock times are multiples of it. */
export const WEEK = 7n * 24n * 60n * 60n;

/** The longest lock: 52 weeks in seconds. */
export const MAX_LOCK = 52n * WEEK;

/** The shortest time a lock that receives tokens must still run: 4 weeks in seconds. */
export const MIN_LOCK = 4n * WEEK;

/** The largest lock, in score units, the contract accepts (a score is at most twice it and fits 112 bits). */
export const MAX_AMOUNT = (2n ** 112n - 1n) / 2n;

/** One token base unit in 18-decimal score units, for a token with `decimals` decimals (at most 18). */
export function unitOf(decimals: number): bigint {
  if (decimals > 18) throw new ModelError("VotingEscrowUnsupportedDecimals", [BigInt(decimals)]);
  return 10n ** BigInt(18 - decimals);
}

/** Number of level thresholds. */
export const LEVEL_COUNT = 10;

/** Default level thresholds (SPEC §4), 18-decimal score units. */
export const DEFAULT_LEVEL_THRESHOLDS: readonly bigint[] = [
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
].map((x) => x * 10n ** 18n);

export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

/** The state of one lock. `end` is 0 while `autoMax` is on and for "no lock" (`amount == 0`). */
export interface LockState {
  amount: bigint;
  end: bigint;
  autoMax: boolean;
}

/** A lock state and the timestamp from which it holds. */
export interface LockRecord extends LockState {
  from: bigint;
}

/** A delegatee and the timestamp from which the account delegates to it. */
export interface DelegationRecord {
  from: bigint;
  delegatee: string;
}

/**
 * The revert the contract must produce: `errorName` is the custom error's name (as declared in
 * IVotingEscrow), `args` its arguments (bigint, string address in lower case, or boolean).
 */
export class ModelError extends Error {
  constructor(
    readonly errorName: string,
    readonly args: readonly (bigint | string | boolean)[] = [],
  ) {
    super(`${errorName}(${args.map(String).join(", ")})`);
    this.name = "ModelError";
  }
}

/** The start of the week containing `t`. */
export function epochStart(t: bigint): bigint {
  return (t / WEEK) * WEEK;
}

/** The slope of a lock of `units` score units: the bonus it loses per second. */
export function slopeOf(units: bigint): bigint {
  return units / MAX_LOCK;
}

/**
 * The Staking Score of `lock` at time `t` (SPEC §2), in score units; `unit` scales the lock's token amount
 * (1 for an 18-decimal token).
 */
export function scoreOf(lock: LockState, t: bigint, unit: bigint = 1n): bigint {
  const units = lock.amount * unit;
  if (units === 0n) return 0n;
  const slope = slopeOf(units);
  if (lock.autoMax) return units + slope * MAX_LOCK;
  if (t < lock.end) return units + slope * (lock.end - t);
  return 0n;
}

/** The level (0..thresholds.length) reached by `score`: the number of thresholds it is at or above. */
export function levelOfScore(score: bigint, thresholds: readonly bigint[]): number {
  let level = 0;
  while (level < thresholds.length && score >= thresholds[level]) level++;
  return level;
}

const NO_LOCK: LockState = { amount: 0n, end: 0n, autoMax: false };

function norm(address: string): string {
  return address.toLowerCase();
}

/** The last record whose `from` is at or before `t`, or undefined. Records are in time order. */
function recordAt<R extends { from: bigint }>(records: readonly R[], t: bigint): R | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    if (records[i].from <= t) return records[i];
  }
  return undefined;
}

export class VotingEscrowModel {
  private readonly _locks = new Map<string, LockRecord[]>();
  private readonly _delegations = new Map<string, DelegationRecord[]>();
  private _thresholds: bigint[] = [...DEFAULT_LEVEL_THRESHOLDS];
  private _now = 0n;
  private _totalLocked = 0n;
  private readonly _admin: string;
  private readonly _lockCreators = new Set<string>();
  /** One token base unit in score units. */
  readonly unit: bigint;
  /** The largest lock in token units. */
  readonly maxAmount: bigint;

  /**
   * @param admin The address allowed to set level thresholds (the DAO timelock).
   * @param decimals The locked token's decimals (at most 18).
   */
  constructor(admin: string = ZERO_ADDRESS, decimals = 18) {
    this._admin = norm(admin);
    this.unit = unitOf(decimals);
    this.maxAmount = MAX_AMOUNT / this.unit;
  }

  // -------------------------------------------------------------------------------------------
  // Locks
  // -------------------------------------------------------------------------------------------

  /**
   * `createLock(amount, unlockTime)` sent by `account` at `now`; `funder` (default `account`) pays.
   * @returns The lock's end (unlockTime rounded down to a week).
   */
  createLock(account: string, amount: bigint, unlockTime: bigint, now: bigint, funder: string = account): bigint {
    void funder; // the funder only matters for token balances, which the model does not track per holder
    this._advance(now);
    const a = norm(account);
    if (a === ZERO_ADDRESS) throw new ModelError("VotingEscrowInvalidAccount", [a]);
    if (amount === 0n) throw new ModelError("VotingEscrowZeroAmount");
    if (amount > this.maxAmount) throw new ModelError("VotingEscrowAmountTooLarge", [amount, this.maxAmount]);
    if (this.locked(a).amount !== 0n) throw new ModelError("VotingEscrowLockExists", [a]);
    const end = this._checkUnlockTime(unlockTime, now);
    this._pushLock(a, now, { amount, end, autoMax: false });
    this._totalLocked += amount;
    return end;
  }

  /**
   * `createLockFor(account, amount, unlockTime)` sent by `funder` at `now`: the funder must be the account or
   * one of its lock creators; otherwise the same rules as {@link createLock}.
   */
  createLockFor(funder: string, account: string, amount: bigint, unlockTime: bigint, now: bigint): bigint {
    const [f, a] = [norm(funder), norm(account)];
    if (f !== a && !this.isLockCreator(a, f)) throw new ModelError("VotingEscrowLockCreatorNotAllowed", [a, f]);
    return this.createLock(account, amount, unlockTime, now, funder);
  }

  /** `setLockCreator(creator, allowed)` sent by `account`. */
  setLockCreator(account: string, creator: string, allowed: boolean): void {
    const c = norm(creator);
    if (c === ZERO_ADDRESS) throw new ModelError("VotingEscrowInvalidAccount", [c]);
    const key = `${norm(account)}:${c}`;
    if (allowed) this._lockCreators.add(key);
    else this._lockCreators.delete(key);
  }

  /** Whether `account` allowed `creator` to create its lock. */
  isLockCreator(account: string, creator: string): boolean {
    return this._lockCreators.has(`${norm(account)}:${norm(creator)}`);
  }

  /**
   * `increaseAmount(amount)` sent by `account` at `now`.
   * @returns The new locked amount.
   */
  increaseAmount(account: string, amount: bigint, now: bigint): bigint {
    return this.depositFor(account, account, amount, now);
  }

  /**
   * `depositFor(account, amount)` sent by `funder` at `now`: adds to an existing lock that is auto-max or
   * ends at least `MIN_LOCK` from now; `end` and `autoMax` are unchanged.
   * @returns The new locked amount.
   */
  depositFor(funder: string, account: string, amount: bigint, now: bigint): bigint {
    void funder;
    this._advance(now);
    const a = norm(account);
    if (amount === 0n) throw new ModelError("VotingEscrowZeroAmount");
    const lock = this._requireActiveLock(a, now);
    if (!lock.autoMax && lock.end < now + MIN_LOCK) {
      throw new ModelError("VotingEscrowLockTooShort", [lock.end, now + MIN_LOCK]);
    }
    const newAmount = lock.amount + amount;
    if (newAmount > this.maxAmount) {
      throw new ModelError("VotingEscrowAmountTooLarge", [newAmount, this.maxAmount]);
    }
    this._pushLock(a, now, { ...lock, amount: newAmount });
    this._totalLocked += amount;
    return newAmount;
  }

  /**
   * `increaseUnlockTime(unlockTime)` sent by `account` at `now`.
   * @returns The new end.
   */
  increaseUnlockTime(account: string, unlockTime: bigint, now: bigint): bigint {
    this._advance(now);
    const a = norm(account);
    const lock = this._requireActiveLock(a, now);
    if (lock.autoMax) throw new ModelError("VotingEscrowAutoMaxEnabled", [a]);
    const end = this._checkUnlockTime(unlockTime, now);
    if (end <= lock.end) throw new ModelError("VotingEscrowUnlockTimeNotIncreased", [end, lock.end]);
    this._pushLock(a, now, { amount: lock.amount, end, autoMax: false });
    return end;
  }

  /**
   * `setAutoMax(enabled)` sent by `account` at `now`. On: the score is pinned at its maximum and `end` reads 0.
   * Off: `end = epochStart(now + MAX_LOCK)`.
   * @returns The new end (0 when switched on).
   */
  setAutoMax(account: string, enabled: boolean, now: bigint): bigint {
    this._advance(now);
    const a = norm(account);
    const lock = this.locked(a);
    if (lock.amount === 0n) throw new ModelError("VotingEscrowNoLock", [a]);
    if (lock.autoMax === enabled) throw new ModelError("VotingEscrowAutoMaxUnchanged", [a, enabled]);
    if (!lock.autoMax && now >= lock.end) throw new ModelError("VotingEscrowLockExpired", [a, lock.end]);
    const end = enabled ? 0n : epochStart(now + MAX_LOCK);
    this._pushLock(a, now, { amount: lock.amount, end, autoMax: enabled });
    return end;
  }

  /**
   * `withdraw()` sent by `account` at `now`: only once `now >= end` and auto-max is off.
   * @returns The amount paid out (the whole locked amount).
   */
  withdraw(account: string, now: bigint): bigint {
    this._advance(now);
    const a = norm(account);
    const lock = this.locked(a);
    if (lock.amount === 0n) throw new ModelError("VotingEscrowNoLock", [a]);
    if (lock.autoMax) throw new ModelError("VotingEscrowAutoMaxEnabled", [a]);
    if (now < lock.end) throw new ModelError("VotingEscrowLockNotExpired", [a, lock.end]);
    this._pushLock(a, now, NO_LOCK);
    this._totalLocked -= lock.amount;
    return lock.amount;
  }

  // -------------------------------------------------------------------------------------------
  // Delegation
  // -------------------------------------------------------------------------------------------

  /** `delegate(to)` sent by `account` at `now`: moves the whole score (present and future) to `to`. */
  delegate(account: string, to: string, now: bigint): void {
    this._advance(now);
    const a = norm(account);
    const d = norm(to);
    if (d === ZERO_ADDRESS) throw new ModelError("VotingEscrowInvalidAccount", [d]);
    const records = this._delegations.get(a) ?? [];
    records.push({ from: now, delegatee: d });
    this._delegations.set(a, records);
  }

  /** The current delegatee of `account` (the account itself until it delegates). */
  delegates(account: string): string {
    return this.delegatesAt(account, this._now);
  }

  /** The delegatee of `account` at `t` (for a future `t`, the current one). */
  delegatesAt(account: string, t: bigint): string {
    const a = norm(account);
    return recordAt(this._delegations.get(a) ?? [], t)?.delegatee ?? a;
  }

  // -------------------------------------------------------------------------------------------
  // Levels
  // -------------------------------------------------------------------------------------------

  /** `setLevelThresholds(thresholds)` sent by `caller`. */
  setLevelThresholds(caller: string, thresholds: readonly bigint[]): void {
    if (norm(caller) !== this._admin) throw new ModelError("VotingEscrowUnauthorized", [norm(caller)]);
    if (thresholds.length !== LEVEL_COUNT) {
      throw new ModelError("VotingEscrowInvalidThresholdCount", [BigInt(thresholds.length), BigInt(LEVEL_COUNT)]);
    }
    for (let i = 0; i < LEVEL_COUNT; i++) {
      if (thresholds[i] === 0n || (i > 0 && thresholds[i] <= thresholds[i - 1])) {
        throw new ModelError("VotingEscrowThresholdsNotAscending", [BigInt(i)]);
      }
    }
    this._thresholds = [...thresholds];
  }

  /** The current level thresholds. */
  levelThresholds(): bigint[] {
    return [...this._thresholds];
  }

  /** The level of `account` at `t` against `thresholds` (default: the current ones). */
  levelAt(account: string, t: bigint, thresholds: readonly bigint[] = this._thresholds): number {
    return levelOfScore(this.balanceOfAt(account, t), thresholds);
  }

  // -------------------------------------------------------------------------------------------
  // Views
  // -------------------------------------------------------------------------------------------

  /** The latest timestamp the model has seen. */
  get now(): bigint {
    return this._now;
  }

  /** The tokens held by the escrow: the sum of all locked amounts not yet withdrawn. */
  totalLocked(): bigint {
    return this._totalLocked;
  }

  /** Every account that has ever locked or delegated (lower-cased). */
  accounts(): string[] {
    return [...new Set([...this._locks.keys(), ...this._delegations.keys()])];
  }

  /** The current lock of `account` as `locked(account)` reports it. */
  locked(account: string): LockState {
    return this.lockAt(account, this._now);
  }

  /** The lock `account` held at `t` (for a future `t`, the current one). */
  lockAt(account: string, t: bigint): LockState {
    const record = recordAt(this._locks.get(norm(account)) ?? [], t);
    if (record === undefined) return { ...NO_LOCK };
    return { amount: record.amount, end: record.end, autoMax: record.autoMax };
  }

  /** The full lock history of `account`, oldest first. */
  lockHistory(account: string): readonly LockRecord[] {
    return [...(this._locks.get(norm(account)) ?? [])];
  }

  /** The full delegation history of `account`, oldest first. */
  delegationHistory(account: string): readonly DelegationRecord[] {
    return [...(this._delegations.get(norm(account)) ?? [])];
  }

  /** The Staking Score of `account` at `t`; for a future `t`, the projection of the current lock. */
  balanceOfAt(account: string, t: bigint): bigint {
    return scoreOf(this.lockAt(account, t), t, this.unit);
  }

  /** The sum of all scores at `t`. */
  totalSupplyAt(t: bigint): bigint {
    let total = 0n;
    for (const a of this._locks.keys()) total += this.balanceOfAt(a, t);
    return total;
  }

  /** The votes of `account` at `t`: the scores at `t` of every account delegating to it at `t`. */
  getVotesAt(account: string, t: bigint): bigint {
    const d = norm(account);
    let votes = 0n;
    for (const a of this._locks.keys()) {
      if (this.delegatesAt(a, t) === d) votes += this.balanceOfAt(a, t);
    }
    return votes;
  }

  // -------------------------------------------------------------------------------------------
  // Internal
  // -------------------------------------------------------------------------------------------

  private _advance(now: bigint): void {
    if (now < this._now) throw new Error(`model time went backwards: ${now} < ${this._now}`);
    this._now = now;
  }

  private _pushLock(account: string, now: bigint, lock: LockState): void {
    const records = this._locks.get(account) ?? [];
    records.push({ from: now, amount: lock.amount, end: lock.autoMax ? 0n : lock.end, autoMax: lock.autoMax });
    this._locks.set(account, records);
  }

  /** An existing lock that still counts at `now` (auto-max, or `now < end`). */
  private _requireActiveLock(account: string, now: bigint): LockState {
    const lock = this.locked(account);
    if (lock.amount === 0n) throw new ModelError("VotingEscrowNoLock", [account]);
    if (!lock.autoMax && now >= lock.end) throw new ModelError("VotingEscrowLockExpired", [account, lock.end]);
    return lock;
  }

  /** Rounds `unlockTime` down to a week and checks `now + MIN_LOCK <= end <= now + MAX_LOCK`. */
  private _checkUnlockTime(unlockTime: bigint, now: bigint): bigint {
    const end = epochStart(unlockTime);
    if (end < now + MIN_LOCK) throw new ModelError("VotingEscrowLockTooShort", [end, now + MIN_LOCK]);
    if (end > now + MAX_LOCK) throw new ModelError("VotingEscrowUnlockTooLate", [end, now + MAX_LOCK]);
    return end;
  }
}
