// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
// solhint-disable-next-line max-line-length
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

/// @title LockstepGovernor
/// @notice The Lockstep DAO: a stock OpenZeppelin 5 Governor whose voting power is the Staking Score of the
/// `VotingEscrow`, executing through a `TimelockController` that holds the treasury and every admin role
/// (SPEC.md §6).
/// @dev Only OpenZeppelin modules; this contract adds nothing but the overrides Solidity requires.
/// - Clock: `GovernorVotes` reads ERC-6372 from the escrow, which is `mode=timestamp`, so the voting delay,
///   voting period and late-quorum extension are in seconds, and proposal snapshots are timestamps.
/// - Weight: `getPastVotes(voter, snapshot)` of the escrow, i.e. the decayed score at the snapshot of every
///   account delegating to the voter. Locks, withdrawals and delegations after the snapshot never count.
/// - Quorum: `quorumNumerator`% of `getPastTotalSupply(snapshot)`, the total score at the snapshot.
/// - Roles on the timelock (set by the deployment, checked by `verify:deployment`): this governor is the only
///   proposer, canceller and executor. The executor role is given to the governor rather than opened to
///   `address(0)` so that every proposal is executed through `Governor.execute`, which anyone may call: the
///   governor's `ProposalExecuted` event and proposal state (read by the subgraph and the app) can then never
///   be bypassed by executing the operation on the timelock directly, and no liveness is lost.
/// - No `GovernorStorage`: everything it would store is in `ProposalCreated`, which the subgraph and the app's
///   log reader index, and storing it made `propose` cost several times a stock Governor's.
/// - Proposal ids carry OpenZeppelin's `#proposer=0x...` description suffix protection against front-running.
contract LockstepGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl,
    GovernorPreventLateQuorum
{
    /// @param votes The `VotingEscrow` (IERC5805, timestamp clock).
    /// @param timelock_ The `TimelockController` that executes proposals and holds the treasury.
    /// @param initialVotingDelay Seconds between proposal and snapshot (SPEC default 1 day).
    /// @param initialVotingPeriod Seconds of voting (SPEC default 5 days).
    /// @param initialProposalThreshold Score needed to propose (SPEC default 10,000e18).
    /// @param quorumNumerator_ Quorum as a percentage of the total score at the snapshot (SPEC default 4).
    /// @param initialVoteExtension Seconds voting stays open after quorum is reached late (SPEC default 1 day).
    constructor(
        IVotes votes,
        TimelockController timelock_,
        uint48 initialVotingDelay,
        uint32 initialVotingPeriod,
        uint256 initialProposalThreshold,
        uint256 quorumNumerator_,
        uint48 initialVoteExtension
    )
        Governor("LockstepGovernor")
        GovernorSettings(initialVotingDelay, initialVotingPeriod, initialProposalThreshold)
        GovernorVotes(votes)
        GovernorVotesQuorumFraction(quorumNumerator_)
        GovernorTimelockControl(timelock_)
        GovernorPreventLateQuorum(initialVoteExtension)
    {}

    // ---------------------------------------------------------------------------------------------
    // Overrides required by Solidity (each only forwards to the OpenZeppelin modules via `super`)
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc Governor
    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc Governor
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @inheritdoc Governor
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc Governor
    function proposalDeadline(
        uint256 proposalId
    ) public view override(Governor, GovernorPreventLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        super._tallyUpdated(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
