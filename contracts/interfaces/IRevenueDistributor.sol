// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IVotingEscrow} from "./IVotingEscrow.sol";

/// @title IRevenueDistributor
/// @notice Shares protocol revenue, in any allowlisted ERC-20, among stakers in proportion to their Staking
/// Score. Revenue deposited during week `e` (`e = epochStart(t)`) is split by the scores at the *start* of
/// week `e` and becomes claimable at `e + WEEK`: an account's share is
/// `revenue[e] * escrow.balanceOfAt(account, e) / escrow.totalSupplyAt(e)`, rounded down.
/// @dev A week whose total score is zero has nobody to pay, so its revenue rolls into the next week
/// (`RevenueRolledOver`). Weeks are *finalized* in order, per token, before anyone can claim them: their
/// total score is read once from the escrow and stored, and rollovers are applied. `claim` and `checkpoint`
/// finalize as they go, at most `MAX_WEEKS_PER_CALL` weeks per token per call. Every loop is bounded by
/// `MAX_WEEKS_PER_CALL` or by the length of a list the caller passes, except in the `claimable` view.
interface IRevenueDistributor {
    // ---------------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------------

    /// @notice `amount` of `token` was credited to the week starting at `week`.
    /// @param from The depositor, or `address(0)` for tokens sent directly and credited by `checkpoint`.
    event RevenueDeposited(address indexed token, uint256 indexed week, uint256 amount, address indexed from);

    /// @notice `account` claimed `amount` of `token` for every unclaimed week up to and including the week
    /// starting at `lastWeekClaimed`.
    /// @param relocked True when the amount was added to the account's lock instead of being paid out.
    event RevenueClaimed(
        address indexed account,
        address indexed token,
        uint256 amount,
        bool relocked,
        uint256 lastWeekClaimed
    );

    /// @notice The DAO allowed deposits of `token`.
    event RewardTokenAdded(address indexed token);

    /// @notice The DAO stopped deposits of `token`; revenue already deposited stays claimable.
    event RewardTokenRemoved(address indexed token);

    /// @notice Nobody had a score at the start of `fromWeek`, so its `amount` of `token` moved to `toWeek`.
    event RevenueRolledOver(address indexed token, uint256 indexed fromWeek, uint256 indexed toWeek, uint256 amount);

    // ---------------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------------

    /// @notice `caller` is not the admin (the DAO timelock).
    error RevenueDistributorUnauthorized(address caller);

    /// @notice The zero address was given for the escrow, the admin or a token.
    error RevenueDistributorZeroAddress();

    /// @notice `token` is not on the allowlist, so it cannot be deposited (or removed).
    error RevenueDistributorTokenNotAllowed(address token);

    /// @notice `token` is already on the allowlist.
    error RevenueDistributorTokenAlreadyAllowed(address token);

    /// @notice `token` was never a reward token, so there is nothing to claim in it.
    error RevenueDistributorUnknownToken(address token);

    /// @notice The allowlist has ever held `max` tokens; no further token can be added.
    error RevenueDistributorTooManyTokens(uint256 max);

    /// @notice An amount of zero was given where tokens must move.
    error RevenueDistributorZeroAmount();

    /// @notice The distributor's balance of a token would reach `balance`, more than the `max` it supports.
    error RevenueDistributorAmountTooLarge(uint256 balance, uint256 max);

    /// @notice The distributor received `received` instead of `expected` units of `token`: fee-on-transfer
    /// and rebasing tokens are not supported.
    error RevenueDistributorFeeOnTransfer(address token, uint256 expected, uint256 received);

    /// @notice The distributor holds `balance` units of `token` but owes stakers `accounted`: the token's
    /// balance shrank on its own (a rebasing token), which is not supported.
    error RevenueDistributorBalanceShortfall(address token, uint256 accounted, uint256 balance);

    /// @notice `account` asked to relock its share but has no lock.
    error RevenueDistributorNoLock(address account);

    /// @notice `account` asked to relock its share but its lock expired at `end`.
    error RevenueDistributorLockExpired(address account, uint256 end);

    /// @notice `account` asked to relock its share into a lock that ends at `end`, before
    /// `minEnd = now + MIN_LOCK`; extend the lock first.
    error RevenueDistributorLockTooShort(address account, uint256 end, uint256 minEnd);

    // ---------------------------------------------------------------------------------------------
    // Admin (the DAO timelock)
    // ---------------------------------------------------------------------------------------------

    /// @notice Allows deposits of `token`. Only the admin. A token that was removed can be added again and
    /// keeps its history.
    /// @dev Fee-on-transfer and rebasing tokens must not be added; deposits of them revert.
    function addRewardToken(IERC20 token) external;

    /// @notice Stops deposits of `token`. Only the admin. Everything already deposited stays claimable.
    function removeRewardToken(IERC20 token) external;

    // ---------------------------------------------------------------------------------------------
    // Revenue
    // ---------------------------------------------------------------------------------------------

    /// @notice Credits `amount` of `token`, pulled from the caller, to the current week; in a week's very
    /// first second, to the next week (a lock made in that same second must not share in it).
    /// @dev Requires an allowance. Reverts unless the distributor's balance grows by exactly `amount`.
    function depositRevenue(IERC20 token, uint256 amount) external;

    /// @notice Finalizes up to `MAX_WEEKS_PER_CALL` finished weeks of `token`, then, once every finished
    /// week is finalized, credits any `token` sent to the distributor directly to the current week (to the
    /// next one in a week's first second, as `depositRevenue` does). Anyone
    /// may call it; after more than `MAX_WEEKS_PER_CALL` weeks without claims it may take several calls.
    /// @dev Reverts for a token that is not allowed: removal also stops direct transfers from being credited.
    function checkpoint(IERC20 token) external;

    /// @notice Pays the caller its share of every finished, unclaimed week of each of `tokens`, at most
    /// `MAX_WEEKS_PER_CALL` weeks per token per call; call again to continue.
    /// @param relock When true, the governance-token share (`escrow().token()`) is added to the caller's
    /// lock through `escrow().depositFor`; the other tokens are paid out. Reverts if the caller has a
    /// governance-token share to relock but no lock, an expired one, or one that ends within `MIN_LOCK`.
    function claim(IERC20[] calldata tokens, bool relock) external;

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @notice One week in seconds.
    function WEEK() external view returns (uint256);

    /// @notice The most weeks `claim` and `checkpoint` process per token per call.
    function MAX_WEEKS_PER_CALL() external view returns (uint256);

    /// @notice The most tokens the allowlist can ever hold.
    function MAX_REWARD_TOKENS() external view returns (uint256);

    /// @notice The VotingEscrow whose scores weigh the shares.
    function escrow() external view returns (IVotingEscrow);

    /// @notice The address that manages the allowlist (the DAO timelock).
    function admin() external view returns (address);

    /// @notice Whether deposits of `token` are currently allowed.
    function isRewardToken(IERC20 token) external view returns (bool);

    /// @notice Every token ever added to the allowlist, in order, including removed ones (they can still
    /// be claimed); `isRewardToken` tells which ones accept deposits.
    function rewardTokens() external view returns (IERC20[] memory);

    /// @notice The amount of `token` that `account` can claim now, over all finished weeks (including more
    /// than `MAX_WEEKS_PER_CALL` of them).
    /// @dev Unbounded loop over unclaimed weeks: meant for off-chain calls.
    function claimable(address account, IERC20 token) external view returns (uint256);

    /// @notice The revenue of `token` credited to the week containing `weekStart`: deposits plus what rolled
    /// in from earlier weeks without stakers; zero once it rolled on to the next week.
    function revenueAt(IERC20 token, uint256 weekStart) external view returns (uint256);

    /// @notice The start of the next week of `token` that `account` will claim. Before its first claim: the
    /// week of its first lock (not before the token's first week, and not past the weeks already finalized,
    /// so one claim never finalizes more than 52 weeks), or the current week if it never locked.
    function claimCursor(address account, IERC20 token) external view returns (uint256);

    /// @notice The start of the last week of `token` that `account` claimed, or 0 if it never claimed one.
    function lastClaimedWeek(address account, IERC20 token) external view returns (uint256);

    /// @notice Weeks of `token` before this timestamp are finalized: their total score is stored and their
    /// rollovers applied. 0 for a token that was never added.
    function finalizedUntil(IERC20 token) external view returns (uint256);

    /// @notice The amount of `token` the distributor owes stakers: credited minus claimed, rounding dust
    /// included. Anything the distributor holds beyond it is credited by `checkpoint`.
    /// @dev Loops over the weeks not finalized yet: meant for off-chain calls.
    function accountedBalance(IERC20 token) external view returns (uint256);
}
