// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title GovernanceToken
/// @notice A plain ERC-20 with ERC-2612 permit, used for demos and tests. The escrow works with any
/// standard ERC-20; this token exists so a fresh deployment has something to lock.
contract GovernanceToken is ERC20, ERC20Permit {
    constructor(
        string memory name_,
        string memory symbol_,
        address initialHolder,
        uint256 initialSupply
    ) ERC20(name_, symbol_) ERC20Permit(name_) {
        _mint(initialHolder, initialSupply);
    }
}
