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
/// @dev Storage layout, chosen for gas (docs/EarlyAccess.md, "Gas"). A round keeps one storage slot (`Round`:
/// its total, its end and its two flags) and a data contract written once at creation: its code is a STOP
/// byte followed by the round's immutable parameters, its caps and the escrow's level thresholds of the
/// moment (429 bytes, `_dataOf`). Code costs 200 gas a byte to write, against 22,100 a storage slot, and the
/// whole of it is read with one EXTCODECOPY. Round `n`'s data contract is this contract's `n`-th CREATE, so
/// its address follows from the id and is not stored (`_dataAddress`); `createRound` asserts it.
/// Amounts are held in 128 bits, which also keeps every product in the allocation formulas below 2**256
/// (with at most 36 sale-token decimals, `D < 2**120`).
contract EarlyAccess is IEarlyAccess, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint8 private constant _MAX_SALE_DECIMALS = 36;
    uint256 private constant _LEVELS = 10;

    // Byte offsets of a round's data (after the STOP byte): three addresses, `price` and `saleAmount` in 128
    // bits, `snapshot` and `start` in 64, the sale token's decimals in 8, then one word per level,
    // `threshold << 128 | cap`.
    uint256 private constant _SALE_TOKEN = 0;
    uint256 private constant _PAYMENT_TOKEN = 20;
    uint256 private constant _RECIPIENT = 40;
    uint256 private constant _PRICE = 60;
    uint256 private constant _SALE_AMOUNT = 76;
    uint256 private constant _SNAPSHOT = 92;
    uint256 private constant _START = 100;
    uint256 private constant _SALE_DECIMALS = 108;
    uint256 private constant _LEVEL_WORDS = 109;
    uint256 private constant _DATA_SIZE = 429;

    struct Round {
        uint128 totalCommitted;
        // Nonzero for every created round (`end > start >= creation time`): the existence check.
        uint64 end;
        bool finalized;
        bool cancelled;
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
    mapping(uint256 roundId => Round) private _rounds;
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
        uint256[] memory thresholds = _escrow.levelThresholds();
        uint256[_LEVELS] memory levelWords;
        for (uint256 i = 0; i < _LEVELS; ++i) {
            // Every cap fits 128 bits (the last one was checked and they do not decrease). A threshold above
            // 128 bits is stored as `type(uint128).max`, which no score reaches (scores fit 112 bits in the
            // escrow), so the levels are unchanged.
            levelWords[i] = (Math.min(thresholds[i], type(uint128).max) << 128) | p.caps[i];
        }

        roundId = ++_roundCount;
        _rounds[roundId].end = p.end;
        address data = _create(
            abi.encodePacked(
                hex"00",
                p.saleToken,
                p.paymentToken,
                p.recipient,
                uint128(p.price),
                uint128(p.saleAmount),
                p.snapshot,
                p.start,
                decimals,
                levelWords
            )
        );
        assert(data == _dataAddress(roundId));
        emit RoundCreated(roundId, p);

        _pull(p.saleToken, msg.sender, p.saleAmount);
    }

    /// @inheritdoc IEarlyAccess
    function cancelRound(uint256 roundId) external onlyAdmin nonReentrant {
        Round memory s = _round(roundId);
        if (block.timestamp >= s.end) revert EarlyAccessRoundEnded(roundId, s.end);
        if (s.cancelled) revert EarlyAccessRoundCancelled(roundId);
        _rounds[roundId].cancelled = true;
        emit RoundCancelled(roundId);

        bytes memory d = _dataOf(roundId);
        IERC20(_addressAt(d, _SALE_TOKEN)).safeTransfer(_addressAt(d, _RECIPIENT), _uintAt(d, _SALE_AMOUNT, 128));
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
        _round(roundId);
        IERC20 paymentToken = IERC20(_addressAt(_dataOf(roundId), _PAYMENT_TOKEN));
        // A permit seen in the mempool can be submitted by anyone first; what matters is the allowance.
        try IERC20Permit(address(paymentToken)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        if (paymentToken.allowance(msg.sender, address(this)) < amount)
            revert EarlyAccessPermitFailed(msg.sender, amount);
        _commit(roundId, amount);
    }

    /// @inheritdoc IEarlyAccess
    function claim(uint256 roundId) external nonReentrant {
        Round memory s = _round(roundId);
        if (!s.cancelled && block.timestamp < s.end) revert EarlyAccessNotEnded(roundId, s.end);
        Commitment memory c = _commitments[roundId][msg.sender];
        if (c.amount == 0) revert EarlyAccessNothingCommitted(roundId, msg.sender);
        if (c.claimed) revert EarlyAccessAlreadyClaimed(roundId, msg.sender);
        _commitments[roundId][msg.sender].claimed = true;
        bytes memory d = _dataOf(roundId);
        (uint256 saleTokens, uint256 refund) = _allocation(s, d, c.amount);
        emit Claimed(roundId, msg.sender, saleTokens, refund);

        if (saleTokens != 0) IERC20(_addressAt(d, _SALE_TOKEN)).safeTransfer(msg.sender, saleTokens);
        if (refund != 0) IERC20(_addressAt(d, _PAYMENT_TOKEN)).safeTransfer(msg.sender, refund);
    }

    /// @inheritdoc IEarlyAccess
    function finalize(uint256 roundId) external nonReentrant {
        Round memory s = _round(roundId);
        if (block.timestamp < s.end) revert EarlyAccessNotEnded(roundId, s.end);
        if (s.cancelled) revert EarlyAccessRoundCancelled(roundId);
        if (s.finalized) revert EarlyAccessAlreadyFinalized(roundId);
        _rounds[roundId].finalized = true;
        bytes memory d = _dataOf(roundId);
        uint256 total = s.totalCommitted;
        uint256 saleAmount = _uintAt(d, _SALE_AMOUNT, 128);
        uint256 price = _uintAt(d, _PRICE, 128);
        uint256 unit = 10 ** _uintAt(d, _SALE_DECIMALS, 8);
        uint256 value = (saleAmount * price) / unit;
        (uint256 proceeds, uint256 unsold) = total <= value
            ? (total, saleAmount - Math.ceilDiv(total * unit, price))
            : (value, 0);
        emit RoundFinalized(roundId, proceeds, unsold);

        address recipient = _addressAt(d, _RECIPIENT);
        if (proceeds != 0) IERC20(_addressAt(d, _PAYMENT_TOKEN)).safeTransfer(recipient, proceeds);
        if (unsold != 0) IERC20(_addressAt(d, _SALE_TOKEN)).safeTransfer(recipient, unsold);
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
        Round memory s = _round(roundId);
        bytes memory d = _dataOf(roundId);
        params.saleToken = IERC20(_addressAt(d, _SALE_TOKEN));
        params.paymentToken = IERC20(_addressAt(d, _PAYMENT_TOKEN));
        params.price = _uintAt(d, _PRICE, 128);
        params.saleAmount = _uintAt(d, _SALE_AMOUNT, 128);
        params.snapshot = uint64(_uintAt(d, _SNAPSHOT, 64));
        params.start = uint64(_uintAt(d, _START, 64));
        params.end = s.end;
        for (uint256 i = 0; i < _LEVELS; ++i) {
            params.caps[i] = _capAt(d, i);
        }
        params.recipient = _addressAt(d, _RECIPIENT);
        return (params, s.totalCommitted, s.finalized, s.cancelled);
    }

    /// @inheritdoc IEarlyAccess
    function thresholdsOf(uint256 roundId) external view returns (uint256[10] memory thresholds) {
        _round(roundId);
        bytes memory d = _dataOf(roundId);
        for (uint256 i = 0; i < _LEVELS; ++i) {
            thresholds[i] = _thresholdAt(d, i);
        }
    }

    /// @inheritdoc IEarlyAccess
    function levelIn(uint256 roundId, address account) external view returns (uint8) {
        _round(roundId);
        return _levelIn(_dataOf(roundId), account);
    }

    /// @inheritdoc IEarlyAccess
    function capOf(uint256 roundId, address account) external view returns (uint256) {
        _round(roundId);
        bytes memory d = _dataOf(roundId);
        uint8 level = _levelIn(d, account);
        return level == 0 ? 0 : _capAt(d, level - 1);
    }

    /// @inheritdoc IEarlyAccess
    function committed(uint256 roundId, address account) external view returns (uint256) {
        _round(roundId);
        return _commitments[roundId][account].amount;
    }

    /// @inheritdoc IEarlyAccess
    function claimable(uint256 roundId, address account) external view returns (uint256 saleTokens, uint256 refund) {
        Round memory s = _round(roundId);
        Commitment memory c = _commitments[roundId][account];
        if (c.claimed || c.amount == 0) return (0, 0);
        return _allocation(s, _dataOf(roundId), c.amount);
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
        Round memory s = _round(roundId);
        if (s.cancelled) revert EarlyAccessRoundCancelled(roundId);
        bytes memory d = _dataOf(roundId);
        uint256 start = _uintAt(d, _START, 64);
        if (block.timestamp < start || block.timestamp >= s.end)
            revert EarlyAccessNotOpen(roundId, start, s.end, block.timestamp);
        Commitment memory c = _commitments[roundId][msg.sender];
        uint8 level = c.level;
        if (level == 0) {
            level = _levelIn(d, msg.sender);
            if (level == 0) revert EarlyAccessLevelZero(roundId, msg.sender);
        }
        uint256 newAmount = c.amount + amount;
        uint256 cap = _capAt(d, level - 1);
        if (newAmount > cap) revert EarlyAccessCapExceeded(roundId, msg.sender, newAmount, cap);
        uint256 total = s.totalCommitted + amount;
        _requireFits128(total);
        // Both fit 128 bits: `newAmount` is at most a cap and `total` was just checked. An open round has no
        // claims yet, so `claimed` is false.
        _commitments[roundId][msg.sender] = Commitment(uint128(newAmount), level, false);
        _rounds[roundId].totalCommitted = uint128(total);
        emit Committed(roundId, msg.sender, amount, total);

        _pull(IERC20(_addressAt(d, _PAYMENT_TOKEN)), msg.sender, amount);
    }

    /// @dev What `amount` committed to a round with state `s` and data `d` buys and gets back if the round ends
    /// with its current total; a full refund for a cancelled round. The formulas of docs/spec.md §8, rounded
    /// down.
    function _allocation(
        Round memory s,
        bytes memory d,
        uint256 amount
    ) private pure returns (uint256 saleTokens, uint256 refund) {
        if (s.cancelled) return (0, amount);
        uint256 total = s.totalCommitted;
        uint256 saleAmount = _uintAt(d, _SALE_AMOUNT, 128);
        uint256 price = _uintAt(d, _PRICE, 128);
        uint256 unit = 10 ** _uintAt(d, _SALE_DECIMALS, 8);
        uint256 value = (saleAmount * price) / unit;
        if (total <= value) return ((amount * unit) / price, 0);
        return ((saleAmount * amount) / total, (amount * (total - value)) / total);
    }

    /// @dev The account's score at the round's snapshot against the round's thresholds.
    function _levelIn(bytes memory d, address account) private view returns (uint8 level) {
        uint256 score = _escrow.balanceOfAt(account, _uintAt(d, _SNAPSHOT, 64));
        while (level < _LEVELS && score >= _thresholdAt(d, level)) ++level;
    }

    /// @dev Pulls `amount` of `token` from `from`, reverting unless the contract's balance grows by exactly that.
    function _pull(IERC20 token, address from, uint256 amount) private {
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(from, address(this), amount);
        uint256 balanceAfter = token.balanceOf(address(this));
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        if (received != amount) revert EarlyAccessTransferMismatch(address(token), amount, received);
    }

    /// @dev Round `roundId`'s storage slot, reverting for an unknown id.
    function _round(uint256 roundId) private view returns (Round memory s) {
        s = _rounds[roundId];
        if (s.end == 0) revert EarlyAccessUnknownRound(roundId);
    }

    function _requireFits128(uint256 amount) private pure {
        if (amount > type(uint128).max) revert EarlyAccessAmountTooLarge(amount, type(uint128).max);
    }

    // ---------------------------------------------------------------------------------------------
    // Round data contracts
    // ---------------------------------------------------------------------------------------------

    /// @dev Deploys a contract whose code is `code` (which starts with a STOP byte, so calling it does nothing).
    /// The init code copies the rest of itself to memory and returns it.
    function _create(bytes memory code) private returns (address data) {
        bytes memory init = abi.encodePacked(hex"61", uint16(code.length), hex"80600a3d393df3", code);
        assembly ("memory-safe") {
            data := create(0, add(init, 0x20), mload(init))
        }
    }

    /// @dev The address of this contract's CREATE with nonce `roundId`, the data contract of round `roundId`
    /// (a contract's nonce starts at 1 and only `createRound` creates): the last 20 bytes of
    /// `keccak256(rlp([address(this), roundId]))`.
    function _dataAddress(uint256 roundId) private view returns (address data) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            let hash
            switch lt(roundId, 0x80)
            case 1 {
                // 0xd6 0x94 <20-byte address> <nonce as one byte>
                mstore(ptr, or(shl(248, 0xd6), or(shl(240, 0x94), shl(80, address()))))
                mstore8(add(ptr, 22), roundId)
                hash := keccak256(ptr, 23)
            }
            default {
                // (0xd6 + n) 0x94 <20-byte address> (0x80 + n) <nonce in n big-endian bytes>
                let n := 0
                for {
                    let x := roundId
                } x {
                    x := shr(8, x)
                } {
                    n := add(n, 1)
                }
                mstore(ptr, or(shl(248, add(0xd6, n)), or(shl(240, 0x94), shl(80, address()))))
                mstore8(add(ptr, 22), add(0x80, n))
                mstore(add(ptr, 23), shl(sub(256, mul(8, n)), roundId))
                hash := keccak256(ptr, add(23, n))
            }
            data := and(hash, 0xffffffffffffffffffffffffffffffffffffffff)
        }
    }

    /// @dev Round `roundId`'s data: its data contract's code after the STOP byte. The round must exist.
    function _dataOf(uint256 roundId) private view returns (bytes memory d) {
        address data = _dataAddress(roundId);
        d = new bytes(_DATA_SIZE);
        assembly ("memory-safe") {
            extcodecopy(data, add(d, 0x20), 1, _DATA_SIZE)
        }
    }

    /// @dev The 32 bytes of `d` from `offset` (every field's offset is at most `_DATA_SIZE - 32`).
    function _wordAt(bytes memory d, uint256 offset) private pure returns (uint256 word) {
        assembly ("memory-safe") {
            word := mload(add(add(d, 0x20), offset))
        }
    }

    function _uintAt(bytes memory d, uint256 offset, uint256 bits) private pure returns (uint256) {
        return _wordAt(d, offset) >> (256 - bits);
    }

    function _addressAt(bytes memory d, uint256 offset) private pure returns (address) {
        return address(uint160(_wordAt(d, offset) >> 96));
    }

    /// @dev The cap of level `index + 1`.
    function _capAt(bytes memory d, uint256 index) private pure returns (uint256) {
        return uint128(_wordAt(d, _LEVEL_WORDS + 32 * index));
    }

    /// @dev The threshold of level `index + 1`.
    function _thresholdAt(bytes memory d, uint256 index) private pure returns (uint256) {
        return _wordAt(d, _LEVEL_WORDS + 32 * index) >> 128;
    }
}
