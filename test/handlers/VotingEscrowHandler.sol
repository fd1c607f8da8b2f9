// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VotingEscrow} from "../../contracts/VotingEscrow.sol";
import {GovernanceToken} from "../../contracts/token/GovernanceToken.sol";
import {Test} from "../utils/Test.sol";

/// @dev Drives a VotingEscrow for the invariant tests: a fixed set of actors create, fund, extend,
/// auto-max, delegate and withdraw locks while time moves by 0 to 300 weeks per step. Inputs are bounded
/// and actors are chosen among those for which the call is valid, so every call is expected to succeed
/// (the invariant tests run with `failOnRevert`: an unexpected revert is a failure). A ghost model of
/// every lock and delegation is kept independently of the contract, and values at past timepoints are
/// recorded so the invariants can prove they never change.
contract VotingEscrowHandler is Test {
    uint256 internal constant WEEK = 7 days;
    uint256 internal constant MAX_LOCK = 52 weeks;
    uint256 internal constant MIN_LOCK = 4 weeks;
    uint256 internal constant MAX_WARP = 300 weeks;
    uint256 public constant ACTOR_COUNT = 5;
    /// @dev Per deposit. Hundreds of deposits stay far below the contract's MAX_AMOUNT (~2.6e33).
    uint256 internal constant MAX_DEPOSIT = 1e27;
    uint256 public constant MAX_SNAPSHOTS = 24;

    struct GhostLock {
        uint256 amount;
        uint256 end;
        bool autoMax;
    }

    /// @dev Values read (and the model's values) at a timepoint that was already past when recorded.
    struct Snapshot {
        uint256 timepoint;
        uint256 supply;
        uint256 modelSupply;
        uint256[ACTOR_COUNT] balances;
        uint256[ACTOR_COUNT] votes;
        uint256[ACTOR_COUNT] modelBalances;
        uint256[ACTOR_COUNT] modelVotes;
    }

    VotingEscrow public immutable ve;
    GovernanceToken public immutable token;
    address[ACTOR_COUNT] internal _actors;

    mapping(address account => GhostLock) internal _ghostLocks;
    /// @dev 0 means "never delegated", i.e. the account itself.
    mapping(address account => address) internal _ghostDelegatees;

    uint256 public ghostLockedTotal;
    uint256 public ghostDeposited;
    uint256 public ghostWithdrawn;
    uint256 public ghostWithdrawals;
    /// @dev Withdrawals whose payout differed from the ghost amount, with the first one's details.
    uint256 public ghostWithdrawMismatches;
    address public ghostMismatchAccount;
    uint256 public ghostMismatchExpected;
    uint256 public ghostMismatchPaid;

    Snapshot[] internal _snapshots;
    uint256 public snapshotsTaken;

    /// @dev Successful calls per action, and calls that found no eligible actor.
    mapping(bytes32 action => uint256) public calls;
    uint256 public skipped;

    constructor(VotingEscrow ve_, GovernanceToken token_) {
        ve = ve_;
        token = token_;
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            address actor = address(uint160(0xAC7000 + i));
            _actors[i] = actor;
            vm.label(actor, string.concat("actor", _digit(i)));
        }
    }

    /// @dev Called by the test once the handler holds the token supply. Every actor allows every other one
    /// to create its lock, so `createLockFor` can be driven between any two actors.
    function fundActors(uint256 each) external {
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            token.transfer(_actors[i], each);
            vm.startPrank(_actors[i]);
            token.approve(address(ve), type(uint256).max);
            for (uint256 j = 0; j < ACTOR_COUNT; ++j) {
                if (j != i) ve.setLockCreator(_actors[j], true);
            }
            vm.stopPrank();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Actions
    // ---------------------------------------------------------------------------------------------

    function createLock(uint256 actorSeed, uint256 amountSeed, uint256 unlockSeed) external {
        (address account, bool found) = _pick(actorSeed, _hasNoLock);
        if (!found) return _instead(actorSeed);
        _create(account, account, _amount(amountSeed), unlockSeed);
        ++calls["createLock"];
    }

    function createLockFor(uint256 funderSeed, uint256 actorSeed, uint256 amountSeed, uint256 unlockSeed) external {
        (address account, bool found) = _pick(actorSeed, _hasNoLock);
        if (!found) return _instead(actorSeed);
        _create(_actor(funderSeed), account, _amount(amountSeed), unlockSeed);
        ++calls["createLockFor"];
    }

    function increaseAmount(uint256 actorSeed, uint256 amountSeed) external {
        (address account, bool found) = _pick(actorSeed, _canAdd);
        if (!found) return _instead(actorSeed);
        _increase(account, account, _amount(amountSeed));
        ++calls["increaseAmount"];
    }

    function depositFor(uint256 funderSeed, uint256 actorSeed, uint256 amountSeed) external {
        (address account, bool found) = _pick(actorSeed, _canAdd);
        if (!found) return _instead(actorSeed);
        _increase(_actor(funderSeed), account, _amount(amountSeed));
        ++calls["depositFor"];
    }

    function increaseUnlockTime(uint256 actorSeed, uint256 unlockSeed) external {
        (address account, bool found) = _pick(actorSeed, _canExtend);
        if (!found) return _instead(actorSeed);
        GhostLock storage lock = _ghostLocks[account];
        uint256 minUnlock = _minUnlockTime();
        uint256 unlockTime = bound(
            unlockSeed,
            lock.end + WEEK > minUnlock ? lock.end + WEEK : minUnlock,
            _now() + MAX_LOCK
        );
        vm.prank(account);
        ve.increaseUnlockTime(unlockTime);
        lock.end = _epochStart(unlockTime);
        ++calls["increaseUnlockTime"];
    }

    function setAutoMax(uint256 actorSeed, bool enabled) external {
        (address account, bool found) = _pick(actorSeed, enabled ? _canEnableAutoMax : _hasAutoMax);
        if (!found) return _instead(actorSeed);
        vm.prank(account);
        ve.setAutoMax(enabled);
        GhostLock storage lock = _ghostLocks[account];
        lock.autoMax = enabled;
        lock.end = enabled ? 0 : _epochStart(_now() + MAX_LOCK);
        ++calls[enabled ? bytes32("autoMaxOn") : bytes32("autoMaxOff")];
    }

    function delegate(uint256 actorSeed, uint256 delegateeSeed) external {
        address account = _actor(actorSeed);
        address delegatee = _actor(delegateeSeed);
        vm.prank(account);
        ve.delegate(delegatee);
        _ghostDelegatees[account] = delegatee;
        ++calls["delegate"];
    }

    function withdraw(uint256 actorSeed) external {
        (address account, bool found) = _pick(actorSeed, _canWithdraw);
        if (!found) return _instead(actorSeed);
        _withdraw(account);
        ++calls["withdraw"];
    }

    /// @dev Moves time forward. `mode` picks the kind of step: none at all (several actions share a
    /// block), seconds, up to a week, onto a week boundary (±1 s), onto an actor's unlock time (±1 s), or
    /// up to 300 weeks. The values at the timepoints that just became past are recorded.
    function warp(uint256 secondsSeed, uint256 mode) external {
        uint256 t0 = _now();
        uint256 target;
        mode = mode % 6;
        if (mode == 0) {
            target = t0;
        } else if (mode == 1) {
            target = t0 + bound(secondsSeed, 1, 1 hours);
        } else if (mode == 2) {
            target = t0 + bound(secondsSeed, 1, WEEK);
        } else if (mode == 3) {
            target = _epochStart(t0) + WEEK * bound(secondsSeed, 1, 3) + (secondsSeed % 3) - 1;
        } else if (mode == 4) {
            uint256 end = _ghostLocks[_actor(secondsSeed)].end;
            target = end > t0 + 1 ? end + (secondsSeed % 3) - 1 : t0 + bound(secondsSeed, 0, MAX_WARP);
        } else {
            target = t0 + bound(secondsSeed, 0, MAX_WARP);
        }
        if (target <= t0) {
            ++calls["warp0"];
            return;
        }
        vm.warp(target);
        // t0 is final now that time moved on; the points in between never had a checkpoint.
        _record(t0);
        _record(t0 + (target - t0) / 2);
        _record(target - 1);
        ++calls["warp"];
    }

    // ---------------------------------------------------------------------------------------------
    // Views for the invariants
    // ---------------------------------------------------------------------------------------------

    function actors() external view returns (address[ACTOR_COUNT] memory) {
        return _actors;
    }

    function ghostLock(address account) external view returns (uint256 amount, uint256 end, bool autoMax) {
        GhostLock storage lock = _ghostLocks[account];
        return (lock.amount, lock.end, lock.autoMax);
    }

    function ghostDelegatee(address account) public view returns (address) {
        address stored = _ghostDelegatees[account];
        return stored == address(0) ? account : stored;
    }

    function snapshotCount() external view returns (uint256) {
        return _snapshots.length;
    }

    function snapshot(uint256 index) external view returns (Snapshot memory) {
        return _snapshots[index];
    }

    /// @dev The spec's score of `account`'s ghost lock at `t` (valid for `t` at or after its last change).
    function modelScore(address account, uint256 t) public view returns (uint256) {
        GhostLock storage lock = _ghostLocks[account];
        uint256 slope = lock.amount / MAX_LOCK;
        if (lock.autoMax) return lock.amount + slope * MAX_LOCK;
        if (t >= lock.end) return 0;
        return lock.amount + slope * (lock.end - t);
    }

    /// @dev The sum of the model scores of the actors delegating to `account` at `t`.
    function modelVotes(address account, uint256 t) public view returns (uint256 votes) {
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            if (ghostDelegatee(_actors[i]) == account) votes += modelScore(_actors[i], t);
        }
    }

    function modelSupply(uint256 t) public view returns (uint256 supply) {
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) supply += modelScore(_actors[i], t);
    }

    // ---------------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------------

    function _create(address funder, address account, uint256 amount, uint256 unlockSeed) internal {
        uint256 unlockTime = bound(unlockSeed, _minUnlockTime(), _now() + MAX_LOCK);
        vm.prank(funder);
        if (funder == account) ve.createLock(amount, unlockTime);
        else ve.createLockFor(account, amount, unlockTime);
        _ghostLocks[account] = GhostLock(amount, _epochStart(unlockTime), false);
        ghostLockedTotal += amount;
        ghostDeposited += amount;
    }

    function _increase(address funder, address account, uint256 amount) internal {
        vm.prank(funder);
        if (funder == account) ve.increaseAmount(amount);
        else ve.depositFor(account, amount);
        _ghostLocks[account].amount += amount;
        ghostLockedTotal += amount;
        ghostDeposited += amount;
    }

    function _withdraw(address account) internal {
        uint256 expected = _ghostLocks[account].amount;
        uint256 balanceBefore = token.balanceOf(account);
        vm.prank(account);
        ve.withdraw();
        uint256 paid = token.balanceOf(account) - balanceBefore;
        if (paid != expected && ghostWithdrawMismatches++ == 0) {
            ghostMismatchAccount = account;
            ghostMismatchExpected = expected;
            ghostMismatchPaid = paid;
        }
        delete _ghostLocks[account];
        ghostLockedTotal -= expected;
        ghostWithdrawn += paid;
        ++ghostWithdrawals;
    }

    function _record(uint256 t) internal {
        uint256 slot = snapshotsTaken++ % MAX_SNAPSHOTS;
        Snapshot storage s = slot < _snapshots.length ? _snapshots[slot] : _snapshots.push();
        s.timepoint = t;
        s.supply = ve.getPastTotalSupply(t);
        s.modelSupply = modelSupply(t);
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            address actor = _actors[i];
            s.balances[i] = ve.balanceOfAt(actor, t);
            s.votes[i] = ve.getPastVotes(actor, t);
            s.modelBalances[i] = modelScore(actor, t);
            s.modelVotes[i] = modelVotes(actor, t);
        }
    }

    /// @dev Small amounts (slope 0 or a few wei per second) and large ones, so rounding is exercised.
    function _amount(uint256 seed) internal pure returns (uint256) {
        return seed % 2 == 0 ? bound(seed >> 1, 1, 3 * MAX_LOCK) : bound(seed >> 1, 1, MAX_DEPOSIT);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % ACTOR_COUNT];
    }

    /// @dev The first actor from `seed` on (cyclically) for which `eligible` holds.
    function _pick(
        uint256 seed,
        function(address) internal view returns (bool) eligible
    ) internal view returns (address, bool) {
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            address actor = _actors[((seed % ACTOR_COUNT) + i) % ACTOR_COUNT];
            if (eligible(actor)) return (actor, true);
        }
        return (address(0), false);
    }

    /// @dev When no actor is eligible for the chosen action, keep the system moving instead of wasting the
    /// call: withdraw an expired lock, or else create a lock for an actor without one.
    function _instead(uint256 seed) internal {
        (address account, bool found) = _pick(seed, _canWithdraw);
        if (found) {
            _withdraw(account);
            ++calls["withdraw"];
            return;
        }
        (account, found) = _pick(seed, _hasNoLock);
        if (found) {
            _create(account, account, _amount(seed), seed);
            ++calls["createLock"];
            return;
        }
        ++skipped;
    }

    function _hasNoLock(address account) internal view returns (bool) {
        return _ghostLocks[account].amount == 0;
    }

    function _hasActiveLock(address account) internal view returns (bool) {
        GhostLock storage lock = _ghostLocks[account];
        return lock.amount != 0 && (lock.autoMax || _now() < lock.end);
    }

    /// @dev Tokens may only be added to a lock that is auto-max or still runs at least MIN_LOCK.
    function _canAdd(address account) internal view returns (bool) {
        GhostLock storage lock = _ghostLocks[account];
        return lock.amount != 0 && (lock.autoMax || _now() + MIN_LOCK <= lock.end);
    }

    /// @dev The first week boundary at least MIN_LOCK from now: the earliest end a lock may be given.
    function _minUnlockTime() internal view returns (uint256) {
        return _epochStart(_now() + MIN_LOCK + WEEK - 1);
    }

    function _canExtend(address account) internal view returns (bool) {
        GhostLock storage lock = _ghostLocks[account];
        return _hasActiveLock(account) && !lock.autoMax && lock.end < _epochStart(_now() + MAX_LOCK);
    }

    function _canEnableAutoMax(address account) internal view returns (bool) {
        return _hasActiveLock(account) && !_ghostLocks[account].autoMax;
    }

    function _hasAutoMax(address account) internal view returns (bool) {
        return _ghostLocks[account].autoMax;
    }

    function _canWithdraw(address account) internal view returns (bool) {
        GhostLock storage lock = _ghostLocks[account];
        return lock.amount != 0 && !lock.autoMax && _now() >= lock.end;
    }

    function _epochStart(uint256 t) internal pure returns (uint256) {
        return (t / WEEK) * WEEK;
    }

    function _digit(uint256 i) internal pure returns (string memory) {
        return string(abi.encodePacked(bytes1(uint8(48 + i))));
    }
}
