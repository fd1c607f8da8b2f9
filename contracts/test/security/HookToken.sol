// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice The hooks an ERC-777 token calls (`IERC777Sender` / `IERC777Recipient`).
interface ITokenHooks {
    function tokensToSend(address operator, address from, address to, uint256 amount) external;

    function tokensReceived(address operator, address from, address to, uint256 amount) external;
}

/// @title HookToken
/// @notice Test token with ERC-777 style hooks (imBTC, the 2020 Uniswap and Lendf.Me re-entrancy losses): an
/// account registers a hook contract (here on the token itself instead of the ERC-1820 registry); the token
/// calls the sender's `tokensToSend` before moving the balance and the recipient's `tokensReceived` after. A
/// hook can therefore call back into the contract that is moving the tokens, at both points.
contract HookToken is ERC20 {
    mapping(address account => ITokenHooks hook) private _hooks;

    constructor() ERC20("Hook Token", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Makes `hook` the caller's sender and recipient hook (address(0) removes it).
    function setHook(ITokenHooks hook) external {
        _hooks[msg.sender] = hook;
    }

    function _update(address from, address to, uint256 value) internal override {
        ITokenHooks sendHook = _hooks[from];
        if (address(sendHook) != address(0)) sendHook.tokensToSend(msg.sender, from, to, value);
        super._update(from, to, value);
        ITokenHooks receiveHook = _hooks[to];
        if (address(receiveHook) != address(0)) receiveHook.tokensReceived(msg.sender, from, to, value);
    }
}
