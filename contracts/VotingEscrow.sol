// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IVotingEscrow} from "./interfaces/IVotingEscrow.sol";
import {DelegationEntry, LockEntry, StakingScore} from "./libraries/StakingScore.sol";

/// @title VotingEscrow
/// @notice Locks a governance token for up to 52 weeks in exchange for a non-transferable Staking Score
/// that is voting power, revenue share and level. See `IVotingEscrow` and SPEC.md §2-§4.
/// Amounts are stored in token units; the score math works in 18-decimal units (`amount * _unit`).
/// @dev State, all history keyed by timestamp:
/// - per account, one slot (`_accounts`) with the current lock and the lengths of its three histories:
///   earlier lock states (`_lockHistory`), delegations (`_delegationHistory`) and the points of the votes
///   others delegated to it (`_delegated`);
/// - the total of all scores (`_supply`), an aggregate with weekly scheduled changes (Curve-style), and
///   the total at each week start (`_weekStartSupply`) that revenue sharing reads;
/// - per delegatee, the total of the scores delegated to it by *other* accounts (`_delegated`).
/// An account delegates to itself by default, so the common case writes no delegation state at all:
/// its votes are its own score (while it delegates to itself) plus what others delegated to it.
contract VotingEscrow is IVotingEscrow, EIP712, Nonces, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using StakingScore for StakingScore.Trace;
    using StakingScore for StakingScore.Lock;

    /// @dev The current lock of an account and the lengths of its three histories, in one slot so that a
    /// lock change reads and writes it once. `endWeek` is `end / WEEK` (ends are whole weeks; 16 bits last
    /// until the year 3226); an auto-max lock has `endWeek == 0`. `votePoints` counts the points of
    /// `_delegated[account]`, the votes others delegated to it. The two histories that other accounts can
    /// grow (`depositFor` adds lock states, delegating adds vote points) have 32-bit counts: 136 years of
    /// one entry per second.
    struct Account {
        uint112 amount;
        uint16 endWeek;
        uint40 since;
        uint32 lockHistory;
        uint24 delegations;
        uint32 votePoints;
    }

    /// @inheritdoc IVotingEscrow
    uint256 public constant WEEK = StakingScore.WEEK;

    /// @inheritdoc IVotingEscrow
    uint256 public constant MAX_LOCK = StakingScore.MAX_LOCK;

    /// @inheritdoc IVotingEscrow
    uint256 public constant MIN_LOCK = StakingScore.MIN_LOCK;

    uint256 private constant _LEVEL_COUNT = 10;

    bytes32 private constant _DELEGATION_TYPEHASH = keccak256(
        "Delegation(address delegatee,uint256 nonce,uint256 expiry)"
    );

    IERC20 private immutable _token;
    address private immutable _admin;
    /// @dev `10**(18 - token decimals)`: one token base unit in 18-decimal score units.
    uint256 private immutable _unit;
    string private _name;
    string private _symbol;

    mapping(address account => Account) private _accounts;
    mapping(address account => mapping(address creator => bool allowed)) private _lockCreators;
    mapping(address account => mapping(uint256 index => LockEntry)) private _lockHistory;
    mapping(address account => mapping(uint256 index => DelegationEntry)) private _delegationHistory;
    mapping(address delegatee => StakingScore.Trace) private _delegated;
    StakingScore.Trace private _supply;
    uint256 private _supplyPoints;
    /// @dev The total at the start of each week, recorded by the week's first lock change: revenue
    /// sharing reads the total at week starts, and this makes that read O(1).
    mapping(uint256 week => uint256 total) private _weekStartSupply;
    uint256[_LEVEL_COUNT] private _levelThresholds;

    modifier onlyAdmin() {
        if (msg.sender != _admin) revert VotingEscrowUnauthorized(msg.sender);
        _;
    }

    constructor(
        IERC20 token_,
        address admin_
    ) EIP712(string.concat("Vote-escrowed ", IERC20Metadata(address(token_)).name()), "1") {
        uint8 tokenDecimals = IERC20Metadata(address(token_)).decimals();
        if (tokenDecimals > 18) revert VotingEscrowUnsupportedDecimals(tokenDecimals);
        _token = token_;
        _admin = admin_;
        _unit = 10 ** (18 - tokenDecimals);
        _name = string.concat("Vote-escrowed ", IERC20Metadata(address(token_)).name());
        _symbol = string.concat("ve", IERC20Metadata(address(token_)).symbol());
        uint256[] memory thresholds = new uint256[](_LEVEL_COUNT);
        (thresholds[0], thresholds[1], thresholds[2], thresholds[3], thresholds[4]) = (
            22_000e18,
            50_000e18,
            100_000e18,
            250_000e18,
            500_000e18
        );
        (thresholds[5], thresholds[6], thresholds[7], thresholds[8], thresholds[9]) = (
            1_000_000e18,
            2_000_000e18,
            3_500_000e18,
            5_000_000e18,
            7_777_000e18
        );
        // Emitted so that indexers learn the defaults from the chain instead of keeping a copy.
        _setLevelThresholds(thresholds);
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
        if (account != msg.sender && !_lockCreators[account][msg.sender]) {
            revert VotingEscrowLockCreatorNotAllowed(account, msg.sender);
        }
        _createLock(account, amount, unlockTime);
    }

    /// @inheritdoc IVotingEscrow
    function setLockCreator(address creator, bool allowed) external {
        if (creator == address(0)) revert VotingEscrowInvalidAccount(creator);
        _lockCreators[msg.sender][creator] = allowed;
        emit LockCreatorSet(msg.sender, creator, allowed);
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
        Account memory account = _accounts[msg.sender];
        StakingScore.Lock memory lock = _requireActiveLock(msg.sender, account);
        if (lock.autoMax) revert VotingEscrowAutoMaxEnabled(msg.sender);
        uint256 end = _checkUnlockTime(unlockTime);
        if (end <= lock.end) revert VotingEscrowUnlockTimeNotIncreased(end, lock.end);

        _writeLock(msg.sender, account, lock, StakingScore.Lock(lock.amount, end, false), account.amount);
        emit LockExtended(msg.sender, lock.end, end);
    }

    /// @inheritdoc IVotingEscrow
    function setAutoMax(bool enabled) external {
        Account memory account = _accounts[msg.sender];
        StakingScore.Lock memory lock = _lockOf(account);
        if (lock.amount == 0) revert VotingEscrowNoLock(msg.sender);
        if (lock.autoMax == enabled) revert VotingEscrowAutoMaxUnchanged(msg.sender, enabled);
        if (!lock.isActive(block.timestamp)) revert VotingEscrowLockExpired(msg.sender, lock.end);

        uint256 end = enabled ? 0 : StakingScore.epochStart(block.timestamp + MAX_LOCK);
        _writeLock(msg.sender, account, lock, StakingScore.Lock(lock.amount, end, enabled), account.amount);
        emit AutoMaxSet(msg.sender, enabled, end);
    }

    /// @inheritdoc IVotingEscrow
    function withdraw() external nonReentrant {
        Account memory account = _accounts[msg.sender];
        uint256 amount = account.amount;
        uint256 end = account.endWeek * WEEK;
        if (amount == 0) revert VotingEscrowNoLock(msg.sender);
        if (end == 0) revert VotingEscrowAutoMaxEnabled(msg.sender);
        if (block.timestamp < end) revert VotingEscrowLockNotExpired(msg.sender, end);

        // The expired lock no longer counts in any aggregate, so only the account's own history changes.
        _recordLock(msg.sender, account, 0, 0);
        emit Withdrawn(msg.sender, amount);

        _token.safeTransfer(msg.sender, amount);
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
    function delegates(address account) external view returns (address) {
        return _delegateeOf(account, _accounts[account]);
    }

    /// @inheritdoc IVotes
    function getVotes(address account) external view returns (uint256) {
        Account memory acc = _accounts[account];
        return _ownVotes(account, acc) + _delegated[account].valueAt(acc.votePoints, block.timestamp);
    }

    /// @inheritdoc IVotes
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256) {
        _requirePast(timepoint);
        Account memory acc = _accounts[account];
        uint256 own =
            _delegateeAt(account, acc, timepoint) == account ? _lockAt(account, acc, timepoint).scoreAt(timepoint) : 0;
        return own + _delegated[account].valueAt(acc.votePoints, timepoint);
    }

    /// @inheritdoc IVotes
    function getPastTotalSupply(uint256 timepoint) external view returns (uint256) {
        _requirePast(timepoint);
        return _totalSupplyAt(timepoint);
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
        _setLevelThresholds(thresholds);
    }

    function _setLevelThresholds(uint256[] memory thresholds) private {
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
        return _levelFor(_lockOf(_accounts[account]).scoreAt(block.timestamp));
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
        Account memory acc = _accounts[account];
        return (acc.amount, acc.endWeek * WEEK, acc.amount != 0 && acc.endWeek == 0);
    }

    /// @inheritdoc IVotingEscrow
    function isLockCreator(address account, address creator) external view returns (bool) {
        return _lockCreators[account][creator];
    }

    /// @inheritdoc IVotingEscrow
    function firstLockTime(address account) external view returns (uint256) {
        Account memory acc = _accounts[account];
        // History keeps only non-empty states, so its first entry is the first lock.
        if (acc.lockHistory != 0) return _lockHistory[account][0].time();
        return acc.amount != 0 ? acc.since : 0;
    }

    /// @inheritdoc IVotingEscrow
    function balanceOf(address account) external view returns (uint256) {
        return _lockOf(_accounts[account]).scoreAt(block.timestamp);
    }

    /// @inheritdoc IVotingEscrow
    function balanceOfAt(address account, uint256 timestamp) public view returns (uint256) {
        return _lockAt(account, _accounts[account], timestamp).scoreAt(timestamp);
    }

    /// @inheritdoc IVotingEscrow
    function totalSupply() external view returns (uint256) {
        return _totalSupplyAt(block.timestamp);
    }

    /// @inheritdoc IVotingEscrow
    function totalSupplyAt(uint256 timestamp) external view returns (uint256) {
        return _totalSupplyAt(timestamp);
    }

    // ---------------------------------------------------------------------------------------------
    // Internal: locks
    // ---------------------------------------------------------------------------------------------

    /// @dev `account` is never the zero address: it is the caller, or an account that allowed the caller.
    function _createLock(address account, uint256 amount, uint256 unlockTime) private {
        if (amount == 0) revert VotingEscrowZeroAmount();
        _checkAmount(amount);
        Account memory acc = _accounts[account];
        if (acc.amount != 0) revert VotingEscrowLockExists(account);
        uint256 end = _checkUnlockTime(unlockTime);

        // An account's first lock makes its default self-delegation visible to indexers built on
        // OpenZeppelin's `Votes` events, unless an explicit delegation already did.
        if (acc.since == 0 && acc.delegations == 0) emit DelegateChanged(account, address(0), account);
        _writeLock(account, acc, StakingScore.Lock(0, 0, false), StakingScore.Lock(amount * _unit, end, false), amount);
        emit LockCreated(account, msg.sender, amount, end);

        _pull(amount);
    }

    function _increase(address account, uint256 amount) private {
        if (amount == 0) revert VotingEscrowZeroAmount();
        Account memory acc = _accounts[account];
        StakingScore.Lock memory lock = _requireActiveLock(account, acc);
        // Tokens added to a lock that ends within MIN_LOCK could vote and be withdrawn before the proposal
        // they voted on can run.
        if (!lock.autoMax && lock.end < block.timestamp + MIN_LOCK) {
            revert VotingEscrowLockTooShort(lock.end, block.timestamp + MIN_LOCK);
        }
        uint256 newAmount = acc.amount + amount;
        _checkAmount(newAmount);

        _writeLock(account, acc, lock, StakingScore.Lock(newAmount * _unit, lock.end, lock.autoMax), newAmount);
        emit LockIncreased(account, msg.sender, amount, newAmount);

        _pull(amount);
    }

    /// @dev Takes `amount` from the caller and refuses tokens that deliver anything else (fee-on-transfer,
    /// rebasing), which would leave the escrow owing more than it holds.
    function _pull(uint256 amount) private {
        uint256 balanceBefore = _token.balanceOf(address(this));
        _token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 balanceAfter = _token.balanceOf(address(this));
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        if (received != amount) revert VotingEscrowTransferMismatch(amount, received);
    }

    /// @dev A lock's score, in 18-decimal units, must fit the score arithmetic.
    function _checkAmount(uint256 amount) private view {
        uint256 maxAmount = StakingScore.MAX_AMOUNT / _unit;
        if (amount > maxAmount) revert VotingEscrowAmountTooLarge(amount, maxAmount);
    }

    /// @dev Records `account`'s new lock (`newLock` in score units, `amount` its token amount) and moves its
    /// contribution in the total and in its delegatee's votes.
    function _writeLock(
        address account,
        Account memory acc,
        StakingScore.Lock memory oldLock,
        StakingScore.Lock memory newLock,
        uint256 amount
    ) private {
        uint256 t = block.timestamp;
        address delegatee = _delegateeOf(account, acc);
        _recordLock(account, acc, amount, newLock.end);
        StakingScore.Update memory supply = _supply.update(_supplyPoints, t, oldLock, newLock);
        _supplyPoints = supply.length;
        if (supply.weekStart != 0) _weekStartSupply[supply.weekStart] = supply.weekStartValue;

        _moveVotes(account, acc.votePoints, delegatee, oldLock, newLock);
    }

    /// @dev Makes (`amount`, `end`) the current lock of `account`. The replaced state moves to the history
    /// unless it can never be looked up: it started in this same second, or it was empty (an empty state
    /// scores 0, exactly like the expired state before it).
    function _recordLock(address account, Account memory acc, uint256 amount, uint256 end) private {
        if (acc.amount != 0 && acc.since != block.timestamp) {
            _lockHistory[account][acc.lockHistory] = StakingScore.toLockEntry(
                acc.since,
                acc.amount,
                acc.endWeek * WEEK
            );
            ++acc.lockHistory;
        }
        acc.amount = uint112(amount);
        acc.endWeek = SafeCast.toUint16(end / WEEK);
        acc.since = uint40(block.timestamp);
        _accounts[account] = acc;
    }

    /// @dev The current lock of an account, its amount in score units.
    function _lockOf(Account memory acc) private view returns (StakingScore.Lock memory) {
        return StakingScore.Lock(acc.amount * _unit, acc.endWeek * WEEK, acc.amount != 0 && acc.endWeek == 0);
    }

    /// @dev The lock state of `account` in force at `t`, its amount in score units.
    function _lockAt(address account, Account memory acc, uint256 t) private view returns (StakingScore.Lock memory) {
        if (t >= acc.since) return _lockOf(acc);
        uint256 pos = StakingScore.upperLookup(_lockHistory[account], acc.lockHistory, t);
        if (pos == 0) return StakingScore.Lock(0, 0, false);
        LockEntry entry = _lockHistory[account][pos - 1];
        (uint256 amount, uint256 end) = (entry.amount(), entry.end());
        return StakingScore.Lock(amount * _unit, end, amount != 0 && end == 0);
    }

    function _requireActiveLock(
        address account,
        Account memory acc
    ) private view returns (StakingScore.Lock memory lock) {
        lock = _lockOf(acc);
        if (lock.amount == 0) revert VotingEscrowNoLock(account);
        if (!lock.isActive(block.timestamp)) revert VotingEscrowLockExpired(account, lock.end);
    }

    /// @dev Rounds `unlockTime` down to a week and checks `now + MIN_LOCK <= end <= now + MAX_LOCK`.
    function _checkUnlockTime(uint256 unlockTime) private view returns (uint256 end) {
        end = StakingScore.epochStart(unlockTime);
        if (end < block.timestamp + MIN_LOCK) revert VotingEscrowLockTooShort(end, block.timestamp + MIN_LOCK);
        if (end > block.timestamp + MAX_LOCK) revert VotingEscrowUnlockTooLate(end, block.timestamp + MAX_LOCK);
    }

    // ---------------------------------------------------------------------------------------------
    // Internal: delegation
    // ---------------------------------------------------------------------------------------------

    function _delegate(address account, address delegatee) private {
        if (delegatee == address(0)) revert VotingEscrowInvalidAccount(delegatee);
        Account memory acc = _accounts[account];
        address previous = _delegateeOf(account, acc);
        // As in OpenZeppelin's `Votes`, an account's first `DelegateChanged` comes from address(0): it had no
        // lock (whose creation would have emitted it) and never delegated.
        address from = acc.since == 0 && acc.delegations == 0 ? address(0) : previous;
        if (previous == delegatee) {
            emit DelegateChanged(account, from, delegatee);
            return;
        }

        uint256 t = block.timestamp;
        uint256 n = acc.delegations;
        if (n != 0 && _delegationHistory[account][n - 1].time() == t) {
            _delegationHistory[account][n - 1] = StakingScore.toDelegationEntry(t, delegatee);
        } else {
            _delegationHistory[account][n] = StakingScore.toDelegationEntry(t, delegatee);
            _accounts[account].delegations = SafeCast.toUint24(n + 1);
        }
        emit DelegateChanged(account, from, delegatee);

        StakingScore.Lock memory lock = _lockOf(acc);
        if (!lock.isActive(t)) return;
        _moveVotes(account, acc.votePoints, previous, lock, StakingScore.Lock(0, 0, false));
        _moveVotes(account, acc.votePoints, delegatee, StakingScore.Lock(0, 0, false), lock);
    }

    /// @dev Replaces `account`'s lock contribution `oldLock` by `newLock` in the votes of `delegatee`.
    /// `votePoints` is `account`'s own count of received-vote points, which the caller already holds: the
    /// common self-delegated case then reads no account slot again.
    function _moveVotes(
        address account,
        uint256 votePoints,
        address delegatee,
        StakingScore.Lock memory oldLock,
        StakingScore.Lock memory newLock
    ) private {
        uint256 t = block.timestamp;
        if (delegatee == account) {
            uint256 delegatedIn = _delegated[account].valueAt(votePoints, t);
            emit DelegateVotesChanged(account, delegatedIn + oldLock.scoreAt(t), delegatedIn + newLock.scoreAt(t));
        } else {
            Account memory acc = _accounts[delegatee];
            StakingScore.Update memory votes = _delegated[delegatee].update(acc.votePoints, t, oldLock, newLock);
            if (votes.length != acc.votePoints) _accounts[delegatee].votePoints = SafeCast.toUint32(votes.length);
            uint256 own = _ownVotes(delegatee, acc);
            emit DelegateVotesChanged(delegatee, own + votes.oldValue, own + votes.newValue);
        }
    }

    /// @dev The current delegatee; an account that never delegated delegates to itself.
    function _delegateeOf(address account, Account memory acc) private view returns (address) {
        uint256 n = acc.delegations;
        if (n == 0) return account;
        return _delegationHistory[account][n - 1].delegatee();
    }

    function _delegateeAt(address account, Account memory acc, uint256 t) private view returns (address) {
        uint256 pos = StakingScore.upperLookup(_delegationHistory[account], acc.delegations, t);
        if (pos == 0) return account;
        return _delegationHistory[account][pos - 1].delegatee();
    }

    /// @dev The account's own score now if it delegates to itself, else 0.
    function _ownVotes(address account, Account memory acc) private view returns (uint256) {
        return _delegateeOf(account, acc) == account ? _lockOf(acc).scoreAt(block.timestamp) : 0;
    }

    function _totalSupplyAt(uint256 t) private view returns (uint256) {
        if (t % WEEK == 0) {
            uint256 recorded = _weekStartSupply[t];
            if (recorded != 0) return recorded;
        }
        return _supply.valueAt(_supplyPoints, t);
    }

    function _requirePast(uint256 timepoint) private view {
        uint48 now_ = clock();
        if (timepoint >= now_) revert ERC5805FutureLookup(timepoint, now_);
    }

    function _levelFor(uint256 score) private view returns (uint8) {
        for (uint256 i = 0; i < _LEVEL_COUNT; ++i) {
            if (score < _levelThresholds[i]) return uint8(i);
        }
        return uint8(_LEVEL_COUNT);
    }
}
