// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @notice What a flash-loan borrower implements (the shape of ERC-3156's `onFlashLoan`).
interface IFlashBorrower {
    function onFlashLoan(address initiator, IERC20 token, uint256 amount, bytes calldata data) external;
}

/// @title FlashLender
/// @notice Test lender: lends any amount of the tokens it holds for the length of one call, fee-free, the way
/// Aave or a Uniswap flash swap would. The loan must be back before the call returns, or everything reverts.
contract FlashLender {
    using SafeERC20 for IERC20;

    IERC20 private immutable _token;

    error FlashLenderNotRepaid(uint256 expected, uint256 balance);

    constructor(IERC20 token_) {
        _token = token_;
    }

    function flashLoan(IFlashBorrower borrower, uint256 amount, bytes calldata data) external {
        uint256 balanceBefore = _token.balanceOf(address(this));
        _token.safeTransfer(address(borrower), amount);
        borrower.onFlashLoan(msg.sender, _token, amount, data);
        uint256 balanceAfter = _token.balanceOf(address(this));
        if (balanceAfter < balanceBefore) revert FlashLenderNotRepaid(balanceBefore, balanceAfter);
    }
}
