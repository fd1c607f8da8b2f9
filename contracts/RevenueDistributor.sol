// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IRevenueDistributor} from "./interfaces/IRevenueDistributor.sol";
import {IVotingEscrow} from "./interfaces/IVotingEscrow.sol";
import {StakingScore} from "./libraries/StakingScore.sol";

/// @title RevenueDistributor
/// @notice Weekly multi-token revenue sharing among VotingEscrow stakers, paid out or relocked. See
/// `IRevenueDistributor` and SPEC.md §5.
/// @dev Storage per token is one slot (`TokenState`) plus one slot per week (`Week`: the revenue and, once
/// the week is finalized, the total score at its start), so a claim reads one slot and makes one escrow call
/// per week. Amounts are held in 128 bits: the distributor refuses to hold more than `type(uint128).max`
/// units of a token, and a total score fits 112 bits in the escrow.
contract RevenueDistributor is IRevenueDistributor, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IRevenueDistributor
    uint256 public constant WEEK = StakingScore.WEEK;

    /// @inheritdoc IRevenueDistributor
    uint256 public constant MAX_WEEKS_PER_CALL = 52;

    /// @inheritdoc IRevenueDistributor
    uint256 public constant MAX_REWARD_TOKENS = 32;

    uint256 private constant _MAX_SPAN = MAX_WEEKS_PER_CALL * WEEK;

    struct TokenState {
        // The revenue of finalized weeks minus what was claimed: with the revenue of the weeks not finalized
        // yet, what the distributor owes stakers, rounding dust included.
        uint128 accounted;
        // The week the token was first added; nonzero marks a known token.
        uint48 startWeek;
        // Weeks before this one are finalized. Claims never pass it, so no rollover can reach a claimed week.
        uint48 finalizedUntil;
        bool allowed;
    }

    struct Week {
        uint128 revenue;
        // The escrow's total score at the start of the week; set when the week is finalized with revenue.
        uint128 supply;
    }

    IVotingEscrow private immutable _escrow;
    IERC20 private immutable _governanceToken;
    address private immutable _admin;

    IERC20[] private _tokenList;
    mapping(IERC20 token => TokenState) private _tokens;
    mapping(IERC20 token => mapping(uint256 week => Week)) private _weeks;
    // The next week each account claims; 0 until its first claim (see `_firstWeek`).
    mapping(address account => mapping(IERC20 token => uint256 week)) private _cursors;

    modifier onlyAdmin() {
        if (msg.sender != _admin) revert RevenueDistributorUnauthorized(msg.sender);
        _;
    }

    constructor(IVotingEscrow escrow_, address admin_) {
        if (address(escrow_) == address(0) || admin_ == address(0)) revert RevenueDistributorZeroAddress();
        _escrow = escrow_;
        _governanceToken = escrow_.token();
        _admin = admin_;
        // Relocking goes through `depositFor`, which pulls from its caller only, so the escrow can use this
        // allowance only when the distributor itself calls it; one approval saves two storage writes a relock.
        _governanceToken.forceApprove(address(escrow_), type(uint256).max);
    }

    // ---------------------------------------------------------------------------------------------
    // Admin
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IRevenueDistributor
    function addRewardToken(IERC20 token) external onlyAdmin {
        if (address(token) == address(0)) revert RevenueDistributorZeroAddress();
        TokenState storage state = _tokens[token];
        if (state.allowed) revert RevenueDistributorTokenAlreadyAllowed(address(token));
        if (state.startWeek == 0) {
            if (_tokenList.length == MAX_REWARD_TOKENS) revert RevenueDistributorTooManyTokens(MAX_REWARD_TOKENS);
            _tokenList.push(token);
            uint48 week = uint48(_epochStart(block.timestamp));
            state.startWeek = week;
            state.finalizedUntil = week;
        }
        state.allowed = true;
        emit RewardTokenAdded(address(token));
    }

    /// @inheritdoc IRevenueDistributor
    function removeRewardToken(IERC20 token) external onlyAdmin {
        TokenState storage state = _tokens[token];
        if (!state.allowed) revert RevenueDistributorTokenNotAllowed(address(token));
        state.allowed = false;
        emit RewardTokenRemoved(address(token));
    }

    // ---------------------------------------------------------------------------------------------
    // Revenue
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IRevenueDistributor
    function depositRevenue(IERC20 token, uint256 amount) external nonReentrant {
        if (amount == 0) revert RevenueDistributorZeroAmount();
        if (!_tokens[token].allowed) revert RevenueDistributorTokenNotAllowed(address(token));
        uint256 balanceBefore = token.balanceOf(address(this));

        _credit(token, amount, msg.sender);

        token.safeTransferFrom(msg.sender, address(this), amount);
        // The credit above is undone by this revert if the token delivered anything but `amount`.
        uint256 balanceAfter = token.balanceOf(address(this));
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        if (received != amount) revert RevenueDistributorFeeOnTransfer(address(token), amount, received);
        if (balanceAfter > type(uint128).max) revert RevenueDistributorAmountTooLarge(balanceAfter, type(uint128).max);
    }

    /// @inheritdoc IRevenueDistributor
    function checkpoint(IERC20 token) external nonReentrant {
        TokenState memory state = _tokens[token];
        if (!state.allowed) revert RevenueDistributorTokenNotAllowed(address(token));
        uint256 current = _epochStart(block.timestamp);
        uint256 finalized = state.finalizedUntil;
        uint256 accounted = state.accounted;
        if (finalized < current) {
            uint256 stop = finalized + _MAX_SPAN;
            (finalized, accounted) = _finalize(token, finalized, stop < current ? stop : current, accounted);
            TokenState storage stored = _tokens[token];
            stored.finalizedUntil = uint48(finalized);
            stored.accounted = uint128(accounted);
        }
        // Until every finished week is finalized the amount owed is not known cheaply; a later call credits.
        if (finalized != current) return;

        // Besides the current week, only the next one can hold revenue: what arrived in this week's first second.
        uint256 owed = accounted + _weeks[token][current].revenue + _weeks[token][current + WEEK].revenue;
        uint256 balance = token.balanceOf(address(this));
        if (balance < owed) revert RevenueDistributorBalanceShortfall(address(token), owed, balance);
        if (balance > type(uint128).max) revert RevenueDistributorAmountTooLarge(balance, type(uint128).max);
        if (balance != owed) _credit(token, balance - owed, address(0));
    }

    /// @inheritdoc IRevenueDistributor
    function claim(IERC20[] calldata tokens, bool relock) external nonReentrant {
        uint256 count = tokens.length;
        uint256[] memory amounts = new uint256[](count);
        uint256 current = _epochStart(block.timestamp);
        for (uint256 i = 0; i < count; ++i) {
            bool relocked = relock && tokens[i] == _governanceToken;
            uint256 amount = _claim(msg.sender, tokens[i], current, relocked);
            if (relocked && amount != 0) _requireLock(msg.sender);
            amounts[i] = amount;
        }

        for (uint256 i = 0; i < count; ++i) {
            uint256 amount = amounts[i];
            if (amount == 0) continue;
            IERC20 token = tokens[i];
            if (relock && token == _governanceToken) {
                _escrow.depositFor(msg.sender, amount);
            } else {
                token.safeTransfer(msg.sender, amount);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IRevenueDistributor
    function escrow() external view returns (IVotingEscrow) {
        return _escrow;
    }

    /// @inheritdoc IRevenueDistributor
    function admin() external view returns (address) {
        return _admin;
    }

    /// @inheritdoc IRevenueDistributor
    function isRewardToken(IERC20 token) external view returns (bool) {
        return _tokens[token].allowed;
    }

    /// @inheritdoc IRevenueDistributor
    function rewardTokens() external view returns (IERC20[] memory) {
        return _tokenList;
    }

    /// @inheritdoc IRevenueDistributor
    function claimable(address account, IERC20 token) external view returns (uint256 amount) {
        TokenState memory state = _tokens[token];
        if (state.startWeek == 0) return 0;
        uint256 current = _epochStart(block.timestamp);
        uint256 week = _cursors[account][token];
        if (week == 0) week = _firstWeek(account, state, current);
        uint256 carry;
        for (; week < current; week += WEEK) {
            Week memory w = _weeks[token][week];
            uint256 revenue = w.revenue;
            uint256 supply = w.supply;
            if (week >= state.finalizedUntil) {
                // Not finalized yet: apply the rollovers that finalizing will apply.
                revenue += carry;
                carry = 0;
                if (revenue == 0) continue;
                supply = _escrow.totalSupplyAt(week);
                if (supply == 0) {
                    carry = revenue;
                    continue;
                }
            } else if (revenue == 0) {
                continue;
            }
            uint256 balance = _escrow.balanceOfAt(account, week);
            if (balance != 0) amount += (revenue * balance) / supply;
        }
    }

    /// @inheritdoc IRevenueDistributor
    function revenueAt(IERC20 token, uint256 weekStart) external view returns (uint256) {
        return _weeks[token][_epochStart(weekStart)].revenue;
    }

    /// @inheritdoc IRevenueDistributor
    function claimCursor(address account, IERC20 token) public view returns (uint256) {
        uint256 week = _cursors[account][token];
        if (week != 0) return week;
        TokenState memory state = _tokens[token];
        return state.startWeek == 0 ? 0 : _firstWeek(account, state, _epochStart(block.timestamp));
    }

    /// @inheritdoc IRevenueDistributor
    function lastClaimedWeek(address account, IERC20 token) external view returns (uint256) {
        uint256 week = _cursors[account][token];
        return week == 0 ? 0 : week - WEEK;
    }

    /// @inheritdoc IRevenueDistributor
    function finalizedUntil(IERC20 token) external view returns (uint256) {
        return _tokens[token].finalizedUntil;
    }

    /// @inheritdoc IRevenueDistributor
    function accountedBalance(IERC20 token) external view returns (uint256 owed) {
        TokenState memory state = _tokens[token];
        owed = state.accounted;
        if (state.startWeek == 0) return 0;
        // Revenue received in the current week's first second is credited to the next week.
        uint256 last = _epochStart(block.timestamp) + WEEK;
        for (uint256 week = state.finalizedUntil; week <= last; week += WEEK) {
            owed += _weeks[token][week].revenue;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Internal
    // ---------------------------------------------------------------------------------------------

    /// @dev Credits `amount` to the current week, or to the next one in a week's very first second: a lock made
    /// in that same second (same block, after this deposit) has a score at the week's start and must not share
    /// in revenue it did not stake through. The amount joins `accounted` when the week is finalized.
    function _credit(IERC20 token, uint256 amount, address from) private {
        uint256 week = _epochStart(block.timestamp);
        if (week == block.timestamp) week += WEEK;
        Week storage w = _weeks[token][week];
        // Callers make sure the distributor's balance, which bounds every amount it owes, fits 128 bits.
        w.revenue = uint128(w.revenue + amount);
        emit RevenueDeposited(address(token), week, amount, from);
    }

    /// @dev Pays nothing; advances `account`'s cursor over up to `MAX_WEEKS_PER_CALL` finished weeks of
    /// `token` and returns its share of them, which the caller then transfers.
    function _claim(address account, IERC20 token, uint256 current, bool relocked) private returns (uint256 amount) {
        TokenState memory state = _tokens[token];
        if (state.startWeek == 0) revert RevenueDistributorUnknownToken(address(token));
        uint256 start = _cursors[account][token];
        if (start == 0) start = _firstWeek(account, state, current);
        if (start >= current) return 0;
        uint256 end = start + _MAX_SPAN;
        if (end > current) end = current;

        // Claimed weeks never pass `finalizedUntil` and `end - start <= 52 weeks`, so this finalizes at most
        // 52 weeks.
        uint256 finalized = state.finalizedUntil;
        uint256 accounted = state.accounted;
        if (finalized < end) (finalized, accounted) = _finalize(token, finalized, end, accounted);

        mapping(uint256 week => Week) storage tokenWeeks = _weeks[token];
        for (uint256 week = start; week < end; week += WEEK) {
            Week memory w = tokenWeeks[week];
            if (w.revenue == 0) continue;
            uint256 balance = _escrow.balanceOfAt(account, week);
            // Scores at a past timestamp add up exactly to the total, so the shares never exceed the revenue.
            if (balance != 0) amount += (uint256(w.revenue) * balance) / w.supply;
        }

        _cursors[account][token] = end;
        if (amount != 0 || finalized != state.finalizedUntil) {
            TokenState storage stored = _tokens[token];
            stored.finalizedUntil = uint48(finalized);
            stored.accounted = uint128(accounted - amount);
        }
        emit RevenueClaimed(account, address(token), amount, relocked && amount != 0, end - WEEK);
    }

    /// @dev Finalizes the weeks of `token` from `from` (its `finalizedUntil`) to `until` (exclusive, at most
    /// the current week and at most 52 weeks later) and returns `until` and the new accounted balance. A week
    /// with revenue stores the total score at its start and its revenue joins the accounted balance; if the
    /// total score is zero, the revenue moves on to the next week instead.
    function _finalize(
        IERC20 token,
        uint256 from,
        uint256 until,
        uint256 accounted
    ) private returns (uint256, uint256) {
        mapping(uint256 week => Week) storage tokenWeeks = _weeks[token];
        for (uint256 week = from; week < until; week += WEEK) {
            uint256 revenue = tokenWeeks[week].revenue;
            if (revenue == 0) continue;
            uint256 supply = _escrow.totalSupplyAt(week);
            if (supply == 0) {
                uint256 next = week + WEEK;
                delete tokenWeeks[week];
                // Both amounts are owed and the balance that covers them fits 128 bits, so the sum does too.
                tokenWeeks[next].revenue += uint128(revenue);
                emit RevenueRolledOver(address(token), week, next, revenue);
            } else {
                // The escrow keeps a total score in 112 bits.
                tokenWeeks[week].supply = uint128(supply);
                accounted += revenue;
            }
        }
        return (until, accounted);
    }

    /// @dev Where an account's first claim of a token starts. Weeks before its first lock pay nothing, so
    /// skipping them spares a new staker of an old DAO many empty 52-week claims; the start never passes
    /// `finalizedUntil`, which keeps every claim's finalization within 52 weeks.
    function _firstWeek(address account, TokenState memory state, uint256 current) private view returns (uint256) {
        uint256 first = _escrow.firstLockTime(account);
        if (first == 0) return current;
        uint256 week = _epochStart(first);
        if (week > state.finalizedUntil) week = state.finalizedUntil;
        return week > state.startWeek ? week : state.startWeek;
    }

    /// @dev The checks the escrow's `depositFor` makes, with the distributor's own errors.
    function _requireLock(address account) private view {
        (uint256 amount, uint256 end, bool autoMax) = _escrow.locked(account);
        if (amount == 0) revert RevenueDistributorNoLock(account);
        if (autoMax) return;
        if (end <= block.timestamp) revert RevenueDistributorLockExpired(account, end);
        uint256 minEnd = block.timestamp + StakingScore.MIN_LOCK;
        if (end < minEnd) revert RevenueDistributorLockTooShort(account, end, minEnd);
    }

    function _epochStart(uint256 t) private pure returns (uint256) {
        return (t / WEEK) * WEEK;
    }
}
