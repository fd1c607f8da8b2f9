// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {RevenueDistributor} from "../../contracts/RevenueDistributor.sol";
import {VotingEscrow} from "../../contracts/VotingEscrow.sol";
import {GovernanceToken} from "../../contracts/token/GovernanceToken.sol";
import {Test} from "../utils/Test.sol";

/// @dev Drives a RevenueDistributor and its VotingEscrow for the invariant tests: actors lock, add to,
/// auto-max and withdraw locks; anyone deposits revenue in two tokens (the governance token and a
/// second one) or sends it directly and checkpoints; actors claim any subset of the tokens, paid out or
/// relocked; time moves by up to 8 weeks per step, sometimes to the exact week boundary. Inputs are
/// bounded and actors chosen so that every call is valid (the tests run with `failOnRevert`).
/// Ghost variables record what was credited and claimed, and every violation of "claimable never
/// decreases until claimed" and "a claim pays exactly what was claimable, never more".
contract RevenueHandler is Test {
    uint256 internal constant WEEK = 7 days;
    uint256 internal constant MAX_LOCK = 52 weeks;
    uint256 public constant ACTOR_COUNT = 4;
    uint256 public constant TOKEN_COUNT = 2;
    uint256 internal constant MAX_DEPOSIT = 1e24;

    RevenueDistributor public immutable distributor;
    VotingEscrow public immutable ve;
    IERC20[TOKEN_COUNT] internal _tokens;
    address[ACTOR_COUNT] internal _actors;
    uint256 public immutable startWeek;

    uint256[TOKEN_COUNT] public ghostDeposited;
    uint256[TOKEN_COUNT] public ghostCredited;
    uint256[TOKEN_COUNT] public ghostUncredited;
    uint256[TOKEN_COUNT] public ghostClaimed;
    uint256[TOKEN_COUNT] public ghostRelocked;
    mapping(address account => uint256[TOKEN_COUNT]) internal _lastClaimable;

    uint256 public ghostClaimableDecreases;
    uint256 public ghostOverpayments;
    uint256 public ghostPayoutMismatches;
    uint256 public ghostRelockMismatches;
    uint256 public ghostClaims;
    uint256 public ghostPaidClaims;

    constructor(RevenueDistributor distributor_, GovernanceToken lockToken, GovernanceToken usd) {
        distributor = distributor_;
        ve = VotingEscrow(address(distributor_.escrow()));
        _tokens[0] = IERC20(address(lockToken));
        _tokens[1] = IERC20(address(usd));
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            _actors[i] = address(uint160(0xA11CE0 + i));
            vm.label(_actors[i], string.concat("actor", _digit(i)));
        }
        startWeek = distributor_.claimCursor(_actors[0], _tokens[0]);
    }

    /// @dev Gives every actor `amount` governance tokens (approved to the escrow) and keeps the rest.
    function fundActors(uint256 amount) external {
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            _tokens[0].transfer(_actors[i], amount);
            vm.prank(_actors[i]);
            _tokens[0].approve(address(ve), type(uint256).max);
        }
        _tokens[0].approve(address(distributor), type(uint256).max);
        _tokens[1].approve(address(distributor), type(uint256).max);
    }

    // ---------------------------------------------------------------------------------------------
    // Escrow actions
    // ---------------------------------------------------------------------------------------------

    function lock(uint256 actorSeed, uint256 amount, uint256 weeks_) external {
        address actor = _actors[actorSeed % ACTOR_COUNT];
        (uint256 locked, uint256 end, bool autoMax) = ve.locked(actor);
        uint256 t = _now();
        amount = bound(amount, 1e18, 1e24);
        if (locked == 0) {
            vm.prank(actor);
            // At least five weeks ahead rounds down to at least MIN_LOCK (4 weeks).
            ve.createLock(amount, t + bound(weeks_, 5, 52) * WEEK);
        } else if (!autoMax && end <= t) {
            vm.prank(actor);
            ve.withdraw();
        } else if (weeks_ % 3 == 0) {
            vm.prank(actor);
            ve.setAutoMax(!autoMax);
        } else if (!autoMax && end < t + 4 weeks) {
            // Too close to its end to take more tokens: extend instead.
            vm.prank(actor);
            ve.increaseUnlockTime(t + MAX_LOCK);
        } else {
            vm.prank(actor);
            ve.increaseAmount(amount);
        }
        _checkClaimables();
    }

    // ---------------------------------------------------------------------------------------------
    // Revenue
    // ---------------------------------------------------------------------------------------------

    function deposit(uint256 tokenSeed, uint256 amount) external {
        uint256 k = tokenSeed % TOKEN_COUNT;
        amount = bound(amount, 1, MAX_DEPOSIT);
        distributor.depositRevenue(_tokens[k], amount);
        ghostDeposited[k] += amount;
        ghostCredited[k] += amount;
        _checkClaimables();
    }

    function sendAndCheckpoint(uint256 tokenSeed, uint256 amount) external {
        uint256 k = tokenSeed % TOKEN_COUNT;
        amount = bound(amount, 1, MAX_DEPOSIT);
        _tokens[k].transfer(address(distributor), amount);
        ghostUncredited[k] += amount;
        distributor.checkpoint(_tokens[k]);
        // Documented: direct transfers are credited once every finished week is finalized.
        if (distributor.finalizedUntil(_tokens[k]) == _epochStart(_now())) {
            ghostCredited[k] += ghostUncredited[k];
            ghostUncredited[k] = 0;
        }
        _checkClaimables();
    }

    function claim(uint256 actorSeed, uint256 tokenMask, bool relock) external {
        address actor = _actors[actorSeed % ACTOR_COUNT];
        (uint256 locked, uint256 end, bool autoMax) = ve.locked(actor);
        // Relocking needs an unexpired lock; without one the claim would (rightly) revert.
        relock = relock && locked != 0 && (autoMax || end >= _now() + 4 weeks);

        uint256 mask = bound(tokenMask, 1, 3);
        uint256 count = mask == 3 ? 2 : 1;
        IERC20[] memory list = new IERC20[](count);
        uint256 n;
        for (uint256 k = 0; k < TOKEN_COUNT; ++k) {
            if (mask & (1 << k) != 0) list[n++] = _tokens[k];
        }

        uint256[TOKEN_COUNT] memory claimableBefore;
        uint256[TOKEN_COUNT] memory walletBefore;
        for (uint256 k = 0; k < TOKEN_COUNT; ++k) {
            claimableBefore[k] = distributor.claimable(actor, _tokens[k]);
            walletBefore[k] = _tokens[k].balanceOf(actor);
        }
        uint256 lockedBefore = locked;

        vm.prank(actor);
        distributor.claim(list, relock);
        ++ghostClaims;

        (uint256 lockedAfter, , ) = ve.locked(actor);
        uint256 relocked = lockedAfter - lockedBefore;
        for (uint256 k = 0; k < TOKEN_COUNT; ++k) {
            uint256 walletAfter = _tokens[k].balanceOf(actor);
            uint256 paid = walletAfter - walletBefore[k];
            if (k == 0) paid += relocked;
            uint256 claimableAfter = distributor.claimable(actor, _tokens[k]);
            if (paid > claimableBefore[k]) ++ghostOverpayments;
            else if (claimableAfter != claimableBefore[k] - paid) ++ghostPayoutMismatches;
            if (paid != 0) ++ghostPaidClaims;
            ghostClaimed[k] += paid;
            _lastClaimable[actor][k] = claimableAfter;
        }
        if (relocked != 0) {
            ghostRelocked[0] += relocked;
            // Only the governance token is relocked, and only when asked.
            if (!relock || _tokens[0].balanceOf(actor) != walletBefore[0]) ++ghostRelockMismatches;
        }
        _checkClaimables();
    }

    // ---------------------------------------------------------------------------------------------
    // Time
    // ---------------------------------------------------------------------------------------------

    function warp(uint256 seconds_, bool toBoundary) external {
        uint256 t = _now();
        if (toBoundary) vm.warp(_epochStart(t) + WEEK * bound(seconds_, 1, 3));
        else vm.warp(t + bound(seconds_, 1, 8 * WEEK));
        _checkClaimables();
    }

    // ---------------------------------------------------------------------------------------------
    // Views for the invariants
    // ---------------------------------------------------------------------------------------------

    function actors() external view returns (address[ACTOR_COUNT] memory) {
        return _actors;
    }

    function tokens() external view returns (IERC20[TOKEN_COUNT] memory) {
        return _tokens;
    }

    // ---------------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------------

    /// @dev Claimable amounts only grow, except through the account's own claims (handled in `claim`).
    function _checkClaimables() internal {
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            for (uint256 k = 0; k < TOKEN_COUNT; ++k) {
                uint256 c = distributor.claimable(_actors[i], _tokens[k]);
                if (c < _lastClaimable[_actors[i]][k]) ++ghostClaimableDecreases;
                _lastClaimable[_actors[i]][k] = c;
            }
        }
    }

    function _epochStart(uint256 t) internal pure returns (uint256) {
        return (t / WEEK) * WEEK;
    }

    function _digit(uint256 i) private pure returns (string memory) {
        bytes memory b = new bytes(1);
        b[0] = bytes1(uint8(48 + i));
        return string(b);
    }
}
