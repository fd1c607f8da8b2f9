// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

import {IVotingEscrow} from "./interfaces/IVotingEscrow.sol";
import {StakingScore} from "./libraries/StakingScore.sol";

/// @title VotingEscrow
/// @notice Locks a governance token for up to 52 weeks in exchange for a non-transferable Staking Score
/// that is voting power, revenue share and level. See `IVotingEscrow` and SPEC.md §2-§4.
/// @dev Three histories, all keyed by timestamp:
/// - each account's lock (`_locks`), from which its score at any time follows;
/// - the total of all scores (`_supply`), an aggregate with weekly scheduled changes (Curve-style);
/// - for each delegatee, the total of the scores delegated to it by *other* accounts (`_delegated`).
/// An account delegates to itself by default, so the common case writes no delegation state at all:
/// its votes are its own score (while it delegates to itself) plus what others delegated to it.
contract VotingEscrow is IVotingEscrow, EIP712, Nonces, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using Checkpoints for Checkpoints.Trace208;
    using StakingScore for StakingScore.Trace;
    using StakingScore for StakingScore.Lock;

    /// @inheritdoc IVotingEscrow
    uint256 public constant WEEK = StakingScore.WEEK;

    /// @inheritdoc IVotingEscrow
    uint256 public constant MAX_LOCK = StakingScore.MAX_LOCK;

    uint256 private constant _LEVEL_COUNT = 10;

    bytes32 private constant _DELEGATION_TYPEHASH = keccak256(
        "Delegation(address delegatee,uint256 nonce,uint256 expiry)"
    );

    IERC20 private immutable _token;
    address private immutable _admin;
    string private _name;
    string private _symbol;

    mapping(address account => Checkpoints.Trace208) private _locks;
    mapping(address account => Checkpoints.Trace208) private _delegatees;
    mapping(address delegatee => StakingScore.Trace) private _delegated;
    StakingScore.Trace private _supply;
    uint256[_LEVEL_COUNT] private _levelThresholds;

    modifier onlyAdmin() {
        if (msg.sender != _admin) revert VotingEscrowUnauthorized(msg.sender);
        _;
    }

    constructor(
        IERC20 token_,
        address admin_
    ) EIP712(string.concat("Vote-escrowed ", IERC20Metadata(address(token_)).name()), "1") {
        _token = token_;
        _admin = admin_;
        _name = string.concat("Vote-escrowed ", IERC20Metadata(address(token_)).name());
        _symbol = string.concat("ve", IERC20Metadata(address(token_)).symbol());
        uint256[_LEVEL_COUNT] memory defaults = [
            uint256(22_000e18),
            50_000e18,
            100_000e18,
            250_000e18,
            500_000e18,
            1_000_000e18,
            2_000_000e18,
            3_500_000e18,
            5_000_000e18,
            7_777_000e18
        ];
        _levelThresholds = defaults;
    }

    // ---------------------------------------------------------------------------------------------
    // Locks
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IVotingEscrow
    function createLock(uint256 amount, uint256 unlockTime) external nonReentrant {
        _createLock(msg.sender, amount, unlockTime);
    }

    /// @inheritdoc IVotingEscrow
    function createLockFor(address account, uint256 amount, uint256 unlockTime) external nonReentrant {
        _createLock(account, amount, unlockTime);
    }

    /// @inheritdoc IVotingEscrow
    function createLockWithPermit(
        uint256 amount,
        uint256 unlockTime,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant {
        if (block.timestamp > deadline) revert VotingEscrowPermitExpired(deadline);
        // A permit seen in the mempool can be submitted by anyone first; what matters is the allowance.
        try IERC20Permit(address(_token)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        if (_token.allowance(msg.sender, address(this)) < amount) revert VotingEscrowPermitFailed(msg.sender, amount);
        _createLock(msg.sender, amount, unlockTime);
    }

    /// @inheritdoc IVotingEscrow
    function increaseAmount(uint256 amount) external nonReentrant {
        _increase(msg.sender, amount);
    }

    /// @inheritdoc IVotingEscrow
    function depositFor(address account, uint256 amount) external nonReentrant {
        _increase(account, amount);
    }

    /// @inheritdoc IVotingEscrow
    function increaseUnlockTime(uint256 unlockTime) external {
        StakingScore.Lock memory lock = _requireActiveLock(msg.sender);
        if (lock.autoMax) revert VotingEscrowAutoMaxEnabled(msg.sender);
        uint256 end = _checkUnlockTime(unlockTime);
        if (end <= lock.end) revert VotingEscrowUnlockTimeNotIncreased(end, lock.end);

        _writeLock(msg.sender, lock, StakingScore.Lock(lock.amount, end, false));
        emit LockExtended(msg.sender, lock.end, end);
    }

    /// @inheritdoc IVotingEscrow
    function setAutoMax(bool enabled) external {
        StakingScore.Lock memory lock = _currentLock(msg.sender);
        if (lock.amount == 0) revert VotingEscrowNoLock(msg.sender);
        if (lock.autoMax == enabled) revert VotingEscrowAutoMaxUnchanged(msg.sender, enabled);
        if (!lock.isActive(block.timestamp)) revert VotingEscrowLockExpired(msg.sender, lock.end);

        uint256 end = enabled ? 0 : StakingScore.epochStart(block.timestamp + MAX_LOCK);
        _writeLock(msg.sender, lock, StakingScore.Lock(lock.amount, end, enabled));
        emit AutoMaxSet(msg.sender, enabled, end);
    }

    /// @inheritdoc IVotingEscrow
    function withdraw() external nonReentrant {
        StakingScore.Lock memory lock = _currentLock(msg.sender);
        if (lock.amount == 0) revert VotingEscrowNoLock(msg.sender);
        if (lock.autoMax) revert VotingEscrowAutoMaxEnabled(msg.sender);
        if (block.timestamp < lock.end) revert VotingEscrowLockNotExpired(msg.sender, lock.end);

        // The expired lock no longer counts in any aggregate, so only the account's own history changes.
        _locks[msg.sender].push(uint48(block.timestamp), 0);
        emit Withdrawn(msg.sender, lock.amount);

        _token.safeTransfer(msg.sender, lock.amount);
    }

    // ---------------------------------------------------------------------------------------------
    // Delegation (IERC5805)
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IVotes
    function delegate(address delegatee) external {
        _delegate(msg.sender, delegatee);
    }

    /// @inheritdoc IVotes
    function delegateBySig(address delegatee, uint256 nonce, uint256 expiry, uint8 v, bytes32 r, bytes32 s) external {
        if (block.timestamp > expiry) revert VotesExpiredSignature(expiry);
        address signer = ECDSA.recover(
            _hashTypedDataV4(keccak256(abi.encode(_DELEGATION_TYPEHASH, delegatee, nonce, expiry))),
            v,
            r,
            s
        );
        _useCheckedNonce(signer, nonce);
        _delegate(signer, delegatee);
    }

    /// @inheritdoc IVotes
    function delegates(address account) public view returns (address) {
        return _delegateeOf(account, _delegatees[account].latest());
    }

    /// @inheritdoc IVotes
    function getVotes(address account) external view returns (uint256) {
        return _votes(account, block.timestamp);
    }

    /// @inheritdoc IVotes
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256) {
        _requirePast(timepoint);
        uint256 own =
            _delegateeOf(account, _delegatees[account].upperLookupRecent(uint48(timepoint))) == account
                ? balanceOfAt(account, timepoint)
                : 0;
        return own + _delegated[account].valueAt(timepoint);
    }

    /// @inheritdoc IVotes
    function getPastTotalSupply(uint256 timepoint) external view returns (uint256) {
        _requirePast(timepoint);
        return _supply.valueAt(timepoint);
    }

    /// @inheritdoc IERC6372
    function clock() public view returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @inheritdoc IERC6372
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=timestamp";
    }

    // ---------------------------------------------------------------------------------------------
    // Levels
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IVotingEscrow
    function setLevelThresholds(uint256[] calldata thresholds) external onlyAdmin {
        if (thresholds.length != _LEVEL_COUNT) {
            revert VotingEscrowInvalidThresholdCount(thresholds.length, _LEVEL_COUNT);
        }
        if (thresholds[0] == 0) revert VotingEscrowThresholdsNotAscending(0);
        for (uint256 i = 1; i < _LEVEL_COUNT; ++i) {
            if (thresholds[i] <= thresholds[i - 1]) revert VotingEscrowThresholdsNotAscending(i);
        }

        for (uint256 i = 0; i < _LEVEL_COUNT; ++i) {
            _levelThresholds[i] = thresholds[i];
        }
        emit LevelThresholdsSet(thresholds);
    }

    /// @inheritdoc IVotingEscrow
    function levelThresholds() external view returns (uint256[] memory thresholds) {
        thresholds = new uint256[](_LEVEL_COUNT);
        for (uint256 i = 0; i < _LEVEL_COUNT; ++i) {
            thresholds[i] = _levelThresholds[i];
        }
    }

    /// @inheritdoc IVotingEscrow
    function levelOf(address account) external view returns (uint8) {
        return _levelFor(balanceOfAt(account, block.timestamp));
    }

    /// @inheritdoc IVotingEscrow
    function levelAt(address account, uint256 timestamp) external view returns (uint8) {
        return _levelFor(balanceOfAt(account, timestamp));
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IVotingEscrow
    function token() external view returns (IERC20) {
        return _token;
    }

    /// @inheritdoc IVotingEscrow
    function admin() external view returns (address) {
        return _admin;
    }

    /// @inheritdoc IVotingEscrow
    function name() external view returns (string memory) {
        return _name;
    }

    /// @inheritdoc IVotingEscrow
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @inheritdoc IVotingEscrow
    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @inheritdoc IVotingEscrow
    function locked(address account) external view returns (uint256 amount, uint256 end, bool autoMax) {
        StakingScore.Lock memory lock = _currentLock(account);
        return (lock.amount, lock.end, lock.autoMax);
    }

    /// @inheritdoc IVotingEscrow
    function balanceOf(address account) external view returns (uint256) {
        return _currentLock(account).scoreAt(block.timestamp);
    }

    /// @inheritdoc IVotingEscrow
    function balanceOfAt(address account, uint256 timestamp) public view returns (uint256) {
        // Beyond uint48 every lock has long expired; clamping keeps the lookup key in range.
        uint48 key = timestamp > type(uint48).max ? type(uint48).max : uint48(timestamp);
        return StakingScore.unpack(_locks[account].upperLookupRecent(key)).scoreAt(timestamp);
    }

    /// @inheritdoc IVotingEscrow
    function totalSupply() external view returns (uint256) {
        return _supply.valueAt(block.timestamp);
    }

    /// @inheritdoc IVotingEscrow
    function totalSupplyAt(uint256 timestamp) external view returns (uint256) {
        return _supply.valueAt(timestamp);
    }

    // ---------------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------------

    function _createLock(address account, uint256 amount, uint256 unlockTime) private {
        if (account == address(0)) revert VotingEscrowInvalidAccount(account);
        if (amount == 0) revert VotingEscrowZeroAmount();
        if (amount > StakingScore.MAX_AMOUNT) revert VotingEscrowAmountTooLarge(amount, StakingScore.MAX_AMOUNT);
        StakingScore.Lock memory lock = _currentLock(account);
        if (lock.amount != 0) revert VotingEscrowLockExists(account);
        uint256 end = _checkUnlockTime(unlockTime);

        _writeLock(account, lock, StakingScore.Lock(amount, end, false));
        emit LockCreated(account, msg.sender, amount, end);

        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    function _increase(address account, uint256 amount) private {
        if (amount == 0) revert VotingEscrowZeroAmount();
        StakingScore.Lock memory lock = _requireActiveLock(account);
        uint256 newAmount = lock.amount + amount;
        if (newAmount > StakingScore.MAX_AMOUNT) {
            revert VotingEscrowAmountTooLarge(newAmount, StakingScore.MAX_AMOUNT);
        }

        _writeLock(account, lock, StakingScore.Lock(newAmount, lock.end, lock.autoMax));
        emit LockIncreased(account, msg.sender, amount, newAmount);

        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @dev Records `account`'s new lock and moves its contribution in the total and in its delegatee's votes.
    function _writeLock(address account, StakingScore.Lock memory oldLock, StakingScore.Lock memory newLock) private {
        uint256 t = block.timestamp;
        _locks[account].push(uint48(t), StakingScore.pack(newLock));
        _supply.update(t, oldLock, newLock);

        address delegatee = delegates(account);
        if (delegatee == account) {
            uint256 delegatedIn = _delegated[account].valueAt(t);
            emit DelegateVotesChanged(account, delegatedIn + oldLock.scoreAt(t), delegatedIn + newLock.scoreAt(t));
        } else {
            (uint256 oldVotes, uint256 newVotes) = _delegated[delegatee].update(t, oldLock, newLock);
            uint256 own = _ownVotes(delegatee, t);
            emit DelegateVotesChanged(delegatee, own + oldVotes, own + newVotes);
        }
    }

    function _delegate(address account, address delegatee) private {
        if (delegatee == address(0)) revert VotingEscrowInvalidAccount(delegatee);
        address previous = delegates(account);
        if (previous == delegatee) return;

        uint256 t = block.timestamp;
        _delegatees[account].push(uint48(t), uint160(delegatee));
        emit DelegateChanged(account, previous, delegatee);

        StakingScore.Lock memory lock = _currentLock(account);
        if (!lock.isActive(t)) return;
        StakingScore.Lock memory none;
        uint256 score = lock.scoreAt(t);
        if (previous == account) {
            uint256 delegatedIn = _delegated[account].valueAt(t);
            emit DelegateVotesChanged(account, delegatedIn + score, delegatedIn);
        } else {
            (uint256 oldVotes, uint256 newVotes) = _delegated[previous].update(t, lock, none);
            uint256 own = _ownVotes(previous, t);
            emit DelegateVotesChanged(previous, own + oldVotes, own + newVotes);
        }
        if (delegatee == account) {
            uint256 delegatedIn = _delegated[account].valueAt(t);
            emit DelegateVotesChanged(account, delegatedIn, delegatedIn + score);
        } else {
            (uint256 oldVotes, uint256 newVotes) = _delegated[delegatee].update(t, none, lock);
            uint256 own = _ownVotes(delegatee, t);
            emit DelegateVotesChanged(delegatee, own + oldVotes, own + newVotes);
        }
    }

    function _currentLock(address account) private view returns (StakingScore.Lock memory) {
        return StakingScore.unpack(_locks[account].latest());
    }

    function _requireActiveLock(address account) private view returns (StakingScore.Lock memory lock) {
        lock = _currentLock(account);
        if (lock.amount == 0) revert VotingEscrowNoLock(account);
        if (!lock.isActive(block.timestamp)) revert VotingEscrowLockExpired(account, lock.end);
    }

    /// @dev Rounds `unlockTime` down to a week and checks `now < end <= now + MAX_LOCK`.
    function _checkUnlockTime(uint256 unlockTime) private view returns (uint256 end) {
        end = StakingScore.epochStart(unlockTime);
        if (end <= block.timestamp) revert VotingEscrowUnlockTimeInPast(end, block.timestamp);
        if (end > block.timestamp + MAX_LOCK) revert VotingEscrowUnlockTooLate(end, block.timestamp + MAX_LOCK);
    }

    /// @dev The stored delegatee, where 0 means "never delegated", i.e. the account itself.
    function _delegateeOf(address account, uint208 stored) private pure returns (address) {
        return stored == 0 ? account : address(uint160(stored));
    }

    /// @dev The account's own score if it delegates to itself at `t` (the latest time), else 0.
    function _ownVotes(address account, uint256 t) private view returns (uint256) {
        return delegates(account) == account ? _currentLock(account).scoreAt(t) : 0;
    }

    function _votes(address account, uint256 t) private view returns (uint256) {
        return _ownVotes(account, t) + _delegated[account].valueAt(t);
    }

    function _requirePast(uint256 timepoint) private view {
        uint48 now_ = clock();
        if (timepoint >= now_) revert VotingEscrowFutureLookup(timepoint, now_);
    }

    function _levelFor(uint256 score) private view returns (uint8) {
        for (uint256 i = 0; i < _LEVEL_COUNT; ++i) {
            if (score < _levelThresholds[i]) return uint8(i);
        }
        return uint8(_LEVEL_COUNT);
    }
}
