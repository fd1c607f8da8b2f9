// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm, VM_ADDRESS} from "./Vm.sol";

/// @dev A tiny stand-in for forge-std's `Test`: the cheatcode handle, assertion shorthands, `bound`, and
/// the target lists the invariant runner reads (`targetContracts()`, `targetSelectors()`).
abstract contract Test {
    /// @dev Mirrors the runner's selector filter: only these functions of `addr` are fuzzed.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    Vm internal constant vm = Vm(VM_ADDRESS);

    address[] private _targetedContracts;
    FuzzSelector[] private _targetedSelectors;

    // ---------------------------------------------------------------------------------------------
    // Invariant targets
    // ---------------------------------------------------------------------------------------------

    function targetContract(address target) internal {
        _targetedContracts.push(target);
    }

    function targetSelector(FuzzSelector memory selector) internal {
        _targetedSelectors.push(selector);
    }

    function targetContracts() public view returns (address[] memory) {
        return _targetedContracts;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetedSelectors;
    }

    // ---------------------------------------------------------------------------------------------
    // Time
    // ---------------------------------------------------------------------------------------------

    /// @dev The current timestamp, read through the cheatcode. `block.timestamp` is constant within a real
    /// transaction, so the optimizer may re-read it where a saved copy is used; after a `vm.warp` that
    /// silently turns "the time before the warp" into "now".
    function _now() internal view returns (uint256) {
        return vm.getBlockTimestamp();
    }

    // ---------------------------------------------------------------------------------------------
    // Inputs
    // ---------------------------------------------------------------------------------------------

    /// @dev Maps any `x` into `[min, max]`, keeping values that are already inside unchanged so the
    /// fuzzer's edge cases (0, 1, max) survive.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min + 1; // cannot overflow: min == 0 && max == type(uint256).max returned above
        return min + (x % size);
    }

    // ---------------------------------------------------------------------------------------------
    // Assertions
    // ---------------------------------------------------------------------------------------------

    function assertEq(uint256 left, uint256 right, string memory err) internal pure {
        vm.assertEq(left, right, err);
    }

    function assertEq(address left, address right, string memory err) internal pure {
        vm.assertEq(left, right, err);
    }

    function assertEq(bool left, bool right, string memory err) internal pure {
        vm.assertEq(left, right, err);
    }

    function assertTrue(bool condition, string memory err) internal pure {
        vm.assertTrue(condition, err);
    }

    function assertLe(uint256 left, uint256 right, string memory err) internal pure {
        vm.assertLe(left, right, err);
    }

    function assertGe(uint256 left, uint256 right, string memory err) internal pure {
        vm.assertGe(left, right, err);
    }

    function assertLt(uint256 left, uint256 right, string memory err) internal pure {
        vm.assertLt(left, right, err);
    }

    function assertGt(uint256 left, uint256 right, string memory err) internal pure {
        vm.assertGt(left, right, err);
    }
}
