// Staking Score arithmetic (SPEC.md §2), mirrored from contracts/libraries/StakingScore.sol so that the
// stored parts reproduce VotingEscrow.balanceOfAt, getPastVotes and totalSupplyAt exactly. A lock's amount is
// in token units (as in the events and `locked()`); the score works in 18-decimal units, amount * unit.
import { BigInt, Bytes } from "@graphprotocol/graph-ts";
import { Account, Protocol } from "../generated/schema";
import { getOrCreateSupplyExpiry, getOrCreateVotesExpiry, MAX_LOCK, WEEK, ZERO } from "./entities";

export class Lock {
  /** `amount` in token units; `unit` = 10**(18 - token decimals) (Protocol.scoreUnit). */
  constructor(
    public amount: BigInt,
    public end: BigInt,
    public autoMax: boolean,
    public unit: BigInt,
  ) {}

  static none(): Lock {
    return new Lock(ZERO, ZERO, false, BigInt.fromI32(1));
  }

  static of(account: Account, unit: BigInt): Lock {
    return new Lock(account.lockAmount, account.lockEnd, account.autoMax, unit);
  }

  /** The amount in 18-decimal score units: the flat part of the score. */
  units(): BigInt {
    return this.amount.times(this.unit);
  }

  slope(): BigInt {
    return this.units().div(MAX_LOCK);
  }

  scoreAt(t: BigInt): BigInt {
    if (this.autoMax) return this.units().plus(this.slope().times(MAX_LOCK));
    if (t.ge(this.end)) return ZERO;
    return this.units().plus(this.slope().times(this.end.minus(t)));
  }

  /** Whether the lock decays at `t` and so is scheduled to leave aggregates at `end`. */
  isScheduled(t: BigInt): boolean {
    return !this.autoMax && this.end.gt(t);
  }
}

export function epochStart(t: BigInt): BigInt {
  return t.div(WEEK).times(WEEK);
}

/** Stores `lock` in the account's own score parts. */
export function writeLock(account: Account, lock: Lock): void {
  account.lockAmount = lock.amount;
  account.lockUnits = lock.units();
  account.lockEnd = lock.end;
  account.autoMax = lock.autoMax;
  account.lockSlope = lock.slope();
  account.lockBias = lock.autoMax ? ZERO : lock.slope().times(lock.end);
}

/** The level of `score`: the number of thresholds it reaches. */
export function levelOf(score: BigInt, thresholds: BigInt[]): i32 {
  for (let i = 0; i < thresholds.length; i++) {
    if (score.lt(thresholds[i])) return i;
  }
  return thresholds.length;
}

/**
 * A sum of scores: an account's votes or the protocol's total score (isSupply),
 * held as parts while it is being updated.
 */
export class Aggregate {
  flat: BigInt;
  slope: BigInt;
  bias: BigInt;
  autoMax: BigInt;
  updatedAt: BigInt;

  /** The delegate whose votes these are; unused for the total score. */
  delegate: Bytes;

  constructor(
    delegate: Bytes,
    public isSupply: boolean,
  ) {
    this.delegate = delegate;
    this.flat = ZERO;
    this.slope = ZERO;
    this.bias = ZERO;
    this.autoMax = ZERO;
    this.updatedAt = ZERO;
  }

  static ofVotes(account: Account): Aggregate {
    const aggregate = new Aggregate(account.id, false);
    aggregate.flat = account.votesFlat;
    aggregate.slope = account.votesSlope;
    aggregate.bias = account.votesBias;
    aggregate.autoMax = account.votesAutoMax;
    aggregate.updatedAt = account.votesUpdatedAt;
    return aggregate;
  }

  static ofSupply(protocol: Protocol): Aggregate {
    const aggregate = new Aggregate(new Bytes(0), true);
    aggregate.flat = protocol.scoreFlat;
    aggregate.slope = protocol.scoreSlope;
    aggregate.bias = protocol.scoreBias;
    aggregate.autoMax = protocol.scoreAutoMax;
    aggregate.updatedAt = protocol.scoreUpdatedAt;
    return aggregate;
  }

  writeVotes(account: Account): void {
    account.votesFlat = this.flat;
    account.votesSlope = this.slope;
    account.votesBias = this.bias;
    account.votesAutoMax = this.autoMax;
    account.votesUpdatedAt = this.updatedAt;
  }

  writeSupply(protocol: Protocol): void {
    protocol.scoreFlat = this.flat;
    protocol.scoreSlope = this.slope;
    protocol.scoreBias = this.bias;
    protocol.scoreAutoMax = this.autoMax;
    protocol.scoreUpdatedAt = this.updatedAt;
    protocol.totalScore = this.valueAt(this.updatedAt);
  }

  /** The sum at `t`, valid for updatedAt <= t < the first expiry after updatedAt (call `advance(t)` first). */
  valueAt(t: BigInt): BigInt {
    return this.autoMax.plus(this.flat).plus(this.bias).minus(this.slope.times(t));
  }

  /**
   * Moves the parts to `t >= updatedAt`, removing the locks that expired at the week boundaries in
   * (updatedAt, t]. Every counted lock ends at most MAX_LOCK after updatedAt, so at most 52 boundaries
   * are visited.
   */
  advance(t: BigInt): void {
    if (t.le(this.updatedAt)) return;
    if (!this.slope.isZero() || !this.flat.isZero()) {
      const first = epochStart(this.updatedAt).plus(WEEK);
      const last = epochStart(this.updatedAt).plus(MAX_LOCK);
      for (let week = first; week.le(t) && week.le(last); week = week.plus(WEEK)) {
        this.expire(week);
      }
    }
    this.updatedAt = t;
  }

  private expire(week: BigInt): void {
    let flat = ZERO;
    let slope = ZERO;
    if (!this.isSupply) {
      const expiry = getOrCreateVotesExpiry(this.delegate, week);
      flat = expiry.flat;
      slope = expiry.slope;
    } else {
      const expiry = getOrCreateSupplyExpiry(week);
      flat = expiry.flat;
      slope = expiry.slope;
    }
    this.flat = this.flat.minus(flat);
    this.slope = this.slope.minus(slope);
    this.bias = this.bias.minus(slope.times(week));
  }

  /** Replaces the contribution of `oldLock` by that of `newLock` at `t` (advances to `t` first). */
  replace(t: BigInt, oldLock: Lock, newLock: Lock): void {
    this.advance(t);
    if (oldLock.autoMax) {
      this.autoMax = this.autoMax.minus(oldLock.scoreAt(t));
    } else if (oldLock.isScheduled(t)) {
      this.addDecaying(oldLock, true);
    }
    if (newLock.autoMax) {
      this.autoMax = this.autoMax.plus(newLock.scoreAt(t));
    } else if (newLock.isScheduled(t)) {
      this.addDecaying(newLock, false);
    }
  }

  private addDecaying(lock: Lock, remove: boolean): void {
    let amount = lock.units();
    let slope = lock.slope();
    if (remove) {
      amount = amount.neg();
      slope = slope.neg();
    }
    this.flat = this.flat.plus(amount);
    this.slope = this.slope.plus(slope);
    this.bias = this.bias.plus(slope.times(lock.end));
    if (!this.isSupply) {
      const expiry = getOrCreateVotesExpiry(this.delegate, lock.end);
      expiry.flat = expiry.flat.plus(amount);
      expiry.slope = expiry.slope.plus(slope);
      expiry.save();
    } else {
      const expiry = getOrCreateSupplyExpiry(lock.end);
      expiry.flat = expiry.flat.plus(amount);
      expiry.slope = expiry.slope.plus(slope);
      expiry.save();
    }
  }
}
