// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Create2} from "@openzeppelin/contracts/utils/Create2.sol";

import {TestSmartWallet} from "./TestSmartWallet.sol";

/// @notice Test-only CREATE2 factory of TestSmartWallet: a wallet's address is known before it exists, so it can
/// sign in with an EIP-6492 signature (the factory call wrapped around the owner's signature) while undeployed.
contract TestSmartWalletFactory {
    /// @notice Deploys the wallet of `owner` for `salt` at `addressOf(owner, salt)`.
    function deploy(address owner, bytes32 salt) external returns (TestSmartWallet) {
        return new TestSmartWallet{salt: salt}(owner);
    }

    /// @notice Where `deploy(owner, salt)` puts the wallet.
    function addressOf(address owner, bytes32 salt) external view returns (address) {
        bytes memory code = abi.encodePacked(type(TestSmartWallet).creationCode, abi.encode(owner));
        return Create2.computeAddress(salt, keccak256(code));
    }
}
