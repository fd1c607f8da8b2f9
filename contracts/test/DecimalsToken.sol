// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title DecimalsToken
/// @notice Test token with ERC-2612 permit and any number of decimals (USDC's 6, a 0-decimal token, or an
/// unsupported 24), to check that scores are in 18-decimal units whatever the token.
contract DecimalsToken is ERC20, ERC20Permit {
    uint8 private immutable _decimals;

    constructor(uint8 decimals_) ERC20("Decimals Token", "DEC") ERC20Permit("Decimals Token") {
        _decimals = decimals_;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }
}
