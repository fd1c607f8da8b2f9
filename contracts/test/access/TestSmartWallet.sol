// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @notice Test-only smart-contract wallet: one owner key, EIP-1271 signatures (the owner's signature of the hash)
/// and calls made by the owner (to lock tokens as the wallet). The access kit's integration tests sign in with it.
contract TestSmartWallet is IERC1271 {
    address private immutable _owner;

    /// @notice Only the owner can make the wallet call other contracts.
    error TestSmartWalletUnauthorized(address caller);

    constructor(address owner_) {
        _owner = owner_;
    }

    /// @notice The key whose signatures this wallet accepts.
    function owner() external view returns (address) {
        return _owner;
    }

    /// @notice Calls `target` with `data` as the wallet; only the owner may.
    function execute(address target, bytes calldata data) external returns (bytes memory) {
        if (msg.sender != _owner) revert TestSmartWalletUnauthorized(msg.sender);
        return Address.functionCall(target, data);
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address signer, ECDSA.RecoverError error, ) = ECDSA.tryRecover(hash, signature);
        return error == ECDSA.RecoverError.NoError && signer == _owner ? this.isValidSignature.selector : bytes4(0);
    }
}
