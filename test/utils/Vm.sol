// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @dev The subset of the Foundry-compatible cheatcodes (served by Hardhat's EDR runner) that our
/// Solidity tests use. forge-std is not a dependency of this repository, so the interface lives here.
interface Vm {
    // Environment
    function warp(uint256 newTimestamp) external;
    function getBlockTimestamp() external view returns (uint256);

    // Callers
    function prank(address msgSender) external;
    function startPrank(address msgSender) external;
    function stopPrank() external;

    // Expectations
    function expectRevert(bytes4 revertData) external;
    function expectRevert(bytes calldata revertData) external;
    function assume(bool condition) external pure;

    // Signatures
    function addr(uint256 privateKey) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);

    // Debugging
    function label(address account, string calldata newLabel) external;

    // Assertions (revert with a formatted message on failure)
    function assertEq(uint256 left, uint256 right, string calldata error) external pure;
    function assertEq(address left, address right, string calldata error) external pure;
    function assertEq(bool left, bool right, string calldata error) external pure;
    function assertTrue(bool condition, string calldata error) external pure;
    function assertLe(uint256 left, uint256 right, string calldata error) external pure;
    function assertGe(uint256 left, uint256 right, string calldata error) external pure;
    function assertLt(uint256 left, uint256 right, string calldata error) external pure;
    function assertGt(uint256 left, uint256 right, string calldata error) external pure;
}

/// @dev The address the runner serves cheatcodes at.
address constant VM_ADDRESS = address(uint160(uint256(keccak256("hevm cheat code"))));
