// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

import {IVotingEscrow} from "../../interfaces/IVotingEscrow.sol";
import {FlashLender, IFlashBorrower} from "./FlashLender.sol";

/// @title FlashGovernanceAttacker
/// @notice Test attacker for one-transaction governance attacks (Beanstalk, April 2022): gets tokens (its own or
/// a flash loan), locks them until `unlockTime` and, in the same transaction, votes on or makes a proposal,
/// then tries to withdraw to repay. Unlike the v1 `FlashVoter`, the unlock time is the caller's, so tests can
/// use the shortest lock v2 accepts (`MIN_LOCK`) and a shorter one.
contract FlashGovernanceAttacker is IFlashBorrower {
    using SafeERC20 for IERC20;

    enum Action {
        Vote,
        Propose
    }

    IERC20 private immutable _token;
    IVotingEscrow private immutable _escrow;
    IGovernor private immutable _governor;

    /// @notice The weight the governor counted for the last vote.
    uint256 public lastWeight;
    /// @notice The id of the last proposal made.
    uint256 public lastProposalId;
    /// @notice Whether the last attempt to withdraw in the same transaction succeeded.
    bool public withdrew;

    constructor(IERC20 token_, IVotingEscrow escrow_, IGovernor governor_) {
        _token = token_;
        _escrow = escrow_;
        _governor = governor_;
    }

    /// @notice Locks `amount` of its own tokens and votes For `proposalId` in one transaction.
    function lockAndVote(uint256 amount, uint256 unlockTime, uint256 proposalId) external {
        _lockAndVote(amount, unlockTime, proposalId);
    }

    /// @notice Locks `amount` of its own tokens and proposes in one transaction.
    function lockAndPropose(
        uint256 amount,
        uint256 unlockTime,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        string calldata description
    ) external {
        _lock(amount, unlockTime);
        lastProposalId = _governor.propose(targets, values, calldatas, description);
    }

    /// @notice Flash-borrows `amount` from `lender`, locks it, votes For `proposalId`, tries to withdraw and
    /// repays whatever it holds.
    function flashLockAndVote(FlashLender lender, uint256 amount, uint256 unlockTime, uint256 proposalId) external {
        lender.flashLoan(this, amount, abi.encode(Action.Vote, unlockTime, proposalId));
    }

    /// @inheritdoc IFlashBorrower
    function onFlashLoan(address, IERC20, uint256 amount, bytes calldata data) external {
        (, uint256 unlockTime, uint256 proposalId) = abi.decode(data, (Action, uint256, uint256));
        _lockAndVote(amount, unlockTime, proposalId);
        // Repays with what it holds: everything if the withdrawal worked, nothing otherwise.
        _token.safeTransfer(msg.sender, _token.balanceOf(address(this)));
    }

    function _lockAndVote(uint256 amount, uint256 unlockTime, uint256 proposalId) private {
        _lock(amount, unlockTime);
        lastWeight = _governor.castVote(proposalId, 1);
        try _escrow.withdraw() {
            withdrew = true;
        } catch {
            withdrew = false;
        }
    }

    function _lock(uint256 amount, uint256 unlockTime) private {
        _token.approve(address(_escrow), amount);
        _escrow.createLock(amount, unlockTime);
    }
}
