// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {EarlyAccess} from "../contracts/EarlyAccess.sol";
import {IEarlyAccess} from "../contracts/interfaces/IEarlyAccess.sol";
import {IVotingEscrow} from "../contracts/interfaces/IVotingEscrow.sol";
import {VotingEscrow} from "../contracts/VotingEscrow.sol";
import {GovernanceToken} from "../contracts/token/GovernanceToken.sol";
import {DecimalsToken} from "../contracts/test/DecimalsToken.sol";
import {EarlyAccessHandler} from "./handlers/EarlyAccessHandler.sol";
import {Test} from "./utils/Test.sol";

/// @dev "Nothing is ever stuck" (docs/spec.md §8): invariants of EarlyAccess under random rounds, commits,
/// claims, finalizes, cancels and time travel driven by `EarlyAccessHandler`, and a fuzz test that settles
/// one random round completely and finds only bounded rounding dust left.
contract EarlyAccessFuzzTest is Test {
    /// @dev 2026-01-01 plus an odd offset.
    uint256 internal constant START = 1_767_225_600 + 3 hours + 17;

    GovernanceToken internal lockToken;
    VotingEscrow internal ve;
    EarlyAccessHandler internal handler;
    EarlyAccess internal early;

    function setUp() public {
        vm.warp(START);
        lockToken = new GovernanceToken("Lockstep", "LOCK", address(this), 1e30);
        ve = new VotingEscrow(IERC20(address(lockToken)), address(0xDA0));
        handler = new EarlyAccessHandler(ve);
        early = handler.early();
        address[4] memory actors = handler.actors();
        for (uint256 i = 0; i < actors.length; ++i) {
            // Scores of about 40k, 320k, 1.08M and 2.56M: levels 1, 4, 6 and 7 under the default thresholds.
            uint256 amount = (i + 1) ** 3 * 20_000e18;
            lockToken.transfer(actors[i], amount);
            vm.startPrank(actors[i]);
            lockToken.approve(address(ve), amount);
            ve.createLock(amount, _now() + 52 weeks);
            vm.stopPrank();
        }
        vm.warp(START + 1 hours);
        vm.label(address(early), "early");
        vm.label(address(handler), "handler");

        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = EarlyAccessHandler.createRound.selector;
        selectors[1] = EarlyAccessHandler.commit.selector;
        selectors[2] = EarlyAccessHandler.commit.selector;
        selectors[3] = EarlyAccessHandler.commit.selector;
        selectors[4] = EarlyAccessHandler.claim.selector;
        selectors[5] = EarlyAccessHandler.finalize.selector;
        selectors[6] = EarlyAccessHandler.cancel.selector;
        selectors[7] = EarlyAccessHandler.warp.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector(address(handler), selectors));
    }

    /// @dev The contract's balance of each token covers every unclaimed allocation and refund and what
    /// `finalize` would send; what it holds beyond that is rounding dust, at most one base unit per actor
    /// and round (plus one for the rounded-up unsold amount).
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_BalanceCoversEverythingOwed() public view {
        (uint256 owedSale, uint256 owedUsd) = _owed();
        uint256 saleBalance = handler.sale().balanceOf(address(early));
        uint256 usdBalance = handler.usd().balanceOf(address(early));
        assertGe(saleBalance, owedSale, "sale balance covers allocations and unsold");
        assertGe(usdBalance, owedUsd, "payment balance covers refunds and proceeds");
        uint256 rounds = early.roundCount();
        uint256 actors = handler.ACTOR_COUNT();
        assertLe(saleBalance - owedSale, rounds * (actors + 1), "sale dust bounded");
        assertLe(usdBalance - owedUsd, rounds * actors, "payment dust bounded");
    }

    /// @dev Per round: allocations (paid and claimable) plus the unsold amount never exceed `saleAmount`;
    /// refunds plus proceeds never exceed the commitments; every claim paid exactly what was claimable.
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_AllocationsAndRefundsWithinTheRound() public view {
        address[4] memory actors = handler.actors();
        for (uint256 id = 1; id <= early.roundCount(); ++id) {
            (IEarlyAccess.RoundParams memory p, uint256 total, , bool cancelled) = early.round(id);
            uint256 committedSum;
            uint256 sold = handler.ghostSold(id);
            uint256 refunded = handler.ghostRefunded(id);
            for (uint256 i = 0; i < actors.length; ++i) {
                committedSum += early.committed(id, actors[i]);
                (uint256 s, uint256 r) = early.claimable(id, actors[i]);
                sold += s;
                refunded += r;
            }
            assertEq(committedSum, total, "totalCommitted is the sum of commitments");
            (uint256 proceeds, uint256 unsold) = handler.pendingFinalize(id);
            proceeds += handler.ghostProceeds(id);
            unsold += handler.ghostUnsold(id);
            if (cancelled) {
                assertEq(sold, 0, "a cancelled round sells nothing");
                assertEq(refunded, total, "a cancelled round refunds everything");
            } else {
                assertLe(sold + unsold, p.saleAmount, "allocations + unsold <= saleAmount");
                assertLe(refunded + proceeds, total, "refunds + proceeds <= commitments");
            }
        }
        assertEq(handler.ghostPayoutMismatches(), 0, "every claim paid what was claimable");
    }

    /// @dev One round settled completely: random price, amount, decimals and commitments (under- and
    /// oversubscribed), every committer claims and the round is finalized; the contract keeps at most one
    /// base unit per committer of each token, exactly the rounding of the formulas, and the recipient gets
    /// the rest.
    function testFuzz_SettledRoundLeavesOnlyDust(
        uint256 price,
        uint256 saleAmount,
        uint8 saleDecimals,
        uint256[4] memory commits
    ) public {
        saleDecimals = uint8(bound(saleDecimals, 0, 36));
        DecimalsToken sale = new DecimalsToken(saleDecimals);
        DecimalsToken usd = handler.usd();
        EarlyAccess ea = new EarlyAccess(IVotingEscrow(address(ve)), address(this));
        IEarlyAccess.RoundParams memory p;
        p.saleToken = IERC20(address(sale));
        p.paymentToken = IERC20(address(usd));
        p.price = bound(price, 1, type(uint128).max);
        p.saleAmount = bound(saleAmount, 1, type(uint128).max);
        for (uint256 i = 0; i < 10; ++i) p.caps[i] = type(uint128).max;
        p.snapshot = uint64(_now() - 1);
        p.start = uint64(_now());
        p.end = p.start + 1 days;
        p.recipient = address(0x7EA5);
        sale.mint(address(this), p.saleAmount);
        sale.approve(address(ea), p.saleAmount);
        ea.createRound(p);

        address[4] memory actors = handler.actors();
        uint256 n;
        for (uint256 i = 0; i < 4; ++i) {
            commits[i] = bound(commits[i], 0, 1e28);
            if (commits[i] == 0) continue;
            usd.mint(actors[i], commits[i]);
            vm.startPrank(actors[i]);
            usd.approve(address(ea), commits[i]);
            ea.commit(1, commits[i]);
            vm.stopPrank();
            ++n;
        }
        vm.warp(p.end);
        for (uint256 i = 0; i < 4; ++i) {
            if (commits[i] == 0) continue;
            vm.prank(actors[i]);
            ea.claim(1);
        }
        ea.finalize(1);

        uint256 saleLeft = sale.balanceOf(address(ea));
        uint256 usdLeft = usd.balanceOf(address(ea));
        assertLe(saleLeft, n, "sale dust <= one unit per committer");
        assertLe(usdLeft, n, "payment dust <= one unit per committer");
        assertEq(sale.balanceOf(address(0x7EA5)) + saleLeft + _sumOf(sale, actors), p.saleAmount, "sale conserved");
        (, uint256 total, , ) = ea.round(1);
        assertEq(usd.balanceOf(address(0x7EA5)) + usdLeft + _refunds(usd, actors), total, "usd conserved");
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    function _owed() internal view returns (uint256 sale, uint256 usd) {
        address[4] memory actors = handler.actors();
        for (uint256 id = 1; id <= early.roundCount(); ++id) {
            for (uint256 i = 0; i < actors.length; ++i) {
                (uint256 s, uint256 r) = early.claimable(id, actors[i]);
                sale += s;
                usd += r;
            }
            (uint256 proceeds, uint256 unsold) = handler.pendingFinalize(id);
            sale += unsold;
            usd += proceeds;
        }
    }

    function _sumOf(DecimalsToken token, address[4] memory actors) internal view returns (uint256 sum) {
        for (uint256 i = 0; i < 4; ++i) sum += token.balanceOf(actors[i]);
    }

    /// @dev What the actors got back: what they hold beyond the handler's initial mint, as each was minted
    /// exactly its commitment before committing it.
    function _refunds(DecimalsToken usd, address[4] memory actors) internal view returns (uint256 sum) {
        for (uint256 i = 0; i < 4; ++i) sum += usd.balanceOf(actors[i]) - handler.INITIAL_USD();
    }
}
