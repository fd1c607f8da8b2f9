// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IEarlyAccess} from "./interfaces/IEarlyAccess.sol";
import {IVotingEscrow} from "./interfaces/IVotingEscrow.sol";

/// @title EarlyAccess
/// @notice Early-access allocation rounds by Staking Score level. See `IEarlyAccess` and docs/spec.md §8.
/// @dev A round is nine storage slots (`Round`); amounts are held in 128 bits, which also keeps every product
/// in the allocation formulas below 2**256 (with at most 36 sale-token decimals, `D < 2**120`). Level
/// thresholds are stored once per distinct set the escrow had when a round was created (`_thresholdSets`),
/// so rounds created under unchanged thresholds share one copy.
contract EarlyAccess is IEarlyAccess, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint8 private constant _MAX_SALE_DECIMALS = 36;
    uint256 private constant _LEVELS = 10;

    struct Round {
        IERC20 saleToken;
        uint64 snapshot;
        uint8 saleDecimals;
        bool finalized;
        bool cancelled;
        IERC20 paymentToken;
        uint64 start;
        uint32 thresholdSet;
        address recipient;
        uint64 end;
        uint128 price;
        uint128 saleAmount;
        uint128 totalCommitted;
        uint128[_LEVELS] caps;
    }

    struct Commitment {
        uint128 amount;
        // Cached at the first commit; level 0 may not commit, so 0 means "not read yet".
        uint8 level;
        bool claimed;
    }

    IVotingEscrow private immutable _escrow;
    address private immutable _admin;

    uint256 private _roundCount;
    uint256 private _thresholdSetCount;
    bytes32 private _latestThresholdsHash;
    mapping(uint256 roundId => Round) private _rounds;
    mapping(uint256 setId => uint128[_LEVELS]) private _thresholdSets;
    mapping(uint256 roundId => mapping(address account => Commitment)) private _commitments;

    modifier onlyAdmin() {
        if (msg.sender != _admin) revert EarlyAccessUnauthorized(msg.sender);
        _;
    }

    constructor(IVotingEscrow escrow_, address admin_) {
        if (address(escrow_) == address(0) || admin_ == address(0)) revert EarlyAccessZeroAddress();
        _escrow = escrow_;
        _admin = admin_;
    }

    // ---------------------------------------------------------------------------------------------
    // Admin
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IEarlyAccess
    function createRound(RoundParams calldata p) external onlyAdmin nonReentrant returns (uint256 roundId) {
        if (address(p.saleToken) == address(0) || address(p.paymentToken) == address(0) || p.recipient == address(0))
            revert EarlyAccessZeroAddress();
        if (p.price == 0) revert EarlyAccessZeroPrice();
        if (p.saleAmount == 0) revert EarlyAccessZeroAmount();
        _requireFits128(p.price);
        _requireFits128(p.saleAmount);
        if (p.snapshot >= block.timestamp) revert EarlyAccessSnapshotNotInPast(p.snapshot, block.timestamp);
        if (p.start < block.timestamp || p.end <= p.start)
            revert EarlyAccessInvalidWindow(p.start, p.end, block.timestamp);
        _requireFits128(p.caps[_LEVELS - 1]);
        for (uint256 i = 1; i < _LEVELS; ++i) {
            if (p.caps[i] < p.caps[i - 1]) revert EarlyAccessCapsNotAscending(i);
        }
        uint8 decimals = IERC20Metadata(address(p.saleToken)).decimals();
        if (decimals > _MAX_SALE_DECIMALS) revert EarlyAccessUnsupportedDecimals(decimals);

        roundId = ++_roundCount;
        Round storage r = _rounds[roundId];
        (r.saleToken, r.snapshot, r.saleDecimals) = (p.saleToken, p.snapshot, decimals);
        (r.paymentToken, r.start, r.thresholdSet) = (p.paymentToken, p.start, _copyThresholds());
        (r.recipient, r.end) = (p.recipient, p.end);
        (r.price, r.saleAmount) = (uint128(p.price), uint128(p.saleAmount));
        for (uint256 i = 0; i < _LEVELS; ++i) {
            r.caps[i] = uint128(p.caps[i]);
        }
        emit RoundCreated(roundId, p);

        _pull(p.saleToken, msg.sender, p.saleAmount);
    }

    /// @inheritdoc IEarlyAccess
    function cancelRound(uint256 roundId) external onlyAdmin nonReentrant {
        Round storage r = _round(roundId);
        if (block.timestamp >= r.end) revert EarlyAccessRoundEnded(roundId, r.end);
        if (r.cancelled) revert EarlyAccessRoundCancelled(roundId);
        r.cancelled = true;
        emit RoundCancelled(roundId);

        r.saleToken.safeTransfer(r.recipient, r.saleAmount);
    }

    // ---------------------------------------------------------------------------------------------
    // Buyers
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IEarlyAccess
    function commit(uint256 roundId, uint256 amount) external nonReentrant {
        _commit(roundId, amount);
    }

    /// @inheritdoc IEarlyAccess
    function commitWithPermit(
        uint256 roundId,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant {
        if (block.timestamp > deadline) revert EarlyAccessPermitExpired(deadline);
        IERC20 paymentToken = _round(roundId).paymentToken;
        // A permit seen in the mempool can be submitted by anyone first; what matters is the allowance.
        try IERC20Permit(address(paymentToken)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        if (paymentToken.allowance(msg.sender, address(this)) < amount)
            revert EarlyAccessPermitFailed(msg.sender, amount);
        _commit(roundId, amount);
    }

    /// @inheritdoc IEarlyAccess
    function claim(uint256 roundId) external nonReentrant {
        Round storage r = _round(roundId);
        if (!r.cancelled && block.timestamp < r.end) revert EarlyAccessNotEnded(roundId, r.end);
        Commitment storage c = _commitments[roundId][msg.sender];
        if (c.amount == 0) revert EarlyAccessNothingCommitted(roundId, msg.sender);
        if (c.claimed) revert EarlyAccessAlreadyClaimed(roundId, msg.sender);
        c.claimed = true;
        (uint256 saleTokens, uint256 refund) = _allocation(r, c.amount);
        emit Claimed(roundId, msg.sender, saleTokens, refund);

        if (saleTokens != 0) r.saleToken.safeTransfer(msg.sender, saleTokens);
        if (refund != 0) r.paymentToken.safeTransfer(msg.sender, refund);
    }

    /// @inheritdoc IEarlyAccess
    function finalize(uint256 roundId) external nonReentrant {
        Round storage r = _round(roundId);
        if (block.timestamp < r.end) revert EarlyAccessNotEnded(roundId, r.end);
        if (r.cancelled) revert EarlyAccessRoundCancelled(roundId);
        if (r.finalized) revert EarlyAccessAlreadyFinalized(roundId);
        r.finalized = true;
        uint256 total = r.totalCommitted;
        uint256 saleAmount = r.saleAmount;
        uint256 unit = 10 ** r.saleDecimals;
        uint256 value = (saleAmount * r.price) / unit;
        (uint256 proceeds, uint256 unsold) = total <= value
            ? (total, saleAmount - Math.ceilDiv(total * unit, r.price))
            : (value, 0);
        emit RoundFinalized(roundId, proceeds, unsold);

        if (proceeds != 0) r.paymentToken.safeTransfer(r.recipient, proceeds);
        if (unsold != 0) r.saleToken.safeTransfer(r.recipient, unsold);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IEarlyAccess
    function escrow() external view returns (IVotingEscrow) {
        return _escrow;
    }

    /// @inheritdoc IEarlyAccess
    function admin() external view returns (address) {
        return _admin;
    }

    /// @inheritdoc IEarlyAccess
    function roundCount() external view returns (uint256) {
        return _roundCount;
    }

    /// @inheritdoc IEarlyAccess
    function round(
        uint256 roundId
    ) external view returns (RoundParams memory params, uint256 totalCommitted, bool finalized, bool cancelled) {
        Round storage r = _round(roundId);
        (params.saleToken, params.paymentToken, params.recipient) = (r.saleToken, r.paymentToken, r.recipient);
        (params.price, params.saleAmount) = (r.price, r.saleAmount);
        (params.snapshot, params.start, params.end) = (r.snapshot, r.start, r.end);
        for (uint256 i = 0; i < _LEVELS; ++i) {
            params.caps[i] = r.caps[i];
        }
        return (params, r.totalCommitted, r.finalized, r.cancelled);
    }

    /// @inheritdoc IEarlyAccess
    function thresholdsOf(uint256 roundId) external view returns (uint256[10] memory thresholds) {
        uint128[_LEVELS] storage stored = _thresholdSets[_round(roundId).thresholdSet];
        for (uint256 i = 0; i < _LEVELS; ++i) {
            thresholds[i] = stored[i];
        }
    }

    /// @inheritdoc IEarlyAccess
    function levelIn(uint256 roundId, address account) external view returns (uint8) {
        return _levelIn(_round(roundId), account);
    }

    /// @inheritdoc IEarlyAccess
    function capOf(uint256 roundId, address account) external view returns (uint256) {
        Round storage r = _round(roundId);
        uint8 level = _levelIn(r, account);
        return level == 0 ? 0 : r.caps[level - 1];
    }

    /// @inheritdoc IEarlyAccess
    function committed(uint256 roundId, address account) external view returns (uint256) {
        _round(roundId);
        return _commitments[roundId][account].amount;
    }

    /// @inheritdoc IEarlyAccess
    function claimable(uint256 roundId, address account) external view returns (uint256 saleTokens, uint256 refund) {
        Round storage r = _round(roundId);
        Commitment memory c = _commitments[roundId][account];
        if (c.claimed || c.amount == 0) return (0, 0);
        return _allocation(r, c.amount);
    }

    /// @inheritdoc IEarlyAccess
    function hasClaimed(uint256 roundId, address account) external view returns (bool) {
        _round(roundId);
        return _commitments[roundId][account].claimed;
    }

    // ---------------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------------

    function _commit(uint256 roundId, uint256 amount) private {
        if (amount == 0) revert EarlyAccessZeroAmount();
        Round storage r = _round(roundId);
        if (r.cancelled) revert EarlyAccessRoundCancelled(roundId);
        (uint256 start, uint256 end) = (r.start, r.end);
        if (block.timestamp < start || block.timestamp >= end)
            revert EarlyAccessNotOpen(roundId, start, end, block.timestamp);
        Commitment storage c = _commitments[roundId][msg.sender];
        uint8 level = c.level;
        if (level == 0) {
            level = _levelIn(r, msg.sender);
            if (level == 0) revert EarlyAccessLevelZero(roundId, msg.sender);
            c.level = level;
        }
        uint256 newAmount = c.amount + amount;
        uint256 cap = r.caps[level - 1];
        if (newAmount > cap) revert EarlyAccessCapExceeded(roundId, msg.sender, newAmount, cap);
        uint256 total = r.totalCommitted + amount;
        _requireFits128(total);
        // Both fit 128 bits: `newAmount` is at most a cap and `total` was just checked.
        c.amount = uint128(newAmount);
        r.totalCommitted = uint128(total);
        emit Committed(roundId, msg.sender, amount, total);

        _pull(r.paymentToken, msg.sender, amount);
    }

    /// @dev What `amount` committed to round `r` buys and gets back if the round ends with its current total;
    /// a full refund for a cancelled round. The formulas of docs/spec.md §8, rounded down.
    function _allocation(Round storage r, uint256 amount) private view returns (uint256 saleTokens, uint256 refund) {
        if (r.cancelled) return (0, amount);
        uint256 total = r.totalCommitted;
        uint256 saleAmount = r.saleAmount;
        uint256 price = r.price;
        uint256 unit = 10 ** r.saleDecimals;
        uint256 value = (saleAmount * price) / unit;
        if (total <= value) return ((amount * unit) / price, 0);
        return ((saleAmount * amount) / total, (amount * (total - value)) / total);
    }

    /// @dev The account's score at the round's snapshot against the round's thresholds.
    function _levelIn(Round storage r, address account) private view returns (uint8 level) {
        uint256 score = _escrow.balanceOfAt(account, r.snapshot);
        uint128[_LEVELS] storage thresholds = _thresholdSets[r.thresholdSet];
        while (level < _LEVELS && score >= thresholds[level]) ++level;
    }

    /// @dev Stores the escrow's current thresholds unless they equal the latest stored set; returns the set id.
    /// A threshold above 128 bits is stored as `type(uint128).max`, which no score reaches (scores fit 112
    /// bits in the escrow), so the levels are unchanged.
    function _copyThresholds() private returns (uint32 setId) {
        uint256[] memory thresholds = _escrow.levelThresholds();
        bytes32 hash = keccak256(abi.encode(thresholds));
        setId = uint32(_thresholdSetCount);
        if (hash == _latestThresholdsHash && setId != 0) return setId;
        setId = uint32(++_thresholdSetCount);
        _latestThresholdsHash = hash;
        uint128[_LEVELS] storage stored = _thresholdSets[setId];
        for (uint256 i = 0; i < _LEVELS; ++i) {
            stored[i] = uint128(Math.min(thresholds[i], type(uint128).max));
        }
    }

    /// @dev Pulls `amount` of `token` from `from`, reverting unless the contract's balance grows by exactly that.
    function _pull(IERC20 token, address from, uint256 amount) private {
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(from, address(this), amount);
        uint256 balanceAfter = token.balanceOf(address(this));
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        if (received != amount) revert EarlyAccessTransferMismatch(address(token), amount, received);
    }

    function _round(uint256 roundId) private view returns (Round storage r) {
        r = _rounds[roundId];
        if (address(r.saleToken) == address(0)) revert EarlyAccessUnknownRound(roundId);
    }

    function _requireFits128(uint256 amount) private pure {
        if (amount > type(uint128).max) revert EarlyAccessAmountTooLarge(amount, type(uint128).max);
    }
}
