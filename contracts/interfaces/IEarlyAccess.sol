// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IVotingEscrow} from "./IVotingEscrow.sol";

/// @title IEarlyAccess
/// @notice Allocation rounds in which stakers buy a new token before the public, with a cap that grows with
/// their level. The DAO creates a round; during `[start, end)` every account of level 1 or more at the
/// round's snapshot commits payment tokens up to its level's cap; after `end` each buyer claims its sale
/// tokens and refund, and anyone finalizes the round, sending the proceeds and the unsold sale tokens to the
/// round's `recipient`. With `T` the round's total commitment, `c` an account's commitment,
/// `D = 10**saleDecimals` and `value = saleAmount * price / D` (integer division everywhere):
/// - `T <= value`: the account buys `c * D / price` sale tokens, refund 0; proceeds `T`; unsold
///   `saleAmount - ceil(T * D / price)`;
/// - `T > value` (oversubscribed): the account buys `saleAmount * c / T` sale tokens and is refunded
///   `c * (T - value) / T`; proceeds `value`; unsold 0.
/// Every rule rounds against the buyer, so the contract always holds what it owes; what is left after every
/// claim and the finalize is rounding dust, at most one base unit per committer and token.
/// @dev See docs/spec.md §8. A round copies the escrow's level thresholds when it is created, so a later threshold
/// change moves nobody's level in it. Every call is O(1): claims are per account and `finalize` needs only
/// the round's totals.
interface IEarlyAccess {
    /// @notice The parameters of a round (field order binding, docs/spec.md §8).
    /// @param saleToken The token sold.
    /// @param paymentToken The token buyers pay with.
    /// @param price Payment-token base units per whole sale token (per `10**saleDecimals` base units).
    /// @param saleAmount Sale-token base units offered, pulled from the creator at creation.
    /// @param snapshot The time at which levels are read; before the creation.
    /// @param start The first second of the commit window; not before the creation.
    /// @param end The first second after the commit window; after `start`.
    /// @param caps The most an account of level 1..10 may commit in total, in payment-token base units;
    /// non-decreasing.
    /// @param recipient Receives the proceeds and the unsold sale tokens (normally the DAO timelock).
    struct RoundParams {
        IERC20 saleToken;
        IERC20 paymentToken;
        uint256 price;
        uint256 saleAmount;
        uint64 snapshot;
        uint64 start;
        uint64 end;
        uint256[10] caps;
        address recipient;
    }

    // ---------------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------------

    /// @notice The DAO created round `roundId` with `params`, and the contract received `params.saleAmount`.
    event RoundCreated(uint256 indexed roundId, RoundParams params);

    /// @notice `account` committed `amount` more payment tokens to round `roundId`, whose total commitment
    /// is now `totalCommitted`.
    event Committed(uint256 indexed roundId, address indexed account, uint256 amount, uint256 totalCommitted);

    /// @notice `account` was paid `saleTokens` sale tokens and `refund` payment tokens for round `roundId`.
    event Claimed(uint256 indexed roundId, address indexed account, uint256 saleTokens, uint256 refund);

    /// @notice Round `roundId` sent `proceeds` payment tokens and `unsold` sale tokens to its recipient.
    event RoundFinalized(uint256 indexed roundId, uint256 proceeds, uint256 unsold);

    /// @notice The DAO cancelled round `roundId`: its sale tokens went back to the recipient and every
    /// committer may claim a full refund.
    event RoundCancelled(uint256 indexed roundId);

    // ---------------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------------

    /// @notice `caller` is not the admin (the DAO timelock).
    error EarlyAccessUnauthorized(address caller);

    /// @notice The zero address was given for the escrow, the admin, a token or the recipient.
    error EarlyAccessZeroAddress();

    /// @notice An amount of zero was given where tokens must move (a commit or a round's `saleAmount`).
    error EarlyAccessZeroAmount();

    /// @notice A round was given a price of zero.
    error EarlyAccessZeroPrice();

    /// @notice `amount` is more than the `max` the contract supports (a price, an amount, a cap or a total).
    error EarlyAccessAmountTooLarge(uint256 amount, uint256 max);

    /// @notice The sale token has `decimals` decimals, more than the contract supports.
    error EarlyAccessUnsupportedDecimals(uint8 decimals);

    /// @notice The snapshot `snapshot` is not before the creation time `timestamp`.
    error EarlyAccessSnapshotNotInPast(uint256 snapshot, uint256 timestamp);

    /// @notice The window `[start, end)` starts before `timestamp` or is empty.
    error EarlyAccessInvalidWindow(uint256 start, uint256 end, uint256 timestamp);

    /// @notice `caps[index]` is smaller than `caps[index - 1]`; caps must not decrease with the level.
    error EarlyAccessCapsNotAscending(uint256 index);

    /// @notice No round has the id `roundId`.
    error EarlyAccessUnknownRound(uint256 roundId);

    /// @notice Round `roundId` takes commitments during `[start, end)` only, not at `timestamp`.
    error EarlyAccessNotOpen(uint256 roundId, uint256 start, uint256 end, uint256 timestamp);

    /// @notice Round `roundId` ends at `end`: it cannot be claimed or finalized before, nor cancelled after.
    error EarlyAccessNotEnded(uint256 roundId, uint256 end);

    /// @notice Round `roundId` ended at `end`, so it can no longer be cancelled.
    error EarlyAccessRoundEnded(uint256 roundId, uint256 end);

    /// @notice Round `roundId` was cancelled: it takes no commitments and cannot be finalized or cancelled.
    error EarlyAccessRoundCancelled(uint256 roundId);

    /// @notice Round `roundId` was already finalized.
    error EarlyAccessAlreadyFinalized(uint256 roundId);

    /// @notice `account` has level 0 in round `roundId` (its score at the snapshot is below the first
    /// threshold), so it may not commit.
    error EarlyAccessLevelZero(uint256 roundId, address account);

    /// @notice The commitment of `account` to round `roundId` would reach `total`, above the `cap` of its level.
    error EarlyAccessCapExceeded(uint256 roundId, address account, uint256 total, uint256 cap);

    /// @notice `account` committed nothing to round `roundId`, so it has nothing to claim.
    error EarlyAccessNothingCommitted(uint256 roundId, address account);

    /// @notice `account` already claimed from round `roundId`.
    error EarlyAccessAlreadyClaimed(uint256 roundId, address account);

    /// @notice The contract received `received` instead of `expected` units of `token`: fee-on-transfer and
    /// rebasing tokens are not supported.
    error EarlyAccessTransferMismatch(address token, uint256 expected, uint256 received);

    /// @notice The permit's `deadline` has passed.
    error EarlyAccessPermitExpired(uint256 deadline);

    /// @notice After the permit, `owner` has still not allowed the contract to take `amount`.
    error EarlyAccessPermitFailed(address owner, uint256 amount);

    // ---------------------------------------------------------------------------------------------
    // Admin (the DAO timelock)
    // ---------------------------------------------------------------------------------------------

    /// @notice Creates a round, pulls `p.saleAmount` sale tokens from the caller and copies the escrow's
    /// level thresholds into it. Only the admin; a proposal approves the sale tokens, then creates.
    /// @dev Reverts unless the tokens and the recipient are nonzero, `price` and `saleAmount` are nonzero and
    /// fit 128 bits, the sale token has at most 36 decimals, `snapshot < now <= start < end`, the caps do not
    /// decrease and fit 128 bits, and the contract receives exactly `saleAmount`.
    /// @return roundId The new round's id; ids count from 1.
    function createRound(RoundParams calldata p) external returns (uint256 roundId);

    /// @notice Cancels round `roundId` before its end: its sale tokens go back to its recipient at once and
    /// every committer may then claim a full refund. Only the admin; once.
    function cancelRound(uint256 roundId) external;

    // ---------------------------------------------------------------------------------------------
    // Buyers
    // ---------------------------------------------------------------------------------------------

    /// @notice Commits `amount` payment tokens, pulled from the caller, to round `roundId` during its window.
    /// The caller's level in the round must be at least 1 and its total commitment at most its level's cap.
    /// @dev Requires an allowance. Reverts unless the contract's balance grows by exactly `amount`.
    function commit(uint256 roundId, uint256 amount) external;

    /// @notice `commit` after an ERC-2612 permit of `amount` payment tokens to this contract.
    /// @dev A permit already used (for instance by someone who saw it first) is fine as long as the allowance
    /// is there.
    function commitWithPermit(
        uint256 roundId,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Pays the caller its sale tokens and refund for round `roundId`: after the end, or a full refund
    /// once the round is cancelled. Once per account; before or after `finalize`.
    function claim(uint256 roundId) external;

    /// @notice Sends round `roundId`'s proceeds and unsold sale tokens to its recipient. Anyone, after the
    /// end, once; not for a cancelled round.
    function finalize(uint256 roundId) external;

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @notice The VotingEscrow whose scores set the levels.
    function escrow() external view returns (IVotingEscrow);

    /// @notice The address that creates and cancels rounds (the DAO timelock).
    function admin() external view returns (address);

    /// @notice The number of rounds created; the latest round's id.
    function roundCount() external view returns (uint256);

    /// @notice Round `roundId`'s parameters, total commitment and state.
    function round(
        uint256 roundId
    ) external view returns (RoundParams memory params, uint256 totalCommitted, bool finalized, bool cancelled);

    /// @notice The level thresholds round `roundId` copied from the escrow at its creation.
    function thresholdsOf(uint256 roundId) external view returns (uint256[10] memory thresholds);

    /// @notice The level of `account` in round `roundId`: its score at the snapshot against the round's
    /// thresholds; 0 is below the first threshold.
    function levelIn(uint256 roundId, address account) external view returns (uint8);

    /// @notice The cap of `account`'s level in round `roundId` (0 for level 0), not what is left of it.
    function capOf(uint256 roundId, address account) external view returns (uint256);

    /// @notice What `account` has committed to round `roundId`; it stays the same after the claim.
    function committed(uint256 roundId, address account) external view returns (uint256);

    /// @notice What a claim would pay `account` for round `roundId` now: before the end, what it would get if
    /// the round ended now; for a cancelled round, a full refund; after its claim, zeros.
    function claimable(uint256 roundId, address account) external view returns (uint256 saleTokens, uint256 refund);

    /// @notice Whether `account` has claimed from round `roundId`.
    function hasClaimed(uint256 roundId, address account) external view returns (bool);
}
