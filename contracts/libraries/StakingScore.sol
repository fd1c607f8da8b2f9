// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IVotingEscrow} from "../interfaces/IVotingEscrow.sol";

/// @title StakingScore
/// @notice The score of a lock, aggregates of many locks (total supply, delegated votes) and the
/// timestamp-keyed histories they are stored in.
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

    /// @dev The largest lock amount: a score is at most twice its amount and aggregates hold 112 bits.
    uint256 internal constant MAX_AMOUNT = type(uint112).max / 2;

    uint256 private constant _TIME_BITS = 40;
    uint256 private constant _TIME_MASK = (1 << _TIME_BITS) - 1;

    /// @dev A lock state. `autoMax` locks carry `end == 0`.
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

    /// @dev The history of an aggregate (packed points: value 112 bits, slope 96 bits, timestamp 40 bits)
    /// plus the changes scheduled at future week boundaries. The number of points is kept by the owner
    /// of the trace, packed with state it touches anyway.
    struct Trace {
        mapping(uint256 index => uint256 point) points;
        mapping(uint256 week => Change) changes;
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
    // Packed history entries
    // ---------------------------------------------------------------------------------------------

    /// @dev A lock state starting at `since`: amount 128 bits, end 40 bits, since 40 bits.
    function packLock(uint256 since, uint256 amount, uint256 end) internal pure returns (uint256) {
        return (amount << 80) | (end << _TIME_BITS) | since;
    }

    function unpackLock(uint256 packed) internal pure returns (Lock memory lock) {
        lock.amount = packed >> 80;
        lock.end = (packed >> _TIME_BITS) & _TIME_MASK;
        lock.autoMax = lock.amount != 0 && lock.end == 0;
    }

    /// @dev A delegation starting at `since`: delegatee 160 bits, since 40 bits.
    function packDelegation(uint256 since, address delegatee) internal pure returns (uint256) {
        return (uint256(uint160(delegatee)) << _TIME_BITS) | since;
    }

    function unpackDelegatee(uint256 packed) internal pure returns (address) {
        return address(uint160(packed >> _TIME_BITS));
    }

    function timeOf(uint256 packed) internal pure returns (uint256) {
        return packed & _TIME_MASK;
    }

    /// @dev The number of entries among `entries[0..count)` that start at or before `t`, so the entry in
    /// force at `t` is the one before that position. Looks at the recent end first (as OpenZeppelin's
    /// `upperLookupRecent`), because lookups mostly ask about the recent past.
    function upperLookup(
        mapping(uint256 => uint256) storage entries,
        uint256 count,
        uint256 t
    ) internal view returns (uint256) {
        uint256 low = 0;
        uint256 high = count;
        if (high > 5) {
            uint256 mid = high - Math.sqrt(high);
            if (t < timeOf(entries[mid])) high = mid;
            else low = mid + 1;
        }
        while (low < high) {
            uint256 mid = Math.average(low, high);
            if (t < timeOf(entries[mid])) high = mid;
            else low = mid + 1;
        }
        return high;
    }

    // ---------------------------------------------------------------------------------------------
    // Aggregates
    // ---------------------------------------------------------------------------------------------

    /// @dev The aggregate at `t`: the last point at or before `t`, advanced to `t`. Zero before the first point.
    function valueAt(Trace storage self, uint256 count, uint256 t) internal view returns (uint256 value) {
        uint256 pos = count;
        if (pos == 0) return 0;
        uint256 point = self.points[pos - 1];
        if (timeOf(point) > t) {
            pos = upperLookup(self.points, pos - 1, t);
            if (pos == 0) return 0;
            point = self.points[pos - 1];
        }
        (value, ) = _advance(self, point, t);
    }

    /// @dev Replaces the contribution of `oldLock` by that of `newLock` at time `t` (not before the trace's
    /// latest point) and records the result. Returns the aggregate before and after and the new count.
    /// When this is the first update since the current week began (strictly after its first second, so
    /// nothing can change it any more), also returns that week's start and the aggregate at it, for
    /// owners that keep weekly values (`week == 0` otherwise).
    function update(
        Trace storage self,
        uint256 count,
        uint256 t,
        Lock memory oldLock,
        Lock memory newLock
    ) internal returns (uint256 oldValue, uint256 newValue, uint256 newCount, uint256 week, uint256 weekValue) {
        uint256 slope;
        bool overwrite;
        if (count != 0) {
            uint256 last = self.points[count - 1];
            (oldValue, slope) = _advance(self, last, t);
            overwrite = timeOf(last) == t;
            uint256 start = epochStart(t);
            // No boundary lies between `start` and `t`, so the value at `start` is the one at `t` plus the
            // decay in between.
            if (timeOf(last) < start && start < t) (week, weekValue) = (start, oldValue + slope * (t - start));
        }

        newValue = oldValue + scoreAt(newLock, t) - scoreAt(oldLock, t);
        (uint256 oldSlope, uint256 newSlope) = _reschedule(self, t, oldLock, newLock);
        slope = slope + newSlope - oldSlope;

        if (newValue > type(uint112).max) revert IVotingEscrow.VotingEscrowTotalTooLarge(newValue, type(uint112).max);
        uint256 point = (newValue << 136) | (uint256(slope.toUint96()) << _TIME_BITS) | t;
        if (overwrite) {
            self.points[count - 1] = point;
            newCount = count;
        } else {
            self.points[count] = point;
            newCount = count + 1;
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

    /// @dev Advances `point` to `t` (at or after its timestamp), applying the changes scheduled at the week
    /// boundaries in between. Every lock counted in a point ends at most `MAX_LOCK` after the point's
    /// timestamp, so at most 52 boundaries can hold a change: the loop never runs more than 52 times.
    function _advance(
        Trace storage self,
        uint256 point,
        uint256 t
    ) private view returns (uint256 value, uint256 slope) {
        value = point >> 136;
        slope = uint96(point >> _TIME_BITS);
        uint256 ts = timeOf(point);
        uint256 lastWeek = epochStart(ts) + MAX_LOCK;
        uint256 stop = t < lastWeek ? t : lastWeek;
        for (uint256 week = epochStart(ts) + WEEK; week <= stop; week += WEEK) {
            Change memory c = self.changes[week];
            value -= slope * (week - ts) + c.amount;
            slope -= c.slope;
            ts = week;
        }
        // Past the last boundary every decaying lock has ended (slope is 0): only auto-max scores remain.
        value -= slope * (t - ts);
    }
}
