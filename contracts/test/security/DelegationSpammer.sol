// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IVotingEscrow} from "../../interfaces/IVotingEscrow.sol";

/// @notice One sock puppet of the `DelegationSpammer`: an account with a tiny lock that it can delegate.
contract DelegationSybil {
    IERC20 private immutable _token;
    IVotingEscrow private immutable _escrow;

    constructor(IERC20 token, IVotingEscrow escrow) {
        _token = token;
        _escrow = escrow;
    }

    function lock(uint256 amount, uint256 unlockTime) external {
        _token.approve(address(_escrow), amount);
        _escrow.createLock(amount, unlockTime);
    }

    function delegateTo(address delegatee) external {
        _escrow.delegate(delegatee);
    }
}

/// @title DelegationSpammer
/// @notice Test attacker for history spam by delegation fan-in: makes many accounts with tiny locks and
/// delegates them, one per call (one per second in the tests), to a victim, so that every delegation adds an
/// entry to the victim's vote history. The victim's next calls must not get more expensive than a bound.
contract DelegationSpammer {
    using SafeERC20 for IERC20;

    IERC20 private immutable _token;
    IVotingEscrow private immutable _escrow;
    DelegationSybil[] private _sybils;
    uint256 private _next;

    constructor(IERC20 token_, IVotingEscrow escrow_) {
        _token = token_;
        _escrow = escrow_;
    }

    /// @notice Creates `count` sybils, each locking `amount` (from this contract's balance) until `unlockTime`.
    function createSybils(uint256 count, uint256 amount, uint256 unlockTime) external {
        for (uint256 i = 0; i < count; ++i) {
            DelegationSybil sybil = new DelegationSybil(_token, _escrow);
            _token.safeTransfer(address(sybil), amount);
            sybil.lock(amount, unlockTime);
            _sybils.push(sybil);
        }
    }

    /// @notice The next sybil delegates to `victim`.
    function delegateNext(address victim) external {
        _sybils[_next++].delegateTo(victim);
    }

    function sybilCount() external view returns (uint256) {
        return _sybils.length;
    }
}
