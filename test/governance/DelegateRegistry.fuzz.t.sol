// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DelegateRegistry} from "../../contracts/governance/DelegateRegistry.sol";
import {IDelegateRegistry} from "../../contracts/interfaces/IDelegateRegistry.sol";
import {Test} from "../utils/Test.sol";

/// @dev DelegateRegistry under random field lengths and publishers: a statement is accepted exactly when each
/// field is within its limit (name and statement non-empty), and an accepted one is what `statementOf` records.
contract DelegateRegistryFuzzTest is Test {
    DelegateRegistry internal registry;

    function setUp() public {
        registry = new DelegateRegistry();
    }

    /// @dev Any lengths from 0 to twice each limit: the first failing check decides the error, in the order
    /// name, statement, link; otherwise the digest, time and block are recorded.
    function testFuzz_PublishAcceptsExactlyTheLengthsWithinLimits(
        address publisher,
        uint256 nameLength,
        uint256 statementLength,
        uint256 linkLength,
        uint256 timestamp
    ) public {
        uint256 maxName = registry.MAX_NAME_LENGTH();
        uint256 maxStatement = registry.MAX_STATEMENT_LENGTH();
        uint256 maxLink = registry.MAX_LINK_LENGTH();
        nameLength = bound(nameLength, 0, 2 * maxName);
        statementLength = bound(statementLength, 0, 2 * maxStatement);
        linkLength = bound(linkLength, 0, 2 * maxLink);
        timestamp = bound(timestamp, block.timestamp, type(uint40).max);
        vm.warp(timestamp);
        string memory name = _text(nameLength, "n");
        string memory statement = _text(statementLength, "s");
        string memory link = _text(linkLength, "l");

        vm.prank(publisher);
        if (nameLength == 0) {
            vm.expectRevert(IDelegateRegistry.DelegateRegistryNameEmpty.selector);
        } else if (nameLength > maxName) {
            vm.expectRevert(
                abi.encodeWithSelector(IDelegateRegistry.DelegateRegistryNameTooLong.selector, nameLength, maxName)
            );
        } else if (statementLength == 0) {
            vm.expectRevert(IDelegateRegistry.DelegateRegistryStatementEmpty.selector);
        } else if (statementLength > maxStatement) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IDelegateRegistry.DelegateRegistryStatementTooLong.selector,
                    statementLength,
                    maxStatement
                )
            );
        } else if (linkLength > maxLink) {
            vm.expectRevert(
                abi.encodeWithSelector(IDelegateRegistry.DelegateRegistryLinkTooLong.selector, linkLength, maxLink)
            );
        }
        registry.publishStatement(name, statement, link);

        (bytes32 digest, uint256 publishedAt, uint256 blockNumber) = registry.statementOf(publisher);
        bool accepted =
            nameLength > 0 &&
                nameLength <= maxName &&
                statementLength > 0 &&
                statementLength <= maxStatement &&
                linkLength <= maxLink;
        assertEq(registry.hasStatement(publisher), accepted, "recorded exactly when accepted");
        if (accepted) {
            assertTrue(digest == keccak256(abi.encode(name, statement, link)), "digest of the fields");
            assertEq(publishedAt, timestamp, "published at the block time");
            assertEq(blockNumber, block.number, "published in this block");
        } else {
            assertTrue(digest == bytes32(0), "nothing recorded");
        }
    }

    /// @dev One account's statements and clears never touch another account's record.
    function testFuzz_RecordsAreIndependentPerAccount(address a, address b, uint8 rounds) public {
        vm.assume(a != b);
        vm.prank(b);
        registry.publishStatement("B", "b's statement", "");
        (bytes32 before, , ) = registry.statementOf(b);
        for (uint256 i = 0; i < bound(rounds, 1, 8); ++i) {
            vm.startPrank(a);
            registry.publishStatement("A", _text(i + 1, "a"), "");
            if (i % 2 == 1) registry.clearStatement();
            vm.stopPrank();
        }
        (bytes32 afterwards, , ) = registry.statementOf(b);
        assertTrue(before == afterwards, "b's record unchanged");
        assertEq(registry.hasStatement(a), bound(rounds, 1, 8) % 2 == 1, "a's record follows its last call");
    }

    function _text(uint256 length, bytes1 fill) private pure returns (string memory) {
        bytes memory text = new bytes(length);
        for (uint256 i = 0; i < length; ++i) text[i] = fill;
        return string(text);
    }
}
