import { expect } from "chai";
import { AbiCoder, keccak256 } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import type { DelegateRegistry } from "../../types/ethers-contracts/index.js";

const { ethers, networkHelpers } = await network.create();

const MAX_NAME = 64;
const MAX_STATEMENT = 1024;
const MAX_LINK = 256;

/** The digest the registry records: keccak256(abi.encode(name, statement, link)). */
const digestOf = (name: string, statement: string, link: string) =>
  keccak256(AbiCoder.defaultAbiCoder().encode(["string", "string", "string"], [name, statement, link]));

async function registryFixture({ ethers }: NetworkConnection) {
  const [alice, bob] = await ethers.getSigners();
  const registry = (await ethers.deployContract("DelegateRegistry")) as unknown as DelegateRegistry;
  return { registry, alice, bob };
}

describe("DelegateRegistry", function () {
  let f: Awaited<ReturnType<typeof registryFixture>>;
  let registry: DelegateRegistry;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(registryFixture);
    registry = f.registry;
  });

  describe("limits", function () {
    it("test_Constants_AreTheDocumentedLimits", async function () {
      expect(await registry.MAX_NAME_LENGTH()).to.equal(BigInt(MAX_NAME));
      expect(await registry.MAX_STATEMENT_LENGTH()).to.equal(BigInt(MAX_STATEMENT));
      expect(await registry.MAX_LINK_LENGTH()).to.equal(BigInt(MAX_LINK));
    });

    it("test_PublishStatement_AcceptsEveryFieldAtItsLimit", async function () {
      const name = "n".repeat(MAX_NAME);
      const statement = "s".repeat(MAX_STATEMENT);
      const link = "https://" + "l".repeat(MAX_LINK - 8);
      await expect(registry.connect(f.alice).publishStatement(name, statement, link))
        .to.emit(registry, "StatementPublished")
        .withArgs(f.alice.address, name, statement, link);
      expect((await registry.statementOf(f.alice.address)).digest).to.equal(digestOf(name, statement, link));
    });

    it("test_PublishStatement_CountsBytesNotCharacters", async function () {
      // "é" is two bytes of UTF-8: 32 of them fill the 64-byte name, 33 overflow it.
      await registry.connect(f.alice).publishStatement("é".repeat(32), "ok", "");
      await expect(registry.connect(f.alice).publishStatement("é".repeat(33), "ok", ""))
        .to.be.revertedWithCustomError(registry, "DelegateRegistryNameTooLong")
        .withArgs(66n, BigInt(MAX_NAME));
    });

    it("test_RevertWhen_NameIsEmpty", async function () {
      await expect(registry.connect(f.alice).publishStatement("", "statement", "")).to.be.revertedWithCustomError(
        registry,
        "DelegateRegistryNameEmpty",
      );
    });

    it("test_RevertWhen_NameIsTooLong", async function () {
      await expect(registry.connect(f.alice).publishStatement("n".repeat(MAX_NAME + 1), "statement", ""))
        .to.be.revertedWithCustomError(registry, "DelegateRegistryNameTooLong")
        .withArgs(BigInt(MAX_NAME + 1), BigInt(MAX_NAME));
    });

    it("test_RevertWhen_StatementIsEmpty", async function () {
      await expect(registry.connect(f.alice).publishStatement("Alice", "", "")).to.be.revertedWithCustomError(
        registry,
        "DelegateRegistryStatementEmpty",
      );
    });

    it("test_RevertWhen_StatementIsTooLong", async function () {
      await expect(registry.connect(f.alice).publishStatement("Alice", "s".repeat(MAX_STATEMENT + 1), ""))
        .to.be.revertedWithCustomError(registry, "DelegateRegistryStatementTooLong")
        .withArgs(BigInt(MAX_STATEMENT + 1), BigInt(MAX_STATEMENT));
    });

    it("test_RevertWhen_LinkIsTooLong", async function () {
      await expect(registry.connect(f.alice).publishStatement("Alice", "statement", "l".repeat(MAX_LINK + 1)))
        .to.be.revertedWithCustomError(registry, "DelegateRegistryLinkTooLong")
        .withArgs(BigInt(MAX_LINK + 1), BigInt(MAX_LINK));
    });
  });

  describe("publishing", function () {
    it("test_StatementOf_IsEmptyBeforeAnyStatement", async function () {
      const [digest, publishedAt, blockNumber] = await registry.statementOf(f.alice.address);
      expect([digest, publishedAt, blockNumber]).to.deep.equal([ethers.ZeroHash, 0n, 0n]);
      expect(await registry.hasStatement(f.alice.address)).to.equal(false);
    });

    it("test_PublishStatement_RecordsDigestTimeAndBlock", async function () {
      const tx = await registry.connect(f.alice).publishStatement("Alice", "I vote for a lean treasury.", "");
      await expect(tx)
        .to.emit(registry, "StatementPublished")
        .withArgs(f.alice.address, "Alice", "I vote for a lean treasury.", "");
      const receipt = (await tx.wait())!;
      const block = (await ethers.provider.getBlock(receipt.blockNumber))!;
      const [digest, publishedAt, blockNumber] = await registry.statementOf(f.alice.address);
      expect(digest).to.equal(digestOf("Alice", "I vote for a lean treasury.", ""));
      expect(publishedAt).to.equal(BigInt(block.timestamp));
      expect(blockNumber).to.equal(BigInt(receipt.blockNumber));
      expect(await registry.hasStatement(f.alice.address)).to.equal(true);
      expect(await registry.hasStatement(f.bob.address)).to.equal(false);
    });

    it("test_PublishStatement_ReplacesTheEarlierOne", async function () {
      await registry.connect(f.alice).publishStatement("Alice", "first", "");
      await networkHelpers.mine(3);
      const tx = await registry.connect(f.alice).publishStatement("Alice B.", "second", "https://forum.example/alice");
      const [digest, , blockNumber] = await registry.statementOf(f.alice.address);
      expect(digest).to.equal(digestOf("Alice B.", "second", "https://forum.example/alice"));
      expect(blockNumber).to.equal(BigInt((await tx.wait())!.blockNumber));
    });

    it("test_StatementDigest_MatchesTheRecordedDigest", async function () {
      expect(await registry.statementDigest("Alice", "text", "https://a.example")).to.equal(
        digestOf("Alice", "text", "https://a.example"),
      );
      // The fields are length-prefixed, so moving bytes between them changes the digest.
      expect(await registry.statementDigest("Alic", "etext", "")).to.not.equal(
        await registry.statementDigest("Alice", "text", ""),
      );
    });

    it("test_StatementEvent_IsFoundInTheRecordedBlock", async function () {
      await registry.connect(f.alice).publishStatement("Alice", "statement", "https://a.example");
      await registry.connect(f.bob).publishStatement("Bob", "other", "");
      const [digest, , blockNumber] = await registry.statementOf(f.alice.address);
      const logs = await registry.queryFilter(
        registry.filters.StatementPublished(f.alice.address),
        Number(blockNumber),
        Number(blockNumber),
      );
      expect(logs).to.have.length(1);
      const { name, statement, link } = logs[0].args;
      expect(digestOf(name, statement, link)).to.equal(digest);
    });
  });

  describe("clearing", function () {
    it("test_ClearStatement_RemovesTheRecord", async function () {
      await registry.connect(f.alice).publishStatement("Alice", "statement", "");
      await registry.connect(f.bob).publishStatement("Bob", "statement", "");
      await expect(registry.connect(f.alice).clearStatement())
        .to.emit(registry, "StatementCleared")
        .withArgs(f.alice.address);
      const [digest, publishedAt, blockNumber] = await registry.statementOf(f.alice.address);
      expect([digest, publishedAt, blockNumber]).to.deep.equal([ethers.ZeroHash, 0n, 0n]);
      expect(await registry.hasStatement(f.alice.address)).to.equal(false);
      expect(await registry.hasStatement(f.bob.address)).to.equal(true);
    });

    it("test_PublishStatement_AfterClearingRecordsAgain", async function () {
      await registry.connect(f.alice).publishStatement("Alice", "one", "");
      await registry.connect(f.alice).clearStatement();
      await registry.connect(f.alice).publishStatement("Alice", "two", "");
      expect((await registry.statementOf(f.alice.address)).digest).to.equal(digestOf("Alice", "two", ""));
    });

    it("test_RevertWhen_ClearingWithoutAStatement", async function () {
      await expect(registry.connect(f.alice).clearStatement())
        .to.be.revertedWithCustomError(registry, "DelegateRegistryNoStatement")
        .withArgs(f.alice.address);
    });

    it("test_RevertWhen_ClearingTwice", async function () {
      await registry.connect(f.alice).publishStatement("Alice", "statement", "");
      await registry.connect(f.alice).clearStatement();
      await expect(registry.connect(f.alice).clearStatement())
        .to.be.revertedWithCustomError(registry, "DelegateRegistryNoStatement")
        .withArgs(f.alice.address);
    });
  });
});
