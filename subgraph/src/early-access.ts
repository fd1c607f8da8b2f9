// EarlyAccess handlers (docs/spec.md §8): rounds, commitments, claims, finalizes and cancels.
import { Claimed, Committed, RoundCancelled, RoundCreated, RoundFinalized } from "../generated/EarlyAccess/EarlyAccess";
import { RoundCancellation, RoundClaim, RoundCommit, RoundFinalization } from "../generated/schema";
import { eventId, getOrCreateCommitment, getOrCreateRound, ZERO } from "./entities";

export function handleRoundCreated(event: RoundCreated): void {
  const params = event.params.params;
  const round = getOrCreateRound(event.params.roundId);
  round.saleToken = params.saleToken;
  round.paymentToken = params.paymentToken;
  round.price = params.price;
  round.saleAmount = params.saleAmount;
  round.snapshot = params.snapshot;
  round.start = params.start;
  round.end = params.end;
  round.caps = params.caps;
  round.recipient = params.recipient;
  round.createdAt = event.block.timestamp;
  round.createdBlock = event.block.number;
  round.createdTransaction = event.transaction.hash;
  round.save();
}

export function handleCommitted(event: Committed): void {
  const round = getOrCreateRound(event.params.roundId);
  const commitment = getOrCreateCommitment(event.params.roundId, event.params.account, event.block.timestamp);
  if (commitment.commitCount == 0) round.committerCount += 1;
  commitment.committed = commitment.committed.plus(event.params.amount);
  commitment.commitCount += 1;
  commitment.save();
  round.totalCommitted = event.params.totalCommitted;
  round.commitCount += 1;
  round.save();

  const entity = new RoundCommit(eventId(event));
  entity.round = round.id;
  entity.account = event.params.account;
  entity.amount = event.params.amount;
  entity.totalCommitted = event.params.totalCommitted;
  entity.timestamp = event.block.timestamp;
  entity.transactionHash = event.transaction.hash;
  entity.save();
}

export function handleClaimed(event: Claimed): void {
  const round = getOrCreateRound(event.params.roundId);
  round.claimCount += 1;
  round.totalSaleClaimed = round.totalSaleClaimed.plus(event.params.saleTokens);
  round.totalRefunded = round.totalRefunded.plus(event.params.refund);
  round.save();
  const commitment = getOrCreateCommitment(event.params.roundId, event.params.account, event.block.timestamp);
  commitment.claimed = true;
  commitment.bought = event.params.saleTokens;
  commitment.refunded = event.params.refund;
  commitment.claimedAt = event.block.timestamp;
  commitment.save();

  const entity = new RoundClaim(eventId(event));
  entity.round = round.id;
  entity.account = event.params.account;
  entity.saleTokens = event.params.saleTokens;
  entity.refund = event.params.refund;
  entity.timestamp = event.block.timestamp;
  entity.transactionHash = event.transaction.hash;
  entity.save();
}

export function handleRoundFinalized(event: RoundFinalized): void {
  const round = getOrCreateRound(event.params.roundId);
  round.finalized = true;
  round.proceeds = event.params.proceeds;
  round.unsold = event.params.unsold;
  round.finalizedAt = event.block.timestamp;
  round.save();

  const entity = new RoundFinalization(eventId(event));
  entity.round = round.id;
  entity.proceeds = event.params.proceeds;
  entity.unsold = event.params.unsold;
  entity.timestamp = event.block.timestamp;
  entity.transactionHash = event.transaction.hash;
  entity.save();
}

export function handleRoundCancelled(event: RoundCancelled): void {
  const round = getOrCreateRound(event.params.roundId);
  round.cancelled = true;
  // The cancel sends the whole sale amount back; no proceeds.
  round.unsold = round.saleAmount;
  round.proceeds = ZERO;
  round.cancelledAt = event.block.timestamp;
  round.save();

  const entity = new RoundCancellation(eventId(event));
  entity.round = round.id;
  entity.timestamp = event.block.timestamp;
  entity.transactionHash = event.transaction.hash;
  entity.save();
}
