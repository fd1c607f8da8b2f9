// VotingEscrow handlers: locks, delegation, levels, lock creators. Every score part is derived from the events
// and the governance token's decimals, read once.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import { ERC20 } from "../generated/VotingEscrow/ERC20";
import {
  AutoMaxSet,
  DelegateChanged,
  DelegateVotesChanged,
  LevelThresholdsSet,
  LockCreated,
  LockCreatorSet,
  LockExtended,
  LockIncreased,
  VotingEscrow,
  Withdrawn,
} from "../generated/VotingEscrow/VotingEscrow";
import { Account, DelegateChange, LockEvent, Protocol } from "../generated/schema";
import {
  eventId,
  getOrCreateAccount,
  getOrCreateDailySnapshot,
  getOrCreateLockCreator,
  getOrCreateProtocol,
  ZERO,
} from "./entities";
import { Aggregate, levelOf, Lock, writeLock } from "./score";

/**
 * One token base unit in 18-decimal score units, 10**(18 - decimals): the events carry token units, the
 * score works in 18-decimal units. Read from the chain once, on the escrow's first event (the constructor's
 * LevelThresholdsSet), and kept on the Protocol; the escrow refuses tokens with more than 18 decimals.
 */
function scoreUnit(protocol: Protocol, escrow: Address): BigInt {
  const known = protocol.scoreUnit;
  if (known !== null) return known;
  const token = VotingEscrow.bind(escrow).token();
  const decimals = ERC20.bind(token).decimals();
  const unit = BigInt.fromI32(10).pow((18 - decimals) as u8);
  protocol.token = token;
  protocol.tokenDecimals = decimals;
  protocol.scoreUnit = unit;
  return unit;
}

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
 * Applies a lock change of `account` to the account, its delegate's votes and the total score, and records
 * it as a LockEvent. `protocol` must hold the score unit (see `scoreUnit`).
 */
function changeLock(
  event: ethereum.Event,
  protocol: Protocol,
  account: Account,
  newLock: Lock,
  kind: string,
  funder: Bytes | null,
  amountMoved: BigInt,
): void {
  const t = event.block.timestamp;
  const oldLock = Lock.of(account, newLock.unit);

  const supply = Aggregate.ofSupply(protocol);
  supply.replace(t, oldLock, newLock);
  supply.writeSupply(protocol);

  const delegate = accountFor(account.delegate, account);
  replaceVotes(delegate, t, oldLock, newLock);
  if (delegate !== account) delegate.save();

  if (oldLock.amount.isZero() && !newLock.amount.isZero()) {
    protocol.stakerCount += 1;
    account.lockCreatedAt = t;
    // VotingEscrow.firstLockTime: an account's first revenue claim starts at this week.
    if (account.firstLockAt === null) account.firstLockAt = t;
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
  const protocol = getOrCreateProtocol();
  const unit = scoreUnit(protocol, event.address);
  const account = getOrCreateAccount(event.params.account);
  const lock = new Lock(event.params.amount, event.params.end, false, unit);
  changeLock(event, protocol, account, lock, "Create", event.params.funder, event.params.amount);
}

export function handleLockIncreased(event: LockIncreased): void {
  const protocol = getOrCreateProtocol();
  const unit = scoreUnit(protocol, event.address);
  const account = getOrCreateAccount(event.params.account);
  const lock = new Lock(event.params.newAmount, account.lockEnd, account.autoMax, unit);
  const kind = event.params.funder.equals(event.params.account) ? "Increase" : "DepositFor";
  changeLock(event, protocol, account, lock, kind, event.params.funder, event.params.amount);
}

export function handleLockExtended(event: LockExtended): void {
  const protocol = getOrCreateProtocol();
  const unit = scoreUnit(protocol, event.address);
  const account = getOrCreateAccount(event.params.account);
  const lock = new Lock(account.lockAmount, event.params.newEnd, false, unit);
  changeLock(event, protocol, account, lock, "Extend", null, ZERO);
}

export function handleAutoMaxSet(event: AutoMaxSet): void {
  const protocol = getOrCreateProtocol();
  const unit = scoreUnit(protocol, event.address);
  const account = getOrCreateAccount(event.params.account);
  const lock = new Lock(account.lockAmount, event.params.end, event.params.enabled, unit);
  const kind = event.params.enabled ? "AutoMaxOn" : "AutoMaxOff";
  changeLock(event, protocol, account, lock, kind, null, ZERO);
}

export function handleWithdrawn(event: Withdrawn): void {
  const protocol = getOrCreateProtocol();
  scoreUnit(protocol, event.address);
  const account = getOrCreateAccount(event.params.account);
  changeLock(event, protocol, account, Lock.none(), "Withdraw", null, event.params.amount);
}

export function handleLevelThresholdsSet(event: LevelThresholdsSet): void {
  const protocol = getOrCreateProtocol();
  scoreUnit(protocol, event.address);
  protocol.levelThresholds = event.params.thresholds;
  finishProtocol(protocol, event, 0);
}

export function handleLockCreatorSet(event: LockCreatorSet): void {
  const lockCreator = getOrCreateLockCreator(event.params.account, event.params.creator);
  lockCreator.allowed = event.params.allowed;
  lockCreator.changeCount += 1;
  lockCreator.updatedAt = event.block.timestamp;
  lockCreator.save();
  finishProtocol(getOrCreateProtocol(), event, 0);
}

export function handleDelegateChanged(event: DelegateChanged): void {
  const t = event.block.timestamp;
  const protocol = getOrCreateProtocol();
  const unit = scoreUnit(protocol, event.address);
  const account = getOrCreateAccount(event.params.delegator);
  // The previous delegate as indexed: an account's first DelegateChanged says address(0) (OpenZeppelin's
  // `Votes`), but until then the account delegated to itself by default and its score counted there.
  const from = accountFor(account.delegate, account);
  const to = accountFor(event.params.toDelegate, account);
  const lock = Lock.of(account, unit);
  const active = lock.autoMax || lock.end.gt(t);

  // `delegate(current)` emits the event but moves nothing. Otherwise, as VotingEscrow._delegate: an expired
  // lock moves nothing (it already left every aggregate).
  if (!from.id.equals(to.id)) {
    if (active) {
      replaceVotes(from, t, lock, Lock.none());
      replaceVotes(to, t, Lock.none(), lock);
    }
    if (from !== account) from.delegatorCount -= 1;
    if (to !== account) to.delegatorCount += 1;
    account.delegate = to.id;
    if (from !== account) from.save();
    if (to !== account) to.save();
  }
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
