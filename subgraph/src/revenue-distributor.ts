// RevenueDistributor handlers: the reward-token allowlist, weekly revenue, rollovers and claims.
import { BigInt, ethereum } from "@graphprotocol/graph-ts";
import {
  RevenueClaimed,
  RevenueDeposited,
  RevenueRolledOver,
  RewardTokenAdded,
  RewardTokenRemoved,
} from "../generated/RevenueDistributor/RevenueDistributor";
import { Claim, DailySnapshot, RevenueDeposit } from "../generated/schema";
import {
  eventId,
  getOrCreateAccount,
  getOrCreateAccountTokenClaims,
  getOrCreateDailySnapshot,
  getOrCreateDailyTokenRevenue,
  getOrCreateProtocol,
  getOrCreateRevenueWeek,
  getOrCreateRewardToken,
  WEEK,
} from "./entities";
import { epochStart } from "./score";

/** Saves the protocol and returns the day's snapshot (not yet saved) for the caller's counters. */
function touchProtocol(event: ethereum.Event, claims: i32): DailySnapshot {
  const protocol = getOrCreateProtocol();
  protocol.updatedAt = event.block.timestamp;
  protocol.claimCount += claims;
  protocol.save();
  return getOrCreateDailySnapshot(protocol, event.block.timestamp);
}

export function handleRewardTokenAdded(event: RewardTokenAdded): void {
  const token = getOrCreateRewardToken(event.params.token);
  token.allowed = true;
  if (token.startWeek === null) token.startWeek = epochStart(event.block.timestamp);
  token.addedAt = event.block.timestamp;
  token.save();
  touchProtocol(event, 0).save();
}

export function handleRewardTokenRemoved(event: RewardTokenRemoved): void {
  const token = getOrCreateRewardToken(event.params.token);
  token.allowed = false;
  token.removedAt = event.block.timestamp;
  token.save();
  touchProtocol(event, 0).save();
}

export function handleRevenueDeposited(event: RevenueDeposited): void {
  const amount = event.params.amount;
  const token = getOrCreateRewardToken(event.params.token);
  token.totalDeposited = token.totalDeposited.plus(amount);
  token.save();

  const week = getOrCreateRevenueWeek(event.params.token, event.params.week);
  week.deposited = week.deposited.plus(amount);
  week.depositCount += 1;
  week.amount = week.amount.plus(amount);
  week.save();

  const deposit = new RevenueDeposit(eventId(event));
  deposit.token = token.id;
  deposit.week = week.id;
  deposit.amount = amount;
  deposit.from = event.params.from;
  deposit.timestamp = event.block.timestamp;
  deposit.transactionHash = event.transaction.hash;
  deposit.save();

  const snapshot = touchProtocol(event, 0);
  snapshot.revenueDepositCount += 1;
  snapshot.save();
  const daily = getOrCreateDailyTokenRevenue(snapshot, event.params.token);
  daily.deposited = daily.deposited.plus(amount);
  daily.save();
}

export function handleRevenueRolledOver(event: RevenueRolledOver): void {
  const amount = event.params.amount;
  const token = getOrCreateRewardToken(event.params.token);
  token.totalRolledOver = token.totalRolledOver.plus(amount);
  token.save();

  const from = getOrCreateRevenueWeek(event.params.token, event.params.fromWeek);
  from.rolledOverOut = from.rolledOverOut.plus(amount);
  from.rolledOverTo = event.params.toWeek;
  from.amount = from.amount.minus(amount);
  from.save();

  const to = getOrCreateRevenueWeek(event.params.token, event.params.toWeek);
  to.rolledOverIn = to.rolledOverIn.plus(amount);
  to.amount = to.amount.plus(amount);
  to.save();

  touchProtocol(event, 0).save();
}

/**
 * Where an account's first claim of a token starts (RevenueDistributor._firstWeek): the week of its first
 * lock, weeks before it paying nothing, but never before the token's start week.
 */
function firstClaimWeek(startWeek: BigInt | null, firstLockAt: BigInt | null, now: BigInt): BigInt {
  const lockWeek = firstLockAt !== null ? epochStart(firstLockAt) : epochStart(now);
  if (startWeek === null) return lockWeek;
  return lockWeek.gt(startWeek) ? lockWeek : startWeek;
}

export function handleRevenueClaimed(event: RevenueClaimed): void {
  const amount = event.params.amount;
  const relocked = event.params.relocked;
  const account = getOrCreateAccount(event.params.account);
  const token = getOrCreateRewardToken(event.params.token);
  token.totalClaimed = token.totalClaimed.plus(amount);
  if (relocked) token.totalRelocked = token.totalRelocked.plus(amount);
  token.save();

  const totals = getOrCreateAccountTokenClaims(event.params.account, event.params.token);
  const claim = new Claim(eventId(event));
  claim.account = account.id;
  claim.token = token.id;
  claim.amount = amount;
  claim.relocked = relocked;
  if (totals.claimCount > 0) claim.firstWeek = totals.lastWeekClaimed.plus(WEEK);
  else claim.firstWeek = firstClaimWeek(token.startWeek, account.firstLockAt, event.block.timestamp);
  claim.lastWeekClaimed = event.params.lastWeekClaimed;
  claim.timestamp = event.block.timestamp;
  claim.transactionHash = event.transaction.hash;
  claim.save();

  totals.totalClaimed = totals.totalClaimed.plus(amount);
  if (relocked) totals.totalRelocked = totals.totalRelocked.plus(amount);
  totals.claimCount += 1;
  totals.lastWeekClaimed = event.params.lastWeekClaimed;
  totals.save();

  const snapshot = touchProtocol(event, 1);
  snapshot.claimCount += 1;
  snapshot.save();
  const daily = getOrCreateDailyTokenRevenue(snapshot, event.params.token);
  daily.claimed = daily.claimed.plus(amount);
  daily.save();
}
