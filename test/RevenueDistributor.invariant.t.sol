// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {RevenueDistributor} from "../contracts/RevenueDistributor.sol";
import {IVotingEscrow} from "../contracts/interfaces/IVotingEscrow.sol";
import {VotingEscrow} from "../contracts/VotingEscrow.sol";
import {GovernanceToken} from "../contracts/token/GovernanceToken.sol";
import {RevenueHandler} from "./handlers/RevenueHandler.sol";
import {Test} from "./utils/Test.sol";

/// @dev Invariants of RevenueDistributor (SPEC.md §5) under random sequences of locks, deposits, direct
/// transfers, checkpoints, claims (paid out or relocked) and time travel, driven by `RevenueHandler`.
/// Every handler call is expected to succeed, so the campaign fails on any revert.
contract RevenueDistributorInvariantTest is Test {
    uint256 internal constant WEEK = 7 days;
    uint256 internal constant FUNDS_PER_ACTOR = 1e30;

    GovernanceToken internal lockToken;
    GovernanceToken internal usd;
    VotingEscrow internal ve;
    RevenueDistributor internal distributor;
    RevenueHandler internal handler;

    function setUp() public {
        vm.warp(1_767_225_600 + 2 days + 7 hours + 11);
        lockToken = new GovernanceToken("Lockstep", "LOCK", address(this), 1e32);
        usd = new GovernanceToken("Revenue USD", "rUSD", address(this), 1e32);
        ve = new VotingEscrow(IERC20(address(lockToken)), address(0xDA0));
        distributor = new RevenueDistributor(IVotingEscrow(address(ve)), address(this));
        distributor.addRewardToken(IERC20(address(lockToken)));
        distributor.addRewardToken(IERC20(address(usd)));
        handler = new RevenueHandler(distributor, lockToken, usd);
        lockToken.transfer(address(handler), 1e32);
        usd.transfer(address(handler), 1e32);
        handler.fundActors(FUNDS_PER_ACTOR);
        vm.label(address(distributor), "distributor");
        vm.label(address(ve), "veLOCK");
        vm.label(address(handler), "handler");

        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = RevenueHandler.lock.selector;
        selectors[1] = RevenueHandler.deposit.selector;
        selectors[2] = RevenueHandler.deposit.selector;
        selectors[3] = RevenueHandler.sendAndCheckpoint.selector;
        selectors[4] = RevenueHandler.claim.selector;
        selectors[5] = RevenueHandler.claim.selector;
        selectors[6] = RevenueHandler.warp.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector(address(handler), selectors));
    }

    /// @dev For every token: claimed + claimable + dust + the revenue of the current week == credited, with
    /// the dust at most one wei per account per finished week; the current week's revenue includes what
    /// rolled into it from finished weeks without stakers. The distributor holds exactly what it owes plus
    /// what is not credited yet.
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_ClaimedPlusClaimablePlusDustEqualsDeposited() public view {
        address[4] memory actors = handler.actors();
        IERC20[2] memory tokens = handler.tokens();
        uint256 current = (_now() / WEEK) * WEEK;
        uint256 finishedWeeks = (current - handler.startWeek()) / WEEK;
        for (uint256 k = 0; k < 2; ++k) {
            uint256 claimable;
            for (uint256 i = 0; i < actors.length; ++i) claimable += distributor.claimable(actors[i], tokens[k]);
            uint256 credited = handler.ghostCredited(k);
            uint256 claimed = handler.ghostClaimed(k);
            uint256 pending = _currentWeekRevenue(tokens[k], current);
            assertLe(claimed + claimable + pending, credited, "claimed + claimable + pending <= credited");
            uint256 dust = credited - claimed - claimable - pending;
            assertLe(dust, actors.length * finishedWeeks, "dust <= one wei per account per week");
            assertEq(distributor.accountedBalance(tokens[k]), credited - claimed, "accountedBalance");
            assertEq(
                tokens[k].balanceOf(address(distributor)),
                credited - claimed + handler.ghostUncredited(k),
                "balance == owed + not yet credited"
            );
        }
    }

    /// hardhat-config: invariant.failOnRevert = true
    function invariant_ClaimableNeverDecreasesUntilClaimed() public view {
        assertEq(handler.ghostClaimableDecreases(), 0, "claimable decreased without a claim");
    }

    /// @dev Each claim pays exactly what was claimable and moves it out of `claimable`; relocking only ever
    /// moves the governance token, into the lock.
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_NothingIsEverPaidTwice() public view {
        assertEq(handler.ghostOverpayments(), 0, "a claim paid more than was claimable");
        assertEq(handler.ghostPayoutMismatches(), 0, "claimable after != claimable before - paid");
        assertEq(handler.ghostRelockMismatches(), 0, "relock moved tokens it should not have");
    }

    /// @dev The revenue not finished yet: the current week's, with what SPEC §5 rolls into it (the revenue of
    /// the finished weeks before it whose total score was zero; those not finalized yet still hold it), and the
    /// next week's.
    function _currentWeekRevenue(IERC20 token, uint256 current) internal view returns (uint256 carry) {
        for (uint256 w = distributor.finalizedUntil(token); w < current; w += WEEK) {
            uint256 revenue = distributor.revenueAt(token, w) + carry;
            carry = ve.totalSupplyAt(w) == 0 ? revenue : 0;
        }
        // Revenue received in the current week's first second waits in the next week.
        carry += distributor.revenueAt(token, current) + distributor.revenueAt(token, current + WEEK);
    }
}
