// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title RebasingToken
/// @notice Test token whose balances are shares times a global index (like stETH or AMPL): `rebase`
/// changes every balance at once, and transfers move whole shares, so the amount received can be a few
/// wei short of the amount sent.
contract RebasingToken is IERC20 {
    uint256 private constant _ONE = 1e18;

    uint256 public index = _ONE;
    uint256 private _totalShares;
    mapping(address account => uint256) private _shares;
    mapping(address owner => mapping(address spender => uint256)) private _allowances;

    error RebasingTokenInsufficient(address account);

    function mint(address to, uint256 amount) external {
        uint256 shares = (amount * _ONE) / index;
        _shares[to] += shares;
        _totalShares += shares;
        emit Transfer(address(0), to, amount);
    }

    /// @notice Sets the index to `newIndex` (1e18 = 1.0): every balance scales by `newIndex / index`.
    function rebase(uint256 newIndex) external {
        index = newIndex;
    }

    function totalSupply() external view returns (uint256) {
        return (_totalShares * index) / _ONE;
    }

    function balanceOf(address account) public view returns (uint256) {
        return (_shares[account] * index) / _ONE;
    }

    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    function approve(address spender, uint256 value) external returns (bool) {
        _allowances[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function transfer(address to, uint256 value) external returns (bool) {
        _move(msg.sender, to, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = _allowances[from][msg.sender];
        if (allowed < value) revert RebasingTokenInsufficient(from);
        _allowances[from][msg.sender] = allowed - value;
        _move(from, to, value);
        return true;
    }

    function _move(address from, address to, uint256 value) private {
        uint256 shares = (value * _ONE) / index;
        if (_shares[from] < shares) revert RebasingTokenInsufficient(from);
        _shares[from] -= shares;
        _shares[to] += shares;
        emit Transfer(from, to, value);
    }
}
