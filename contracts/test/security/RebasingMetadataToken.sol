// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RebasingToken} from "../RebasingToken.sol";

/// @title RebasingMetadataToken
/// @notice The `RebasingToken` (balances are shares times an index, transfers round down to whole shares) with
/// the ERC-20 metadata the escrow reads at deployment, so a `VotingEscrow` can be deployed over it.
contract RebasingMetadataToken is RebasingToken {
    function name() external pure returns (string memory) {
        return "Rebasing Token";
    }

    function symbol() external pure returns (string memory) {
        return "REB";
    }

    function decimals() external pure returns (uint8) {
        return 18;
    }
}
