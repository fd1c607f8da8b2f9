import { expect } from "chai";
import { network } from "hardhat";
import type { ContractTransactionReceipt, ContractTransactionResponse, Signature } from "ethers";

import type { GovernanceToken, VotingEscrow } from "../types/ethers-contracts/index.js";
import {
  DEFAULT_THRESHOLDS,
  FUNDED_AMOUNT,
  MAX_AMOUNT,
  MAX_LOCK,
  MIN_LOCK,
  NO_LOCK,
  ONE,
  WEEK,
  deployEscrowFixture,
  epochStart,
  escrowHelpers,
  levelFor,
  scoreAt,
  slopeOf,
  type EscrowFixture,
  type LockState,
} from "./helpers/escrowFixture.js";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

type Signer = EscrowFixture["alice"];

let f: EscrowFixture;
let escrow: VotingEscrow;
let token: GovernanceToken;
let escrowAddress: string;
let admin: Signer, alice: Signer, bob: Signer, carol: Signer, dave: Signer, eve: Signer;
/** A week boundary strictly after the fixture's last block; tests schedule their transactions from it. */
let W: bigint;

const { latest, at, lockOf, lockAt } = escrowHelpers(time, () => escrow);

/** The args of every `eventName` log of `escrow` in `receipt`, in order, as plain arrays. */
function eventArgs(receipt: ContractTransactionReceipt | null, eventName: string): unknown[][] {
  const out: unknown[][] = [];
  for (const log of receipt!.logs) {
    if (log.address.toLowerCase() !== escrowAddress.toLowerCase()) continue;
    const parsed = escrow.interface.parseLog(log);
    if (parsed?.name === eventName) out.push([...parsed.args]);
  }
  return out;
}

async function mined(tx: Promise<ContractTransactionResponse>): Promise<ContractTransactionReceipt> {
  return (await (await tx).wait())!;
}

const DELEGATION_TYPES = {
  Delegation: [
    { name: "delegatee", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "expiry", type: "uint256" },
  ],
};

const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

async function chainId(): Promise<bigint> {
  return (await ethers.provider.getNetwork()).chainId;
}

async function signDelegation(
  signer: Signer,
  delegatee: string,
  nonce: bigint,
  expiry: bigint,
  domainOverrides: { chainId?: bigint; verifyingContract?: string } = {},
): Promise<Signature> {
  const domain = {
    name: await escrow.name(),
    version: "1",
    chainId: domainOverrides.chainId ?? (await chainId()),
    verifyingContract: domainOverrides.verifyingContract ?? escrowAddress,
  };
  return ethers.Signature.from(await signer.signTypedData(domain, DELEGATION_TYPES, { delegatee, nonce, expiry }));
}

async function signPermit(
  signer: Signer,
  owner: string,
  spender: string,
  value: bigint,
  deadline: bigint,
): Promise<Signature> {
  const domain = {
    name: await token.name(),
    version: "1",
    chainId: await chainId(),
    verifyingContract: await token.getAddress(),
  };
  const nonce = await token.nonces(owner);
  return ethers.Signature.from(
    await signer.signTypedData(domain, PERMIT_TYPES, { owner, spender, value, nonce, deadline }),
  );
}

describe("VotingEscrow", function () {
  beforeEach(async function () {
    f = await networkHelpers.loadFixture(deployEscrowFixture);
    escrowAddress = await f.escrow.getAddress();
    ({ escrow, token, admin, alice, bob, carol, dave, eve } = f);
    W = epochStart(await latest()) + WEEK;
  });

  // -----------------------------------------------------------------------------------------------
  // Metadata and ERC-6372 / EIP-712
  // -----------------------------------------------------------------------------------------------

  describe("name", function () {
    it("test_Name_IsVoteEscrowedPlusTokenName", async function () {
      expect(await escrow.name()).to.equal("Vote-escrowed " + (await token.name()));
    });
  });

  describe("symbol", function () {
    it("test_Symbol_IsVePlusTokenSymbol", async function () {
      expect(await escrow.symbol()).to.equal("ve" + (await token.symbol()));
    });
  });

  describe("decimals", function () {
    it("test_Decimals_Is18", async function () {
      expect(await escrow.decimals()).to.equal(18n);
    });
  });

  describe("token", function () {
    it("test_Token_IsTheLockedToken", async function () {
      expect(await escrow.token()).to.equal(await token.getAddress());
    });
  });

  describe("admin", function () {
    it("test_Admin_IsTheConstructorAdmin", async function () {
      expect(await escrow.admin()).to.equal(admin.address);
    });
  });

  describe("WEEK", function () {
    it("test_Week_IsSevenDaysInSeconds", async function () {
      expect(await escrow.WEEK()).to.equal(7n * 24n * 3600n);
    });
  });

  describe("MAX_LOCK", function () {
    it("test_MaxLock_Is52Weeks", async function () {
      expect(await escrow.MAX_LOCK()).to.equal(52n * (await escrow.WEEK()));
      expect(await escrow.MAX_LOCK()).to.equal(MAX_LOCK);
    });
  });

  describe("clock", function () {
    it("test_Clock_IsBlockTimestamp", async function () {
      await time.increaseTo(W + 77n);
      expect(await escrow.clock()).to.equal(W + 77n);
      expect(await escrow.clock()).to.equal(await latest());
    });
  });

  describe("CLOCK_MODE", function () {
    it("test_ClockMode_IsTimestamp", async function () {
      expect(await escrow.CLOCK_MODE()).to.equal("mode=timestamp");
    });
  });

  describe("nonces / eip712Domain", function () {
    it("test_Eip712Domain_MatchesNameVersionChainAndAddress", async function () {
      const domain = await escrow.eip712Domain();
      expect(domain.fields).to.equal("0x0f");
      expect(domain.name).to.equal(await escrow.name());
      expect(domain.version).to.equal("1");
      expect(domain.chainId).to.equal(await chainId());
      expect(domain.verifyingContract).to.equal(escrowAddress);
      expect(domain.salt).to.equal(ethers.ZeroHash);
      expect(domain.extensions).to.deep.equal([]);
    });

    it("test_Nonces_StartAtZeroAndIncreaseWithDelegateBySig", async function () {
      expect(await escrow.nonces(alice.address)).to.equal(0n);
      const expiry = W + WEEK;
      const sig = await signDelegation(alice, bob.address, 0n, expiry);
      await escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s);
      expect(await escrow.nonces(alice.address)).to.equal(1n);
      expect(await escrow.nonces(carol.address)).to.equal(0n);
    });
  });

  describe("non-transferability", function () {
    it("test_Abi_HasNoTransferApproveOrAllowance", async function () {
      // The generic ethers Interface, since the typed one only accepts names that exist.
      const abi = new ethers.Interface(escrow.interface.fragments);
      for (const fn of ["transfer", "transferFrom", "approve", "allowance"]) {
        expect(abi.getFunction(fn), fn).to.equal(null);
      }
      for (const ev of ["Transfer", "Approval"]) {
        expect(abi.getEvent(ev), ev).to.equal(null);
      }
      const names: string[] = [];
      abi.forEachFunction((fragment) => names.push(fragment.name));
      expect(names).to.include("delegate");
      expect(names.some((n) => /transfer|approve|allowance/i.test(n))).to.equal(false);
    });
  });

  // -----------------------------------------------------------------------------------------------
  // Locks
  // -----------------------------------------------------------------------------------------------

  describe("createLock", function () {
    it("test_CreateLock_RecordsLockScoreEventsAndPullsTokens", async function () {
      const t = W + 123n;
      const amount = 1_000n * ONE + 7n;
      const unlockTime = t + 30n * WEEK + 5_000n;
      const end = epochStart(unlockTime);
      const lock = { amount, end, autoMax: false };
      const score = scoreAt(lock, t);
      expect(score).to.equal(amount + (amount / MAX_LOCK) * (end - t));

      await at(t);
      const tx = await escrow.connect(alice).createLock(amount, unlockTime);
      await expect(tx).to.emit(escrow, "LockCreated").withArgs(alice.address, alice.address, amount, end);
      await expect(tx).to.emit(escrow, "DelegateVotesChanged").withArgs(alice.address, 0n, score);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, escrow], [-amount, amount]);

      expect(await lockOf(alice.address)).to.deep.equal(lock);
      expect(await escrow.balanceOf(alice.address)).to.equal(score);
      expect(await escrow.totalSupply()).to.equal(score);
      expect(await escrow.getVotes(alice.address)).to.equal(score);
    });

    it("test_CreateLock_RoundsUnlockTimeDownToWeek", async function () {
      const t = W + 10n;
      await at(t);
      await escrow.connect(alice).createLock(ONE, W + 10n * WEEK + WEEK - 1n);
      expect((await lockOf(alice.address)).end).to.equal(W + 10n * WEEK);
    });

    it("test_CreateLock_AfterWithdrawStartsANewLock", async function () {
      const first = await lockAt(alice, 100n * ONE, W + 5n * WEEK, W + 1n);
      await at(first.end);
      await escrow.connect(alice).withdraw();
      const t = first.end + 5n;
      const second = await lockAt(alice, 7n * ONE, t + 20n * WEEK, t);
      expect(await lockOf(alice.address)).to.deep.equal(second);
      expect(await escrow.balanceOf(alice.address)).to.equal(scoreAt(second, t));
      expect(await escrow.totalSupply()).to.equal(scoreAt(second, t));
    });

    it("test_RevertWhen_CreateLockZeroAmount", async function () {
      await expect(escrow.connect(alice).createLock(0n, W + 10n * WEEK)).to.be.revertedWithCustomError(
        escrow,
        "VotingEscrowZeroAmount",
      );
    });

    it("test_RevertWhen_CreateLockAmountTooLarge", async function () {
      await expect(escrow.connect(alice).createLock(MAX_AMOUNT + 1n, W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAmountTooLarge")
        .withArgs(MAX_AMOUNT + 1n, MAX_AMOUNT);
    });

    it("test_RevertWhen_CreateLockTooShort", async function () {
      const t = W + 500n;
      await at(t);
      await expect(escrow.connect(alice).createLock(ONE, t - 1000n))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(epochStart(t - 1000n), t + MIN_LOCK);
      // Later than now + MIN_LOCK, but rounds down onto a week boundary before it.
      await at(t);
      await expect(escrow.connect(alice).createLock(ONE, W + MIN_LOCK + WEEK - 1n))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(W + MIN_LOCK, t + MIN_LOCK);
      // The first week boundary at or after now + MIN_LOCK is the shortest lock.
      await at(t);
      await escrow.connect(alice).createLock(ONE, W + MIN_LOCK + WEEK);
      expect((await lockOf(alice.address)).end).to.equal(W + MIN_LOCK + WEEK);
    });

    it("test_RevertWhen_CreateLockUnlockTooLate", async function () {
      const t = W + 500n;
      const unlockTime = epochStart(t + MAX_LOCK) + WEEK;
      await at(t);
      await expect(escrow.connect(alice).createLock(ONE, unlockTime))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowUnlockTooLate")
        .withArgs(unlockTime, t + MAX_LOCK);
    });

    it("test_RevertWhen_CreateLockWithExistingLock", async function () {
      const lock = await lockAt(alice, ONE, W + 6n * WEEK, W + 1n);
      await expect(escrow.connect(alice).createLock(ONE, W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExists")
        .withArgs(alice.address);
      // Even once it has expired, until it is withdrawn.
      await time.increaseTo(lock.end + WEEK);
      await expect(escrow.connect(alice).createLock(ONE, lock.end + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExists")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_CreateLockWithoutAllowance", async function () {
      await expect(escrow.connect(eve).createLock(ONE, W + 10n * WEEK))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(escrowAddress, 0n, ONE);
    });
  });

  describe("setLockCreator", function () {
    it("test_SetLockCreator_AllowsAndRevokes", async function () {
      expect(await escrow.isLockCreator(carol.address, bob.address)).to.equal(false);
      await expect(escrow.connect(carol).setLockCreator(bob.address, true))
        .to.emit(escrow, "LockCreatorSet")
        .withArgs(carol.address, bob.address, true);
      expect(await escrow.isLockCreator(carol.address, bob.address)).to.equal(true);
      // Consent is per account and per creator.
      expect(await escrow.isLockCreator(bob.address, carol.address)).to.equal(false);
      expect(await escrow.isLockCreator(carol.address, dave.address)).to.equal(false);
      await expect(escrow.connect(carol).setLockCreator(bob.address, false))
        .to.emit(escrow, "LockCreatorSet")
        .withArgs(carol.address, bob.address, false);
      expect(await escrow.isLockCreator(carol.address, bob.address)).to.equal(false);
    });

    it("test_RevertWhen_SetLockCreatorZeroAddress", async function () {
      await expect(escrow.connect(carol).setLockCreator(ethers.ZeroAddress, true))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowInvalidAccount")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("createLockFor", function () {
    beforeEach(async function () {
      await escrow.connect(carol).setLockCreator(bob.address, true);
      await escrow.connect(f.others[0]).setLockCreator(alice.address, true);
    });

    it("test_RevertWhen_CreateLockForWithoutConsent", async function () {
      await expect(escrow.connect(dave).createLockFor(carol.address, ONE, W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockCreatorNotAllowed")
        .withArgs(carol.address, dave.address);
      // A revoked creator is refused again.
      await escrow.connect(carol).setLockCreator(bob.address, false);
      await expect(escrow.connect(bob).createLockFor(carol.address, ONE, W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockCreatorNotAllowed")
        .withArgs(carol.address, bob.address);
    });

    it("test_CreateLockFor_OwnAccountNeedsNoConsent", async function () {
      await escrow.connect(dave).createLockFor(dave.address, ONE, W + 10n * WEEK);
      expect((await lockOf(dave.address)).amount).to.equal(ONE);
    });

    it("test_CreateLockFor_IsFundedByTheCaller", async function () {
      const t = W + 42n;
      const amount = 333n * ONE + 1n;
      const unlockTime = t + 40n * WEEK;
      const lock = { amount, end: epochStart(unlockTime), autoMax: false };
      const score = scoreAt(lock, t);

      await at(t);
      const tx = await escrow.connect(bob).createLockFor(carol.address, amount, unlockTime);
      await expect(tx).to.emit(escrow, "LockCreated").withArgs(carol.address, bob.address, amount, lock.end);
      await expect(tx).to.emit(escrow, "DelegateVotesChanged").withArgs(carol.address, 0n, score);
      await expect(tx).to.changeTokenBalances(ethers, token, [bob, carol, escrow], [-amount, 0n, amount]);

      expect(await lockOf(carol.address)).to.deep.equal(lock);
      expect(await lockOf(bob.address)).to.deep.equal(NO_LOCK);
      expect(await escrow.balanceOf(carol.address)).to.equal(score);
      expect(await escrow.balanceOf(bob.address)).to.equal(0n);
      expect(await escrow.getVotes(carol.address)).to.equal(score);
    });

    it("test_CreateLockFor_AnAccountWithoutTokens", async function () {
      const [stranger] = f.others;
      const t = W + 1n;
      await at(t);
      await escrow.connect(alice).createLockFor(stranger.address, 5n * ONE, t + 10n * WEEK);
      expect(await token.balanceOf(stranger.address)).to.equal(0n);
      expect((await lockOf(stranger.address)).amount).to.equal(5n * ONE);
    });

    it("test_CreateLockFor_CreditsTheAccountsDelegatee", async function () {
      await escrow.connect(carol).delegate(dave.address);
      const t = W + 9n;
      const lock = { amount: 50n * ONE, end: t + 10n * WEEK - 9n, autoMax: false };
      await at(t);
      const tx = await escrow.connect(bob).createLockFor(carol.address, lock.amount, lock.end);
      await expect(tx).to.emit(escrow, "DelegateVotesChanged").withArgs(dave.address, 0n, scoreAt(lock, t));
      expect(await escrow.getVotes(dave.address)).to.equal(scoreAt(lock, t));
      expect(await escrow.getVotes(carol.address)).to.equal(0n);
    });

    it("test_RevertWhen_CreateLockForZeroAddress", async function () {
      // The zero address can never have allowed a creator.
      await expect(escrow.connect(bob).createLockFor(ethers.ZeroAddress, ONE, W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockCreatorNotAllowed")
        .withArgs(ethers.ZeroAddress, bob.address);
    });

    it("test_RevertWhen_CreateLockForZeroAmount", async function () {
      await expect(escrow.connect(bob).createLockFor(carol.address, 0n, W + 10n * WEEK)).to.be.revertedWithCustomError(
        escrow,
        "VotingEscrowZeroAmount",
      );
    });

    it("test_RevertWhen_CreateLockForAmountTooLarge", async function () {
      await expect(escrow.connect(bob).createLockFor(carol.address, MAX_AMOUNT + 1n, W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAmountTooLarge")
        .withArgs(MAX_AMOUNT + 1n, MAX_AMOUNT);
    });

    it("test_RevertWhen_CreateLockForAccountWithLock", async function () {
      await lockAt(carol, ONE, W + 5n * WEEK, W + 1n);
      await expect(escrow.connect(bob).createLockFor(carol.address, ONE, W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExists")
        .withArgs(carol.address);
    });

    it("test_RevertWhen_CreateLockForUnlockTimeOutOfRange", async function () {
      const t = W + 3n;
      await at(t);
      await expect(escrow.connect(bob).createLockFor(carol.address, ONE, t))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(W, t + MIN_LOCK);
      await at(t);
      await expect(escrow.connect(bob).createLockFor(carol.address, ONE, W + MAX_LOCK + WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowUnlockTooLate")
        .withArgs(W + MAX_LOCK + WEEK, t + MAX_LOCK);
    });
  });

  describe("createLockWithPermit", function () {
    it("test_CreateLockWithPermit_LocksWithoutApprove", async function () {
      const amount = 1_234n * ONE;
      const t = W + 100n;
      const deadline = t + 3600n;
      const unlockTime = t + 26n * WEEK;
      const sig = await signPermit(eve, eve.address, escrowAddress, amount, deadline);
      expect(await token.allowance(eve.address, escrowAddress)).to.equal(0n);

      await at(t);
      const tx = await escrow.connect(eve).createLockWithPermit(amount, unlockTime, deadline, sig.v, sig.r, sig.s);
      await expect(tx)
        .to.emit(escrow, "LockCreated")
        .withArgs(eve.address, eve.address, amount, epochStart(unlockTime));
      await expect(tx).to.changeTokenBalances(ethers, token, [eve, escrow], [-amount, amount]);
      expect(await token.nonces(eve.address)).to.equal(1n);
      expect(await token.allowance(eve.address, escrowAddress)).to.equal(0n);
      expect(await lockOf(eve.address)).to.deep.equal({ amount, end: epochStart(unlockTime), autoMax: false });
    });

    it("test_CreateLockWithPermit_DeadlineEqualToNowIsAccepted", async function () {
      const t = W + 100n;
      const sig = await signPermit(eve, eve.address, escrowAddress, ONE, t);
      await at(t);
      await expect(escrow.connect(eve).createLockWithPermit(ONE, t + 10n * WEEK, t, sig.v, sig.r, sig.s)).to.emit(
        escrow,
        "LockCreated",
      );
    });

    it("test_CreateLockWithPermit_SucceedsWhenThePermitWasFrontRun", async function () {
      const amount = 500n * ONE;
      const deadline = W + WEEK;
      const sig = await signPermit(eve, eve.address, escrowAddress, amount, deadline);
      // Someone copies the permit from the mempool and submits it first.
      await token.connect(bob).permit(eve.address, escrowAddress, amount, deadline, sig.v, sig.r, sig.s);
      expect(await token.allowance(eve.address, escrowAddress)).to.equal(amount);

      const t = W + 10n;
      await at(t);
      const tx = await escrow.connect(eve).createLockWithPermit(amount, t + 8n * WEEK, deadline, sig.v, sig.r, sig.s);
      await expect(tx)
        .to.emit(escrow, "LockCreated")
        .withArgs(eve.address, eve.address, amount, epochStart(t + 8n * WEEK));
      await expect(tx).to.changeTokenBalances(ethers, token, [eve, escrow], [-amount, amount]);
    });

    it("test_RevertWhen_PermitSignedForAnotherSpender", async function () {
      const amount = 10n * ONE;
      const deadline = W + WEEK;
      const sig = await signPermit(eve, eve.address, bob.address, amount, deadline);
      await expect(escrow.connect(eve).createLockWithPermit(amount, W + 10n * WEEK, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowPermitFailed")
        .withArgs(eve.address, amount);
    });

    it("test_RevertWhen_PermitSignedByAnotherKey", async function () {
      const amount = 10n * ONE;
      const deadline = W + WEEK;
      const sig = await signPermit(alice, eve.address, escrowAddress, amount, deadline);
      await expect(escrow.connect(eve).createLockWithPermit(amount, W + 10n * WEEK, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowPermitFailed")
        .withArgs(eve.address, amount);
    });

    it("test_RevertWhen_PermitForASmallerAmount", async function () {
      const amount = 10n * ONE;
      const deadline = W + WEEK;
      const sig = await signPermit(eve, eve.address, escrowAddress, amount - 1n, deadline);
      await expect(escrow.connect(eve).createLockWithPermit(amount, W + 10n * WEEK, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowPermitFailed")
        .withArgs(eve.address, amount);
    });

    it("test_RevertWhen_PermitUsedByAnotherAccount", async function () {
      // Bob submits Eve's permit as his own: it cannot grant Bob's allowance.
      const amount = 10n * ONE;
      const deadline = W + WEEK;
      await token.connect(bob).approve(escrowAddress, 0n);
      const sig = await signPermit(eve, eve.address, escrowAddress, amount, deadline);
      await expect(escrow.connect(bob).createLockWithPermit(amount, W + 10n * WEEK, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowPermitFailed")
        .withArgs(bob.address, amount);
    });

    it("test_RevertWhen_PermitExpired", async function () {
      const t = W + 100n;
      const deadline = t - 1n;
      const sig = await signPermit(eve, eve.address, escrowAddress, ONE, deadline);
      await at(t);
      await expect(escrow.connect(eve).createLockWithPermit(ONE, t + 10n * WEEK, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowPermitExpired")
        .withArgs(deadline);
    });

    it("test_RevertWhen_CreateLockWithPermitAndExistingLock", async function () {
      await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      const sig = await signPermit(alice, alice.address, escrowAddress, ONE, W + WEEK);
      await expect(escrow.connect(alice).createLockWithPermit(ONE, W + 10n * WEEK, W + WEEK, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExists")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_CreateLockWithPermitZeroAmount", async function () {
      const sig = await signPermit(eve, eve.address, escrowAddress, 0n, W + WEEK);
      await expect(
        escrow.connect(eve).createLockWithPermit(0n, W + 10n * WEEK, W + WEEK, sig.v, sig.r, sig.s),
      ).to.be.revertedWithCustomError(escrow, "VotingEscrowZeroAmount");
    });
  });

  describe("increaseAmount", function () {
    it("test_IncreaseAmount_AddsTokensAndKeepsEnd", async function () {
      const t0 = W + 5n;
      const before = await lockAt(alice, 100n * ONE + 3n, t0 + 20n * WEEK, t0);
      const t1 = t0 + 3n * WEEK + 17n;
      const added = 50n * ONE + 11n;
      const after = { ...before, amount: before.amount + added };
      expect(slopeOf(after.amount)).to.not.equal(slopeOf(before.amount));

      await at(t1);
      const tx = await escrow.connect(alice).increaseAmount(added);
      await expect(tx).to.emit(escrow, "LockIncreased").withArgs(alice.address, alice.address, added, after.amount);
      await expect(tx)
        .to.emit(escrow, "DelegateVotesChanged")
        .withArgs(alice.address, scoreAt(before, t1), scoreAt(after, t1));
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, escrow], [-added, added]);

      expect(await lockOf(alice.address)).to.deep.equal(after);
      expect(await escrow.balanceOf(alice.address)).to.equal(scoreAt(after, t1));
      expect(await escrow.balanceOfAt(alice.address, t1 - 1n)).to.equal(scoreAt(before, t1 - 1n));
      expect(await escrow.balanceOfAt(alice.address, t0)).to.equal(scoreAt(before, t0));
      expect(await escrow.totalSupplyAt(after.end - 1n)).to.equal(scoreAt(after, after.end - 1n));
    });

    it("test_IncreaseAmount_WithAutoMaxKeepsTheScoreAtMax", async function () {
      await lockAt(alice, 100n * ONE, W + 20n * WEEK, W + 1n);
      await escrow.connect(alice).setAutoMax(true);
      const added = 10n * ONE;
      const after = { amount: 110n * ONE, end: 0n, autoMax: true };
      await escrow.connect(alice).increaseAmount(added);
      expect(await lockOf(alice.address)).to.deep.equal(after);
      expect(await escrow.balanceOf(alice.address)).to.equal(after.amount + slopeOf(after.amount) * MAX_LOCK);
    });

    it("test_RevertWhen_IncreaseAmountZero", async function () {
      await lockAt(alice, ONE, W + 20n * WEEK, W + 1n);
      await expect(escrow.connect(alice).increaseAmount(0n)).to.be.revertedWithCustomError(
        escrow,
        "VotingEscrowZeroAmount",
      );
    });

    it("test_RevertWhen_IncreaseAmountWithoutLock", async function () {
      await expect(escrow.connect(alice).increaseAmount(ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_IncreaseAmountOfExpiredLock", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await at(lock.end);
      await expect(escrow.connect(alice).increaseAmount(ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExpired")
        .withArgs(alice.address, lock.end);
    });

    it("test_RevertWhen_IncreaseAmountAfterWithdraw", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await at(lock.end);
      await escrow.connect(alice).withdraw();
      await expect(escrow.connect(alice).increaseAmount(ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_IncreaseAmountTooLarge", async function () {
      await lockAt(alice, ONE, W + 20n * WEEK, W + 1n);
      await expect(escrow.connect(alice).increaseAmount(MAX_AMOUNT))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAmountTooLarge")
        .withArgs(MAX_AMOUNT + ONE, MAX_AMOUNT);
    });
  });

  describe("depositFor", function () {
    it("test_DepositFor_IsFundedByTheCallerAndKeepsEnd", async function () {
      const t0 = W + 5n;
      const before = await lockAt(alice, 100n * ONE, t0 + 30n * WEEK, t0);
      const t1 = t0 + 2n * WEEK;
      const added = 25n * ONE + 1n;
      const after = { ...before, amount: before.amount + added };

      await at(t1);
      const tx = await escrow.connect(bob).depositFor(alice.address, added);
      await expect(tx).to.emit(escrow, "LockIncreased").withArgs(alice.address, bob.address, added, after.amount);
      await expect(tx)
        .to.emit(escrow, "DelegateVotesChanged")
        .withArgs(alice.address, scoreAt(before, t1), scoreAt(after, t1));
      await expect(tx).to.changeTokenBalances(ethers, token, [bob, alice, escrow], [-added, 0n, added]);
      expect(await lockOf(alice.address)).to.deep.equal(after);
      expect(await lockOf(bob.address)).to.deep.equal(NO_LOCK);
      expect(await escrow.balanceOf(alice.address)).to.equal(scoreAt(after, t1));
    });

    it("test_DepositFor_UpdatesTheDelegateesVotes", async function () {
      const t0 = W + 5n;
      const before = await lockAt(alice, 100n * ONE, t0 + 30n * WEEK, t0);
      const cLock = await lockAt(carol, 40n * ONE, t0 + 10n * WEEK, t0 + 1n);
      await at(t0 + 2n);
      await escrow.connect(alice).delegate(carol.address);
      const t1 = t0 + 3n;
      const after = { ...before, amount: before.amount + ONE };
      await at(t1);
      const receipt = await mined(escrow.connect(bob).depositFor(alice.address, ONE));
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [carol.address, scoreAt(cLock, t1) + scoreAt(before, t1), scoreAt(cLock, t1) + scoreAt(after, t1)],
      ]);
      expect(await escrow.getVotes(carol.address)).to.equal(scoreAt(cLock, t1) + scoreAt(after, t1));
      expect(await escrow.getVotes(alice.address)).to.equal(0n);
    });

    it("test_RevertWhen_DepositForZeroAmount", async function () {
      await lockAt(alice, ONE, W + 20n * WEEK, W + 1n);
      await expect(escrow.connect(bob).depositFor(alice.address, 0n)).to.be.revertedWithCustomError(
        escrow,
        "VotingEscrowZeroAmount",
      );
    });

    it("test_RevertWhen_DepositForAccountWithoutLock", async function () {
      await expect(escrow.connect(bob).depositFor(carol.address, ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
        .withArgs(carol.address);
      await expect(escrow.connect(bob).depositFor(ethers.ZeroAddress, ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
        .withArgs(ethers.ZeroAddress);
    });

    it("test_RevertWhen_DepositForExpiredLock", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await at(lock.end + 1n);
      await expect(escrow.connect(bob).depositFor(alice.address, ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExpired")
        .withArgs(alice.address, lock.end);
    });

    it("test_RevertWhen_DepositForAmountTooLarge", async function () {
      await lockAt(alice, 2n * ONE, W + 20n * WEEK, W + 1n);
      await expect(escrow.connect(bob).depositFor(alice.address, MAX_AMOUNT - ONE))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAmountTooLarge")
        .withArgs(MAX_AMOUNT + ONE, MAX_AMOUNT);
    });
  });

  describe("increaseUnlockTime", function () {
    it("test_IncreaseUnlockTime_MovesEndAndRecomputesScore", async function () {
      const t0 = W + 5n;
      const before = await lockAt(alice, 100n * ONE + 5n, t0 + 10n * WEEK, t0);
      const t1 = t0 + WEEK + 9n;
      const unlockTime = t1 + 40n * WEEK + 1234n;
      const after = { ...before, end: epochStart(unlockTime) };

      await at(t1);
      const tx = await escrow.connect(alice).increaseUnlockTime(unlockTime);
      await expect(tx).to.emit(escrow, "LockExtended").withArgs(alice.address, before.end, after.end);
      await expect(tx)
        .to.emit(escrow, "DelegateVotesChanged")
        .withArgs(alice.address, scoreAt(before, t1), scoreAt(after, t1));
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, escrow], [0n, 0n]);
      expect(await lockOf(alice.address)).to.deep.equal(after);
      expect(await escrow.balanceOf(alice.address)).to.equal(scoreAt(after, t1));
      expect(await escrow.balanceOfAt(alice.address, t1 - 1n)).to.equal(scoreAt(before, t1 - 1n));
      // The old end no longer removes anything from the total; the new one does.
      expect(await escrow.totalSupplyAt(before.end)).to.equal(scoreAt(after, before.end));
      expect(await escrow.totalSupplyAt(after.end)).to.equal(0n);
    });

    it("test_RevertWhen_IncreaseUnlockTimeWithoutLock", async function () {
      await expect(escrow.connect(alice).increaseUnlockTime(W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_IncreaseUnlockTimeOfExpiredLock", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await at(lock.end);
      await expect(escrow.connect(alice).increaseUnlockTime(lock.end + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExpired")
        .withArgs(alice.address, lock.end);
    });

    it("test_RevertWhen_IncreaseUnlockTimeWithAutoMax", async function () {
      await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await escrow.connect(alice).setAutoMax(true);
      await expect(escrow.connect(alice).increaseUnlockTime(W + 10n * WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAutoMaxEnabled")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_IncreaseUnlockTimeNotLater", async function () {
      const lock = await lockAt(alice, ONE, W + 10n * WEEK, W + 1n);
      // Same week after rounding down.
      await expect(escrow.connect(alice).increaseUnlockTime(lock.end + WEEK - 1n))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowUnlockTimeNotIncreased")
        .withArgs(lock.end, lock.end);
      await expect(escrow.connect(alice).increaseUnlockTime(lock.end - WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowUnlockTimeNotIncreased")
        .withArgs(lock.end - WEEK, lock.end);
    });

    it("test_RevertWhen_IncreaseUnlockTimeTooLate", async function () {
      await lockAt(alice, ONE, W + 10n * WEEK, W + 1n);
      const t = W + 100n;
      const unlockTime = epochStart(t + MAX_LOCK) + WEEK;
      await at(t);
      await expect(escrow.connect(alice).increaseUnlockTime(unlockTime))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowUnlockTooLate")
        .withArgs(unlockTime, t + MAX_LOCK);
    });

    it("test_RevertWhen_IncreaseUnlockTimeTooShort", async function () {
      // Later than the current end but within MIN_LOCK of now: still short-term voting power.
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      const t = lock.end - 2n * WEEK;
      await at(t);
      await expect(escrow.connect(alice).increaseUnlockTime(lock.end + WEEK))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockTooShort")
        .withArgs(lock.end + WEEK, t + MIN_LOCK);
      await at(t + 1n);
      await escrow.connect(alice).increaseUnlockTime(lock.end + 3n * WEEK);
      expect((await lockOf(alice.address)).end).to.equal(lock.end + 3n * WEEK);
    });
  });

  describe("setAutoMax", function () {
    it("test_SetAutoMax_OnHoldsTheMaximumScore", async function () {
      const t0 = W + 5n;
      const before = await lockAt(alice, 1_000n * ONE + 999n, t0 + 6n * WEEK, t0);
      const t1 = t0 + 100n;
      const after = { amount: before.amount, end: 0n, autoMax: true };
      const maxScore = before.amount + slopeOf(before.amount) * MAX_LOCK;
      expect(scoreAt(after, t1)).to.equal(maxScore);

      await at(t1);
      const tx = await escrow.connect(alice).setAutoMax(true);
      await expect(tx).to.emit(escrow, "AutoMaxSet").withArgs(alice.address, true, 0n);
      await expect(tx).to.emit(escrow, "DelegateVotesChanged").withArgs(alice.address, scoreAt(before, t1), maxScore);
      expect(await lockOf(alice.address)).to.deep.equal(after);

      // Constant forever, past its former end and beyond a year.
      for (const t of [t1, before.end, before.end + 1n, t1 + MAX_LOCK, t1 + 10n * MAX_LOCK]) {
        expect(await escrow.balanceOfAt(alice.address, t)).to.equal(maxScore);
        expect(await escrow.totalSupplyAt(t)).to.equal(maxScore);
      }
      await time.increaseTo(t1 + 2n * MAX_LOCK);
      expect(await escrow.balanceOf(alice.address)).to.equal(maxScore);
      expect(await escrow.totalSupply()).to.equal(maxScore);
      expect(await escrow.getVotes(alice.address)).to.equal(maxScore);
      // History before the switch is unchanged.
      expect(await escrow.balanceOfAt(alice.address, t1 - 1n)).to.equal(scoreAt(before, t1 - 1n));
      expect(await escrow.getPastTotalSupply(t1 - 1n)).to.equal(scoreAt(before, t1 - 1n));
    });

    it("test_SetAutoMax_OffStartsDecayFromAFullLock", async function () {
      const t0 = W + 5n;
      const start = await lockAt(alice, 700n * ONE + 1n, t0 + 6n * WEEK, t0);
      await escrow.connect(alice).setAutoMax(true);
      const maxScore = start.amount + slopeOf(start.amount) * MAX_LOCK;
      const t1 = t0 + 80n * WEEK + 4321n;
      const end = epochStart(t1 + MAX_LOCK);
      const after = { amount: start.amount, end, autoMax: false };

      await at(t1);
      const tx = await escrow.connect(alice).setAutoMax(false);
      await expect(tx).to.emit(escrow, "AutoMaxSet").withArgs(alice.address, false, end);
      await expect(tx).to.emit(escrow, "DelegateVotesChanged").withArgs(alice.address, maxScore, scoreAt(after, t1));
      expect(await lockOf(alice.address)).to.deep.equal(after);
      expect(await escrow.balanceOf(alice.address)).to.equal(scoreAt(after, t1));
      for (const t of [t1 + 1n, end - WEEK, end - 1n, end, end + 1n]) {
        expect(await escrow.balanceOfAt(alice.address, t)).to.equal(scoreAt(after, t));
        expect(await escrow.totalSupplyAt(t)).to.equal(scoreAt(after, t));
      }
      await at(end);
      await expect(escrow.connect(alice).withdraw()).to.emit(escrow, "Withdrawn").withArgs(alice.address, start.amount);
    });

    it("test_RevertWhen_SetAutoMaxWithoutLock", async function () {
      for (const enabled of [true, false]) {
        await expect(escrow.connect(alice).setAutoMax(enabled))
          .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
          .withArgs(alice.address);
      }
    });

    it("test_RevertWhen_SetAutoMaxUnchanged", async function () {
      await lockAt(alice, ONE, W + 10n * WEEK, W + 1n);
      await expect(escrow.connect(alice).setAutoMax(false))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAutoMaxUnchanged")
        .withArgs(alice.address, false);
      await escrow.connect(alice).setAutoMax(true);
      await expect(escrow.connect(alice).setAutoMax(true))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAutoMaxUnchanged")
        .withArgs(alice.address, true);
    });

    it("test_RevertWhen_SetAutoMaxOnExpiredLock", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await at(lock.end);
      await expect(escrow.connect(alice).setAutoMax(true))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockExpired")
        .withArgs(alice.address, lock.end);
    });
  });

  describe("withdraw", function () {
    it("test_Withdraw_ReturnsExactlyTheLockedAmount", async function () {
      const t0 = W + 5n;
      const lock = await lockAt(alice, 100n * ONE + 13n, t0 + 6n * WEEK, t0);
      await at(t0 + WEEK);
      await escrow.connect(bob).depositFor(alice.address, 7n * ONE + 1n);
      await at(t0 + WEEK + 1n);
      await escrow.connect(alice).increaseAmount(3n);
      const total = lock.amount + 7n * ONE + 1n + 3n;
      const aliceBefore = await token.balanceOf(alice.address);
      const escrowBefore = await token.balanceOf(escrowAddress);
      expect(escrowBefore).to.equal(total);

      await at(lock.end);
      const tx = await escrow.connect(alice).withdraw();
      await expect(tx).to.emit(escrow, "Withdrawn").withArgs(alice.address, total);
      await expect(tx).to.not.emit(escrow, "DelegateVotesChanged");
      expect((await token.balanceOf(alice.address)) - aliceBefore).to.equal(total);
      expect(escrowBefore - (await token.balanceOf(escrowAddress))).to.equal(total);
      expect(await token.balanceOf(alice.address)).to.equal(FUNDED_AMOUNT - lock.amount - 3n + total);
      expect(await lockOf(alice.address)).to.deep.equal(NO_LOCK);
      expect(await escrow.balanceOf(alice.address)).to.equal(0n);
      expect(await escrow.totalSupply()).to.equal(0n);
      // History is kept.
      expect(await escrow.balanceOfAt(alice.address, t0)).to.equal(scoreAt(lock, t0));
      expect(await escrow.getPastTotalSupply(t0)).to.equal(scoreAt(lock, t0));
    });

    it("test_Withdraw_LeavesOtherLocksAndTotalsIntact", async function () {
      const a = await lockAt(alice, 100n * ONE, W + 5n * WEEK, W + 1n);
      const b = await lockAt(bob, 300n * ONE, W + 30n * WEEK, W + 2n);
      const t = a.end + 50n;
      await at(t);
      await escrow.connect(alice).withdraw();
      expect(await escrow.totalSupply()).to.equal(scoreAt(b, t));
      expect(await token.balanceOf(escrowAddress)).to.equal(b.amount);
    });

    it("test_RevertWhen_WithdrawWithoutLock", async function () {
      await expect(escrow.connect(alice).withdraw())
        .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_WithdrawBeforeEnd", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await at(lock.end - 1n);
      await expect(escrow.connect(alice).withdraw())
        .to.be.revertedWithCustomError(escrow, "VotingEscrowLockNotExpired")
        .withArgs(alice.address, lock.end);
    });

    it("test_RevertWhen_WithdrawWithAutoMax", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await escrow.connect(alice).setAutoMax(true);
      await time.increaseTo(lock.end + MAX_LOCK);
      await expect(escrow.connect(alice).withdraw())
        .to.be.revertedWithCustomError(escrow, "VotingEscrowAutoMaxEnabled")
        .withArgs(alice.address);
    });

    it("test_RevertWhen_WithdrawTwice", async function () {
      const lock = await lockAt(alice, ONE, W + 5n * WEEK, W + 1n);
      await at(lock.end);
      await escrow.connect(alice).withdraw();
      await expect(escrow.connect(alice).withdraw())
        .to.be.revertedWithCustomError(escrow, "VotingEscrowNoLock")
        .withArgs(alice.address);
    });
  });

  // -----------------------------------------------------------------------------------------------
  // Delegation (IERC5805)
  // -----------------------------------------------------------------------------------------------

  describe("first DelegateChanged", function () {
    it("test_FirstLock_EmitsTheDefaultSelfDelegationFromZero", async function () {
      const receipt = await mined(escrow.connect(alice).createLock(ONE, W + 10n * WEEK));
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[alice.address, ethers.ZeroAddress, alice.address]]);
      // Only the first lock announces it: not an increase, nor a lock after a withdrawal.
      const receipt2 = await mined(escrow.connect(alice).increaseAmount(ONE));
      expect(eventArgs(receipt2, "DelegateChanged")).to.deep.equal([]);
      await time.increaseTo(W + 10n * WEEK);
      await escrow.connect(alice).withdraw();
      const receipt3 = await mined(escrow.connect(alice).createLock(ONE, W + 20n * WEEK));
      expect(eventArgs(receipt3, "DelegateChanged")).to.deep.equal([]);
    });

    it("test_FirstLockFor_EmitsTheAccountsDelegationFromZero", async function () {
      await escrow.connect(carol).setLockCreator(bob.address, true);
      const receipt = await mined(escrow.connect(bob).createLockFor(carol.address, ONE, W + 10n * WEEK));
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[carol.address, ethers.ZeroAddress, carol.address]]);
    });

    it("test_Delegate_AfterTheFirstLockComesFromTheCurrentDelegatee", async function () {
      await escrow.connect(alice).createLock(ONE, W + 10n * WEEK);
      await expect(escrow.connect(alice).delegate(bob.address))
        .to.emit(escrow, "DelegateChanged")
        .withArgs(alice.address, alice.address, bob.address);
    });
  });

  describe("delegate", function () {
    let a: LockState, b: LockState, c: LockState;

    beforeEach(async function () {
      a = await lockAt(alice, 1_000n * ONE + 1n, W + 20n * WEEK, W + 1n);
      b = await lockAt(bob, 400n * ONE + 2n, W + 40n * WEEK, W + 2n);
      c = await lockAt(carol, 250n * ONE + 3n, W + 10n * WEEK, W + 3n);
    });

    it("test_Delegate_MovesTheWholeScore", async function () {
      const t = W + 100n;
      await at(t);
      const receipt = await mined(escrow.connect(alice).delegate(bob.address));
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[alice.address, alice.address, bob.address]]);
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [alice.address, scoreAt(a, t), 0n],
        [bob.address, scoreAt(b, t), scoreAt(b, t) + scoreAt(a, t)],
      ]);
      expect(await escrow.delegates(alice.address)).to.equal(bob.address);
      expect(await escrow.getVotes(alice.address)).to.equal(0n);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a, t) + scoreAt(b, t));
      // The score itself stays with alice; only voting power moves.
      expect(await escrow.balanceOf(alice.address)).to.equal(scoreAt(a, t));
      expect(await escrow.totalSupply()).to.equal(scoreAt(a, t) + scoreAt(b, t) + scoreAt(c, t));
    });

    it("test_Delegate_CarriesFutureDecayAndExpiry", async function () {
      const t = W + 100n;
      await at(t);
      await escrow.connect(alice).delegate(bob.address);
      const checkpoints = [t + 1n, t + WEEK, a.end - 1n, a.end, a.end + 1n, c.end, b.end - 1n, b.end, b.end + WEEK];
      await time.increaseTo(b.end + 2n * WEEK);
      for (const x of checkpoints) {
        expect(await escrow.getPastVotes(bob.address, x), `bob at ${x}`).to.equal(scoreAt(a, x) + scoreAt(b, x));
        expect(await escrow.getPastVotes(alice.address, x), `alice at ${x}`).to.equal(0n);
        expect(await escrow.getPastVotes(carol.address, x), `carol at ${x}`).to.equal(scoreAt(c, x));
      }
      expect(await escrow.getVotes(bob.address)).to.equal(0n);
    });

    it("test_Delegate_ToSelfTakesItBack", async function () {
      const t1 = W + 100n;
      await at(t1);
      await escrow.connect(alice).delegate(bob.address);
      const t2 = W + 3n * WEEK + 7n;
      await at(t2);
      const receipt = await mined(escrow.connect(alice).delegate(alice.address));
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[alice.address, bob.address, alice.address]]);
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [bob.address, scoreAt(b, t2) + scoreAt(a, t2), scoreAt(b, t2)],
        [alice.address, 0n, scoreAt(a, t2)],
      ]);
      expect(await escrow.delegates(alice.address)).to.equal(alice.address);
      expect(await escrow.getVotes(alice.address)).to.equal(scoreAt(a, t2));
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(b, t2));
      await time.increaseTo(a.end + 1n);
      for (const x of [t1, t2 - 1n, t2, a.end - 1n, a.end]) {
        const delegated = x < t2 ? scoreAt(a, x) : 0n;
        expect(await escrow.getPastVotes(bob.address, x)).to.equal(scoreAt(b, x) + delegated);
        expect(await escrow.getPastVotes(alice.address, x)).to.equal(scoreAt(a, x) - delegated);
      }
    });

    it("test_Delegate_FromOneDelegateeToAnother", async function () {
      await at(W + 100n);
      await escrow.connect(alice).delegate(bob.address);
      const t = W + 200n;
      await at(t);
      const receipt = await mined(escrow.connect(alice).delegate(carol.address));
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[alice.address, bob.address, carol.address]]);
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [bob.address, scoreAt(b, t) + scoreAt(a, t), scoreAt(b, t)],
        [carol.address, scoreAt(c, t), scoreAt(c, t) + scoreAt(a, t)],
      ]);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(b, t));
      expect(await escrow.getVotes(carol.address)).to.equal(scoreAt(c, t) + scoreAt(a, t));
    });

    it("test_Delegate_IsNotTransitive", async function () {
      await at(W + 100n);
      await escrow.connect(alice).delegate(bob.address);
      const t = W + 200n;
      await at(t);
      const receipt = await mined(escrow.connect(bob).delegate(carol.address));
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [bob.address, scoreAt(a, t) + scoreAt(b, t), scoreAt(a, t)],
        [carol.address, scoreAt(c, t), scoreAt(c, t) + scoreAt(b, t)],
      ]);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a, t));
      expect(await escrow.getVotes(carol.address)).to.equal(scoreAt(b, t) + scoreAt(c, t));
    });

    it("test_Delegate_WithoutLockMovesNoVotesUntilALockExists", async function () {
      const t1 = W + 100n;
      await at(t1);
      const receipt = await mined(escrow.connect(dave).delegate(bob.address));
      // Dave's first DelegateChanged, as OpenZeppelin's Votes emits it: from address(0).
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[dave.address, ethers.ZeroAddress, bob.address]]);
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([]);
      const t2 = W + 200n;
      const d = { amount: 60n * ONE, end: W + 30n * WEEK, autoMax: false };
      await at(t2);
      const receipt2 = await mined(escrow.connect(dave).createLock(d.amount, d.end));
      // The delegation already showed, so the first lock does not announce one.
      expect(eventArgs(receipt2, "DelegateChanged")).to.deep.equal([]);
      expect(eventArgs(receipt2, "DelegateVotesChanged")).to.deep.equal([
        [bob.address, scoreAt(b, t2), scoreAt(b, t2) + scoreAt(d, t2)],
      ]);
      expect(await escrow.getVotes(dave.address)).to.equal(0n);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(b, t2) + scoreAt(d, t2));
    });

    it("test_Delegate_ExpiredLockMovesNoVotes", async function () {
      const t = c.end + 10n;
      await at(t);
      const receipt = await mined(escrow.connect(carol).delegate(bob.address));
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[carol.address, carol.address, bob.address]]);
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([]);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(b, t));
      // A new lock after withdrawing goes to the delegatee.
      await at(t + 1n);
      await escrow.connect(carol).withdraw();
      const c2 = await lockAt(carol, 5n * ONE, t + 10n * WEEK, t + 2n);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(b, t + 2n) + scoreAt(c2, t + 2n));
    });

    it("test_Delegate_LockChangesFollowTheDelegatee", async function () {
      await at(W + 100n);
      await escrow.connect(alice).delegate(bob.address);

      const t1 = W + 200n;
      const a1 = { ...a, amount: a.amount + 10n * ONE };
      await at(t1);
      let receipt = await mined(escrow.connect(alice).increaseAmount(10n * ONE));
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [bob.address, scoreAt(b, t1) + scoreAt(a, t1), scoreAt(b, t1) + scoreAt(a1, t1)],
      ]);

      const t2 = W + 300n;
      const a2 = { ...a1, end: W + 50n * WEEK };
      await at(t2);
      receipt = await mined(escrow.connect(alice).increaseUnlockTime(a2.end));
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [bob.address, scoreAt(b, t2) + scoreAt(a1, t2), scoreAt(b, t2) + scoreAt(a2, t2)],
      ]);

      const t3 = W + 400n;
      const a3 = { amount: a2.amount, end: 0n, autoMax: true };
      await at(t3);
      receipt = await mined(escrow.connect(alice).setAutoMax(true));
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [bob.address, scoreAt(b, t3) + scoreAt(a2, t3), scoreAt(b, t3) + scoreAt(a3, t3)],
      ]);

      const t4 = b.end + 5n * WEEK;
      await time.increaseTo(t4);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a3, t4));
      expect(await escrow.getPastVotes(bob.address, t2)).to.equal(scoreAt(b, t2) + scoreAt(a2, t2));
      expect(await escrow.getPastVotes(bob.address, t1)).to.equal(scoreAt(b, t1) + scoreAt(a1, t1));
      expect(await escrow.getPastVotes(bob.address, t3 - 1n)).to.equal(scoreAt(b, t3 - 1n) + scoreAt(a2, t3 - 1n));
    });

    it("test_Delegate_PastVotesUnchangedByLaterDelegation", async function () {
      const t1 = W + 1000n;
      await time.increaseTo(t1);
      const probes = [W + 1n, W + 2n, W + 3n, W + 500n, t1 - 1n];
      const before: bigint[] = [];
      for (const x of probes) {
        before.push(await escrow.getPastVotes(alice.address, x));
        before.push(await escrow.getPastVotes(bob.address, x));
      }
      await at(t1 + 1n);
      await escrow.connect(alice).delegate(bob.address);
      await at(t1 + 2n);
      await escrow.connect(bob).delegate(carol.address);
      await time.increaseTo(t1 + WEEK);
      const after: bigint[] = [];
      for (const x of probes) {
        after.push(await escrow.getPastVotes(alice.address, x));
        after.push(await escrow.getPastVotes(bob.address, x));
      }
      expect(after).to.deep.equal(before);
      expect(await escrow.getPastVotes(alice.address, W + 500n)).to.equal(scoreAt(a, W + 500n));
    });

    it("test_Delegate_ToCurrentDelegateeChangesNothing", async function () {
      const t = W + 100n;
      await at(t);
      // As OpenZeppelin's Votes: DelegateChanged(current, current), and no votes move.
      const again = escrow.connect(alice).delegate(alice.address);
      await expect(again).to.emit(escrow, "DelegateChanged").withArgs(alice.address, alice.address, alice.address);
      await expect(again).to.not.emit(escrow, "DelegateVotesChanged");
      await escrow.connect(alice).delegate(bob.address);
      const repeat = escrow.connect(alice).delegate(bob.address);
      await expect(repeat).to.emit(escrow, "DelegateChanged").withArgs(alice.address, bob.address, bob.address);
      await expect(repeat).to.not.emit(escrow, "DelegateVotesChanged");
      const now = await latest();
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a, now) + scoreAt(b, now));
      expect(await escrow.getVotes(alice.address)).to.equal(0n);
    });

    it("test_RevertWhen_DelegateToZeroAddress", async function () {
      await expect(escrow.connect(alice).delegate(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowInvalidAccount")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("delegateBySig", function () {
    let a: LockState;

    beforeEach(async function () {
      a = await lockAt(alice, 1_000n * ONE, W + 20n * WEEK, W + 1n);
    });

    it("test_DelegateBySig_DelegatesForTheSigner", async function () {
      const expiry = W + WEEK;
      const sig = await signDelegation(alice, bob.address, 0n, expiry);
      const t = W + 100n;
      await at(t);
      const receipt = await mined(escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s));
      expect(eventArgs(receipt, "DelegateChanged")).to.deep.equal([[alice.address, alice.address, bob.address]]);
      expect(eventArgs(receipt, "DelegateVotesChanged")).to.deep.equal([
        [alice.address, scoreAt(a, t), 0n],
        [bob.address, 0n, scoreAt(a, t)],
      ]);
      expect(await escrow.delegates(alice.address)).to.equal(bob.address);
      expect(await escrow.delegates(carol.address)).to.equal(carol.address);
      expect(await escrow.nonces(alice.address)).to.equal(1n);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a, t));
    });

    it("test_DelegateBySig_ExpiryEqualToNowIsAccepted", async function () {
      const t = W + 100n;
      const sig = await signDelegation(alice, bob.address, 0n, t);
      await at(t);
      await escrow.connect(carol).delegateBySig(bob.address, 0n, t, sig.v, sig.r, sig.s);
      expect(await escrow.delegates(alice.address)).to.equal(bob.address);
    });

    it("test_RevertWhen_DelegateBySigReplayed", async function () {
      const expiry = W + WEEK;
      const sig = await signDelegation(alice, bob.address, 0n, expiry);
      await escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s);
      await expect(escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "InvalidAccountNonce")
        .withArgs(alice.address, 1n);
    });

    it("test_RevertWhen_DelegateBySigWrongNonce", async function () {
      const expiry = W + WEEK;
      const sig = await signDelegation(alice, bob.address, 5n, expiry);
      await expect(escrow.connect(carol).delegateBySig(bob.address, 5n, expiry, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "InvalidAccountNonce")
        .withArgs(alice.address, 0n);
    });

    it("test_RevertWhen_DelegateBySigExpired", async function () {
      const t = W + 100n;
      const expiry = t - 1n;
      const sig = await signDelegation(alice, bob.address, 0n, expiry);
      await at(t);
      await expect(escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotesExpiredSignature")
        .withArgs(expiry);
    });

    it("test_DelegateBySig_OtherChainIdDoesNotDelegateForTheSigner", async function () {
      const expiry = W + WEEK;
      const sig = await signDelegation(alice, bob.address, 0n, expiry, { chainId: (await chainId()) + 1n });
      const receipt = await mined(escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s));
      // The signature recovers some unrelated address (with nonce 0), never alice.
      for (const [delegator] of eventArgs(receipt, "DelegateChanged")) expect(delegator).to.not.equal(alice.address);
      expect(await escrow.delegates(alice.address)).to.equal(alice.address);
      expect(await escrow.nonces(alice.address)).to.equal(0n);
      expect(await escrow.getVotes(bob.address)).to.equal(0n);
      expect(await escrow.getVotes(alice.address)).to.equal(scoreAt(a, await latest()));
    });

    it("test_DelegateBySig_OtherVerifyingContractDoesNotDelegateForTheSigner", async function () {
      const expiry = W + WEEK;
      const sig = await signDelegation(alice, bob.address, 0n, expiry, {
        verifyingContract: await token.getAddress(),
      });
      const receipt = await mined(escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s));
      for (const [delegator] of eventArgs(receipt, "DelegateChanged")) expect(delegator).to.not.equal(alice.address);
      expect(await escrow.delegates(alice.address)).to.equal(alice.address);
      expect(await escrow.nonces(alice.address)).to.equal(0n);
      expect(await escrow.getVotes(bob.address)).to.equal(0n);
    });

    it("test_DelegateBySig_TamperedDelegateeDoesNotDelegateForTheSigner", async function () {
      const expiry = W + WEEK;
      const sig = await signDelegation(alice, bob.address, 0n, expiry);
      await escrow.connect(carol).delegateBySig(dave.address, 0n, expiry, sig.v, sig.r, sig.s);
      expect(await escrow.delegates(alice.address)).to.equal(alice.address);
      expect(await escrow.getVotes(dave.address)).to.equal(0n);
    });

    it("test_RevertWhen_DelegateBySigToZeroAddress", async function () {
      const expiry = W + WEEK;
      const sig = await signDelegation(alice, ethers.ZeroAddress, 0n, expiry);
      await expect(escrow.connect(carol).delegateBySig(ethers.ZeroAddress, 0n, expiry, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "VotingEscrowInvalidAccount")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("delegates", function () {
    it("test_Delegates_DefaultsToSelf", async function () {
      for (const account of [alice, bob, f.others[0]]) {
        expect(await escrow.delegates(account.address)).to.equal(account.address);
      }
    });

    it("test_Delegates_ReturnsTheLatestDelegatee", async function () {
      await escrow.connect(alice).delegate(bob.address);
      expect(await escrow.delegates(alice.address)).to.equal(bob.address);
      await escrow.connect(alice).delegate(carol.address);
      expect(await escrow.delegates(alice.address)).to.equal(carol.address);
      await escrow.connect(alice).delegate(alice.address);
      expect(await escrow.delegates(alice.address)).to.equal(alice.address);
      expect(await escrow.delegates(bob.address)).to.equal(bob.address);
    });
  });

  describe("getVotes", function () {
    it("test_GetVotes_OwnScorePlusDelegatedScores", async function () {
      const a = await lockAt(alice, 100n * ONE, W + 10n * WEEK, W + 1n);
      const b = await lockAt(bob, 200n * ONE, W + 20n * WEEK, W + 2n);
      const c = await lockAt(carol, 300n * ONE, W + 30n * WEEK, W + 3n);
      await escrow.connect(carol).setAutoMax(true);
      const cMax = { amount: c.amount, end: 0n, autoMax: true };
      await escrow.connect(alice).delegate(bob.address);
      await escrow.connect(carol).delegate(bob.address);
      const t = W + 5n * WEEK;
      await time.increaseTo(t);
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a, t) + scoreAt(b, t) + scoreAt(cMax, t));
      expect(await escrow.getVotes(alice.address)).to.equal(0n);
      expect(await escrow.getVotes(carol.address)).to.equal(0n);
      expect(await escrow.getVotes(dave.address)).to.equal(0n);
      // Bob delegating away keeps what others delegated to him.
      await escrow.connect(bob).delegate(dave.address);
      const t2 = await latest();
      expect(await escrow.getVotes(bob.address)).to.equal(scoreAt(a, t2) + scoreAt(cMax, t2));
      expect(await escrow.getVotes(dave.address)).to.equal(scoreAt(b, t2));
    });
  });

  describe("getPastVotes", function () {
    it("test_GetPastVotes_ExactHistory", async function () {
      const a = await lockAt(alice, 100n * ONE + 1n, W + 10n * WEEK, W + 10n);
      const t1 = W + 3n * WEEK;
      const a1 = { ...a, amount: a.amount + 50n * ONE };
      await at(t1);
      await escrow.connect(alice).increaseAmount(50n * ONE);
      await time.increaseTo(a.end + WEEK);
      expect(await escrow.getPastVotes(alice.address, W)).to.equal(0n);
      expect(await escrow.getPastVotes(alice.address, W + 9n)).to.equal(0n);
      for (const x of [W + 10n, W + 11n, W + WEEK, t1 - 1n]) {
        expect(await escrow.getPastVotes(alice.address, x)).to.equal(scoreAt(a, x));
      }
      for (const x of [t1, t1 + 1n, a.end - 1n, a.end, a.end + 1n]) {
        expect(await escrow.getPastVotes(alice.address, x)).to.equal(scoreAt(a1, x));
      }
    });

    it("test_RevertWhen_GetPastVotesNotInThePast", async function () {
      const now = await latest();
      await expect(escrow.getPastVotes(alice.address, now))
        .to.be.revertedWithCustomError(escrow, "ERC5805FutureLookup")
        .withArgs(now, now);
      await expect(escrow.getPastVotes(alice.address, now + 1000n))
        .to.be.revertedWithCustomError(escrow, "ERC5805FutureLookup")
        .withArgs(now + 1000n, now);
      expect(await escrow.getPastVotes(alice.address, now - 1n)).to.equal(0n);
    });

    it("test_GetPastVotes_LongHistoriesOfLocksAndDelegations", async function () {
      // Enough entries per history (> 5) to exercise every branch of the lookups, checked against a model.
      const accounts = [alice, bob, carol].map((s) => s.address);
      const locks = new Map<string, [bigint, LockState][]>(accounts.map((a) => [a, []]));
      const delegations = new Map<string, [bigint, string][]>(accounts.map((a) => [a, []]));
      const stateAt = <T>(history: [bigint, T][], x: bigint, initial: T): T => {
        let state = initial;
        for (const [since, value] of history) if (since <= x) state = value;
        return state;
      };
      const votesAt = (who: string, x: bigint): bigint => {
        let votes = 0n;
        for (const a of accounts) {
          if (stateAt(delegations.get(a)!, x, a) === who) votes += scoreAt(stateAt(locks.get(a)!, x, NO_LOCK), x);
        }
        return votes;
      };
      const record = async (who: Signer, t: bigint) => locks.get(who.address)!.push([t, await lockOf(who.address)]);

      const times: bigint[] = [];
      const signers = [alice, bob, carol];
      for (let i = 0; i < 3; i++) {
        const t = W + BigInt(i) + 1n;
        await lockAt(signers[i], BigInt(1_000 - 300 * i) * ONE + BigInt(i), W + BigInt(10 * (i + 1)) * WEEK, t);
        await record(signers[i], t);
        times.push(t);
      }
      for (let i = 1; i <= 36; i++) {
        const t = W + BigInt(i) * 3_600n + 7n;
        const who = signers[i % 3];
        const to = signers[(i + Math.floor(i / 3)) % 3].address;
        await at(t);
        if (i % 4 === 0) {
          await escrow.connect(who).increaseAmount(BigInt(i) * ONE);
          await record(who, t);
        } else if (i % 7 === 0) {
          const current = await lockOf(who.address);
          await escrow.connect(who).increaseUnlockTime(current.end + WEEK);
          await record(who, t);
        } else if ((await escrow.delegates(who.address)) !== to) {
          await escrow.connect(who).delegate(to);
          delegations.get(who.address)!.push([t, to]);
        } else {
          await escrow.connect(who).depositFor(who.address, 1n);
          await record(who, t);
        }
        times.push(t);
      }
      for (const a of accounts) expect(delegations.get(a)!.length).to.be.gte(6);
      await time.increaseTo(W + 12n * WEEK);
      const probes = times.flatMap((t) => [t - 1n, t, t + 1n]).concat([W + 5n * WEEK, W + 10n * WEEK, W + 11n * WEEK]);
      for (const x of probes) {
        let sum = 0n;
        for (const a of accounts) {
          const expected = votesAt(a, x);
          expect(await escrow.getPastVotes(a, x), `votes of ${a} at ${x}`).to.equal(expected);
          expect(await escrow.balanceOfAt(a, x), `score of ${a} at ${x}`).to.equal(
            scoreAt(stateAt(locks.get(a)!, x, NO_LOCK), x),
          );
          sum += expected;
        }
        expect(await escrow.getPastTotalSupply(x), `total at ${x}`).to.equal(sum);
      }
    });
  });

  describe("getPastTotalSupply", function () {
    it("test_GetPastTotalSupply_EqualsTotalSupplyAtAndSumOfScores", async function () {
      const a = await lockAt(alice, 100n * ONE + 1n, W + 10n * WEEK, W + 10n);
      const b = await lockAt(bob, 900n * ONE + 2n, W + 52n * WEEK, W + 20n);
      await time.increaseTo(W + 60n * WEEK);
      for (const x of [W, W + 10n, W + 19n, W + 20n, W + WEEK, a.end - 1n, a.end, b.end - 1n, b.end]) {
        const expected = scoreAt(a, x) * (x >= W + 10n ? 1n : 0n) + scoreAt(b, x) * (x >= W + 20n ? 1n : 0n);
        expect(await escrow.getPastTotalSupply(x), `at ${x}`).to.equal(expected);
        expect(await escrow.totalSupplyAt(x), `at ${x}`).to.equal(expected);
      }
    });

    it("test_RevertWhen_GetPastTotalSupplyNotInThePast", async function () {
      const now = await latest();
      await expect(escrow.getPastTotalSupply(now))
        .to.be.revertedWithCustomError(escrow, "ERC5805FutureLookup")
        .withArgs(now, now);
      await expect(escrow.getPastTotalSupply(now + WEEK))
        .to.be.revertedWithCustomError(escrow, "ERC5805FutureLookup")
        .withArgs(now + WEEK, now);
    });
  });

  // -----------------------------------------------------------------------------------------------
  // Scores and totals
  // -----------------------------------------------------------------------------------------------

  describe("locked", function () {
    it("test_Locked_ReportsAmountEndAndAutoMax", async function () {
      expect(await lockOf(alice.address)).to.deep.equal(NO_LOCK);
      const lock = await lockAt(alice, 10n * ONE, W + 5n * WEEK, W + 1n);
      expect(await lockOf(alice.address)).to.deep.equal(lock);
      await escrow.connect(alice).setAutoMax(true);
      expect(await lockOf(alice.address)).to.deep.equal({ amount: lock.amount, end: 0n, autoMax: true });
      const t = W + 9n * WEEK + 3n;
      await at(t);
      await escrow.connect(alice).setAutoMax(false);
      const end = epochStart(t + MAX_LOCK);
      expect(await lockOf(alice.address)).to.deep.equal({ amount: lock.amount, end, autoMax: false });
      // Expired but not withdrawn: still reported.
      await time.increaseTo(end + WEEK);
      expect(await lockOf(alice.address)).to.deep.equal({ amount: lock.amount, end, autoMax: false });
      await escrow.connect(alice).withdraw();
      expect(await lockOf(alice.address)).to.deep.equal(NO_LOCK);
    });
  });

  describe("balanceOf", function () {
    it("test_BalanceOf_DecaysEverySecondToZeroAtEnd", async function () {
      const t0 = W + 3n;
      const lock = await lockAt(alice, 12_345n * ONE + 678n, t0 + 52n * WEEK, t0);
      expect(await escrow.balanceOf(alice.address)).to.equal(scoreAt(lock, t0));
      for (const t of [t0 + 1n, t0 + 2n, t0 + WEEK, lock.end - 1n, lock.end, lock.end + 1n]) {
        await time.increaseTo(t);
        const expected = t < lock.end ? lock.amount + (lock.amount / MAX_LOCK) * (lock.end - t) : 0n;
        expect(await escrow.balanceOf(alice.address), `at ${t}`).to.equal(expected);
      }
      expect(await escrow.balanceOf(bob.address)).to.equal(0n);
    });
  });

  describe("balanceOfAt", function () {
    it("test_BalanceOfAt_PastPresentAndFuture", async function () {
      const t0 = W + 50n;
      const lock = await lockAt(alice, 77n * ONE + 7n, t0 + 20n * WEEK, t0);
      expect(await escrow.balanceOfAt(alice.address, 0n)).to.equal(0n);
      expect(await escrow.balanceOfAt(alice.address, t0 - 1n)).to.equal(0n);
      for (const t of [
        t0,
        t0 + 1n,
        t0 + 10n * WEEK,
        lock.end - 1n,
        lock.end,
        lock.end + 1n,
        2n ** 48n,
        2n ** 256n - 1n,
      ]) {
        expect(await escrow.balanceOfAt(alice.address, t), `at ${t}`).to.equal(scoreAt(lock, t));
      }
    });

    it("test_BalanceOfAt_FarFutureOfAutoMaxIsMaxScore", async function () {
      await lockAt(alice, 77n * ONE, W + 20n * WEEK, W + 1n);
      await escrow.connect(alice).setAutoMax(true);
      const maxScore = 77n * ONE + slopeOf(77n * ONE) * MAX_LOCK;
      for (const t of [W + 100n * WEEK, 2n ** 48n - 1n, 2n ** 48n, 2n ** 256n - 1n]) {
        expect(await escrow.balanceOfAt(alice.address, t)).to.equal(maxScore);
      }
    });
  });

  describe("totalSupply", function () {
    it("test_TotalSupply_IsTheExactSumOfScores", async function () {
      const locks: [Signer, LockState][] = [];
      const amounts = [1n, 31_449_599n, 31_449_600n, 1_000n * ONE + 1n, 3_333_333n * ONE + 3n];
      const signers = [alice, bob, carol, dave, f.deployer];
      await token.connect(f.deployer).approve(escrowAddress, ethers.MaxUint256);
      for (let i = 0; i < amounts.length; i++) {
        const t = W + BigInt(i) * 1000n + 1n;
        locks.push([signers[i], await lockAt(signers[i], amounts[i], t + BigInt(5 + 11 * i) * WEEK, t)]);
      }
      await escrow.connect(carol).setAutoMax(true);
      locks[2][1] = { amount: amounts[2], end: 0n, autoMax: true };
      for (const t of [W + 5n * WEEK + 3n, W + 30n * WEEK, W + 60n * WEEK]) {
        await time.increaseTo(t);
        let sum = 0n;
        for (const [signer, lock] of locks) {
          expect(await escrow.balanceOf(signer.address)).to.equal(scoreAt(lock, t));
          sum += scoreAt(lock, t);
        }
        expect(await escrow.totalSupply(), `at ${t}`).to.equal(sum);
      }
    });
  });

  describe("totalSupplyAt", function () {
    it("test_TotalSupplyAt_HistoryAndProjectionStayExact", async function () {
      const a = await lockAt(alice, 500n * ONE + 5n, W + 12n * WEEK, W + 1n);
      const b = await lockAt(bob, 800n * ONE + 8n, W + 30n * WEEK, W + 2n);
      const t1 = W + 4n * WEEK + 11n;
      const b1 = { ...b, amount: b.amount + 100n * ONE };
      await at(t1);
      await escrow.connect(bob).increaseAmount(100n * ONE);
      const t2 = W + 6n * WEEK;
      const a2 = { ...a, end: W + 40n * WEEK };
      await at(t2);
      await escrow.connect(alice).increaseUnlockTime(a2.end);

      const history = (x: bigint): bigint => {
        const aState = x < W + 1n ? NO_LOCK : x < t2 ? a : a2;
        const bState = x < W + 2n ? NO_LOCK : x < t1 ? b : b1;
        return scoreAt(aState, x) + scoreAt(bState, x);
      };
      const probes = [W, W + 1n, W + 2n, W + WEEK, t1 - 1n, t1, t2 - 1n, t2, a.end, b.end - 1n, b.end, a2.end];
      // Future projections now, then the same timestamps once they are in the past.
      for (const x of probes) expect(await escrow.totalSupplyAt(x), `projected ${x}`).to.equal(history(x));
      await time.increaseTo(a2.end + 1n);
      for (const x of probes) {
        expect(await escrow.totalSupplyAt(x), `at ${x}`).to.equal(history(x));
        expect(await escrow.getPastTotalSupply(x), `past ${x}`).to.equal(history(x));
      }
      expect(await escrow.totalSupply()).to.equal(0n);
    });
  });

  // -----------------------------------------------------------------------------------------------
  // Levels
  // -----------------------------------------------------------------------------------------------

  describe("levelThresholds", function () {
    it("test_LevelThresholds_DefaultsFromTheSpec", async function () {
      expect(await escrow.levelThresholds()).to.deep.equal(DEFAULT_THRESHOLDS);
    });
  });

  describe("levelOf", function () {
    it("test_LevelOf_CountsReachedThresholds", async function () {
      expect(await escrow.levelOf(alice.address)).to.equal(0n);
      const t = W + 1n;
      const lock = await lockAt(alice, 60_000n * ONE, t + 52n * WEEK, t);
      const score = scoreAt(lock, t);
      expect(await escrow.levelOf(alice.address)).to.equal(levelFor(score, DEFAULT_THRESHOLDS));
      expect(await escrow.levelOf(alice.address)).to.equal(3n); // ~120k: at least 100k, below 250k
      await time.increaseTo(lock.end - 1n);
      expect(await escrow.levelOf(alice.address)).to.equal(levelFor(scoreAt(lock, lock.end - 1n), DEFAULT_THRESHOLDS));
      expect(await escrow.levelOf(alice.address)).to.equal(2n);
      await time.increaseTo(lock.end);
      expect(await escrow.levelOf(alice.address)).to.equal(0n);
    });

    it("test_LevelOf_TopLevelIsTen", async function () {
      await lockAt(alice, FUNDED_AMOUNT, W + 52n * WEEK, W + 1n);
      expect(await escrow.levelOf(alice.address)).to.equal(10n);
    });
  });

  describe("levelAt", function () {
    it("test_LevelAt_FollowsTheScoreAtTheTimestamp", async function () {
      const t0 = W + 1n;
      const lock = await lockAt(alice, 30_000n * ONE, t0 + 52n * WEEK, t0);
      expect(await escrow.levelAt(alice.address, t0 - 1n)).to.equal(0n);
      for (const t of [t0, t0 + 20n * WEEK, t0 + 40n * WEEK, lock.end - 1n, lock.end]) {
        expect(await escrow.levelAt(alice.address, t), `at ${t}`).to.equal(
          levelFor(scoreAt(lock, t), DEFAULT_THRESHOLDS),
        );
      }
      expect(await escrow.levelAt(alice.address, t0)).to.equal(2n); // ~60k
      expect(await escrow.levelAt(alice.address, lock.end - 1n)).to.equal(1n); // ~30k
    });
  });

  describe("setLevelThresholds", function () {
    const NEW = [1n, 2n, 3n, 10n, 100n, 1_000n, 9_000n, 20_000n, 30_000n, 40_000n].map((x) => x * ONE);

    it("test_SetLevelThresholds_ReplacesThresholdsAndLevels", async function () {
      const t0 = W + 1n;
      const lock = await lockAt(alice, 5_000n * ONE, t0 + 52n * WEEK, t0);
      expect(await escrow.levelOf(alice.address)).to.equal(0n);
      await expect(escrow.connect(admin).setLevelThresholds(NEW)).to.emit(escrow, "LevelThresholdsSet").withArgs(NEW);
      expect(await escrow.levelThresholds()).to.deep.equal(NEW);
      const now = await latest();
      expect(await escrow.levelOf(alice.address)).to.equal(levelFor(scoreAt(lock, now), NEW));
      expect(await escrow.levelOf(alice.address)).to.equal(7n); // just under 10k: at least 9k, below 20k
      // Past levels are measured against the current thresholds.
      expect(await escrow.levelAt(alice.address, t0)).to.equal(levelFor(scoreAt(lock, t0), NEW));
    });

    it("test_RevertWhen_SetLevelThresholdsNotAdmin", async function () {
      for (const caller of [alice, f.deployer]) {
        await expect(escrow.connect(caller).setLevelThresholds(NEW))
          .to.be.revertedWithCustomError(escrow, "VotingEscrowUnauthorized")
          .withArgs(caller.address);
      }
    });

    it("test_RevertWhen_SetLevelThresholdsWrongCount", async function () {
      for (const list of [[], NEW.slice(0, 9), [...NEW, 50_000n * ONE]]) {
        await expect(escrow.connect(admin).setLevelThresholds(list))
          .to.be.revertedWithCustomError(escrow, "VotingEscrowInvalidThresholdCount")
          .withArgs(list.length, 10n);
      }
    });

    it("test_RevertWhen_SetLevelThresholdsNotAscending", async function () {
      const zeroFirst = [0n, ...NEW.slice(1)];
      const equal = [...NEW];
      equal[3] = equal[2];
      const descendingLast = [...NEW];
      descendingLast[9] = NEW[8] - 1n;
      for (const [list, index] of [
        [zeroFirst, 0n],
        [equal, 3n],
        [descendingLast, 9n],
      ] as const) {
        await expect(escrow.connect(admin).setLevelThresholds(list))
          .to.be.revertedWithCustomError(escrow, "VotingEscrowThresholdsNotAscending")
          .withArgs(index);
      }
      expect(await escrow.levelThresholds()).to.deep.equal(DEFAULT_THRESHOLDS);
    });
  });
});
