// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ITokenHooks} from "./HookToken.sol";

/// @title HookReentrancyAttacker
/// @notice Test attacker that registers itself as its own ERC-777 hook and, from the next hook the token
/// calls (`tokensToSend` before its balance moves, or `tokensReceived` after), re-enters a target with
/// prepared calldata once. The re-entry's outcome is recorded instead of bubbling, so a test can show both
/// that it failed (and with which error) and that the outer operation did exactly what it should.
contract HookReentrancyAttacker is ITokenHooks {
    enum Phase {
        None,
        BeforeSend,
        AfterReceive
    }

    Phase public armedPhase;
    address public reentryTarget;
    bytes public reentryData;
    /// @notice Re-entries attempted, whether the last one succeeded, and its revert data if it failed.
    uint256 public attempts;
    bool public lastSucceeded;
    bytes public lastError;

    error HookReentrancyAttackerCallFailed(bytes reason);

    /// @notice Calls `target` with `data` as this contract (approve, createLock, claim, ...); bubbles reverts.
    function execute(address target, bytes calldata data) external returns (bytes memory result) {
        bool ok;
        // solhint-disable-next-line avoid-low-level-calls
        (ok, result) = target.call(data);
        if (!ok) revert HookReentrancyAttackerCallFailed(result);
    }

    /// @notice From the next hook of `phase`, calls `target` with `data` once.
    function arm(Phase phase, address target, bytes calldata data) external {
        armedPhase = phase;
        reentryTarget = target;
        reentryData = data;
    }

    /// @inheritdoc ITokenHooks
    function tokensToSend(address, address, address, uint256) external {
        if (armedPhase == Phase.BeforeSend) _reenter();
    }

    /// @inheritdoc ITokenHooks
    function tokensReceived(address, address, address, uint256) external {
        if (armedPhase == Phase.AfterReceive) _reenter();
    }

    function _reenter() private {
        armedPhase = Phase.None;
        ++attempts;
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory reason) = reentryTarget.call(reentryData);
        lastSucceeded = ok;
        lastError = reason;
    }
}
