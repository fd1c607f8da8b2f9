// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {EarlyAccess} from "../../contracts/EarlyAccess.sol";
import {IEarlyAccess} from "../../contracts/interfaces/IEarlyAccess.sol";
import {IVotingEscrow} from "../../contracts/interfaces/IVotingEscrow.sol";
import {VotingEscrow} from "../../contracts/VotingEscrow.sol";
import {DecimalsToken} from "../../contracts/test/DecimalsToken.sol";
import {Test} from "../utils/Test.sol";

/// @dev Drives an EarlyAccess (whose admin it is) for the invariant tests: it creates rounds selling an
/// 18-decimal token for a 6-decimal one, actors of four different levels commit within their caps during the
/// window, claim after the end or a cancel, anyone finalizes, the admin cancels, and time moves by up to two
/// days per step. Inputs are bounded and actions skipped when invalid, so every call succeeds (the tests run
/// with `failOnRevert`). Ghost variables record what each round received and paid.
contract EarlyAccessHandler is Test {
    uint256 public constant ACTOR_COUNT = 4;
    uint256 public constant MAX_ROUNDS = 6;
    address public constant TREASURY = address(0x7EA5);
    uint256 public constant INITIAL_USD = 1e30;

    EarlyAccess public immutable early;
    DecimalsToken public immutable sale;
    DecimalsToken public immutable usd;
    address[ACTOR_COUNT] internal _actors;

    mapping(uint256 roundId => uint256) public ghostSold;
    mapping(uint256 roundId => uint256) public ghostRefunded;
    mapping(uint256 roundId => uint256) public ghostProceeds;
    mapping(uint256 roundId => uint256) public ghostUnsold;
    uint256 public ghostPayoutMismatches;
    uint256 public ghostClaims;

    /// @dev The test contract locks governance tokens for the actors; the handler funds them with `usd`.
    constructor(VotingEscrow ve) {
        early = new EarlyAccess(IVotingEscrow(address(ve)), address(this));
        sale = new DecimalsToken(18);
        usd = new DecimalsToken(6);
        sale.approve(address(early), type(uint256).max);
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            address actor = address(uint160(0xA11CE0 + i));
            _actors[i] = actor;
            usd.mint(actor, INITIAL_USD);
            vm.prank(actor);
            usd.approve(address(early), type(uint256).max);
        }
    }

    function actors() external view returns (address[ACTOR_COUNT] memory) {
        return _actors;
    }

    // ---------------------------------------------------------------------------------------------
    // Actions
    // ---------------------------------------------------------------------------------------------

    function createRound(uint256 price, uint256 saleAmount, uint256 capBase, uint256 delay, uint256 duration) external {
        if (early.roundCount() >= MAX_ROUNDS) return;
        IEarlyAccess.RoundParams memory p;
        p.saleToken = IERC20(address(sale));
        p.paymentToken = IERC20(address(usd));
        p.price = bound(price, 1, 1e12);
        p.saleAmount = bound(saleAmount, 1, 1e27);
        uint256 base = bound(capBase, 0, 1e12);
        for (uint256 i = 0; i < 10; ++i) p.caps[i] = base * (i + 1);
        p.snapshot = uint64(_now() - 1);
        p.start = uint64(_now() + bound(delay, 0, 1 days));
        p.end = p.start + uint64(bound(duration, 1, 3 days));
        p.recipient = TREASURY;
        sale.mint(address(this), p.saleAmount);
        early.createRound(p);
    }

    function commit(uint256 actorSeed, uint256 roundSeed, uint256 amount) external {
        (uint256 id, bool ok) = _pick(roundSeed);
        if (!ok) return;
        (IEarlyAccess.RoundParams memory p, , , bool cancelled) = early.round(id);
        if (cancelled || _now() < p.start || _now() >= p.end) return;
        address actor = _actors[actorSeed % ACTOR_COUNT];
        uint256 cap = early.capOf(id, actor);
        uint256 done = early.committed(id, actor);
        if (cap <= done) return;
        amount = bound(amount, 1, cap - done);
        vm.prank(actor);
        early.commit(id, amount);
    }

    function claim(uint256 actorSeed, uint256 roundSeed) external {
        (uint256 id, bool ok) = _pick(roundSeed);
        if (!ok) return;
        (IEarlyAccess.RoundParams memory p, , , bool cancelled) = early.round(id);
        address actor = _actors[actorSeed % ACTOR_COUNT];
        if (!cancelled && _now() < p.end) return;
        if (early.committed(id, actor) == 0 || early.hasClaimed(id, actor)) return;
        (uint256 saleTokens, uint256 refund) = early.claimable(id, actor);
        uint256 saleBefore = sale.balanceOf(actor);
        uint256 usdBefore = usd.balanceOf(actor);
        vm.prank(actor);
        early.claim(id);
        uint256 gotSale = sale.balanceOf(actor) - saleBefore;
        uint256 gotUsd = usd.balanceOf(actor) - usdBefore;
        if (gotSale != saleTokens || gotUsd != refund) ++ghostPayoutMismatches;
        if (cancelled && (gotSale != 0 || gotUsd != early.committed(id, actor))) ++ghostPayoutMismatches;
        ghostSold[id] += gotSale;
        ghostRefunded[id] += gotUsd;
        ++ghostClaims;
    }

    function finalize(uint256 roundSeed) external {
        (uint256 id, bool ok) = _pick(roundSeed);
        if (!ok) return;
        (IEarlyAccess.RoundParams memory p, , bool finalized, bool cancelled) = early.round(id);
        if (finalized || cancelled || _now() < p.end) return;
        uint256 saleBefore = sale.balanceOf(TREASURY);
        uint256 usdBefore = usd.balanceOf(TREASURY);
        early.finalize(id);
        ghostUnsold[id] = sale.balanceOf(TREASURY) - saleBefore;
        ghostProceeds[id] = usd.balanceOf(TREASURY) - usdBefore;
    }

    function cancel(uint256 roundSeed) external {
        (uint256 id, bool ok) = _pick(roundSeed);
        if (!ok) return;
        (IEarlyAccess.RoundParams memory p, , , bool cancelled) = early.round(id);
        if (cancelled || _now() >= p.end) return;
        early.cancelRound(id);
    }

    function warp(uint256 seconds_) external {
        vm.warp(_now() + bound(seconds_, 1, 2 days));
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers for the invariants
    // ---------------------------------------------------------------------------------------------

    /// @dev What `finalize` would send now (docs/spec.md §8, restated): the proceeds and the unsold sale tokens.
    function pendingFinalize(uint256 id) external view returns (uint256 proceeds, uint256 unsold) {
        (IEarlyAccess.RoundParams memory p, uint256 total, bool finalized, bool cancelled) = early.round(id);
        if (finalized || cancelled) return (0, 0);
        uint256 value = (p.saleAmount * p.price) / 1e18;
        if (total > value) return (value, 0);
        uint256 bought = (total * 1e18 + p.price - 1) / p.price;
        return (total, p.saleAmount - bought);
    }

    function _pick(uint256 roundSeed) internal view returns (uint256 id, bool ok) {
        uint256 count = early.roundCount();
        if (count == 0) return (0, false);
        return ((roundSeed % count) + 1, true);
    }
}
