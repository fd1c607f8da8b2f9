// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";

/// @title IVotingEscrow
/// @notice Lock an ERC-20 for 4 to 52 weeks and receive a non-transferable Staking Score: the locked
/// amount plus a bonus of up to the same amount that decays linearly to zero at the unlock date.
/// Scores are in 18-decimal units whatever the token's decimals (at most 18), so thresholds and governance
/// parameters mean the same for every token.
/// The score is the account's voting power (IERC5805, self-delegated by default), its share of
/// protocol revenue and its level.
/// @dev All history is keyed by timestamp (ERC-6372 `mode=timestamp`). Past values never change once
/// `timepoint < block.timestamp`. No loop iterates more than 52 weeks.
interface IVotingEscrow is IERC5805 {
    // ---------------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------------

    /// @notice A lock was created for `account`, funded by `funder`.
    /// @param account The owner of the new lock.
    /// @param funder The address the tokens came from (the account itself, or the caller of `createLockFor`).
    /// @param amount The amount locked.
    /// @param end The unlock time, a multiple of `WEEK`.
    event LockCreated(address indexed account, address indexed funder, uint256 amount, uint256 end);

    /// @notice Tokens were added to the existing lock of `account` (`increaseAmount` or `depositFor`).
    /// @param account The owner of the lock.
    /// @param funder The address the tokens came from.
    /// @param amount The amount added.
    /// @param newAmount The locked amount after the deposit.
    event LockIncreased(address indexed account, address indexed funder, uint256 amount, uint256 newAmount);

    /// @notice The unlock time of `account`'s lock moved from `previousEnd` to `newEnd`.
    event LockExtended(address indexed account, uint256 previousEnd, uint256 newEnd);

    /// @notice Auto-max was switched on or off for `account`'s lock.
    /// @param end The unlock time after the change: 0 while auto-max is on, `epochStart(now + MAX_LOCK)`
    /// when it was switched off.
    event AutoMaxSet(address indexed account, bool enabled, uint256 end);

    /// @notice `account` withdrew its expired lock of `amount` tokens.
    event Withdrawn(address indexed account, uint256 amount);

    /// @notice The DAO set new level thresholds (also emitted by the constructor with the defaults).
    event LevelThresholdsSet(uint256[] thresholds);

    /// @notice `account` allowed or disallowed `creator` to create its first lock with `createLockFor`.
    event LockCreatorSet(address indexed account, address indexed creator, bool allowed);

    // ---------------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------------

    /// @notice An amount of zero was given where tokens must move.
    error VotingEscrowZeroAmount();

    /// @notice A lock's amount would exceed what the score arithmetic supports.
    error VotingEscrowAmountTooLarge(uint256 amount, uint256 maxAmount);

    /// @notice The zero address was given as an account or delegatee.
    error VotingEscrowInvalidAccount(address account);

    /// @notice The unlock time, rounded down to a week, is more than `MAX_LOCK` after the current time.
    error VotingEscrowUnlockTooLate(uint256 unlockTime, uint256 maxUnlockTime);

    /// @notice The new unlock time, rounded down to a week, is not after the current one.
    error VotingEscrowUnlockTimeNotIncreased(uint256 unlockTime, uint256 currentEnd);

    /// @notice The lock would end at `end`, before `minEnd = now + MIN_LOCK`, after an operation that adds
    /// tokens or sets its unlock time. Tokens locked for less than `MIN_LOCK` could vote and leave before the
    /// proposal they voted on can run.
    error VotingEscrowLockTooShort(uint256 end, uint256 minEnd);

    /// @notice `creator` may not create a lock for `account`: the account has not called
    /// `setLockCreator(creator, true)`.
    error VotingEscrowLockCreatorNotAllowed(address account, address creator);

    /// @notice The token has `decimals` decimals; at most 18 are supported.
    error VotingEscrowUnsupportedDecimals(uint8 decimals);

    /// @notice The token delivered `received` instead of `amount` (fee-on-transfer or rebasing tokens are refused).
    error VotingEscrowTransferMismatch(uint256 amount, uint256 received);

    /// @notice `account` already has a lock (withdraw an expired one before creating a new one).
    error VotingEscrowLockExists(address account);

    /// @notice `account` has no lock.
    error VotingEscrowNoLock(address account);

    /// @notice `account`'s lock expired at `end`.
    error VotingEscrowLockExpired(address account, uint256 end);

    /// @notice `account`'s lock cannot be withdrawn before `end`.
    error VotingEscrowLockNotExpired(address account, uint256 end);

    /// @notice The operation is not possible while auto-max is on for `account`.
    error VotingEscrowAutoMaxEnabled(address account);

    /// @notice Auto-max is already `enabled` for `account`.
    error VotingEscrowAutoMaxUnchanged(address account, bool enabled);

    /// @notice The permit's deadline has passed.
    error VotingEscrowPermitExpired(uint256 deadline);

    /// @notice The permit did not grant the escrow an allowance of `amount` from `owner`.
    error VotingEscrowPermitFailed(address owner, uint256 amount);

    /// @notice A lookup asked for a timepoint that is not yet in the past (the error of OpenZeppelin's `Votes`).
    error ERC5805FutureLookup(uint256 timepoint, uint48 clock);

    /// @notice `caller` is not the admin (the DAO timelock).
    error VotingEscrowUnauthorized(address caller);

    /// @notice Exactly `expected` level thresholds are required.
    error VotingEscrowInvalidThresholdCount(uint256 count, uint256 expected);

    /// @notice Thresholds must be non-zero and strictly ascending; `index` breaks that.
    error VotingEscrowThresholdsNotAscending(uint256 index);

    // ---------------------------------------------------------------------------------------------
    // Locks
    // ---------------------------------------------------------------------------------------------

    /// @notice Locks `amount` tokens of the caller until `unlockTime` rounded down to a week, which must be
    /// at least `MIN_LOCK` and at most `MAX_LOCK` from now.
    /// @dev Requires an allowance of `amount`. Reverts if the caller already has a lock. The account's first
    /// lock emits `DelegateChanged(account, address(0), delegatee)` if it never delegated, so event-based
    /// indexers see the default self-delegation.
    function createLock(uint256 amount, uint256 unlockTime) external;

    /// @notice Creates a lock for `account`, funded by the caller, who must be the account or one of its
    /// allowed lock creators (`setLockCreator`).
    function createLockFor(address account, uint256 amount, uint256 unlockTime) external;

    /// @notice Allows or disallows `creator` to create a lock for the caller with `createLockFor`
    /// (typically a vesting or airdrop contract). Without consent, a stranger could front-run the caller's
    /// first lock with a tiny 52-week one and force its end date on it.
    function setLockCreator(address creator, bool allowed) external;

    /// @notice `createLock` with an ERC-2612 permit in the same transaction: no separate approve.
    /// @dev A permit that was front-run still works if it left the allowance in place.
    function createLockWithPermit(
        uint256 amount,
        uint256 unlockTime,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Adds `amount` tokens to the caller's lock, which must be auto-max or end at least `MIN_LOCK`
    /// from now. The unlock time does not change.
    function increaseAmount(uint256 amount) external;

    /// @notice Adds `amount` tokens, funded by the caller, to `account`'s lock, which must be auto-max or end
    /// at least `MIN_LOCK` from now. Never changes `end`.
    function depositFor(address account, uint256 amount) external;

    /// @notice Moves the caller's unlock time to `unlockTime` rounded down to a week; only later, at least
    /// `MIN_LOCK` and at most `MAX_LOCK` from now.
    function increaseUnlockTime(uint256 unlockTime) external;

    /// @notice On: the score stays at its maximum (`amount + slope * MAX_LOCK`) and `end` reads 0.
    /// Off: `end = epochStart(now + MAX_LOCK)` and the score starts to decay.
    /// @dev Switching on requires an unexpired lock.
    function setAutoMax(bool enabled) external;

    /// @notice Returns the caller's whole locked amount once the lock has expired and auto-max is off.
    function withdraw() external;

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @notice The token that is locked.
    function token() external view returns (IERC20);

    /// @notice The address allowed to set level thresholds (the DAO timelock).
    function admin() external view returns (address);

    /// @notice One week in seconds; unlock times are multiples of it.
    function WEEK() external view returns (uint256);

    /// @notice The longest lock, 52 weeks in seconds.
    function MAX_LOCK() external view returns (uint256);

    /// @notice The shortest time, 4 weeks in seconds, that a lock receiving tokens must still run. It covers
    /// the governance window, so tokens that voted stay locked until the proposal can run.
    function MIN_LOCK() external view returns (uint256);

    /// @notice Whether `account` allowed `creator` to create a lock for it.
    function isLockCreator(address account, address creator) external view returns (bool);

    /// @notice "Vote-escrowed " followed by the token's name.
    function name() external view returns (string memory);

    /// @notice "ve" followed by the token's symbol.
    function symbol() external view returns (string memory);

    /// @notice Always 18: scores are in 18-decimal units, whatever the token's decimals.
    function decimals() external view returns (uint8);

    /// @notice The lock of `account`, `amount` in token units: `end` is 0 while auto-max is on or when there
    /// is no lock.
    function locked(address account) external view returns (uint256 amount, uint256 end, bool autoMax);

    /// @notice When `account` first created a lock, or 0 if it never had one. Revenue sharing starts an
    /// account's first claim there instead of at the reward token's first week.
    function firstLockTime(address account) external view returns (uint256);

    /// @notice The Staking Score of `account` now.
    function balanceOf(address account) external view returns (uint256);

    /// @notice The Staking Score of `account` at `timestamp`; for a future timestamp, the projection of
    /// the current lock.
    function balanceOfAt(address account, uint256 timestamp) external view returns (uint256);

    /// @notice The sum of all Staking Scores now.
    function totalSupply() external view returns (uint256);

    /// @notice The sum of all Staking Scores at `timestamp`; for a future timestamp, the projection of the
    /// current locks.
    function totalSupplyAt(uint256 timestamp) external view returns (uint256);

    // ---------------------------------------------------------------------------------------------
    // Levels
    // ---------------------------------------------------------------------------------------------

    /// @notice The ten ascending score thresholds of levels 1 to 10.
    function levelThresholds() external view returns (uint256[] memory);

    /// @notice The level of `account` now: the number of thresholds its score reaches (0 to 10).
    function levelOf(address account) external view returns (uint8);

    /// @notice The level of `account` at `timestamp`, measured against the current thresholds.
    function levelAt(address account, uint256 timestamp) external view returns (uint8);

    /// @notice Sets the ten level thresholds. Only the admin (the DAO timelock).
    function setLevelThresholds(uint256[] calldata thresholds) external;
}
