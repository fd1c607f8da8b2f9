// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ClaimFloor
/// @notice Bench reference, never deployed: the least an oversubscribed `EarlyAccess.claim` can cost. It does
/// only what any implementation of docs/spec.md §8 must do in that claim, each as cheaply as the EVM allows:
/// read the round's total (one cold slot) and the caller's commitment (one cold slot), mark it claimed (one
/// write), emit `Claimed`, and transfer sale tokens and a refund. The tokens and prices are immutables here,
/// which a contract holding many rounds cannot do, so the real cost is higher by at least one cold read.
contract ClaimFloor {
    uint256 private constant _CLAIMED = 1 << 255;

    IERC20 private immutable _saleToken;
    IERC20 private immutable _paymentToken;
    // Payment-token base units per whole sale token, and the sale token's amount and decimals unit.
    uint256 private immutable _price;
    uint256 private immutable _saleAmount;
    uint256 private immutable _unit;

    mapping(uint256 roundId => uint256 totalCommitted) private _totals;
    mapping(uint256 roundId => mapping(address account => uint256 amount)) private _commitments;

    event Claimed(uint256 indexed roundId, address indexed account, uint256 saleTokens, uint256 refund);

    error ClaimFloorNothingToClaim(uint256 roundId, address account);
    error ClaimFloorTransferFailed(IERC20 token);

    constructor(IERC20 saleToken, IERC20 paymentToken, uint256 price, uint256 saleAmount, uint256 unit) {
        _saleToken = saleToken;
        _paymentToken = paymentToken;
        _price = price;
        _saleAmount = saleAmount;
        _unit = unit;
    }

    /// @notice Sets a round's total and one account's commitment, as commits would have.
    function setCommitment(uint256 roundId, address account, uint256 amount, uint256 totalCommitted) external {
        _totals[roundId] = totalCommitted;
        _commitments[roundId][account] = amount;
    }

    /// @notice The oversubscribed claim (`totalCommitted > saleAmount * price / unit`) of §8.
    function claim(uint256 roundId) external {
        uint256 total = _totals[roundId];
        uint256 amount = _commitments[roundId][msg.sender];
        if (amount == 0 || amount & _CLAIMED != 0) revert ClaimFloorNothingToClaim(roundId, msg.sender);
        _commitments[roundId][msg.sender] = amount | _CLAIMED;
        uint256 value = (_saleAmount * _price) / _unit;
        uint256 saleTokens = (_saleAmount * amount) / total;
        uint256 refund = (amount * (total - value)) / total;
        emit Claimed(roundId, msg.sender, saleTokens, refund);
        if (!_saleToken.transfer(msg.sender, saleTokens)) revert ClaimFloorTransferFailed(_saleToken);
        if (!_paymentToken.transfer(msg.sender, refund)) revert ClaimFloorTransferFailed(_paymentToken);
    }
}
