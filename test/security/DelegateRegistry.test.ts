import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import type { DelegateRegistry } from "../../types/ethers-contracts/index.js";

const { networkHelpers } = await network.create();

const MAX_NAME = 64;
const MAX_STATEMENT = 1024;
const MAX_LINK = 256;
/** Statements the spammer publishes before the measured one (the history-spam tests' figure). */
const SPAM = 200;

const gasOf = async (tx: Promise<ContractTransactionResponse>) => (await (await tx).wait())!.gasUsed;

async function registryFixture({ ethers }: NetworkConnection) {
  const [victim, attacker, spammer, quiet] = await ethers.getSigners();
  const registry = (await ethers.deployContract("DelegateRegistry")) as unknown as DelegateRegistry;
  return { registry, victim, attacker, spammer, quiet };
}

describe("Security: delegate statements", function () {
  let f: Awaited<ReturnType<typeof registryFixture>>;
  let registry: DelegateRegistry;

  beforeEach(async function () {
    f = await networkHelpers.loadFixture(registryFixture);
    registry = f.registry;
  });

  it("test_RevertWhen_AnyFieldIsOverItsByteLimit", async function () {
    // The limits count bytes: a field of multi-byte characters cannot slip past a character count.
    const byteOver = (max: number) => "é".repeat(max / 2) + "x"; // max + 1 bytes, max / 2 + 1 characters
    const publish = registry.connect(f.attacker).publishStatement;
    await expect(publish(byteOver(MAX_NAME), "s", ""))
      .to.be.revertedWithCustomError(registry, "DelegateRegistryNameTooLong")
      .withArgs(MAX_NAME + 1, MAX_NAME);
    await expect(publish("n", byteOver(MAX_STATEMENT), ""))
      .to.be.revertedWithCustomError(registry, "DelegateRegistryStatementTooLong")
      .withArgs(MAX_STATEMENT + 1, MAX_STATEMENT);
    await expect(publish("n", "s", byteOver(MAX_LINK)))
      .to.be.revertedWithCustomError(registry, "DelegateRegistryLinkTooLong")
      .withArgs(MAX_LINK + 1, MAX_LINK);
    await expect(publish("", "s", "")).to.be.revertedWithCustomError(registry, "DelegateRegistryNameEmpty");
    await expect(publish("n", "", "")).to.be.revertedWithCustomError(registry, "DelegateRegistryStatementEmpty");
    expect(await registry.hasStatement(f.attacker.address)).to.equal(false);
  });

  it("test_RevertWhen_AnAccountClearsAnothersStatement", async function () {
    await registry.connect(f.victim).publishStatement("Victim", "I vote for a lean treasury.", "");
    const [digest] = await registry.statementOf(f.victim.address);
    // clearStatement takes no account: the attacker can only clear its own record, and it has none.
    await expect(registry.connect(f.attacker).clearStatement())
      .to.be.revertedWithCustomError(registry, "DelegateRegistryNoStatement")
      .withArgs(f.attacker.address);
    expect(await registry.hasStatement(f.victim.address)).to.equal(true);
    expect((await registry.statementOf(f.victim.address))[0]).to.equal(digest);
  });

  it("test_AnAccountCannotPublishForAnother", async function () {
    await registry.connect(f.victim).publishStatement("Victim", "I vote for a lean treasury.", "");
    const [digest] = await registry.statementOf(f.victim.address);
    // The attacker publishes the victim's name with its own text: it lands on the attacker's record only,
    // and the event names the attacker as the delegate.
    await expect(registry.connect(f.attacker).publishStatement("Victim", "Send me your votes.", ""))
      .to.emit(registry, "StatementPublished")
      .withArgs(f.attacker.address, "Victim", "Send me your votes.", "");
    expect((await registry.statementOf(f.victim.address))[0]).to.equal(digest);
    expect((await registry.statementOf(f.attacker.address))[0]).to.equal(
      await registry.statementDigest("Victim", "Send me your votes.", ""),
    );
  });

  it("test_PublishingCostsTheSameAfter200EarlierStatements", async function () {
    // Only the latest statement is stored (two slots per account, overwritten): no list grows, so an account
    // that published 200 times pays exactly what one that published once pays, and so does everyone else.
    const name = "Spammer";
    const text = "x".repeat(MAX_STATEMENT);
    const link = "https://forum.example/" + "l".repeat(MAX_LINK - 22);
    await registry.connect(f.quiet).publishStatement(name, "q" + text.slice(1), link);
    for (let i = 0; i < SPAM; i++) {
      await registry.connect(f.spammer).publishStatement(name, String(i).padStart(3, "0") + text.slice(3), link);
    }
    const next = "n" + text.slice(1);
    const spammerGas = await gasOf(registry.connect(f.spammer).publishStatement(name, next, link));
    const quietGas = await gasOf(registry.connect(f.quiet).publishStatement(name, next, link));
    expect(spammerGas).to.equal(quietGas);
    // A newcomer's first statement costs the same after the spam as on an empty registry.
    const firstAfterSpam = await gasOf(registry.connect(f.victim).publishStatement(name, next, link));
    await networkHelpers.loadFixture(registryFixture);
    expect(await registry.hasStatement(f.spammer.address)).to.equal(false);
    const firstOnEmpty = await gasOf(registry.connect(f.victim).publishStatement(name, next, link));
    expect(firstAfterSpam).to.equal(firstOnEmpty);
  });
});
