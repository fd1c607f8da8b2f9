import { createRequire } from "node:module";

import { expect } from "chai";
import { Interface, type Signer, type TypedDataDomain } from "ethers";
import { network } from "hardhat";

import { signDelegation } from "../../scripts/lib/eip712.js";
import type { VotingEscrow } from "../../types/ethers-contracts/index.js";
import { deployEscrowFixture, type EscrowFixture } from "../helpers/escrowFixture.js";
import { MAX_LOCK, ONE } from "./helpers.js";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

// OpenZeppelin's own ABI of `Votes`: what Tally, OpenZeppelin's Governor tooling and indexers decode with.
const require = createRequire(import.meta.url);
const OZ_VOTES = new Interface(require("@openzeppelin/contracts/build/contracts/Votes.json").abi);

/** secp256k1's group order: `s` and `n - s` are both valid ECDSA signatures of the same message. */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

describe("Security: signatures and OpenZeppelin Votes compatibility", function () {
  let f: EscrowFixture;
  let escrow: VotingEscrow;

  const latest = async () => BigInt(await time.latest());

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(deployEscrowFixture);
    escrow = f.escrow;
  });

  /** Signs a delegation to `delegatee` for `target` (the escrow by default) or another domain. */
  const sign = (
    signer: Signer,
    delegatee: string,
    expiry: bigint,
    target: VotingEscrow = escrow,
    overrides: Partial<TypedDataDomain> = {},
  ) => signDelegation(target, signer, { delegatee, nonce: 0n, expiry }, overrides);

  /** The delegator of the DelegateChanged event in `tx`'s receipt. */
  async function delegatorOf(tx: { wait(): Promise<unknown> }): Promise<string> {
    const receipt = (await tx.wait()) as { logs: { topics: string[]; data: string }[] };
    for (const log of receipt.logs) {
      const parsed = escrow.interface.parseLog(log);
      if (parsed?.name === "DelegateChanged") return parsed.args.delegator as string;
    }
    throw new Error("no DelegateChanged event");
  }

  describe("delegateBySig replay and malleability", function () {
    let expiry: bigint;

    beforeEach(async function () {
      await escrow.connect(f.alice).createLock(1_000n * ONE, (await latest()) + MAX_LOCK);
      expiry = (await latest()) + 3600n;
    });

    it("test_RevertWhen_ADelegationSignatureIsReplayedOnTheSameContract", async function () {
      const { alice, bob, carol } = f;
      const sig = await sign(alice, bob.address, expiry);
      await escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s);
      expect(await escrow.delegates(alice.address)).to.equal(bob.address);
      await escrow.connect(alice).delegate(alice.address);
      await expect(escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(escrow, "InvalidAccountNonce")
        .withArgs(alice.address, 1n);
      expect(await escrow.delegates(alice.address)).to.equal(alice.address);
    });

    it("test_ADelegationSignedForAnotherChainDoesNotMoveTheVictimsVotes", async function () {
      const { alice, bob, carol } = f;
      const sig = await sign(alice, bob.address, expiry, escrow, { chainId: 1n });
      // Another domain recovers another (random) signer, never alice.
      const tx = await escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s);
      expect(await delegatorOf(tx)).to.not.equal(alice.address);
      expect(await escrow.delegates(alice.address)).to.equal(alice.address);
      expect(await escrow.getVotes(bob.address)).to.equal(0n);
      expect(await escrow.nonces(alice.address)).to.equal(0n);
    });

    it("test_ADelegationSignedForAnotherEscrowDoesNotMoveTheVictimsVotes", async function () {
      const { alice, bob, carol } = f;
      // A second escrow over the same token has the same EIP-712 name and version; only the address differs.
      const other = (await ethers.deployContract("VotingEscrow", [
        await f.token.getAddress(),
        f.admin.address,
      ])) as unknown as VotingEscrow;
      expect(await other.name()).to.equal(await escrow.name());
      await f.token.connect(alice).approve(await other.getAddress(), ethers.MaxUint256);
      await other.connect(alice).createLock(1_000n * ONE, (await latest()) + MAX_LOCK);
      const sig = await sign(alice, bob.address, expiry, other);

      const tx = await escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s);
      expect(await delegatorOf(tx)).to.not.equal(alice.address);
      expect(await escrow.delegates(alice.address)).to.equal(alice.address);
      expect(await escrow.getVotes(bob.address)).to.equal(0n);
    });

    it("test_RevertWhen_AHighSDelegationSignatureIsSubmitted", async function () {
      const { alice, bob, carol } = f;
      const sig = await sign(alice, bob.address, expiry);
      // The malleated twin (n - s, the other parity) recovers alice as well under plain ecrecover.
      const highS = SECP256K1_N - BigInt(sig.s);
      const flippedV = sig.v === 27 ? 28 : 27;
      const highSHex = ethers.toBeHex(highS, 32);
      await expect(escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, flippedV, sig.r, highSHex))
        .to.be.revertedWithCustomError(escrow, "ECDSAInvalidSignatureS")
        .withArgs(highSHex);
      await escrow.connect(carol).delegateBySig(bob.address, 0n, expiry, sig.v, sig.r, sig.s);
      expect(await escrow.delegates(alice.address)).to.equal(bob.address);
    });
  });

  describe("OpenZeppelin Votes ABI compatibility", function () {
    it("test_FirstLockEmitsDelegateChangedFromZero", async function () {
      const { alice } = f;
      const tx = await escrow.connect(alice).createLock(1_000n * ONE, (await latest()) + MAX_LOCK);
      const receipt = (await tx.wait())!;
      const events = receipt.logs
        .map((log) => {
          try {
            return OZ_VOTES.parseLog(log);
          } catch {
            return null;
          }
        })
        .filter((e) => e?.name === "DelegateChanged");
      expect(events.map((e) => [...e!.args])).to.deep.equal([[alice.address, ethers.ZeroAddress, alice.address]]);

      // Only the first: a later lock of the same account does not announce the default delegation again.
      const end = (await escrow.locked(alice.address))[1];
      await time.increaseTo(end);
      await escrow.connect(alice).withdraw();
      await expect(escrow.connect(alice).createLock(ONE, (await latest()) + MAX_LOCK)).not.to.emit(
        escrow,
        "DelegateChanged",
      );
    });

    it("test_FirstDelegationWithoutALockEmitsDelegateChangedFromZero", async function () {
      const { alice, bob } = f;
      await expect(escrow.connect(alice).delegate(bob.address))
        .to.emit(escrow, "DelegateChanged")
        .withArgs(alice.address, ethers.ZeroAddress, bob.address);
      // The explicit delegation was the first event, so the lock announces nothing more.
      await expect(escrow.connect(alice).createLock(ONE, (await latest()) + MAX_LOCK)).not.to.emit(
        escrow,
        "DelegateChanged",
      );
    });

    it("test_DelegatingToTheCurrentDelegateEmits", async function () {
      const { alice, bob } = f;
      await escrow.connect(alice).createLock(1_000n * ONE, (await latest()) + MAX_LOCK);
      await expect(escrow.connect(alice).delegate(alice.address))
        .to.emit(escrow, "DelegateChanged")
        .withArgs(alice.address, alice.address, alice.address);
      await escrow.connect(alice).delegate(bob.address);
      const again = escrow.connect(alice).delegate(bob.address);
      await expect(again).to.emit(escrow, "DelegateChanged").withArgs(alice.address, bob.address, bob.address);
      await expect(again).not.to.emit(escrow, "DelegateVotesChanged");
    });

    it("test_FutureLookupRevertsWithOpenZeppelinsError", async function () {
      const { alice } = f;
      await escrow.connect(alice).createLock(1_000n * ONE, (await latest()) + MAX_LOCK);
      const now = await latest();
      // The current second is refused like the future: it could still change within this second.
      for (const call of [
        () => escrow.getPastVotes.staticCall(alice.address, now + 1n),
        () => escrow.getPastTotalSupply.staticCall(now + 1n),
      ]) {
        let data: string | undefined;
        try {
          await call();
        } catch (error) {
          data = (error as { data?: string }).data;
        }
        const decoded = OZ_VOTES.parseError(data!);
        expect(decoded?.name).to.equal("ERC5805FutureLookup");
        expect(decoded!.args.timepoint).to.equal(now + 1n);
        // The call runs in the latest or the pending block, whichever the node uses for eth_call.
        expect(decoded!.args.clock).to.be.oneOf([now, now + 1n]);
      }
      // Once the second is over, it can be looked up.
      await time.increase(1);
      const votes = await escrow.getPastVotes(alice.address, now);
      expect(votes).to.equal(await escrow.balanceOfAt(alice.address, now));
      expect(votes).to.be.greaterThan(0n);
    });
  });
});
