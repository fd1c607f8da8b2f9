// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {VotingEscrow} from "../contracts/VotingEscrow.sol";
import {GovernanceToken} from "../contracts/token/GovernanceToken.sol";
import {VotingEscrowHandler} from "./handlers/VotingEscrowHandler.sol";
import {Test} from "./utils/Test.sol";

/// @dev Invariants of VotingEscrow (docs/spec.md §2-§3) under random sequences of every lock operation,
/// delegation and time steps of 0 to 300 weeks, driven by `VotingEscrowHandler`. Every handler call is
/// expected to succeed, so the campaign fails on any revert.
contract VotingEscrowInvariantTest is Test {
    uint256 internal constant WEEK = 7 days;
    uint256 internal constant MAX_LOCK = 52 weeks;
    uint256 internal constant ACTOR_COUNT = 5;
    uint256 internal constant FUNDS_PER_ACTOR = 1e30;

    GovernanceToken internal token;
    VotingEscrow internal ve;
    VotingEscrowHandler internal handler;
    address[ACTOR_COUNT] internal actors;

    function setUp() public {
        vm.warp(1_767_225_600 + 5 hours + 3);
        token = new GovernanceToken("Lockstep", "LOCK", address(this), ACTOR_COUNT * FUNDS_PER_ACTOR);
        ve = new VotingEscrow(IERC20(address(token)), address(0xDA0));
        handler = new VotingEscrowHandler(ve, token);
        token.transfer(address(handler), ACTOR_COUNT * FUNDS_PER_ACTOR);
        handler.fundActors(FUNDS_PER_ACTOR);
        actors = handler.actors();
        vm.label(address(ve), "veLOCK");
        vm.label(address(token), "LOCK");
        vm.label(address(handler), "handler");

        bytes4[] memory selectors = new bytes4[](10);
        selectors[0] = VotingEscrowHandler.createLock.selector;
        selectors[1] = VotingEscrowHandler.createLockFor.selector;
        selectors[2] = VotingEscrowHandler.increaseAmount.selector;
        selectors[3] = VotingEscrowHandler.depositFor.selector;
        selectors[4] = VotingEscrowHandler.increaseUnlockTime.selector;
        selectors[5] = VotingEscrowHandler.setAutoMax.selector;
        selectors[6] = VotingEscrowHandler.delegate.selector;
        selectors[7] = VotingEscrowHandler.withdraw.selector;
        selectors[8] = VotingEscrowHandler.warp.selector;
        // Time matters most: a second entry doubles the share of warps.
        selectors[9] = VotingEscrowHandler.warp.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector(address(handler), selectors));
    }

    /// hardhat-config: invariant.failOnRevert = true
    function invariant_SumOfScoresEqualsTotalSupply() public view {
        uint256 t = _now();
        uint256 sum;
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) sum += ve.balanceOf(actors[i]);
        assertEq(sum, ve.totalSupply(), "sum of balanceOf == totalSupply");
        assertEq(ve.totalSupplyAt(t), ve.totalSupply(), "totalSupplyAt(now) == totalSupply");

        // Projections: the next seconds and every week boundary (±1 s) until all current locks ended.
        _assertSupplyIsSumAt(t + 1);
        for (uint256 w = _epochStart(t) + WEEK; w <= t + MAX_LOCK + WEEK; w += WEEK) {
            _assertSupplyIsSumAt(w - 1);
            _assertSupplyIsSumAt(w);
        }

        // Recorded past timepoints.
        uint256 count = handler.snapshotCount();
        for (uint256 k = 0; k < count; ++k) {
            uint256 p = handler.snapshot(k).timepoint;
            _assertSupplyIsSumAt(p);
            assertEq(ve.getPastTotalSupply(p), ve.totalSupplyAt(p), "getPastTotalSupply == totalSupplyAt");
        }
    }

    /// hardhat-config: invariant.failOnRevert = true
    function invariant_SumOfVotesEqualsTotalSupply() public view {
        uint256 sum;
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) sum += ve.getVotes(actors[i]);
        assertEq(sum, ve.totalSupply(), "sum of getVotes == totalSupply");

        uint256 count = handler.snapshotCount();
        for (uint256 k = 0; k < count; ++k) {
            uint256 p = handler.snapshot(k).timepoint;
            uint256 pastSum;
            for (uint256 i = 0; i < ACTOR_COUNT; ++i) pastSum += ve.getPastVotes(actors[i], p);
            assertEq(pastSum, ve.getPastTotalSupply(p), "sum of getPastVotes == getPastTotalSupply");
        }
    }

    /// hardhat-config: invariant.failOnRevert = true
    function invariant_PastValuesNeverChange() public view {
        uint256 count = handler.snapshotCount();
        for (uint256 k = 0; k < count; ++k) {
            VotingEscrowHandler.Snapshot memory s = handler.snapshot(k);
            assertLt(s.timepoint, _now(), "snapshots are in the past");
            assertEq(ve.getPastTotalSupply(s.timepoint), s.supply, "past getPastTotalSupply changed");
            assertEq(ve.totalSupplyAt(s.timepoint), s.supply, "past totalSupplyAt changed");
            assertEq(s.supply, s.modelSupply, "past supply == model when recorded");
            for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
                assertEq(ve.balanceOfAt(actors[i], s.timepoint), s.balances[i], "past balanceOfAt changed");
                assertEq(ve.getPastVotes(actors[i], s.timepoint), s.votes[i], "past getPastVotes changed");
                assertEq(s.balances[i], s.modelBalances[i], "past score == model when recorded");
                assertEq(s.votes[i], s.modelVotes[i], "past votes == model when recorded");
            }
        }
    }

    /// hardhat-config: invariant.failOnRevert = true
    function invariant_EscrowBalanceEqualsLockedAmounts() public view {
        uint256 sum;
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            (uint256 amount, , ) = ve.locked(actors[i]);
            sum += amount;
        }
        uint256 balance = token.balanceOf(address(ve));
        assertEq(balance, sum, "escrow balance == sum of locked amounts");
        assertEq(balance, handler.ghostLockedTotal(), "escrow balance == ghost locked total");
        assertEq(balance, handler.ghostDeposited() - handler.ghostWithdrawn(), "escrow balance == in - out");
    }

    /// hardhat-config: invariant.failOnRevert = true
    function invariant_WithdrawReturnsExactAmount() public view {
        assertEq(
            handler.ghostWithdrawMismatches(),
            0,
            string.concat(
                "withdraw paid ",
                Strings.toString(handler.ghostMismatchPaid()),
                " instead of ",
                Strings.toString(handler.ghostMismatchExpected())
            )
        );
    }

    /// hardhat-config: invariant.failOnRevert = true
    function invariant_LocksMatchGhost() public view {
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            address actor = actors[i];
            (uint256 amount, uint256 end, bool autoMax) = ve.locked(actor);
            (uint256 ghostAmount, uint256 ghostEnd, bool ghostAutoMax) = handler.ghostLock(actor);
            assertEq(amount, ghostAmount, "locked amount == ghost");
            assertEq(end, ghostEnd, "locked end == ghost");
            assertEq(autoMax, ghostAutoMax, "locked autoMax == ghost");
            assertEq(ve.delegates(actor), handler.ghostDelegatee(actor), "delegatee == ghost");
        }
    }

    /// hardhat-config: invariant.failOnRevert = true
    function invariant_ScoresAndVotesMatchModel() public view {
        uint256 t = _now();
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            address actor = actors[i];
            assertEq(ve.balanceOf(actor), handler.modelScore(actor, t), "balanceOf == spec formula");
            assertEq(ve.getVotes(actor), handler.modelVotes(actor, t), "getVotes == sum of delegators' scores");
            // The projection of the current state follows the formula too.
            uint256 later = _epochStart(t) + WEEK;
            assertEq(ve.balanceOfAt(actor, later), handler.modelScore(actor, later), "projected score");
        }
        assertEq(ve.totalSupply(), handler.modelSupply(t), "totalSupply == sum of spec scores");
    }

    function _assertSupplyIsSumAt(uint256 t) internal view {
        uint256 sum;
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) sum += ve.balanceOfAt(actors[i], t);
        assertEq(ve.totalSupplyAt(t), sum, "totalSupplyAt(t) == sum of balanceOfAt(t)");
    }

    function _epochStart(uint256 t) internal pure returns (uint256) {
        return (t / WEEK) * WEEK;
    }
}
