// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title StakingScore
/// @notice The score of a lock and aggregates (total supply, delegated votes) of many locks.
/// @dev A score is a flat part (`amount`, removed at `end`) plus a decaying part `slope * (end - t)`
/// with `slope = amount / MAX_LOCK`. Because nothing is divided after `slope` is fixed, an aggregate
/// advanced second by second and week by week equals the exact sum of the scores it covers.
library StakingScore {
    using SafeCast for uint256;

    uint256 internal constant WEEK = 7 days;
    uint256 internal constant MAX_LOCK = 52 weeks;

    /// @dev The largest lock amount: a score is at most twice its amount and must fit 112 bits.
    uint256 internal constant MAX_AMOUNT = type(uint112).max / 2;

    /// @dev The state of one lock, as the contract stores it in an account's history.
    struct Lock {
        uint256 amount;
        uint256 end;
        bool autoMax;
    }

    /// @dev The sum of some scores at `timestamp`: `value` decays by `slope` per second until the next
    /// scheduled change.
    struct Point {
        uint112 value;
        uint96 slope;
        uint48 timestamp;
    }

    /// @dev What leaves an aggregate at a week boundary: the slopes and amounts of the locks ending there.
    struct Change {
        uint128 slope;
        uint128 amount;
    }

    /// @dev The history of an aggregate plus the changes scheduled at future week boundaries.
    struct Trace {
        Point[] points;
        mapping(uint256 week => Change) changes;
    }

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

    /// @dev Whether the score of `lock` is still counted at `t`.
    function isActive(Lock memory lock, uint256 t) internal pure returns (bool) {
        return lock.autoMax || t < lock.end;
    }

    // ---------------------------------------------------------------------------------------------
    // Packing a lock into the 208 bits of an OpenZeppelin `Checkpoints.Trace208` value
    // ---------------------------------------------------------------------------------------------

    function pack(Lock memory lock) internal pure returns (uint208) {
        return uint208((lock.amount << 56) | (lock.end << 8) | (lock.autoMax ? 1 : 0));
    }

    function unpack(uint208 packed) internal pure returns (Lock memory lock) {
        lock.amount = uint256(packed >> 56);
        lock.end = uint256(uint48(packed >> 8));
        lock.autoMax = packed & 1 == 1;
    }

    // ---------------------------------------------------------------------------------------------
    // Aggregates
    // ---------------------------------------------------------------------------------------------

    /// @dev The aggregate at `t`: the last point at or before `t`, advanced to `t`. Zero before the first point.
    function valueAt(Trace storage self, uint256 t) internal view returns (uint256 value) {
        uint256 len = self.points.length;
        if (len == 0) return 0;
        Point memory p = self.points[len - 1];
        if (p.timestamp > t) {
            uint256 pos = _upperLookup(self.points, t, len - 1);
            if (pos == 0) return 0;
            p = self.points[pos - 1];
        }
        (value, ) = _advance(self, p, t);
    }

    /// @dev Replaces the contribution of `oldLock` by that of `newLock` at time `t` (the latest time of the
    /// trace) and records the result. Returns the aggregate before and after.
    function update(
        Trace storage self,
        uint256 t,
        Lock memory oldLock,
        Lock memory newLock
    ) internal returns (uint256 oldValue, uint256 newValue) {
        uint256 len = self.points.length;
        uint256 slope;
        bool overwrite;
        if (len != 0) {
            Point memory last = self.points[len - 1];
            (oldValue, slope) = _advance(self, last, t);
            overwrite = last.timestamp == t;
        }

        bool oldScheduled = !oldLock.autoMax && oldLock.end > t;
        bool newScheduled = !newLock.autoMax && newLock.end > t;
        uint256 oldSlope = oldScheduled ? slopeOf(oldLock.amount) : 0;
        uint256 newSlope = newScheduled ? slopeOf(newLock.amount) : 0;

        newValue = oldValue + scoreAt(newLock, t) - scoreAt(oldLock, t);
        slope = slope + newSlope - oldSlope;

        if (oldScheduled && newScheduled && oldLock.end == newLock.end) {
            Change storage c = self.changes[newLock.end];
            c.slope = (c.slope + newSlope - oldSlope).toUint128();
            c.amount = (c.amount + newLock.amount - oldLock.amount).toUint128();
        } else {
            if (oldScheduled) {
                Change storage c = self.changes[oldLock.end];
                c.slope -= uint128(oldSlope);
                c.amount -= uint128(oldLock.amount);
            }
            if (newScheduled) {
                Change storage c = self.changes[newLock.end];
                c.slope = (c.slope + newSlope).toUint128();
                c.amount = (c.amount + newLock.amount).toUint128();
            }
        }

        Point memory point = Point(newValue.toUint112(), slope.toUint96(), uint48(t));
        if (overwrite) self.points[len - 1] = point;
        else self.points.push(point);
    }

    /// @dev Advances `p` to `t >= p.timestamp`, applying the changes scheduled at the week boundaries in
    /// between. Every lock counted in `p` ends at most `MAX_LOCK` after `p.timestamp`, so at most 52
    /// boundaries can hold a change and the loop is bounded by 52 iterations.
    function _advance(
        Trace storage self,
        Point memory p,
        uint256 t
    ) private view returns (uint256 value, uint256 slope) {
        value = p.value;
        slope = p.slope;
        uint256 ts = p.timestamp;
        uint256 lastWeek = epochStart(ts) + MAX_LOCK;
        uint256 stop = t < lastWeek ? t : lastWeek;
        for (uint256 week = epochStart(ts) + WEEK; week <= stop; week += WEEK) {
            Change memory c = self.changes[week];
            value -= slope * (week - ts) + c.amount;
            slope -= c.slope;
            ts = week;
        }
        // Past the last boundary every decaying lock has ended (slope is 0), so only the rest is left.
        value -= slope * (t - ts);
    }

    /// @dev The index of the first point after `t` among `points[0..high]`, looking at the recent end first
    /// (as OpenZeppelin's `upperLookupRecent`), since lookups usually ask about the recent past.
    function _upperLookup(Point[] storage points, uint256 t, uint256 high) private view returns (uint256) {
        uint256 low = 0;
        if (high > 5) {
            uint256 mid = high - Math.sqrt(high);
            if (t < points[mid].timestamp) high = mid;
            else low = mid + 1;
        }
        while (low < high) {
            uint256 mid = (low + high) / 2;
            if (points[mid].timestamp > t) high = mid;
            else low = mid + 1;
        }
        return high;
    }
}
