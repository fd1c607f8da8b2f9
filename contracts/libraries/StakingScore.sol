// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @dev A point of an aggregate's history, packed in one word as Uniswap v4 packs `Slot0`:
/// `| value (112) | slope (96) | time (40) |`, from the high bits down.
type Point is uint256;

/// @dev An earlier lock state of an account: `| amount (128) | end (40) | since (40) |`. `amount` is in token
/// units; a non-empty state with `end == 0` is auto-max.
type LockEntry is uint256;

/// @dev A delegation of an account: `| delegatee (160) | since (40) |`.
type DelegationEntry is uint256;

using StakingScore for Point global;
using StakingScore for LockEntry global;
using StakingScore for DelegationEntry global;

/// @title StakingScore
/// @notice The score of a lock, aggregates of many locks (total supply, delegated votes) and the
/// timestamp-keyed histories they are stored in. See docs/spec.md §2.
/// @dev A score is a flat part (`amount`, removed at `end`) plus a decaying part `slope * (end - t)`
/// with `slope = amount / MAX_LOCK`. Because nothing is divided after `slope` is fixed, an aggregate
/// advanced second by second and week by week equals the exact sum of the scores it covers.
///
/// Every history entry is one packed word whose low 40 bits are the timestamp it starts at, so one
/// binary search serves locks, delegations and aggregate points.
library StakingScore {
    using SafeCast for uint256;

    uint256 internal constant WEEK = 7 days;
    uint256 internal constant MAX_LOCK = 52 weeks;
    uint256 internal constant MIN_LOCK = 4 weeks;

    /// @dev The largest lock in score units: a score is at most twice it and aggregates hold 112 bits.
    uint256 internal constant MAX_AMOUNT = type(uint112).max / 2;

    /// @dev The largest aggregate (total supply, or the votes delegated to one account).
    uint256 internal constant MAX_TOTAL = type(uint112).max;

    // Offsets and masks of the packed entries; every entry keeps its start time in the low bits.
    uint256 private constant _TIME_MASK = (1 << 40) - 1;
    uint256 private constant _SLOPE_OFFSET = 40;
    uint256 private constant _VALUE_OFFSET = 136;
    uint256 private constant _END_OFFSET = 40;
    uint256 private constant _AMOUNT_OFFSET = 80;
    uint256 private constant _DELEGATEE_OFFSET = 40;

    /// @notice An aggregate would exceed `max` (`MAX_TOTAL`): only tokens with more than about 2.6e33 base
    /// units locked (in score units) can reach it.
    error StakingScoreTotalTooLarge(uint256 total, uint256 max);

    /// @dev A lock state, `amount` in score units. `autoMax` locks carry `end == 0`.
    struct Lock {
        uint256 amount;
        uint256 end;
        bool autoMax;
    }

    /// @dev What leaves an aggregate at a week boundary: the slopes and amounts of the locks ending there.
    struct Change {
        uint128 slope;
        uint128 amount;
    }

    /// @dev The history of an aggregate plus the changes scheduled at future week boundaries. The number of
    /// points is not stored here: each owner packs it with state that it reads and writes anyway (a
    /// separate length slot would cost a 20k write on an account's first received delegation), passes it
    /// to every read and gets the new one back from `update` in `Update.length`.
    struct Trace {
        mapping(uint256 index => Point) points;
        mapping(uint256 week => Change) changes;
    }

    /// @dev The result of `update`: the aggregate before and after, the trace's new number of points, and,
    /// when this was the first update since the current week began, that week's start and the aggregate at
    /// it (`weekStart == 0` otherwise).
    struct Update {
        uint256 oldValue;
        uint256 newValue;
        uint256 length;
        uint256 weekStart;
        uint256 weekStartValue;
    }

    // ---------------------------------------------------------------------------------------------
    // One lock
    // ---------------------------------------------------------------------------------------------

    function epochStart(uint256 t) internal pure returns (uint256) {
        return (t / WEEK) * WEEK;
    }

    function slopeOf(uint256 amount) internal pure returns (uint256) {
        return amount / MAX_LOCK;
    }

    /// @dev The score of `lock` at `t`, for a `t` at or after the moment the lock took this state.
    function scoreAt(Lock memory lock, uint256 t) internal pure returns (uint256) {
        if (lock.autoMax) return lock.amount + slopeOf(lock.amount) * MAX_LOCK;
        if (t >= lock.end) return 0;
        return lock.amount + slopeOf(lock.amount) * (lock.end - t);
    }

    /// @dev Whether the score of `lock` still counts at `t`.
    function isActive(Lock memory lock, uint256 t) internal pure returns (bool) {
        return lock.autoMax || t < lock.end;
    }

    // ---------------------------------------------------------------------------------------------
    // Packed entries
    // ---------------------------------------------------------------------------------------------

    function toPoint(uint256 aggregate, uint256 pointSlope, uint256 since) internal pure returns (Point) {
        return Point.wrap((aggregate << _VALUE_OFFSET) | (uint256(pointSlope.toUint96()) << _SLOPE_OFFSET) | since);
    }

    function value(Point point) internal pure returns (uint256) {
        return Point.unwrap(point) >> _VALUE_OFFSET;
    }

    function slope(Point point) internal pure returns (uint256) {
        return uint96(Point.unwrap(point) >> _SLOPE_OFFSET);
    }

    function time(Point point) internal pure returns (uint256) {
        return Point.unwrap(point) & _TIME_MASK;
    }

    /// @dev A lock state of `amount` token units ending at `end` (0 for auto-max), in force from `since`.
    function toLockEntry(uint256 since, uint256 lockAmount, uint256 lockEnd) internal pure returns (LockEntry) {
        return LockEntry.wrap((lockAmount << _AMOUNT_OFFSET) | (lockEnd << _END_OFFSET) | since);
    }

    function amount(LockEntry entry) internal pure returns (uint256) {
        return LockEntry.unwrap(entry) >> _AMOUNT_OFFSET;
    }

    function end(LockEntry entry) internal pure returns (uint256) {
        return (LockEntry.unwrap(entry) >> _END_OFFSET) & _TIME_MASK;
    }

    function time(LockEntry entry) internal pure returns (uint256) {
        return LockEntry.unwrap(entry) & _TIME_MASK;
    }

    function toDelegationEntry(uint256 since, address to) internal pure returns (DelegationEntry) {
        return DelegationEntry.wrap((uint256(uint160(to)) << _DELEGATEE_OFFSET) | since);
    }

    function delegatee(DelegationEntry entry) internal pure returns (address) {
        return address(uint160(DelegationEntry.unwrap(entry) >> _DELEGATEE_OFFSET));
    }

    function time(DelegationEntry entry) internal pure returns (uint256) {
        return DelegationEntry.unwrap(entry) & _TIME_MASK;
    }

    // ---------------------------------------------------------------------------------------------
    // Lookups
    // ---------------------------------------------------------------------------------------------

    /// @dev The number of lock entries among `entries[0..count)` that start at or before `t`, so the entry in
    /// force at `t` is the one before that position.
    function upperLookup(
        mapping(uint256 => LockEntry) storage entries,
        uint256 count,
        uint256 t
    ) internal view returns (uint256) {
        return _upperLookup(_words(entries), count, t);
    }

    /// @dev As `upperLookup`, over delegation entries.
    function upperLookup(
        mapping(uint256 => DelegationEntry) storage entries,
        uint256 count,
        uint256 t
    ) internal view returns (uint256) {
        return _upperLookup(_words(entries), count, t);
    }

    // ---------------------------------------------------------------------------------------------
    // Aggregates
    // ---------------------------------------------------------------------------------------------

    /// @dev The aggregate at `t`: the last point at or before `t`, advanced to `t`. Zero before the first point.
    function valueAt(Trace storage self, uint256 length, uint256 t) internal view returns (uint256 result) {
        uint256 pos = length;
        if (pos == 0) return 0;
        Point point = self.points[pos - 1];
        if (point.time() > t) {
            pos = _upperLookup(_words(self.points), pos - 1, t);
            if (pos == 0) return 0;
            point = self.points[pos - 1];
        }
        (result, ) = _advance(self, point, t);
    }

    /// @dev Replaces the contribution of `oldLock` by that of `newLock` at time `t` (not before the trace's
    /// latest point) and records the result; `length` is the trace's number of points, `result.length` the
    /// new one, which the owner must store. The week's start value is reported only once the week has begun
    /// strictly before `t`, so nothing can change it any more.
    function update(
        Trace storage self,
        uint256 length,
        uint256 t,
        Lock memory oldLock,
        Lock memory newLock
    ) internal returns (Update memory result) {
        uint256 currentSlope;
        bool overwrite;
        if (length != 0) {
            Point last = self.points[length - 1];
            (result.oldValue, currentSlope) = _advance(self, last, t);
            overwrite = last.time() == t;
            uint256 start = epochStart(t);
            // No boundary lies between `start` and `t`, so the value at `start` is the one at `t` plus the
            // decay in between.
            if (last.time() < start && start < t) {
                (result.weekStart, result.weekStartValue) = (start, result.oldValue + currentSlope * (t - start));
            }
        }

        result.newValue = result.oldValue + scoreAt(newLock, t) - scoreAt(oldLock, t);
        (uint256 oldSlope, uint256 newSlope) = _reschedule(self, t, oldLock, newLock);
        currentSlope = currentSlope + newSlope - oldSlope;

        if (result.newValue > MAX_TOTAL) revert StakingScoreTotalTooLarge(result.newValue, MAX_TOTAL);
        Point point = toPoint(result.newValue, currentSlope, t);
        if (overwrite) {
            self.points[length - 1] = point;
            result.length = length;
        } else {
            self.points[length] = point;
            result.length = length + 1;
        }
    }

    /// @dev Moves the end-of-lock change of `oldLock` to that of `newLock` and returns their slopes at `t`.
    function _reschedule(
        Trace storage self,
        uint256 t,
        Lock memory oldLock,
        Lock memory newLock
    ) private returns (uint256 oldSlope, uint256 newSlope) {
        bool oldScheduled = !oldLock.autoMax && oldLock.end > t;
        bool newScheduled = !newLock.autoMax && newLock.end > t;
        if (oldScheduled) oldSlope = slopeOf(oldLock.amount);
        if (newScheduled) newSlope = slopeOf(newLock.amount);

        if (oldScheduled && newScheduled && oldLock.end == newLock.end) {
            _shift(self, newLock.end, newSlope, newLock.amount, oldSlope, oldLock.amount);
            return (oldSlope, newSlope);
        }
        if (oldScheduled) _shift(self, oldLock.end, 0, 0, oldSlope, oldLock.amount);
        if (newScheduled) _shift(self, newLock.end, newSlope, newLock.amount, 0, 0);
    }

    /// @dev Adds one lock's slope and amount to the change at `week` and removes another's, in one write.
    function _shift(
        Trace storage self,
        uint256 week,
        uint256 addSlope,
        uint256 addAmount,
        uint256 subSlope,
        uint256 subAmount
    ) private {
        Change memory c = self.changes[week];
        self.changes[week] = Change(
            (c.slope + addSlope - subSlope).toUint128(),
            (c.amount + addAmount - subAmount).toUint128()
        );
    }

    /// @dev Advances `point` to `t` (at or after its time), applying the changes scheduled at the week
    /// boundaries in between. Every lock counted in a point ends at most `MAX_LOCK` after the point's time,
    /// so at most 52 boundaries can hold a change: the loop never runs more than 52 times.
    function _advance(
        Trace storage self,
        Point point,
        uint256 t
    ) private view returns (uint256 result, uint256 currentSlope) {
        result = point.value();
        currentSlope = point.slope();
        uint256 ts = point.time();
        uint256 lastWeek = epochStart(ts) + MAX_LOCK;
        uint256 stop = t < lastWeek ? t : lastWeek;
        for (uint256 week = epochStart(ts) + WEEK; week <= stop; week += WEEK) {
            Change memory c = self.changes[week];
            result -= currentSlope * (week - ts) + c.amount;
            currentSlope -= c.slope;
            ts = week;
        }
        // Past the last boundary every decaying lock has ended (slope is 0): only auto-max scores remain.
        result -= currentSlope * (t - ts);
    }

    /// @dev The number of entries among `entries[0..count)` that start at or before `t`. Looks at the recent
    /// end first (as OpenZeppelin's `upperLookupRecent`), because lookups mostly ask about the recent past.
    /// Every entry type keeps its start time in the same low bits, so one search serves them all.
    function _upperLookup(
        mapping(uint256 => uint256) storage entries,
        uint256 count,
        uint256 t
    ) private view returns (uint256) {
        uint256 low = 0;
        uint256 high = count;
        if (high > 5) {
            uint256 mid = high - Math.sqrt(high);
            if (t < (entries[mid] & _TIME_MASK)) high = mid;
            else low = mid + 1;
        }
        while (low < high) {
            uint256 mid = Math.average(low, high);
            if (t < (entries[mid] & _TIME_MASK)) high = mid;
            else low = mid + 1;
        }
        return high;
    }

    /// @dev The same storage mapping seen as raw words: every entry type is a `uint256` underneath.
    function _words(
        mapping(uint256 => Point) storage entries
    ) private pure returns (mapping(uint256 => uint256) storage words) {
        assembly ("memory-safe") {
            words.slot := entries.slot
        }
    }

    function _words(
        mapping(uint256 => LockEntry) storage entries
    ) private pure returns (mapping(uint256 => uint256) storage words) {
        assembly ("memory-safe") {
            words.slot := entries.slot
        }
    }

    function _words(
        mapping(uint256 => DelegationEntry) storage entries
    ) private pure returns (mapping(uint256 => uint256) storage words) {
        assembly ("memory-safe") {
            words.slot := entries.slot
        }
    }
}
