// VotingEscrow handlers: locks, delegation, levels. Every score part is derived from the events alone.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import {
  AutoMaxSet,
  DelegateChanged,
  DelegateVotesChanged,
  LevelThresholdsSet,
  LockCreated,
  LockExtended,
  LockIncreased,
  Withdrawn,
} from "../generated/VotingEscrow/VotingEscrow";
import { Account, DelegateChange, LockEvent, Protocol } from "../generated/schema";
import { eventId, getOrCreateAccount, getOrCreateDailySnapshot, getOrCreateProtocol, ZERO } from "./entities";
import { Aggregate, levelOf, Lock, writeLock } from "./score";

/** `address` as an entity, reusing `current` when it is the same account so that no update is lost. */
function accountFor(address: Bytes, current: Account): Account {
  if (address.equals(current.id)) return current;
  return getOrCreateAccount(Address.fromBytes(address));
}

/** Moves `account`'s contribution to the votes of `delegate` from `oldLock` to `newLock` at `t`. */
function replaceVotes(delegate: Account, t: BigInt, oldLock: Lock, newLock: Lock): void {
  const votes = Aggregate.ofVotes(delegate);
  votes.replace(t, oldLock, newLock);
  votes.writeVotes(delegate);
}

function finishProtocol(protocol: Protocol, event: ethereum.Event, lockEvents: i32): void {
  protocol.updatedAt = event.block.timestamp;
  protocol.lockEventCount += lockEvents;
  protocol.save();
  const snapshot = getOrCreateDailySnapshot(protocol, event.block.timestamp);
  snapshot.lockEventCount += lockEvents;
  snapshot.save();
}

/**
 * Applies a lock change of `accountAddress` to the account, its delegate's votes and the total score,
 * and records it as a LockEvent.
 */
function changeLock(
  event: ethereum.Event,
  accountAddress: Address,
  newLock: Lock,
  kind: string,
  funder: Bytes | null,
  amountMoved: BigInt,
): void {
  const t = event.block.timestamp;
  const protocol = getOrCreateProtocol();
  const account = getOrCreateAccount(accountAddress);
  const oldLock = Lock.of(account);

  const supply = Aggregate.ofSupply(protocol);
  supply.replace(t, oldLock, newLock);
  supply.writeSupply(protocol);

  const delegate = accountFor(account.delegate, account);
  replaceVotes(delegate, t, oldLock, newLock);
  if (delegate !== account) delegate.save();

  if (oldLock.amount.isZero() && !newLock.amount.isZero()) {
    protocol.stakerCount += 1;
    account.lockCreatedAt = t;
  } else if (!oldLock.amount.isZero() && newLock.amount.isZero()) {
    protocol.stakerCount -= 1;
    account.lockCreatedAt = null;
  }
  protocol.totalLocked = protocol.totalLocked.plus(newLock.amount).minus(oldLock.amount);
  if (newLock.amount.gt(oldLock.amount)) {
    account.totalDeposited = account.totalDeposited.plus(newLock.amount.minus(oldLock.amount));
  } else if (newLock.amount.lt(oldLock.amount)) {
    account.totalWithdrawn = account.totalWithdrawn.plus(oldLock.amount.minus(newLock.amount));
  }

  writeLock(account, newLock);
  const score = newLock.scoreAt(t);
  account.level = levelOf(score, protocol.levelThresholds);
  account.lockUpdatedAt = t;
  account.save();

  const lockEvent = new LockEvent(eventId(event));
  lockEvent.kind = kind;
  lockEvent.account = account.id;
  lockEvent.funder = funder;
  lockEvent.amount = amountMoved;
  lockEvent.lockAmount = newLock.amount;
  lockEvent.previousEnd = oldLock.end;
  lockEvent.lockEnd = newLock.end;
  lockEvent.autoMax = newLock.autoMax;
  lockEvent.score = score;
  lockEvent.timestamp = t;
  lockEvent.blockNumber = event.block.number;
  lockEvent.transactionHash = event.transaction.hash;
  lockEvent.save();

  finishProtocol(protocol, event, 1);
}

export function handleLockCreated(event: LockCreated): void {
  const lock = new Lock(event.params.amount, event.params.end, false);
  changeLock(event, event.params.account, lock, "Create", event.params.funder, event.params.amount);
}

export function handleLockIncreased(event: LockIncreased): void {
  const current = Lock.of(getOrCreateAccount(event.params.account));
  const lock = new Lock(event.params.newAmount, current.end, current.autoMax);
  const kind = event.params.funder.equals(event.params.account) ? "Increase" : "DepositFor";
  changeLock(event, event.params.account, lock, kind, event.params.funder, event.params.amount);
}

export function handleLockExtended(event: LockExtended): void {
  const current = Lock.of(getOrCreateAccount(event.params.account));
  const lock = new Lock(current.amount, event.params.newEnd, false);
  changeLock(event, event.params.account, lock, "Extend", null, ZERO);
}

export function handleAutoMaxSet(event: AutoMaxSet): void {
  const current = Lock.of(getOrCreateAccount(event.params.account));
  const lock = new Lock(current.amount, event.params.end, event.params.enabled);
  changeLock(event, event.params.account, lock, event.params.enabled ? "AutoMaxOn" : "AutoMaxOff", null, ZERO);
}

export function handleWithdrawn(event: Withdrawn): void {
  changeLock(event, event.params.account, Lock.none(), "Withdraw", null, event.params.amount);
}

export function handleLevelThresholdsSet(event: LevelThresholdsSet): void {
  const protocol = getOrCreateProtocol();
  protocol.levelThresholds = event.params.thresholds;
  finishProtocol(protocol, event, 0);
}

export function handleDelegateChanged(event: DelegateChanged): void {
  const t = event.block.timestamp;
  const protocol = getOrCreateProtocol();
  const account = getOrCreateAccount(event.params.delegator);
  const from = accountFor(event.params.fromDelegate, account);
  const to = accountFor(event.params.toDelegate, account);
  const lock = Lock.of(account);
  const active = lock.autoMax || lock.end.gt(t);

  // As VotingEscrow._delegate: an expired lock moves nothing (it already left every aggregate).
  if (active) {
    replaceVotes(from, t, lock, Lock.none());
    replaceVotes(to, t, Lock.none(), lock);
  }
  if (from !== account) from.delegatorCount -= 1;
  if (to !== account) to.delegatorCount += 1;
  account.delegate = to.id;
  if (from !== account) from.save();
  if (to !== account) to.save();
  account.save();

  const change = new DelegateChange(eventId(event));
  change.delegator = account.id;
  change.fromDelegate = from.id;
  change.toDelegate = to.id;
  change.score = active ? lock.scoreAt(t) : ZERO;
  change.timestamp = t;
  change.blockNumber = event.block.number;
  change.transactionHash = event.transaction.hash;
  change.save();

  protocol.delegateChangeCount += 1;
  finishProtocol(protocol, event, 0);
}

export function handleDelegateVotesChanged(event: DelegateVotesChanged): void {
  const account = getOrCreateAccount(event.params.delegate);
  account.votes = event.params.newVotes;
  account.votesReportedAt = event.block.timestamp;
  account.save();
}
