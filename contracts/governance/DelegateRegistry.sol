// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDelegateRegistry} from "../interfaces/IDelegateRegistry.sol";

/// @title DelegateRegistry
/// @notice Delegate statements readable with no backend. See `IDelegateRegistry` and docs/spec.md §10.
/// @dev One record of two storage slots per account: the digest of its latest statement, and the time and
/// block of its publication (48 bits each, as OpenZeppelin's clocks). The text itself is only in the event.
/// No owner, no upgrade, no dependency on the escrow: a statement is an account's own claim about itself.
contract DelegateRegistry is IDelegateRegistry {
    /// @inheritdoc IDelegateRegistry
    uint256 public constant MAX_NAME_LENGTH = 64;
    /// @inheritdoc IDelegateRegistry
    uint256 public constant MAX_STATEMENT_LENGTH = 1024;
    /// @inheritdoc IDelegateRegistry
    uint256 public constant MAX_LINK_LENGTH = 256;

    struct Record {
        bytes32 digest;
        uint48 publishedAt;
        uint48 blockNumber;
    }

    mapping(address delegate => Record) private _records;

    /// @inheritdoc IDelegateRegistry
    function publishStatement(string calldata name, string calldata statement, string calldata link) external {
        uint256 nameLength = bytes(name).length;
        uint256 statementLength = bytes(statement).length;
        uint256 linkLength = bytes(link).length;
        if (nameLength == 0) revert DelegateRegistryNameEmpty();
        if (nameLength > MAX_NAME_LENGTH) revert DelegateRegistryNameTooLong(nameLength, MAX_NAME_LENGTH);
        if (statementLength == 0) revert DelegateRegistryStatementEmpty();
        if (statementLength > MAX_STATEMENT_LENGTH) {
            revert DelegateRegistryStatementTooLong(statementLength, MAX_STATEMENT_LENGTH);
        }
        if (linkLength > MAX_LINK_LENGTH) revert DelegateRegistryLinkTooLong(linkLength, MAX_LINK_LENGTH);

        _records[msg.sender] = Record({
            digest: _digest(name, statement, link),
            publishedAt: uint48(block.timestamp),
            blockNumber: uint48(block.number)
        });
        emit StatementPublished(msg.sender, name, statement, link);
    }

    /// @inheritdoc IDelegateRegistry
    function clearStatement() external {
        if (_records[msg.sender].digest == bytes32(0)) revert DelegateRegistryNoStatement(msg.sender);
        delete _records[msg.sender];
        emit StatementCleared(msg.sender);
    }

    /// @inheritdoc IDelegateRegistry
    function statementOf(
        address delegate
    ) external view returns (bytes32 digest, uint256 publishedAt, uint256 blockNumber) {
        Record storage record = _records[delegate];
        return (record.digest, record.publishedAt, record.blockNumber);
    }

    /// @inheritdoc IDelegateRegistry
    function hasStatement(address delegate) external view returns (bool) {
        return _records[delegate].digest != bytes32(0);
    }

    /// @inheritdoc IDelegateRegistry
    function statementDigest(
        string calldata name,
        string calldata statement,
        string calldata link
    ) external pure returns (bytes32) {
        return _digest(name, statement, link);
    }

    /// @dev Never zero for a published statement: keccak256 of a non-empty encoding has no known zero preimage,
    /// so a zero digest means "no statement".
    function _digest(
        string calldata name,
        string calldata statement,
        string calldata link
    ) private pure returns (bytes32) {
        return keccak256(abi.encode(name, statement, link));
    }
}
