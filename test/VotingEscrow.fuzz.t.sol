// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

import {IVotingEscrow} from "../contracts/interfaces/IVotingEscrow.sol";
import {VotingEscrow} from "../contracts/VotingEscrow.sol";
import {StakingScore} from "../contracts/libraries/StakingScore.sol";
import {GovernanceToken} from "../contracts/token/GovernanceToken.sol";
import {DecimalsToken} from "../contracts/test/DecimalsToken.sol";
import {Test} from "./utils/Test.sol";

/// @dev Fuzz tests of the Staking Score formula (SPEC.md §2) and delegation (§3), checked against an
/// independent re-implementation of the formula, plus the custom errors of every bad input.
contract VotingEscrowFuzzTest is Test {
    uint256 internal constant WEEK = 7 days;
    uint256 internal constant MAX_LOCK = 52 weeks;
    uint256 internal constant MIN_LOCK = 4 weeks;
    uint256 internal constant MAX_AMOUNT = StakingScore.MAX_AMOUNT;
    /// @dev 2026-01-01 plus an odd offset, so that "now" is not on a week boundary by default.
    uint256 internal constant START = 1_767_225_600 + 3 hours + 17;
    /// @dev The order of secp256k1: private keys are in [1, N - 1].
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    GovernanceToken internal token;
    VotingEscrow internal ve;

    address internal admin = address(0xDA0);
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);
    address internal carol = address(0xCA401);
    address internal dave = address(0xDA7E);
    address[4] internal accounts;

    /// @dev Values read at a past timepoint, re-read later to prove they never change.
    struct Snapshot {
        uint256 timepoint;
        uint256 supply;
        uint256[4] balances;
        uint256[4] votes;
    }

    Snapshot[] internal snapshots;

    function setUp() public {
        vm.warp(START);
        accounts = [alice, bob, carol, dave];
        token = new GovernanceToken("Lockstep", "LOCK", address(this), 4 * MAX_AMOUNT);
        ve = new VotingEscrow(IERC20(address(token)), admin);
        vm.label(address(token), "LOCK");
        vm.label(address(ve), "veLOCK");
        vm.label(alice, "alice");
        vm.label(bob, "bob");
        vm.label(carol, "carol");
        vm.label(dave, "dave");
        for (uint256 i = 0; i < accounts.length; ++i) {
            token.transfer(accounts[i], MAX_AMOUNT);
            vm.prank(accounts[i]);
            token.approve(address(ve), type(uint256).max);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // createLock
    // ---------------------------------------------------------------------------------------------

    function testFuzz_CreateLockScoreFollowsFormula(
        uint256 amount,
        uint256 unlockSeed,
        uint256 startOffset,
        uint256 elapsed
    ) public {
        vm.warp(_now() + bound(startOffset, 0, 2 * WEEK));
        amount = bound(amount, 1, MAX_AMOUNT);
        uint256 unlockTime = _validUnlockTime(unlockSeed);
        uint256 end = _epochStart(unlockTime);
        uint256 created = _now();

        vm.prank(alice);
        ve.createLock(amount, unlockTime);

        _assertLock(alice, amount, end, false);
        assertGt(end, created, "end after now");
        assertLe(end, created + MAX_LOCK, "end at most MAX_LOCK away");
        assertEq(token.balanceOf(address(ve)), amount, "escrow holds the amount");
        assertEq(token.balanceOf(alice), MAX_AMOUNT - amount, "alice paid the amount");
        uint256 expected = _score(amount, end, false, created);
        assertEq(expected, amount + (amount / MAX_LOCK) * (end - created), "formula sanity");
        _assertSoleScore(alice, expected);

        vm.warp(created + bound(elapsed, 0, 2 * MAX_LOCK));
        _assertSoleScore(alice, _score(amount, end, false, _now()));
        assertEq(ve.balanceOfAt(alice, created), expected, "score at creation is kept");
        assertEq(ve.totalSupplyAt(created), expected, "supply at creation is kept");
        assertEq(ve.balanceOfAt(alice, created - 1), 0, "no score before the lock");
        assertEq(ve.totalSupplyAt(created - 1), 0, "no supply before the lock");
        // The projection and the history agree on every week boundary in between.
        for (uint256 w = _epochStart(created) + WEEK; w <= end; w += WEEK) {
            assertEq(ve.balanceOfAt(alice, w), _score(amount, end, false, w), "score at a week boundary");
            assertEq(ve.totalSupplyAt(w), _score(amount, end, false, w), "supply at a week boundary");
        }
    }

    /// @dev Any unlock time: either it rounds down into `[now + MIN_LOCK, now + MAX_LOCK]` and the lock is
    /// created with that end, or the matching error is raised.
    function testFuzz_CreateLockChecksUnlockTime(uint256 unlockTime, uint256 startOffset) public {
        vm.warp(_now() + bound(startOffset, 0, 2 * WEEK));
        uint256 end = _epochStart(unlockTime);
        uint256 minEnd = _now() + MIN_LOCK;
        uint256 maxUnlock = _now() + MAX_LOCK;
        if (end < minEnd) {
            vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowLockTooShort.selector, end, minEnd));
        } else if (end > maxUnlock) {
            vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowUnlockTooLate.selector, end, maxUnlock));
        }
        vm.prank(alice);
        ve.createLock(1e18, unlockTime);
        if (end >= minEnd && end <= maxUnlock) _assertLock(alice, 1e18, end, false);
        else _assertLock(alice, 0, 0, false);
    }

    function testFuzz_CreateLockForIsFundedByCaller(uint256 amount, uint256 unlockSeed) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        uint256 unlockTime = _validUnlockTime(unlockSeed);
        uint256 end = _epochStart(unlockTime);
        vm.prank(alice);
        ve.setLockCreator(dave, true);

        vm.prank(dave);
        ve.createLockFor(alice, amount, unlockTime);

        _assertLock(alice, amount, end, false);
        _assertLock(dave, 0, 0, false);
        assertEq(token.balanceOf(dave), MAX_AMOUNT - amount, "funder paid");
        assertEq(token.balanceOf(alice), MAX_AMOUNT, "account paid nothing");
        _assertSoleScore(alice, _score(amount, end, false, _now()));
        assertEq(ve.balanceOf(dave), 0, "funder has no score");
    }

    // ---------------------------------------------------------------------------------------------
    // increaseAmount / depositFor / increaseUnlockTime / setAutoMax keep the formula
    // ---------------------------------------------------------------------------------------------

    function testFuzz_IncreaseAmountKeepsFormula(
        uint256 amount,
        uint256 added,
        uint256 unlockSeed,
        uint256 elapsed,
        uint256 later
    ) public {
        amount = bound(amount, 1, MAX_AMOUNT - 1);
        added = bound(added, 1, MAX_AMOUNT - amount);
        uint256 end = _lockFor(alice, amount, unlockSeed);
        uint256 created = _now();
        uint256 scoreAtCreation = ve.balanceOf(alice);

        vm.warp(_now() + bound(elapsed, 0, end - MIN_LOCK - _now()));
        uint256 increasedAt = _now();
        uint256 scoreBefore = ve.balanceOf(alice);
        vm.prank(alice);
        ve.increaseAmount(added);

        _assertLock(alice, amount + added, end, false);
        assertEq(token.balanceOf(address(ve)), amount + added, "escrow holds both deposits");
        _assertSoleScore(alice, _score(amount + added, end, false, increasedAt));
        // The slope is recomputed from the new amount, never as a sum of two rounded slopes.
        assertEq(ve.balanceOf(alice) - scoreBefore >= added, true, "score grows by at least the deposit");

        vm.warp(increasedAt + bound(later, 0, 2 * MAX_LOCK));
        _assertSoleScore(alice, _score(amount + added, end, false, _now()));
        // Values at a timestamp are final once it is past: at the creation second that is the lock as it
        // stood at the end of that block (including an increase in the same block).
        assertEq(
            ve.balanceOfAt(alice, created),
            increasedAt == created ? _score(amount + added, end, false, created) : scoreAtCreation,
            "score at creation is kept"
        );
        if (increasedAt > created) {
            assertEq(ve.balanceOfAt(alice, increasedAt - 1), _score(amount, end, false, increasedAt - 1), "old");
        }
    }

    function testFuzz_DepositForKeepsFormula(
        uint256 amount,
        uint256 added,
        uint256 unlockSeed,
        uint256 elapsed,
        bool autoMax
    ) public {
        amount = bound(amount, 1, MAX_AMOUNT - 1);
        added = bound(added, 1, MAX_AMOUNT - amount);
        uint256 end = _lockFor(alice, amount, unlockSeed);
        if (autoMax) {
            vm.prank(alice);
            ve.setAutoMax(true);
            end = 0;
        }
        vm.warp(_now() + bound(elapsed, 0, autoMax ? 3 * MAX_LOCK : end - MIN_LOCK - _now()));

        vm.prank(dave);
        ve.depositFor(alice, added);

        _assertLock(alice, amount + added, end, autoMax);
        assertEq(token.balanceOf(dave), MAX_AMOUNT - added, "funder paid");
        assertEq(token.balanceOf(alice), MAX_AMOUNT - amount, "account paid only its own lock");
        _assertSoleScore(alice, _score(amount + added, end, autoMax, _now()));
        assertEq(ve.balanceOf(dave), 0, "funder has no score");
    }

    function testFuzz_IncreaseUnlockTimeKeepsFormula(
        uint256 amount,
        uint256 unlockSeed,
        uint256 elapsed,
        uint256 newUnlockSeed,
        uint256 later
    ) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        uint256 end = _lockFor(alice, amount, unlockSeed);
        uint256 created = _now();
        vm.warp(_now() + bound(elapsed, 0, end - _now() - 1));
        uint256 maxEnd = _epochStart(_now() + MAX_LOCK);
        vm.assume(maxEnd > end);
        uint256 minUnlock = end + WEEK > _now() + MIN_LOCK ? end + WEEK : _epochStart(_now() + MIN_LOCK + WEEK - 1);
        vm.assume(minUnlock <= maxEnd);
        uint256 newUnlock = bound(newUnlockSeed, minUnlock, _now() + MAX_LOCK);
        uint256 newEnd = _epochStart(newUnlock);
        uint256 extendedAt = _now();

        vm.prank(alice);
        ve.increaseUnlockTime(newUnlock);

        _assertLock(alice, amount, newEnd, false);
        _assertSoleScore(alice, _score(amount, newEnd, false, extendedAt));
        vm.warp(extendedAt + bound(later, 0, 2 * MAX_LOCK));
        _assertSoleScore(alice, _score(amount, newEnd, false, _now()));
        if (extendedAt > created) {
            assertEq(ve.balanceOfAt(alice, extendedAt - 1), _score(amount, end, false, extendedAt - 1), "old end");
            assertEq(ve.totalSupplyAt(extendedAt - 1), _score(amount, end, false, extendedAt - 1), "old supply");
        }
    }

    function testFuzz_AutoMaxKeepsMaximumScore(
        uint256 amount,
        uint256 added,
        uint256 unlockSeed,
        uint256 elapsed,
        uint256 wait
    ) public {
        amount = bound(amount, 1, MAX_AMOUNT - 1);
        added = bound(added, 1, MAX_AMOUNT - amount);
        uint256 end = _lockFor(alice, amount, unlockSeed);
        vm.warp(_now() + bound(elapsed, 0, end - _now() - 1));

        vm.prank(alice);
        ve.setAutoMax(true);
        uint256 onAt = _now();
        _assertLock(alice, amount, 0, true);
        uint256 maxScore = amount + (amount / MAX_LOCK) * MAX_LOCK;
        _assertSoleScore(alice, maxScore);

        // Far beyond the original end and beyond MAX_LOCK the score does not decay.
        vm.warp(onAt + bound(wait, 0, 5 * MAX_LOCK));
        _assertSoleScore(alice, maxScore);
        assertEq(ve.totalSupplyAt(_now() + 10 * MAX_LOCK), maxScore, "projection stays at the maximum");

        vm.prank(alice);
        ve.increaseAmount(added);
        _assertLock(alice, amount + added, 0, true);
        _assertSoleScore(alice, _score(amount + added, 0, true, _now()));
        if (_now() > onAt) assertEq(ve.balanceOfAt(alice, _now() - 1), maxScore, "past max");
    }

    function testFuzz_AutoMaxOffRestartsFullDecay(
        uint256 amount,
        uint256 unlockSeed,
        uint256 elapsed,
        uint256 wait,
        uint256 later
    ) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        uint256 end = _lockFor(alice, amount, unlockSeed);
        vm.warp(_now() + bound(elapsed, 0, end - _now() - 1));
        vm.prank(alice);
        ve.setAutoMax(true);
        vm.warp(_now() + bound(wait, 0, 3 * MAX_LOCK));

        vm.prank(alice);
        ve.setAutoMax(false);
        uint256 offAt = _now();
        uint256 newEnd = _epochStart(offAt + MAX_LOCK);
        _assertLock(alice, amount, newEnd, false);
        _assertSoleScore(alice, _score(amount, newEnd, false, offAt));

        vm.warp(offAt + bound(later, 0, 2 * MAX_LOCK));
        _assertSoleScore(alice, _score(amount, newEnd, false, _now()));
        assertEq(ve.balanceOfAt(alice, offAt), _score(amount, newEnd, false, offAt), "score when switched off");
    }

    // ---------------------------------------------------------------------------------------------
    // withdraw
    // ---------------------------------------------------------------------------------------------

    function testFuzz_WithdrawReturnsExactAmount(
        uint256 amount,
        uint256 added,
        uint256 unlockSeed,
        uint256 afterEnd,
        uint256 relockSeed
    ) public {
        amount = bound(amount, 1, MAX_AMOUNT - 1);
        added = bound(added, 0, MAX_AMOUNT - amount);
        uint256 end = _lockFor(alice, amount, unlockSeed);
        if (added != 0) {
            vm.prank(dave);
            ve.depositFor(alice, added);
        }
        vm.warp(end + bound(afterEnd, 0, 3 * MAX_LOCK));
        uint256 balanceBefore = token.balanceOf(alice);

        vm.prank(alice);
        ve.withdraw();

        assertEq(token.balanceOf(alice) - balanceBefore, amount + added, "withdrawn exactly the locked amount");
        assertEq(token.balanceOf(address(ve)), 0, "escrow is empty");
        _assertLock(alice, 0, 0, false);
        _assertSoleScore(alice, 0);

        // A withdrawn account can lock again.
        uint256 relockEnd = _lockFor(alice, amount, relockSeed);
        _assertLock(alice, amount, relockEnd, false);
        _assertSoleScore(alice, _score(amount, relockEnd, false, _now()));
    }

    // ---------------------------------------------------------------------------------------------
    // Delegation
    // ---------------------------------------------------------------------------------------------

    function testFuzz_DelegationMovesExactScore(
        uint256 amountA,
        uint256 amountB,
        uint256 unlockA,
        uint256 unlockB,
        uint256 elapsed
    ) public {
        amountA = bound(amountA, 1, MAX_AMOUNT / 2);
        amountB = bound(amountB, 1, MAX_AMOUNT / 2);
        uint256 endA = _lockFor(alice, amountA, unlockA);
        uint256 endB = _lockFor(bob, amountB, unlockB);
        uint256 scoreA = _score(amountA, endA, false, _now());
        uint256 scoreB = _score(amountB, endB, false, _now());
        assertEq(ve.delegates(alice), alice, "self-delegated by default");
        assertEq(ve.getVotes(alice), scoreA, "own votes by default");

        vm.prank(alice);
        ve.delegate(bob);
        uint256 delegatedAt = _now();
        assertEq(ve.delegates(alice), bob, "delegatee");
        assertEq(ve.getVotes(alice), 0, "alice gave away her votes");
        assertEq(ve.getVotes(bob), scoreA + scoreB, "bob holds both scores");
        assertEq(ve.balanceOf(alice), scoreA, "delegation does not move the score itself");
        assertEq(ve.totalSupply(), scoreA + scoreB, "supply unchanged");

        // The delegated score keeps decaying and expires with alice's lock, not bob's.
        vm.warp(_now() + bound(elapsed, 1, 2 * MAX_LOCK));
        uint256 nowA = _score(amountA, endA, false, _now());
        uint256 nowB = _score(amountB, endB, false, _now());
        assertEq(ve.getVotes(bob), nowA + nowB, "bob's votes follow both locks");
        assertEq(ve.getVotes(alice), 0, "alice still has none");
        assertEq(ve.getPastVotes(bob, delegatedAt), scoreA + scoreB, "past votes of the delegatee");
        assertEq(ve.getPastVotes(alice, delegatedAt), 0, "past votes of the delegator");
        assertEq(ve.getPastVotes(bob, delegatedAt - 1), 0, "no votes before the locks");

        // Re-delegating moves the whole remaining score; taking it back restores own votes.
        vm.prank(alice);
        ve.delegate(carol);
        assertEq(ve.getVotes(carol), nowA, "carol holds alice's score");
        assertEq(ve.getVotes(bob), nowB, "bob keeps only his own");
        vm.prank(alice);
        ve.delegate(alice);
        assertEq(ve.getVotes(alice), nowA, "alice took her votes back");
        assertEq(ve.getVotes(carol), 0, "carol has nothing left");
        assertEq(ve.getVotes(alice) + ve.getVotes(bob) + ve.getVotes(carol), ve.totalSupply(), "votes == supply");
    }

    function testFuzz_DelegateeVotesFollowLockChanges(
        uint256 amount,
        uint256 added,
        uint256 unlockSeed,
        uint256 elapsed,
        uint256 wait
    ) public {
        amount = bound(amount, 1, MAX_AMOUNT / 2);
        added = bound(added, 1, MAX_AMOUNT / 2);
        uint256 end = _lockFor(alice, amount, unlockSeed);
        vm.prank(alice);
        ve.delegate(bob);

        vm.warp(_now() + bound(elapsed, 0, end - MIN_LOCK - _now()));
        vm.prank(dave);
        ve.depositFor(alice, added);
        uint256 total = amount + added;
        assertEq(ve.getVotes(bob), _score(total, end, false, _now()), "deposit reaches the delegatee");

        uint256 maxEnd = _epochStart(_now() + MAX_LOCK);
        if (maxEnd > end) {
            vm.prank(alice);
            ve.increaseUnlockTime(maxEnd);
            end = maxEnd;
            assertEq(ve.getVotes(bob), _score(total, end, false, _now()), "extension reaches the delegatee");
        }

        vm.prank(alice);
        ve.setAutoMax(true);
        assertEq(ve.getVotes(bob), _score(total, 0, true, _now()), "auto-max reaches the delegatee");
        vm.warp(_now() + bound(wait, 0, 3 * MAX_LOCK));
        assertEq(ve.getVotes(bob), _score(total, 0, true, _now()), "no decay while auto-max");

        vm.prank(alice);
        ve.setAutoMax(false);
        end = _epochStart(_now() + MAX_LOCK);
        assertEq(ve.getVotes(bob), _score(total, end, false, _now()), "auto-max off reaches the delegatee");
        assertEq(ve.getVotes(alice), 0, "alice has no votes");

        vm.warp(end);
        assertEq(ve.getVotes(bob), 0, "delegated score expires at the delegator's end");
        assertEq(ve.totalSupply(), 0, "supply expires too");
        vm.prank(alice);
        ve.withdraw();
        assertEq(ve.getVotes(bob), 0, "withdraw leaves nothing behind");
    }

    // ---------------------------------------------------------------------------------------------
    // Signatures: createLockWithPermit and delegateBySig
    // ---------------------------------------------------------------------------------------------

    function testFuzz_CreateLockWithPermitNeedsNoApproval(
        uint256 privateKey,
        uint256 amount,
        uint256 unlockSeed,
        bool frontRun
    ) public {
        privateKey = bound(privateKey, 1, SECP256K1_N - 1);
        address owner = vm.addr(privateKey);
        vm.assume(owner != alice && owner != bob && owner != carol && owner != dave);
        amount = bound(amount, 1, MAX_AMOUNT);
        vm.prank(dave);
        token.transfer(owner, amount);
        uint256 unlockTime = _validUnlockTime(unlockSeed);
        uint256 deadline = _now() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(privateKey, owner, amount, deadline);
        // A permit copied from the mempool and submitted first must not make the lock fail.
        if (frontRun) token.permit(owner, address(ve), amount, deadline, v, r, s);

        vm.prank(owner);
        ve.createLockWithPermit(amount, unlockTime, deadline, v, r, s);

        _assertLock(owner, amount, _epochStart(unlockTime), false);
        assertEq(token.balanceOf(owner), 0, "owner paid the amount");
        assertEq(token.allowance(owner, address(ve)), 0, "the permit's allowance was used up");
        _assertSoleScore(owner, _score(amount, _epochStart(unlockTime), false, _now()));
    }

    function test_RevertWhen_PermitExpired(uint256 late) public {
        late = bound(late, 1, 10 * MAX_LOCK);
        uint256 deadline = _now();
        vm.warp(deadline + late);
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowPermitExpired.selector, deadline));
        vm.prank(alice);
        ve.createLockWithPermit(1e18, _now() + MAX_LOCK, deadline, 27, bytes32(0), bytes32(0));
    }

    function test_RevertWhen_PermitSignedByAnotherKey(uint256 privateKey, uint256 amount) public {
        privateKey = bound(privateKey, 1, SECP256K1_N - 1);
        vm.assume(vm.addr(privateKey) != carol);
        amount = bound(amount, 1, MAX_AMOUNT);
        uint256 deadline = _now() + 1 hours;
        // Signed by someone else for carol's tokens: the permit fails and carol gave no allowance.
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(privateKey, carol, amount, deadline);
        vm.prank(carol);
        token.approve(address(ve), 0);
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowPermitFailed.selector, carol, amount));
        vm.prank(carol);
        ve.createLockWithPermit(amount, _now() + MAX_LOCK, deadline, v, r, s);
    }

    function testFuzz_DelegateBySigMovesExactScore(
        uint256 privateKey,
        uint256 amount,
        uint256 unlockSeed,
        address relayer
    ) public {
        privateKey = bound(privateKey, 1, SECP256K1_N - 1);
        address signer = vm.addr(privateKey);
        vm.assume(signer != alice && signer != bob && signer != carol && signer != dave);
        vm.assume(relayer != address(vm));
        amount = bound(amount, 1, MAX_AMOUNT / 2);
        vm.prank(signer);
        ve.setLockCreator(dave, true);
        vm.prank(dave);
        ve.createLockFor(signer, amount, _validUnlockTime(unlockSeed));
        uint256 score = ve.balanceOf(signer);
        uint256 expiry = _now() + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(privateKey, bob, 0, expiry);

        vm.prank(relayer);
        ve.delegateBySig(bob, 0, expiry, v, r, s);

        assertEq(ve.delegates(signer), bob, "delegatee set by signature");
        assertEq(ve.getVotes(bob), score, "bob holds the signer's score");
        assertEq(ve.getVotes(signer), 0, "the signer gave its votes away");
        assertEq(ve.nonces(signer), 1, "nonce used");

        // The same signature cannot be replayed.
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, signer, 1));
        ve.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_RevertWhen_DelegateBySigExpired(uint256 late) public {
        late = bound(late, 1, 10 * MAX_LOCK);
        uint256 expiry = _now();
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(1, bob, 0, expiry);
        vm.warp(expiry + late);
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        ve.delegateBySig(bob, 0, expiry, v, r, s);
    }

    // ---------------------------------------------------------------------------------------------
    // History: past values never change
    // ---------------------------------------------------------------------------------------------

    /// @dev A scripted life of four accounts with fuzzed amounts and time steps (zero-second steps
    /// included, so several actions share a block). After every step each value recorded at a past
    /// timepoint is read again and must be unchanged, and past sums must match.
    function testFuzz_PastValuesNeverChange(uint256[5] calldata amounts, uint256[6] calldata steps) public {
        uint256[5] memory a;
        for (uint256 i = 0; i < 5; ++i) a[i] = bound(amounts[i], 1, MAX_AMOUNT / 8);

        // Step 1: two locks and a delegation in one block.
        _lockFor(alice, a[0], a[0] ^ steps[0]);
        _lockFor(bob, a[1], a[1] ^ steps[1]);
        vm.prank(alice);
        ve.delegate(bob);
        _advance(bound(steps[0], 0, 10 weeks));

        // Step 2: a lock funded by someone else, and more tokens for alice.
        vm.prank(carol);
        ve.setLockCreator(dave, true);
        vm.prank(dave);
        ve.createLockFor(carol, a[2], _now() + MAX_LOCK);
        if (_canAdd(alice)) {
            vm.prank(alice);
            ve.increaseAmount(a[3]);
        }
        _advance(bound(steps[1], 0, 10 weeks));

        // Step 3: extend bob, auto-max carol and make her delegate to alice.
        (, uint256 bobEnd, ) = ve.locked(bob);
        if (_isActive(bob) && bobEnd < _epochStart(_now() + MAX_LOCK)) {
            vm.prank(bob);
            ve.increaseUnlockTime(_now() + MAX_LOCK);
        }
        vm.prank(carol);
        ve.setAutoMax(true);
        vm.prank(carol);
        ve.delegate(alice);
        _advance(bound(steps[2], 0, 60 weeks));

        // Step 4: carol's auto-max off, alice withdraws and relocks if she can, deposits for bob.
        vm.prank(carol);
        ve.setAutoMax(false);
        _withdrawIfExpired(alice);
        if (!_hasLock(alice)) _lockFor(alice, a[4], steps[3]);
        if (_canAdd(bob)) {
            vm.prank(dave);
            ve.depositFor(bob, a[4]);
        }
        vm.prank(bob);
        ve.delegate(carol);
        _advance(bound(steps[3], 0, 60 weeks));

        // Step 5: everyone takes their votes back, expired locks are withdrawn.
        vm.prank(alice);
        ve.delegate(alice);
        vm.prank(bob);
        ve.delegate(bob);
        _withdrawIfExpired(alice);
        _withdrawIfExpired(bob);
        _withdrawIfExpired(carol);
        _advance(bound(steps[4], 0, 300 weeks));

        // Step 6: the rest expires; withdraw all, then look at the whole history once more.
        _advance(bound(steps[5], 2 * MAX_LOCK, 300 weeks));
        _withdrawIfExpired(alice);
        _withdrawIfExpired(bob);
        _withdrawIfExpired(carol);
        _advance(1);
        assertEq(ve.totalSupply(), 0, "everything expired");
        assertEq(token.balanceOf(address(ve)), 0, "everything withdrawn");
    }

    function testFuzz_TotalSupplyProjectionMatchesScores(
        uint256[3] calldata amounts,
        uint256[3] calldata unlocks,
        uint256 elapsed,
        bool autoMax
    ) public {
        uint256[3] memory ends;
        address[3] memory who = [alice, bob, carol];
        for (uint256 i = 0; i < 3; ++i) {
            ends[i] = _lockFor(who[i], bound(amounts[i], 1, MAX_AMOUNT / 4), unlocks[i]);
            if (i == 0) vm.warp(_now() + bound(elapsed, 0, 3 days));
        }
        if (autoMax) {
            vm.prank(carol);
            ve.setAutoMax(true);
        }
        // Every second around each week boundary up to a year ahead: supply == sum of scores.
        for (uint256 w = _epochStart(_now()); w <= _now() + MAX_LOCK + WEEK; w += WEEK) {
            for (uint256 d = 0; d < 3; ++d) {
                uint256 t = w + d - 1;
                uint256 sum = ve.balanceOfAt(alice, t) + ve.balanceOfAt(bob, t) + ve.balanceOfAt(carol, t);
                assertEq(ve.totalSupplyAt(t), sum, "projected supply == sum of projected scores");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Bad inputs
    // ---------------------------------------------------------------------------------------------

    function test_RevertWhen_CreateLockWithZeroAmount() public {
        vm.expectRevert(IVotingEscrow.VotingEscrowZeroAmount.selector);
        vm.prank(alice);
        ve.createLock(0, _now() + MAX_LOCK);
    }

    function test_RevertWhen_CreateLockAmountTooLarge(uint256 amount) public {
        amount = bound(amount, MAX_AMOUNT + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowAmountTooLarge.selector, amount, MAX_AMOUNT));
        vm.prank(alice);
        ve.createLock(amount, _now() + MAX_LOCK);
    }

    function test_RevertWhen_CreateLockForZeroAccount() public {
        // The zero address can never allow a creator.
        vm.expectRevert(
            abi.encodeWithSelector(IVotingEscrow.VotingEscrowLockCreatorNotAllowed.selector, address(0), dave)
        );
        vm.prank(dave);
        ve.createLockFor(address(0), 1e18, _now() + MAX_LOCK);
    }

    function testFuzz_RevertWhen_CreateLockForWithoutConsent(address creator, uint256 unlockSeed) public {
        vm.assume(creator != alice && creator != address(0));
        uint256 unlockTime = _validUnlockTime(unlockSeed);
        bytes memory err = abi.encodeWithSelector(
            IVotingEscrow.VotingEscrowLockCreatorNotAllowed.selector,
            alice,
            creator
        );
        vm.expectRevert(err);
        vm.prank(creator);
        ve.createLockFor(alice, 1, unlockTime);

        // Consent given, then taken back: only the window in between allows the creator.
        vm.prank(alice);
        ve.setLockCreator(creator, true);
        assertTrue(ve.isLockCreator(alice, creator), "allowed");
        vm.prank(alice);
        ve.setLockCreator(creator, false);
        assertEq(ve.isLockCreator(alice, creator), false, "revoked");
        vm.expectRevert(err);
        vm.prank(creator);
        ve.createLockFor(alice, 1, unlockTime);
        _assertLock(alice, 0, 0, false);
    }

    function test_RevertWhen_LockTooShort(uint256 unlockTime, uint256 startOffset) public {
        vm.warp(_now() + bound(startOffset, 0, 2 * WEEK));
        // Everything below the first week boundary at or after now + MIN_LOCK rounds down to a shorter lock.
        unlockTime = bound(unlockTime, 0, _epochStart(_now() + MIN_LOCK + WEEK - 1) - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVotingEscrow.VotingEscrowLockTooShort.selector,
                _epochStart(unlockTime),
                _now() + MIN_LOCK
            )
        );
        vm.prank(alice);
        ve.createLock(1e18, unlockTime);
    }

    /// @dev Adding tokens to a lock that ends within MIN_LOCK would give short-term voting power.
    function testFuzz_RevertWhen_AddingToALockEndingWithinMinLock(uint256 unlockSeed, uint256 elapsed) public {
        uint256 end = _lockFor(alice, 1e18, unlockSeed);
        vm.warp(bound(elapsed, end - MIN_LOCK + 1, end - 1));
        bytes memory err = abi.encodeWithSelector(
            IVotingEscrow.VotingEscrowLockTooShort.selector,
            end,
            _now() + MIN_LOCK
        );
        vm.expectRevert(err);
        vm.prank(alice);
        ve.increaseAmount(1e18);
        vm.expectRevert(err);
        vm.prank(dave);
        ve.depositFor(alice, 1e18);
        // Extending first makes room again.
        vm.prank(alice);
        ve.increaseUnlockTime(_now() + MAX_LOCK);
        vm.prank(dave);
        ve.depositFor(alice, 1e18);
        _assertLock(alice, 2e18, _epochStart(_now() + MAX_LOCK), false);
    }

    /// @dev Scores are in 18-decimal units whatever the token's decimals.
    function testFuzz_ScoreIsInEighteenDecimalUnits(uint8 decimals, uint256 amount, uint256 unlockSeed) public {
        decimals = uint8(bound(decimals, 0, 18));
        uint256 unit = 10 ** (18 - decimals);
        amount = bound(amount, 1, MAX_AMOUNT / unit);
        DecimalsToken dec = new DecimalsToken(decimals);
        VotingEscrow escrow = new VotingEscrow(IERC20(address(dec)), admin);
        dec.mint(alice, amount);
        vm.startPrank(alice);
        dec.approve(address(escrow), amount);
        uint256 unlockTime = _validUnlockTime(unlockSeed);
        escrow.createLock(amount, unlockTime);
        vm.stopPrank();

        (uint256 locked, , ) = escrow.locked(alice);
        assertEq(locked, amount, "locked in token units");
        uint256 expected = _score(amount * unit, _epochStart(unlockTime), false, _now());
        assertEq(escrow.balanceOf(alice), expected, "score in 18-decimal units");
        assertEq(escrow.totalSupply(), expected, "total in 18-decimal units");
        assertEq(escrow.getVotes(alice), expected, "votes in 18-decimal units");

        vm.warp(_epochStart(unlockTime));
        vm.prank(alice);
        escrow.withdraw();
        assertEq(dec.balanceOf(alice), amount, "withdrawn in token units");
    }

    function testFuzz_RevertWhen_TokenHasMoreThanEighteenDecimals(uint8 decimals) public {
        decimals = uint8(bound(decimals, 19, type(uint8).max));
        DecimalsToken dec = new DecimalsToken(decimals);
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowUnsupportedDecimals.selector, decimals));
        new VotingEscrow(IERC20(address(dec)), admin);
    }

    function test_RevertWhen_UnlockTooLate(uint256 unlockTime, uint256 startOffset) public {
        vm.warp(_now() + bound(startOffset, 0, 2 * WEEK));
        unlockTime = bound(unlockTime, _epochStart(_now() + MAX_LOCK) + WEEK, type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVotingEscrow.VotingEscrowUnlockTooLate.selector,
                _epochStart(unlockTime),
                _now() + MAX_LOCK
            )
        );
        vm.prank(alice);
        ve.createLock(1e18, unlockTime);
    }

    function test_RevertWhen_LockExists(uint256 elapsed) public {
        uint256 end = _lockFor(alice, 1e18, 0);
        // Also once expired: the old lock must be withdrawn first.
        vm.warp(_now() + bound(elapsed, 0, 3 * MAX_LOCK));
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowLockExists.selector, alice));
        vm.prank(alice);
        ve.createLock(1e18, _now() + MAX_LOCK);
        vm.prank(alice);
        ve.setLockCreator(dave, true);
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowLockExists.selector, alice));
        vm.prank(dave);
        ve.createLockFor(alice, 1e18, _now() + MAX_LOCK);
        _assertLock(alice, 1e18, end, false);
    }

    function test_RevertWhen_IncreaseAmountWithoutLock() public {
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowNoLock.selector, alice));
        vm.prank(alice);
        ve.increaseAmount(1e18);
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowNoLock.selector, alice));
        vm.prank(dave);
        ve.depositFor(alice, 1e18);
    }

    function test_RevertWhen_IncreaseAmountByZero() public {
        _lockFor(alice, 1e18, 0);
        vm.expectRevert(IVotingEscrow.VotingEscrowZeroAmount.selector);
        vm.prank(alice);
        ve.increaseAmount(0);
        vm.expectRevert(IVotingEscrow.VotingEscrowZeroAmount.selector);
        vm.prank(dave);
        ve.depositFor(alice, 0);
    }

    function test_RevertWhen_IncreaseAmountTooLarge(uint256 amount, uint256 added) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        added = bound(added, MAX_AMOUNT - amount + 1, MAX_AMOUNT);
        _lockFor(alice, amount, amount);
        vm.expectRevert(
            abi.encodeWithSelector(IVotingEscrow.VotingEscrowAmountTooLarge.selector, amount + added, MAX_AMOUNT)
        );
        vm.prank(dave);
        ve.depositFor(alice, added);
    }

    function test_RevertWhen_IncreaseAmountAfterExpiry(uint256 unlockSeed, uint256 afterEnd) public {
        uint256 end = _lockFor(alice, 1e18, unlockSeed);
        vm.warp(end + bound(afterEnd, 0, 3 * MAX_LOCK));
        bytes memory err = abi.encodeWithSelector(IVotingEscrow.VotingEscrowLockExpired.selector, alice, end);
        vm.expectRevert(err);
        vm.prank(alice);
        ve.increaseAmount(1e18);
        vm.expectRevert(err);
        vm.prank(dave);
        ve.depositFor(alice, 1e18);
        vm.expectRevert(err);
        vm.prank(alice);
        ve.increaseUnlockTime(_now() + MAX_LOCK);
        vm.expectRevert(err);
        vm.prank(alice);
        ve.setAutoMax(true);
    }

    function test_RevertWhen_UnlockTimeNotIncreased(uint256 unlockSeed, uint256 elapsed, uint256 newUnlock) public {
        uint256 end = _lockFor(alice, 1e18, unlockSeed);
        vm.warp(_now() + bound(elapsed, 0, end - MIN_LOCK - _now()));
        // Any unlock time that rounds down into [now + MIN_LOCK, end].
        newUnlock = bound(newUnlock, _epochStart(_now() + MIN_LOCK + WEEK - 1), end + WEEK - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVotingEscrow.VotingEscrowUnlockTimeNotIncreased.selector,
                _epochStart(newUnlock),
                end
            )
        );
        vm.prank(alice);
        ve.increaseUnlockTime(newUnlock);
    }

    function test_RevertWhen_IncreaseUnlockTimeWithoutLock() public {
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowNoLock.selector, alice));
        vm.prank(alice);
        ve.increaseUnlockTime(_now() + MAX_LOCK);
    }

    function test_RevertWhen_IncreaseUnlockTimeWhileAutoMax() public {
        _lockFor(alice, 1e18, 0);
        vm.prank(alice);
        ve.setAutoMax(true);
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowAutoMaxEnabled.selector, alice));
        vm.prank(alice);
        ve.increaseUnlockTime(_now() + MAX_LOCK);
    }

    function test_RevertWhen_WithdrawBeforeEnd(uint256 unlockSeed, uint256 elapsed) public {
        uint256 end = _lockFor(alice, 1e18, unlockSeed);
        vm.warp(_now() + bound(elapsed, 0, end - _now() - 1));
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowLockNotExpired.selector, alice, end));
        vm.prank(alice);
        ve.withdraw();
    }

    function test_RevertWhen_WithdrawWhileAutoMax(uint256 wait) public {
        _lockFor(alice, 1e18, 0);
        vm.prank(alice);
        ve.setAutoMax(true);
        vm.warp(_now() + bound(wait, 0, 5 * MAX_LOCK));
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowAutoMaxEnabled.selector, alice));
        vm.prank(alice);
        ve.withdraw();
    }

    function test_RevertWhen_WithdrawWithoutLock() public {
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowNoLock.selector, alice));
        vm.prank(alice);
        ve.withdraw();

        // Nor twice.
        uint256 end = _lockFor(alice, 1e18, 0);
        vm.warp(end);
        vm.prank(alice);
        ve.withdraw();
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowNoLock.selector, alice));
        vm.prank(alice);
        ve.withdraw();
    }

    function test_RevertWhen_SetAutoMaxUnchanged() public {
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowNoLock.selector, alice));
        vm.prank(alice);
        ve.setAutoMax(true);

        _lockFor(alice, 1e18, 0);
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowAutoMaxUnchanged.selector, alice, false));
        vm.prank(alice);
        ve.setAutoMax(false);
        vm.prank(alice);
        ve.setAutoMax(true);
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowAutoMaxUnchanged.selector, alice, true));
        vm.prank(alice);
        ve.setAutoMax(true);
    }

    function test_RevertWhen_DelegateToZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowInvalidAccount.selector, address(0)));
        vm.prank(alice);
        ve.delegate(address(0));
    }

    function test_RevertWhen_PastLookupIsNotInThePast(uint256 timepoint) public {
        timepoint = bound(timepoint, _now(), type(uint256).max);
        bytes memory err = abi.encodeWithSelector(
            IVotingEscrow.ERC5805FutureLookup.selector,
            timepoint,
            uint48(_now())
        );
        vm.expectRevert(err);
        ve.getPastVotes(alice, timepoint);
        vm.expectRevert(err);
        ve.getPastTotalSupply(timepoint);
    }

    function test_RevertWhen_SetLevelThresholdsByNonAdmin(address caller) public {
        vm.assume(caller != admin);
        uint256[] memory thresholds = new uint256[](10);
        for (uint256 i = 0; i < 10; ++i) thresholds[i] = (i + 1) * 1e18;
        vm.expectRevert(abi.encodeWithSelector(IVotingEscrow.VotingEscrowUnauthorized.selector, caller));
        vm.prank(caller);
        ve.setLevelThresholds(thresholds);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    /// @dev The spec's score formula, written independently of the contract.
    function _score(uint256 amount, uint256 end, bool autoMax, uint256 t) internal pure returns (uint256) {
        uint256 slope = amount / MAX_LOCK;
        if (autoMax) return amount + slope * MAX_LOCK;
        if (t >= end) return 0;
        return amount + slope * (end - t);
    }

    function _epochStart(uint256 t) internal pure returns (uint256) {
        return (t / WEEK) * WEEK;
    }

    /// @dev An unlock time that rounds down into `[now + MIN_LOCK, now + MAX_LOCK]`.
    function _validUnlockTime(uint256 seed) internal view returns (uint256) {
        return bound(seed, _epochStart(_now() + MIN_LOCK + WEEK - 1), _now() + MAX_LOCK);
    }

    function _lockFor(address account, uint256 amount, uint256 unlockSeed) internal returns (uint256 end) {
        uint256 unlockTime = _validUnlockTime(unlockSeed);
        vm.prank(account);
        ve.createLock(amount, unlockTime);
        end = _epochStart(unlockTime);
    }

    function _hasLock(address account) internal view returns (bool) {
        (uint256 amount, , ) = ve.locked(account);
        return amount != 0;
    }

    /// @dev Whether tokens may be added to `account`'s lock now.
    function _canAdd(address account) internal view returns (bool) {
        (uint256 amount, uint256 end, bool autoMax) = ve.locked(account);
        return amount != 0 && (autoMax || end >= _now() + MIN_LOCK);
    }

    function _isActive(address account) internal view returns (bool) {
        (uint256 amount, uint256 end, bool autoMax) = ve.locked(account);
        return amount != 0 && (autoMax || _now() < end);
    }

    function _withdrawIfExpired(address account) internal {
        (uint256 amount, uint256 end, bool autoMax) = ve.locked(account);
        if (amount == 0 || autoMax || _now() < end) return;
        uint256 before = token.balanceOf(account);
        vm.prank(account);
        ve.withdraw();
        assertEq(token.balanceOf(account) - before, amount, "withdraw returns exactly the amount");
    }

    function _assertLock(address account, uint256 amount, uint256 end, bool autoMax) internal view {
        (uint256 a, uint256 e, bool m) = ve.locked(account);
        assertEq(a, amount, "locked amount");
        assertEq(e, end, "locked end");
        assertEq(m, autoMax, "locked autoMax");
    }

    /// @dev `account` is the only lock holder and delegates to itself: every view reports `expected`.
    function _assertSoleScore(address account, uint256 expected) internal view {
        assertEq(ve.balanceOf(account), expected, "balanceOf");
        assertEq(ve.balanceOfAt(account, _now()), expected, "balanceOfAt(now)");
        assertEq(ve.totalSupply(), expected, "totalSupply");
        assertEq(ve.totalSupplyAt(_now()), expected, "totalSupplyAt(now)");
        assertEq(ve.getVotes(account), expected, "getVotes");
    }

    /// @dev An ERC-2612 permit for the escrow, with the digest built from the spec (not read from the token).
    function _signPermit(
        uint256 privateKey,
        address owner,
        uint256 amount,
        uint256 deadline
    ) internal view returns (uint8, bytes32, bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                owner,
                address(ve),
                amount,
                token.nonces(owner),
                deadline
            )
        );
        return vm.sign(privateKey, _typedDigest("Lockstep", address(token), structHash));
    }

    /// @dev An IERC5805 delegation signed for the escrow, whose EIP-712 name is "Vote-escrowed <token name>".
    function _signDelegation(
        uint256 privateKey,
        address delegatee,
        uint256 nonce,
        uint256 expiry
    ) internal view returns (uint8, bytes32, bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)"),
                delegatee,
                nonce,
                expiry
            )
        );
        return vm.sign(privateKey, _typedDigest("Vote-escrowed Lockstep", address(ve), structHash));
    }

    function _typedDigest(string memory name, address verifier, bytes32 structHash) internal view returns (bytes32) {
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256("1"),
                block.chainid,
                verifier
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    /// @dev Moves time forward by `secs` (possibly zero), records the values at the timepoints that just
    /// became past, and re-checks every recorded snapshot.
    function _advance(uint256 secs) internal {
        uint256 before = _now();
        vm.warp(before + secs);
        if (secs != 0) {
            _record(before);
            _record(before + secs / 2);
            _record(_now() - 1);
        }
        for (uint256 i = 0; i < snapshots.length; ++i) {
            Snapshot storage s = snapshots[i];
            assertEq(ve.totalSupplyAt(s.timepoint), s.supply, "past totalSupplyAt changed");
            assertEq(ve.getPastTotalSupply(s.timepoint), s.supply, "past getPastTotalSupply changed");
            for (uint256 j = 0; j < accounts.length; ++j) {
                assertEq(ve.balanceOfAt(accounts[j], s.timepoint), s.balances[j], "past balanceOfAt changed");
                assertEq(ve.getPastVotes(accounts[j], s.timepoint), s.votes[j], "past getPastVotes changed");
            }
        }
    }

    function _record(uint256 t) internal {
        Snapshot storage s = snapshots.push();
        s.timepoint = t;
        s.supply = ve.totalSupplyAt(t);
        assertEq(ve.getPastTotalSupply(t), s.supply, "getPastTotalSupply == totalSupplyAt");
        uint256 sumBalances;
        uint256 sumVotes;
        for (uint256 j = 0; j < accounts.length; ++j) {
            s.balances[j] = ve.balanceOfAt(accounts[j], t);
            s.votes[j] = ve.getPastVotes(accounts[j], t);
            sumBalances += s.balances[j];
            sumVotes += s.votes[j];
        }
        assertEq(sumBalances, s.supply, "past sum of scores == past supply");
        assertEq(sumVotes, s.supply, "past sum of votes == past supply");
    }
}
