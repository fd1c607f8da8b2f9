// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IRevenueDistributor} from "../interfaces/IRevenueDistributor.sol";

/// @title ReentrantToken
/// @notice Test token whose transfer hook calls back into the RevenueDistributor (as an ERC-777 or a
/// malicious token could) while the distributor is sending or receiving it.
/// @dev With `bubble` set, a failing re-entry reverts the whole transfer; otherwise the failure is recorded
/// in `lastError` and the transfer goes on, which shows the re-entry had no effect.
contract ReentrantToken is ERC20 {
    enum Attack {
        None,
        Claim,
        Checkpoint,
        Deposit
    }

    IRevenueDistributor public target;
    Attack public attack;
    bool public bubble;
    uint256 public attempts;
    bytes public lastError;

    constructor() ERC20("Reentrant Token", "REENT") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setAttack(IRevenueDistributor target_, Attack attack_, bool bubble_) external {
        target = target_;
        attack = attack_;
        bubble = bubble_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (attack == Attack.None || (from != address(target) && to != address(target))) return;
        ++attempts;
        try this.reenter() {
            lastError = "";
        } catch (bytes memory reason) {
            lastError = reason;
            if (bubble) {
                assembly ("memory-safe") {
                    revert(add(reason, 0x20), mload(reason))
                }
            }
        }
    }

    /// @notice Performs the configured call into the distributor; external so the hook can catch its revert.
    function reenter() external {
        Attack attack_ = attack;
        if (attack_ == Attack.Claim) {
            IERC20[] memory tokens = new IERC20[](1);
            tokens[0] = IERC20(address(this));
            target.claim(tokens, false);
        } else if (attack_ == Attack.Checkpoint) {
            target.checkpoint(IERC20(address(this)));
        } else {
            target.depositRevenue(IERC20(address(this)), 1);
        }
    }
}
