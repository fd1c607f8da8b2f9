// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

import {IVotingEscrow} from "../../interfaces/IVotingEscrow.sol";

/// @notice Test attacker: borrows tokens, locks them and uses the fresh score in the same transaction, the way a
/// flash loan would. The escrow and governor must give it no weight and no way to get the tokens back.
contract FlashVoter {
    IERC20 private immutable _token;
    IVotingEscrow private immutable _escrow;
    IGovernor private immutable _governor;

    constructor(IERC20 token_, IVotingEscrow escrow_, IGovernor governor_) {
        _token = token_;
        _escrow = escrow_;
        _governor = governor_;
    }

    /// @notice Pulls `amount` from `lender`, locks it for the shortest possible time, votes For and tries to
    /// withdraw to repay the lender.
    /// @return weight The weight the governor counted.
    /// @return withdrew Whether the lock could be withdrawn in the same transaction.
    function lockVoteWithdraw(
        address lender,
        uint256 amount,
        uint256 proposalId
    ) external returns (uint256 weight, bool withdrew) {
        _lock(lender, amount);
        weight = _governor.castVote(proposalId, 1);
        try _escrow.withdraw() {
            withdrew = true;
        } catch {}
    }

    /// @notice Pulls `amount` from `lender`, locks it and proposes in the same transaction.
    function lockAndPropose(
        address lender,
        uint256 amount,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        string calldata description
    ) external returns (uint256) {
        _lock(lender, amount);
        return _governor.propose(targets, values, calldatas, description);
    }

    function _lock(address lender, uint256 amount) private {
        _token.transferFrom(lender, address(this), amount);
        _token.approve(address(_escrow), amount);
        // The earliest week boundary at least MIN_LOCK from now: the shortest lock the escrow accepts.
        uint256 week = _escrow.WEEK();
        _escrow.createLock(amount, ((block.timestamp + _escrow.MIN_LOCK() + week - 1) / week) * week);
    }
}
