// Runs the compiled subgraph mappings on an early-access scenario (docs/spec.md §8) on the in-process Hardhat
// chain: an oversubscribed round that is claimed and finalized, an undersubscribed one, and one cancelled
// mid-window; then reconciles Round and Commitment with EarlyAccess's own views and the event entities
// with the receipts.
import { expect } from "chai";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Contract, EventLog, Signer } from "ethers";
import { network } from "hardhat";
import { deploySystem, loadParameters } from "../../scripts/lib/deployment.ts";
import { build } from "../../scripts/subgraph/build.ts";
import { writeNetworks } from "../../scripts/subgraph/networks.ts";
import { E18, WEEK } from "../../shared/protocol.ts";
import { SubgraphRuntime } from "./host/runtime.ts";

const SUBGRAPH = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const USD = 10n ** 6n;

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Dyn = Contract & Record<string, any>;

const lower = (address: string) => address.toLowerCase();
/** Commitment ids: the round id in 8 big-endian bytes, then the account. */
const commitmentId = (roundId: bigint, account: string) =>
  `0x${roundId.toString(16).padStart(16, "0")}${lower(account).slice(2)}`;

describe("Subgraph mappings: EarlyAccess", function () {
  let runtime: SubgraphRuntime;
  let early: Dyn, sale: Dyn, usd: Dyn;
  let buyers: Signer[];
  let buyerAddresses: string[];
  let timelockAddress: string;
  const rounds = [1n, 2n, 3n];

  before(async function () {
    this.timeout(300_000);
    const signers = await ethers.getSigners();
    buyers = signers.slice(1, 5);
    buyerAddresses = await Promise.all(buyers.map((b) => b.getAddress()));
    const system = await deploySystem(connection, await loadParameters("local"));
    const token = system.token as unknown as Dyn;
    const escrow = system.escrow as unknown as Dyn;
    early = system.earlyAccess as unknown as Dyn;
    timelockAddress = system.deployment.contracts.TimelockController.address;

    const buildDir = join(SUBGRAPH, "build");
    mkdirSync(buildDir, { recursive: true });
    const networkFile = join(buildDir, "networks.early.test.json");
    const [networkName] = writeNetworks([{ ...system.deployment, network: "localhost" }], networkFile);
    const manifest = build({ network: networkName, networkFile, outputDir: "build/test-early", quiet: true });

    sale = (await ethers.deployContract("DecimalsToken", [18])) as unknown as Dyn;
    usd = (await ethers.deployContract("DecimalsToken", [6])) as unknown as Dyn;
    // Locks of 30k to 240k tokens for 52 weeks (scores of about twice that): levels 2 to 4 by default.
    for (const [i, buyer] of buyers.entries()) {
      const amount = 30_000n * 2n ** BigInt(i) * E18;
      await token.getFunction("transfer")(buyerAddresses[i], amount);
      await token.connect(buyer).getFunction("approve")(await escrow.getAddress(), amount);
      await escrow.connect(buyer).getFunction("createLock")(amount, BigInt(await time.latest()) + 52n * WEEK);
      await usd.getFunction("mint")(buyerAddresses[i], 1_000_000n * USD);
      await usd.connect(buyer).getFunction("approve")(await early.getAddress(), 2n ** 255n);
    }
    await time.increase(60n);

    // The timelock is the admin: the test acts as it, as a proposal's execution would.
    await networkHelpers.impersonateAccount(timelockAddress);
    await networkHelpers.setBalance(timelockAddress, E18);
    const timelock = await ethers.getSigner(timelockAddress);
    await sale.getFunction("mint")(timelockAddress, 10_000_000n * E18);
    const caps = Array.from({ length: 10 }, (_, i) => BigInt(i + 1) * 10_000n * USD);
    const create = async (saleAmount: bigint, days: bigint) => {
      const t = BigInt(await time.latest());
      await sale.connect(timelock).getFunction("approve")(await early.getAddress(), saleAmount);
      await early.connect(timelock).getFunction("createRound")({
        saleToken: await sale.getAddress(),
        paymentToken: await usd.getAddress(),
        price: 2n * USD,
        saleAmount,
        snapshot: t - 30n,
        start: t + 10n,
        end: t + 10n + days * 86_400n,
        caps,
        recipient: timelockAddress,
      });
    };
    // Round 1: 1,000 tokens (worth 2,000 USD), oversubscribed; round 2: 1,000,000 tokens, undersubscribed;
    // round 3: cancelled mid-window.
    await create(1_000n * E18, 1n);
    await create(1_000_000n * E18, 2n);
    await create(5_000n * E18, 3n);
    await time.increase(20n);
    for (const [i, buyer] of buyers.entries()) {
      await early.connect(buyer).getFunction("commit")(1n, BigInt(i + 1) * 1_000n * USD);
      await early.connect(buyer).getFunction("commit")(2n, BigInt(i + 1) * 100n * USD);
      if (i < 2) await early.connect(buyer).getFunction("commit")(3n, 500n * USD);
    }
    await early.connect(buyers[0]).getFunction("commit")(1n, 500n * USD);
    await early.connect(timelock).getFunction("cancelRound")(3n);
    await time.increase(86_400n);
    await early.connect(buyers[0]).getFunction("claim")(1n);
    await early.connect(buyers[1]).getFunction("claim")(1n);
    await early.connect(buyers[0]).getFunction("claim")(3n);
    await early.getFunction("finalize")(1n);
    await time.increase(86_400n);
    await early.getFunction("finalize")(2n);
    await early.connect(buyers[2]).getFunction("claim")(2n);

    runtime = new SubgraphRuntime(manifest);
    await runtime.indexChain((method, params) => ethers.provider.send(method, params));
  });

  it("test_RunsEveryEarlyAccessHandlerWithoutErrors", function () {
    expect(runtime.logsAtLeast(2)).to.deep.equal([]);
    for (const handler of [
      "handleRoundCreated",
      "handleCommitted",
      "handleClaimed",
      "handleRoundFinalized",
      "handleRoundCancelled",
    ]) {
      expect(runtime.calls.get(handler) ?? 0, handler).to.be.greaterThan(0);
    }
  });

  it("test_RoundsMatchTheContract", async function () {
    for (const id of rounds) {
      const round = runtime.store.entity("Round", id.toString())!;
      const [params, totalCommitted, finalized, cancelled] = await early.getFunction("round")(id);
      expect(round.roundId).to.equal(id);
      expect(round.saleToken).to.equal(lower(params.saleToken));
      expect(round.paymentToken).to.equal(lower(params.paymentToken));
      expect(round.price).to.equal(params.price);
      expect(round.saleAmount).to.equal(params.saleAmount);
      expect(round.snapshot).to.equal(params.snapshot);
      expect(round.start).to.equal(params.start);
      expect(round.end).to.equal(params.end);
      expect(round.caps).to.deep.equal([...params.caps]);
      expect(round.recipient).to.equal(lower(timelockAddress));
      expect(round.totalCommitted).to.equal(totalCommitted);
      expect(round.finalized).to.equal(finalized);
      expect(round.cancelled).to.equal(cancelled);
    }
    const [one, two, three] = rounds.map((id) => runtime.store.entity("Round", id.toString())!);
    expect(one.committerCount).to.equal(4);
    expect(one.commitCount).to.equal(5);
    expect(three.committerCount).to.equal(2);
    expect(three.proceeds).to.equal(0n);
    expect(three.unsold).to.equal(5_000n * E18);
    // Round 2 is undersubscribed: it sold 1,000 USD's worth at 2 USD, so proceeds are the total.
    expect(two.proceeds).to.equal(two.totalCommitted);
  });

  it("test_CommitmentsAndClaimsMatchTheContract", async function () {
    let claims = 0;
    for (const id of rounds) {
      let sale = 0n;
      let refunded = 0n;
      for (const account of buyerAddresses) {
        const commitment = runtime.store.entity("Commitment", commitmentId(id, account));
        const committed = await early.getFunction("committed")(id, account);
        const claimed = await early.getFunction("hasClaimed")(id, account);
        if (committed === 0n) {
          expect(commitment, `${id} ${account}`).to.equal(undefined);
          continue;
        }
        expect(commitment!.round).to.equal(id.toString());
        expect(commitment!.account).to.equal(lower(account));
        expect(commitment!.committed).to.equal(committed);
        expect(commitment!.claimed).to.equal(claimed);
        if (!claimed) {
          // Unset until the claim.
          expect(commitment!.bought ?? null).to.equal(null);
          expect(commitment!.refunded ?? null).to.equal(null);
          continue;
        }
        claims += 1;
        const [event] = (await early.queryFilter(early.filters.Claimed(id, account))) as EventLog[];
        expect(commitment!.bought).to.equal(event.args.saleTokens);
        expect(commitment!.refunded).to.equal(event.args.refund);
        sale += event.args.saleTokens as bigint;
        refunded += event.args.refund as bigint;
      }
      const round = runtime.store.entity("Round", id.toString())!;
      expect(round.totalSaleClaimed).to.equal(sale);
      expect(round.totalRefunded).to.equal(refunded);
    }
    expect(runtime.store.all("RoundClaim")).to.have.length(claims);
  });

  it("test_EventEntitiesMatchTheLogs", async function () {
    const commits = (await early.queryFilter(early.filters.Committed())) as EventLog[];
    const stored = runtime.store.all("RoundCommit");
    expect(stored).to.have.length(commits.length);
    for (const log of commits) {
      // One Committed per transaction here; ids are the transaction hash and the log index (graph-ts concatI32).
      const entity = stored.find((e) => e.transactionHash === lower(log.transactionHash))!;
      expect((entity.id as string).startsWith(lower(log.transactionHash))).to.equal(true);
      expect(entity.account).to.equal(lower(log.args.account));
      expect(entity.round).to.equal(log.args.roundId.toString());
      expect(entity.amount).to.equal(log.args.amount);
      expect(entity.totalCommitted).to.equal(log.args.totalCommitted);
    }
    const finalizations = runtime.store.all("RoundFinalization");
    expect(finalizations.map((f) => f.round).sort()).to.deep.equal(["1", "2"]);
    for (const log of (await early.queryFilter(early.filters.RoundFinalized())) as EventLog[]) {
      const round = runtime.store.entity("Round", log.args.roundId.toString())!;
      expect(round.proceeds).to.equal(log.args.proceeds);
      expect(round.unsold).to.equal(log.args.unsold);
    }
    expect(runtime.store.all("RoundCancellation").map((c) => c.round)).to.deep.equal(["3"]);
  });
});
