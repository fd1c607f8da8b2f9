// Every `getOrCreate*` helper of the subgraph: the one place where entities get their defaults.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import {
  Account,
  AccountTokenClaims,
  Commitment,
  DailySnapshot,
  DailyTokenRevenue,
  DelegateStatement,
  LockCreator,
  Protocol,
  RevenueWeek,
  RewardToken,
  Round,
  SupplyExpiry,
  VotesExpiry,
} from "../generated/schema";
// The protocol's time constants, generated from shared/protocol.ts.
import { MAX_LOCK_SECONDS, WEEK_SECONDS } from "../generated/protocol";

export const PROTOCOL_ID = "protocol";
export const WEEK = BigInt.fromI32(WEEK_SECONDS);
export const MAX_LOCK = BigInt.fromI32(MAX_LOCK_SECONDS);
export const DAY: i64 = 86400;
export const ZERO = BigInt.zero();

/** The id of an entity made from one event: transaction hash followed by the log index. */
export function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}

/** `week` as 8 big-endian bytes, so that ids made with it sort chronologically. */
export function weekKey(week: BigInt): Bytes {
  const value = week.toU64();
  const key = new Bytes(8);
  for (let i = 0; i < 8; i++) {
    key[7 - i] = (value >> (8 * i)) as u8;
  }
  return key;
}

export function getOrCreateProtocol(): Protocol {
  let protocol = Protocol.load(PROTOCOL_ID);
  if (protocol == null) {
    protocol = new Protocol(PROTOCOL_ID);
    protocol.totalLocked = ZERO;
    protocol.stakerCount = 0;
    protocol.scoreFlat = ZERO;
    protocol.scoreSlope = ZERO;
    protocol.scoreBias = ZERO;
    protocol.scoreAutoMax = ZERO;
    protocol.scoreUpdatedAt = ZERO;
    protocol.totalScore = ZERO;
    // The escrow's constructor emits LevelThresholdsSet with its defaults: its first event fills these.
    protocol.levelThresholds = new Array<BigInt>(0);
    protocol.lockEventCount = 0;
    protocol.delegateChangeCount = 0;
    protocol.proposalCount = 0;
    protocol.voteCount = 0;
    protocol.claimCount = 0;
    protocol.updatedAt = ZERO;
  }
  return protocol;
}

export function getOrCreateAccount(address: Address): Account {
  let account = Account.load(address);
  if (account == null) {
    account = new Account(address);
    account.lockAmount = ZERO;
    account.lockUnits = ZERO;
    account.lockEnd = ZERO;
    account.autoMax = false;
    account.lockSlope = ZERO;
    account.lockBias = ZERO;
    account.totalDeposited = ZERO;
    account.totalWithdrawn = ZERO;
    account.level = 0;
    // Every account delegates to itself until it calls `delegate` (docs/spec.md §3).
    account.delegate = address;
    account.delegatorCount = 0;
    account.votesFlat = ZERO;
    account.votesSlope = ZERO;
    account.votesBias = ZERO;
    account.votesAutoMax = ZERO;
    account.votesUpdatedAt = ZERO;
    account.votes = ZERO;
    account.save();
  }
  return account;
}

export function getOrCreateLockCreator(account: Address, creator: Address): LockCreator {
  const id = account.concat(creator);
  let lockCreator = LockCreator.load(id);
  if (lockCreator == null) {
    getOrCreateAccount(account);
    lockCreator = new LockCreator(id);
    lockCreator.account = account;
    lockCreator.creator = creator;
    lockCreator.allowed = false;
    lockCreator.changeCount = 0;
    lockCreator.updatedAt = ZERO;
  }
  return lockCreator;
}

export function getOrCreateVotesExpiry(delegate: Bytes, week: BigInt): VotesExpiry {
  const id = delegate.concat(weekKey(week));
  let expiry = VotesExpiry.load(id);
  if (expiry == null) {
    expiry = new VotesExpiry(id);
    expiry.delegate = delegate;
    expiry.week = week;
    expiry.flat = ZERO;
    expiry.slope = ZERO;
  }
  return expiry;
}

export function getOrCreateSupplyExpiry(week: BigInt): SupplyExpiry {
  const id = week.toString();
  let expiry = SupplyExpiry.load(id);
  if (expiry == null) {
    expiry = new SupplyExpiry(id);
    expiry.week = week;
    expiry.flat = ZERO;
    expiry.slope = ZERO;
  }
  return expiry;
}

export function getOrCreateRewardToken(address: Address): RewardToken {
  let token = RewardToken.load(address);
  if (token == null) {
    token = new RewardToken(address);
    token.allowed = false;
    token.totalDeposited = ZERO;
    token.totalClaimed = ZERO;
    token.totalRelocked = ZERO;
    token.totalRolledOver = ZERO;
    token.save();
  }
  return token;
}

export function getOrCreateRevenueWeek(token: Address, week: BigInt): RevenueWeek {
  const id = token.concat(weekKey(week));
  let revenueWeek = RevenueWeek.load(id);
  if (revenueWeek == null) {
    getOrCreateRewardToken(token);
    revenueWeek = new RevenueWeek(id);
    revenueWeek.token = token;
    revenueWeek.week = week;
    revenueWeek.deposited = ZERO;
    revenueWeek.depositCount = 0;
    revenueWeek.rolledOverIn = ZERO;
    revenueWeek.rolledOverOut = ZERO;
    revenueWeek.amount = ZERO;
  }
  return revenueWeek;
}

export function getOrCreateAccountTokenClaims(account: Address, token: Address): AccountTokenClaims {
  const id = account.concat(token);
  let claims = AccountTokenClaims.load(id);
  if (claims == null) {
    getOrCreateAccount(account);
    getOrCreateRewardToken(token);
    claims = new AccountTokenClaims(id);
    claims.account = account;
    claims.token = token;
    claims.totalClaimed = ZERO;
    claims.totalRelocked = ZERO;
    claims.claimCount = 0;
    claims.lastWeekClaimed = ZERO;
  }
  return claims;
}

function dayOf(timestamp: BigInt): i64 {
  return timestamp.toI64() / DAY;
}

/** The snapshot of the day of `timestamp`, with the protocol totals of `protocol` copied in. */
export function getOrCreateDailySnapshot(protocol: Protocol, timestamp: BigInt): DailySnapshot {
  const day = dayOf(timestamp);
  const id = day.toString();
  let snapshot = DailySnapshot.load(id);
  if (snapshot == null) {
    snapshot = new DailySnapshot(id);
    snapshot.day = day as i32;
    snapshot.timestamp = BigInt.fromI64(day * DAY);
    snapshot.lockEventCount = 0;
    snapshot.revenueDepositCount = 0;
    snapshot.claimCount = 0;
  }
  snapshot.totalLocked = protocol.totalLocked;
  snapshot.stakerCount = protocol.stakerCount;
  snapshot.scoreFlat = protocol.scoreFlat;
  snapshot.scoreSlope = protocol.scoreSlope;
  snapshot.scoreBias = protocol.scoreBias;
  snapshot.scoreAutoMax = protocol.scoreAutoMax;
  snapshot.scoreUpdatedAt = protocol.scoreUpdatedAt;
  snapshot.totalScore = protocol.totalScore;
  return snapshot;
}

export function getOrCreateDailyTokenRevenue(snapshot: DailySnapshot, token: Address): DailyTokenRevenue {
  const id = snapshot.id + "-" + token.toHexString();
  let revenue = DailyTokenRevenue.load(id);
  if (revenue == null) {
    getOrCreateRewardToken(token);
    revenue = new DailyTokenRevenue(id);
    revenue.snapshot = snapshot.id;
    revenue.token = token;
    revenue.deposited = ZERO;
    revenue.claimed = ZERO;
  }
  return revenue;
}

/** An early-access round, by id; RoundCreated fills its parameters (a new one has zeros until then). */
export function getOrCreateRound(roundId: BigInt): Round {
  let round = Round.load(roundId.toString());
  if (round == null) {
    round = new Round(roundId.toString());
    round.roundId = roundId;
    round.saleToken = Bytes.empty();
    round.paymentToken = Bytes.empty();
    round.price = ZERO;
    round.saleAmount = ZERO;
    round.snapshot = ZERO;
    round.start = ZERO;
    round.end = ZERO;
    round.caps = new Array<BigInt>(0);
    round.recipient = Bytes.empty();
    round.totalCommitted = ZERO;
    round.committerCount = 0;
    round.commitCount = 0;
    round.claimCount = 0;
    round.totalSaleClaimed = ZERO;
    round.totalRefunded = ZERO;
    round.finalized = false;
    round.cancelled = false;
    round.createdAt = ZERO;
    round.createdBlock = ZERO;
    round.createdTransaction = Bytes.empty();
  }
  return round;
}

/** The id of `account`'s commitment to round `roundId`: the round id (8 bytes, big-endian), then the account. */
export function commitmentId(roundId: BigInt, account: Address): Bytes {
  return weekKey(roundId).concat(account);
}

/** `account`'s commitment to round `roundId`; a new one (nothing committed yet) starts at `timestamp`. */
export function getOrCreateCommitment(roundId: BigInt, account: Address, timestamp: BigInt): Commitment {
  const id = commitmentId(roundId, account);
  let commitment = Commitment.load(id);
  if (commitment == null) {
    commitment = new Commitment(id);
    commitment.round = roundId.toString();
    commitment.account = account;
    commitment.committed = ZERO;
    commitment.commitCount = 0;
    commitment.claimed = false;
    commitment.firstCommitAt = timestamp;
  }
  return commitment;
}

/**
 * The current statement of `delegate`, or a new one with empty fields (the caller fills them from the event).
 * A cleared statement is removed, so a loaded entity is always the delegate's current one.
 */
export function getOrCreateDelegateStatement(delegate: Address): DelegateStatement {
  let statement = DelegateStatement.load(delegate);
  if (statement == null) {
    getOrCreateAccount(delegate);
    statement = new DelegateStatement(delegate);
    statement.delegate = delegate;
    statement.name = "";
    statement.statement = "";
    statement.link = "";
    statement.publishedAt = ZERO;
    statement.blockNumber = ZERO;
    statement.transactionHash = Bytes.empty();
  }
  return statement;
}
