// LockstepGovernor handlers: proposals, their lifecycle, votes and the governor settings.
import { Address, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import {
  LateQuorumVoteExtensionSet,
  ProposalCanceled,
  ProposalCreated,
  ProposalExecuted,
  ProposalExtended,
  ProposalQueued,
  ProposalThresholdSet,
  QuorumNumeratorUpdated,
  TimelockChange,
  VoteCast,
  VoteCastWithParams,
  VotingDelaySet,
  VotingPeriodSet,
} from "../generated/LockstepGovernor/LockstepGovernor";
import { Proposal, Protocol, Vote } from "../generated/schema";
import { eventId, getOrCreateAccount, getOrCreateProtocol, ZERO } from "./entities";

function saveProtocol(protocol: Protocol, event: ethereum.Event): void {
  protocol.updatedAt = event.block.timestamp;
  protocol.save();
}

/** The proposal `proposalId`; the governor emits no event about a proposal before ProposalCreated. */
function loadProposal(proposalId: BigInt): Proposal | null {
  const proposal = Proposal.load(proposalId.toString());
  if (proposal == null) log.error("Event for unknown proposal {}", [proposalId.toString()]);
  return proposal;
}

export function handleProposalCreated(event: ProposalCreated): void {
  const protocol = getOrCreateProtocol();
  const proposer = getOrCreateAccount(event.params.proposer);
  const proposal = new Proposal(event.params.proposalId.toString());
  proposal.proposalId = event.params.proposalId;
  proposal.proposer = proposer.id;
  const targets = new Array<Bytes>(0);
  for (let i = 0; i < event.params.targets.length; i++) targets.push(event.params.targets[i]);
  proposal.targets = targets;
  proposal.values = event.params.values;
  proposal.signatures = event.params.signatures;
  proposal.calldatas = event.params.calldatas;
  proposal.description = event.params.description;
  proposal.voteStart = event.params.voteStart;
  proposal.voteEnd = event.params.voteEnd;
  proposal.originalVoteEnd = event.params.voteEnd;
  proposal.extended = false;
  proposal.quorumNumerator = protocol.quorumNumerator;
  proposal.status = "Created";
  proposal.createdAt = event.block.timestamp;
  proposal.createdBlock = event.block.number;
  proposal.createdTransaction = event.transaction.hash;
  proposal.forVotes = ZERO;
  proposal.againstVotes = ZERO;
  proposal.abstainVotes = ZERO;
  proposal.voterCount = 0;
  proposal.save();

  protocol.proposalCount += 1;
  saveProtocol(protocol, event);
}

function recordVote(
  event: ethereum.Event,
  voter: Address,
  proposalId: BigInt,
  support: i32,
  weight: BigInt,
  reason: string,
  params: Bytes | null,
): void {
  const proposal = loadProposal(proposalId);
  if (proposal == null) return;
  const account = getOrCreateAccount(voter);

  // GovernorCountingSimple: 0 = Against, 1 = For, 2 = Abstain; each account votes once.
  if (support == 0) proposal.againstVotes = proposal.againstVotes.plus(weight);
  else if (support == 1) proposal.forVotes = proposal.forVotes.plus(weight);
  else proposal.abstainVotes = proposal.abstainVotes.plus(weight);
  proposal.voterCount += 1;
  proposal.save();

  const vote = new Vote(eventId(event));
  vote.proposal = proposal.id;
  vote.voter = account.id;
  vote.support = support;
  vote.weight = weight;
  vote.reason = reason;
  vote.params = params;
  vote.timestamp = event.block.timestamp;
  vote.blockNumber = event.block.number;
  vote.transactionHash = event.transaction.hash;
  vote.save();

  const protocol = getOrCreateProtocol();
  protocol.voteCount += 1;
  saveProtocol(protocol, event);
}

export function handleVoteCast(event: VoteCast): void {
  const p = event.params;
  recordVote(event, p.voter, p.proposalId, p.support, p.weight, p.reason, null);
}

export function handleVoteCastWithParams(event: VoteCastWithParams): void {
  const p = event.params;
  recordVote(event, p.voter, p.proposalId, p.support, p.weight, p.reason, p.params);
}

export function handleProposalQueued(event: ProposalQueued): void {
  const proposal = loadProposal(event.params.proposalId);
  if (proposal == null) return;
  proposal.status = "Queued";
  proposal.eta = event.params.etaSeconds;
  proposal.queuedAt = event.block.timestamp;
  proposal.save();
}

export function handleProposalExecuted(event: ProposalExecuted): void {
  const proposal = loadProposal(event.params.proposalId);
  if (proposal == null) return;
  proposal.status = "Executed";
  proposal.executedAt = event.block.timestamp;
  proposal.executedTransaction = event.transaction.hash;
  proposal.save();
}

export function handleProposalCanceled(event: ProposalCanceled): void {
  const proposal = loadProposal(event.params.proposalId);
  if (proposal == null) return;
  proposal.status = "Canceled";
  proposal.canceledAt = event.block.timestamp;
  proposal.save();
}

export function handleProposalExtended(event: ProposalExtended): void {
  const proposal = loadProposal(event.params.proposalId);
  if (proposal == null) return;
  proposal.voteEnd = event.params.extendedDeadline;
  proposal.extended = true;
  proposal.extendedAt = event.block.timestamp;
  proposal.save();
}

export function handleVotingDelaySet(event: VotingDelaySet): void {
  const protocol = getOrCreateProtocol();
  protocol.votingDelay = event.params.newVotingDelay;
  saveProtocol(protocol, event);
}

export function handleVotingPeriodSet(event: VotingPeriodSet): void {
  const protocol = getOrCreateProtocol();
  protocol.votingPeriod = event.params.newVotingPeriod;
  saveProtocol(protocol, event);
}

export function handleProposalThresholdSet(event: ProposalThresholdSet): void {
  const protocol = getOrCreateProtocol();
  protocol.proposalThreshold = event.params.newProposalThreshold;
  saveProtocol(protocol, event);
}

export function handleQuorumNumeratorUpdated(event: QuorumNumeratorUpdated): void {
  const protocol = getOrCreateProtocol();
  protocol.quorumNumerator = event.params.newQuorumNumerator;
  saveProtocol(protocol, event);
}

export function handleLateQuorumVoteExtensionSet(event: LateQuorumVoteExtensionSet): void {
  const protocol = getOrCreateProtocol();
  protocol.lateQuorumVoteExtension = event.params.newVoteExtension;
  saveProtocol(protocol, event);
}

export function handleTimelockChange(event: TimelockChange): void {
  const protocol = getOrCreateProtocol();
  protocol.timelock = event.params.newTimelock;
  saveProtocol(protocol, event);
}
