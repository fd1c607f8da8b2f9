import {
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  UserRejectedRequestError,
  type Abi,
  type Hex,
} from "viem";
import { allErrorsAbi } from "../generated/contracts";
import { formatAmount, formatDate, shortAddress } from "./format";

type Args = readonly unknown[];
const amount = (value: unknown) => formatAmount(BigInt(value as bigint));
const date = (value: unknown) => formatDate(BigInt(value as bigint));
const addr = (value: unknown) => shortAddress(String(value));

const PROPOSAL_STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];

/**
 * One plain sentence for every custom error of every contract the app talks to. A unit test checks that each
 * error in the generated ABIs has an entry here.
 */
export const errorSentences: Record<string, (args: Args) => string> = {
  // VotingEscrow
  VotingEscrowZeroAmount: () => "The amount must be more than zero.",
  VotingEscrowAmountTooLarge: ([, max]) => `That amount is too large; the most a lock can hold is ${amount(max)}.`,
  StakingScoreTotalTooLarge: () => "The total locked would exceed what the escrow can store; lock a smaller amount.",
  VotingEscrowInvalidAccount: () => "The zero address can't be used here; enter a real account.",
  VotingEscrowLockTooShort: ([end, minEnd]) =>
    `The lock would end on ${date(end)}, before ${date(minEnd)}: a lock that receives tokens must run the minimum lock time, so votes stay locked until the proposals they passed can run. Extend your lock first.`,
  VotingEscrowLockCreatorNotAllowed: ([account, creator]) =>
    `Only an allowed lock creator may create a lock for another account, and ${addr(account)} has not allowed ${addr(creator)} (it can on its Stake page).`,
  VotingEscrowUnsupportedDecimals: ([decimals]) =>
    `The token has ${decimals} decimals; the escrow supports tokens with at most 18.`,
  VotingEscrowTransferMismatch: ([sent, received]) =>
    `The token delivered ${amount(received)} instead of ${amount(sent)} (a fee or rebasing token), which the escrow refuses.`,
  VotingEscrowUnlockTooLate: ([, max]) => `The unlock date can be at most 52 weeks away (latest: ${date(max)}).`,
  VotingEscrowUnlockTimeNotIncreased: ([, current]) =>
    `The new unlock date must be after the current one (${date(current)}).`,
  VotingEscrowLockExists: () =>
    "You already have a lock. Add to it or extend it; an expired lock must be withdrawn before locking again.",
  VotingEscrowNoLock: () => "You have no lock yet. Create a lock first.",
  VotingEscrowLockExpired: ([, end]) => `This lock expired on ${date(end)}. Withdraw it, then create a new lock.`,
  VotingEscrowLockNotExpired: ([, end]) => `This lock can be withdrawn from ${date(end)}.`,
  VotingEscrowAutoMaxEnabled: () => "Auto-max is on for this lock. Turn it off before extending or withdrawing.",
  VotingEscrowAutoMaxUnchanged: ([, enabled]) => `Auto-max is already ${enabled ? "on" : "off"}.`,
  VotingEscrowPermitExpired: () => "The permit signature expired. Sign again.",
  VotingEscrowPermitFailed: () => "The permit signature did not grant the allowance. Approve the tokens instead.",
  ERC5805FutureLookup: () => "That moment is not in the past yet; try again after it.",
  VotingEscrowUnauthorized: () => "Only the DAO (timelock) can do this; create a proposal instead.",
  VotingEscrowInvalidThresholdCount: ([count, expected]) =>
    `Exactly ${expected} level thresholds are needed, not ${count}.`,
  VotingEscrowThresholdsNotAscending: ([index]) =>
    `Level thresholds must be above zero and rising; level ${Number(index) + 1} breaks that.`,

  // RevenueDistributor
  RevenueDistributorUnauthorized: () => "Only the DAO (timelock) can do this; create a proposal instead.",
  RevenueDistributorZeroAddress: () => "The zero address can't be used here.",
  RevenueDistributorTokenNotAllowed: ([token]) => `The token ${addr(token)} is not a reward token.`,
  RevenueDistributorTokenAlreadyAllowed: ([token]) => `The token ${addr(token)} is already a reward token.`,
  RevenueDistributorUnknownToken: ([token]) => `The token ${addr(token)} has never been a reward token.`,
  RevenueDistributorTooManyTokens: ([max]) => `At most ${max} reward tokens are allowed.`,
  RevenueDistributorZeroAmount: () => "The amount must be more than zero.",
  RevenueDistributorAmountTooLarge: ([, max]) => `That amount is too large; the most at once is ${amount(max)}.`,
  RevenueDistributorFeeOnTransfer: ([token]) =>
    `The token ${addr(token)} changes balances on transfer (fee or rebasing), which is not supported.`,
  RevenueDistributorBalanceShortfall: ([token]) =>
    `The distributor holds less ${addr(token)} than it has accounted for; the token may be rebasing.`,
  RevenueDistributorNoLock: () => "Re-locking needs a lock. Create a lock first, or claim without re-locking.",
  RevenueDistributorLockExpired: ([, end]) =>
    `Your lock expired on ${date(end)}, so rewards can't be re-locked. Claim them directly or make a new lock.`,
  RevenueDistributorLockTooShort: ([, end, minEnd]) =>
    `Your lock ends on ${date(end)}, before ${date(minEnd)}, too soon for rewards to be re-locked into it. Extend your lock first, or claim them directly.`,

  // EarlyAccess
  EarlyAccessUnauthorized: () => "Only the DAO (timelock) can create or cancel rounds; create a proposal instead.",
  EarlyAccessZeroAddress: () => "The zero address can't be used here.",
  EarlyAccessZeroAmount: () => "The amount must be more than zero.",
  EarlyAccessZeroPrice: () => "The price must be more than zero.",
  EarlyAccessAmountTooLarge: () => "That amount is too large for an early-access round.",
  EarlyAccessUnsupportedDecimals: ([decimals]) =>
    `A sale token with ${decimals} decimals is not supported (at most 36).`,
  EarlyAccessSnapshotNotInPast: () => "The snapshot must be in the past, when the round is created.",
  EarlyAccessInvalidWindow: () => "The commit window must start now or later and end after it starts.",
  EarlyAccessCapsNotAscending: ([index]) =>
    `The cap of level ${BigInt(index as bigint) + 1n} is below the one before it.`,
  EarlyAccessUnknownRound: ([roundId]) => `There is no early-access round #${roundId}.`,
  EarlyAccessNotOpen: ([, start, end]) => `This round takes commitments from ${date(start)} until ${date(end)} only.`,
  EarlyAccessNotEnded: ([, end]) => `This round ends on ${date(end)}; claims and the finalize open then.`,
  EarlyAccessRoundEnded: ([, end]) => `This round ended on ${date(end)} and can no longer be cancelled.`,
  EarlyAccessRoundCancelled: () => "This round was cancelled: claim your refund instead.",
  EarlyAccessAlreadyFinalized: () => "This round was already finalized.",
  EarlyAccessLevelZero: () =>
    "Your Staking Score at the round's snapshot was below the first level, so you cannot join this round. Lock tokens to qualify for the next one.",
  EarlyAccessCapExceeded: () => "That would take your commitment above the cap of your level; commit less.",
  EarlyAccessNothingCommitted: () => "You committed nothing to this round, so there is nothing to claim.",
  EarlyAccessAlreadyClaimed: () => "You already claimed from this round.",
  EarlyAccessTransferMismatch: ([token]) =>
    `The token ${addr(token)} delivered a different amount than sent; fee-on-transfer tokens are not supported.`,
  EarlyAccessPermitExpired: () => "The signed permit has expired; sign again.",
  EarlyAccessPermitFailed: () => "The permit did not give the allowance; approve the payment token first.",

  // DelegateRegistry
  DelegateRegistryNameEmpty: () => "Enter the name people will see.",
  DelegateRegistryStatementEmpty: () => "Write a statement: what you stand for and how you will vote.",
  DelegateRegistryNameTooLong: ([length, max]) => `The name is ${length} bytes long; the most is ${max}.`,
  DelegateRegistryStatementTooLong: ([length, max]) => `The statement is ${length} bytes long; the most is ${max}.`,
  DelegateRegistryLinkTooLong: ([length, max]) => `The link is ${length} bytes long; the most is ${max}.`,
  DelegateRegistryNoStatement: () => "You have no statement to withdraw.",

  // Governor
  GovernorAlreadyCastVote: () => "You already voted on this proposal.",
  GovernorAlreadyQueuedProposal: () => "This proposal is already queued.",
  GovernorDisabledDeposit: () => "The governor does not accept ether.",
  GovernorInsufficientProposerVotes: ([, votes, threshold]) =>
    `Creating a proposal needs ${amount(threshold)} votes; you have ${amount(votes)}. Lock more or ask for delegations.`,
  GovernorInvalidProposalLength: () => "Every action needs a target, a value and calldata.",
  GovernorInvalidQuorumFraction: () => "The quorum fraction is out of range.",
  GovernorInvalidSignature: () => "The vote signature is not valid.",
  GovernorInvalidVoteParams: () => "The vote parameters are not valid.",
  GovernorInvalidVoteType: () => "Choose For, Against or Abstain.",
  GovernorInvalidVotingPeriod: () => "The voting period must be longer than zero.",
  GovernorNonexistentProposal: () => "This proposal does not exist.",
  GovernorOnlyExecutor: () => "Only the DAO (timelock) can do this; create a proposal instead.",
  GovernorPreventLateQuorumVoteExtensionTooLarge: () => "The late-quorum extension is too large.",
  GovernorProposalQueueingFailed: () => "The proposal could not be queued in the timelock.",
  GovernorProposalQueueingNotRequired: () => "This proposal does not need to be queued; execute it directly.",
  GovernorQueueNotImplemented: () => "This governor does not queue proposals.",
  GovernorNotQueuedProposal: () => "The proposal has not been queued yet; queue it first.",
  GovernorRestrictedProposer: () => "This account may not create the proposal.",
  GovernorUnableToCancel: () => "Only the proposer can cancel, and only while the proposal is pending.",
  GovernorUnexpectedProposalState: ([, current]) =>
    `That is not possible while the proposal is ${PROPOSAL_STATES[Number(current)]?.toLowerCase() ?? "in this state"}.`,
  GovernorInvalidDelay: () => "The delay is not valid.",

  // TimelockController
  TimelockInsufficientDelay: ([delay, min]) => `The delay of ${delay} s is below the minimum of ${min} s.`,
  TimelockInvalidOperationLength: () => "Every action needs a target, a value and calldata.",
  TimelockUnauthorizedCaller: () => "Only the timelock itself can do this.",
  TimelockUnexecutedPredecessor: () => "An earlier operation must be executed first.",
  TimelockUnexpectedOperationState: () =>
    "The timelock operation is not ready yet (or already done). Wait for the delay to pass.",

  // OpenZeppelin building blocks
  AccessControlBadConfirmation: () => "The role renouncement was not confirmed by the account itself.",
  AccessControlUnauthorizedAccount: () => "This account lacks the role needed; only the DAO can do this.",
  OwnableInvalidOwner: () => "That owner address is not valid.",
  OwnableUnauthorizedAccount: () => "Only the owner can do this.",
  CheckpointUnorderedInsertion: () => "History can only be written in time order.",
  ERC6372InconsistentClock: () => "The governor and the escrow disagree on the clock.",
  FailedCall: () => "A call made by the proposal failed.",
  FailedInnerCall: () => "A call made by the proposal failed.",
  InsufficientBalance: ([balance, needed]) =>
    `The balance of ${amount(balance)} is below the ${amount(needed)} needed.`,
  ECDSAInvalidSignature: () => "The signature is not valid. Sign again.",
  ECDSAInvalidSignatureLength: () => "The signature has the wrong length. Sign again.",
  ECDSAInvalidSignatureS: () => "The signature is malformed. Sign again.",
  ERC20InsufficientAllowance: ([, allowance, needed]) =>
    `The approved amount (${amount(allowance)}) is below the ${amount(needed)} needed. Approve the tokens first.`,
  ERC20InsufficientBalance: ([, balance, needed]) =>
    `Your balance of ${amount(balance)} is below the ${amount(needed)} needed.`,
  ERC20InvalidApprover: () => "The approving account is not valid.",
  ERC20InvalidReceiver: () => "The receiving address is not valid.",
  ERC20InvalidSender: () => "The sending address is not valid.",
  ERC20InvalidSpender: () => "The spender address is not valid.",
  ERC2612ExpiredSignature: () => "The permit signature expired. Sign again.",
  ERC2612InvalidSigner: () => "The permit was signed by another account. Sign again with the connected account.",
  InvalidAccountNonce: () => "The signature was already used. Sign again.",
  InvalidShortString: () => "A text value is too long.",
  StringTooLong: () => "A text value is too long.",
  ReentrancyGuardReentrantCall: () => "A nested call was blocked for safety.",
  SafeCastOverflowedUintDowncast: () => "A number is too large for the contract.",
  SafeERC20FailedOperation: ([token]) => `The token transfer of ${addr(token)} failed.`,
  VotesExpiredSignature: () => "The delegation signature expired. Sign again.",
};

/** Every custom error of every contract (generated), for decoding revert data whichever contract raised it. */
const knownErrors = allErrorsAbi as unknown as Abi;

export function sentenceFor(errorName: string, args: Args = []): string {
  const sentence = errorSentences[errorName];
  return sentence ? sentence(args) : `The contract refused the transaction (${errorName}).`;
}

function findRevertData(error: unknown): Hex | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 12; depth++) {
    const data = (current as { data?: unknown }).data;
    if (typeof data === "string" && /^0x[0-9a-f]{8}/i.test(data)) return data as Hex;
    if (data && typeof data === "object" && typeof (data as { data?: unknown }).data === "string") {
      return (data as { data: Hex }).data;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Turns anything a wallet, viem or a contract throws into one sentence for a person. */
export function describeError(error: unknown): string {
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError)) return "You rejected the request in your wallet.";
    const reverted = error.walk(
      (e) => e instanceof ContractFunctionRevertedError,
    ) as ContractFunctionRevertedError | null;
    if (reverted?.data?.errorName) return sentenceFor(reverted.data.errorName, reverted.data.args ?? []);
  }
  const code = (error as { code?: number })?.code;
  if (code === 4001 || /user rejected|user denied/i.test(String((error as Error)?.message))) {
    return "You rejected the request in your wallet.";
  }
  const data = findRevertData(error);
  if (data && knownErrors.length > 0) {
    try {
      const decoded = decodeErrorResult({ abi: knownErrors, data });
      return sentenceFor(decoded.errorName, decoded.args ?? []);
    } catch {
      // not one of ours
    }
  }
  if (error instanceof BaseError) {
    if (/insufficient funds/i.test(error.message)) return "The account has too little ETH to pay for gas.";
    if (/fetch|network|HTTP request failed/i.test(error.message))
      return "The network did not answer. Check your connection and try again.";
    return error.shortMessage;
  }
  return error instanceof Error ? error.message : "Something went wrong.";
}
