/**
 * The kit on a real local chain: a Hardhat node with the full deployment, real signatures from dev accounts and
 * from an EIP-1271 smart wallet (contracts/test/access/TestSmartWallet.sol) and an EIP-6492 one not deployed yet, levels from real locks, and a level
 * that decays below its threshold.
 */
import { decodeJwt } from "jose";
import { encodeFunctionData, getAddress, parseEther, serializeErc6492Signature, type Abi, type Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deployment } from "../../scripts/lib/deployment-file.ts";
import { devAccount } from "../../scripts/local/accounts.ts";
import { readArtifact } from "../../scripts/local/artifacts.ts";
import { buildContracts, freePort, startHardhatNode } from "../../scripts/local/chain.ts";
import { seedContext, type SeedContext } from "../../scripts/local/seed-context.ts";
import { deployToNode } from "../../scripts/local/stack.ts";
import { WEEK } from "../../shared/protocol.ts";
import { startDemoService } from "../demo/start.ts";
import { MemoryStore } from "../src/store.ts";
import { hs256Key } from "../src/tokens.ts";
import { call, signIn } from "./helpers.ts";

const YEAR = 365 * 86_400;
const APP = "http://127.0.0.1:5173";
let node: Awaited<ReturnType<typeof startHardhatNode>>;
let deployment: Deployment;
let ctx: SeedContext;
let service: Awaited<ReturnType<typeof startDemoService>>;
let abi: { token: Abi; escrow: Abi; wallet: Abi };
let token: Address;
let escrow: Address;

const signer = (index: number) => (message: string) => devAccount(index).signMessage({ message });
const levelAt = async (account: Address, t: bigint) =>
  Number(
    await ctx.client.readContract({ address: escrow, abi: abi.escrow, functionName: "levelAt", args: [account, t] }),
  );
const levelOf = async (account: Address) =>
  Number(await ctx.client.readContract({ address: escrow, abi: abi.escrow, functionName: "levelOf", args: [account] }));

beforeAll(async () => {
  if (!process.env.LOCKSTEP_SKIP_BUILD) await buildContracts();
  node = await startHardhatNode(await freePort());
  deployment = await deployToNode(node.url);
  ctx = seedContext(node.url, deployment, true);
  abi = {
    token: readArtifact("GovernanceToken").abi,
    escrow: readArtifact("VotingEscrow").abi,
    wallet: readArtifact("TestSmartWallet").abi,
  };
  token = deployment.contracts.GovernanceToken.address;
  escrow = deployment.contracts.VotingEscrow.address;
  service = await startDemoService({
    rpcUrl: node.url,
    chainId: deployment.chainId,
    appOrigin: APP,
    key: hs256Key("integration-test-secret-of-32-bytes-or-more"),
    store: new MemoryStore(),
    // A year, so the level drop decides the expiry.
    tokenLifetime: YEAR,
    recheckSeconds: 0,
  });
});

afterAll(async () => {
  await service?.close();
  await node?.stop();
});

describe("access on the local chain", () => {
  it("test_SignsInAnAccountWithoutALockAtLevelZero", async () => {
    const account = devAccount(1).address;
    const { status, body } = await signIn(service.url, account, signer(1));
    expect(status).toBe(200);
    expect(body).toMatchObject({ account, level: 0, tier: { name: "Free", callsPerMonth: 50 }, levelDropsAt: null });
    expect(body.nextTier).toMatchObject({ name: "Builder", minLevel: 3 });
    const access = await call(`${service.url}/api/access`, { token: body.token as string });
    expect(access.body).toMatchObject({ level: 0, used: 1, remaining: 49 });
  });

  it("test_GrantsTheEscrowsLevelUntilTheDayItDrops", async () => {
    const i = 2;
    const account = devAccount(i).address;
    const amount = parseEther("60000");
    await ctx.write(0, token, abi.token, "transfer", [account, amount]);
    await ctx.write(i, token, abi.token, "approve", [escrow, amount]);
    await ctx.write(i, escrow, abi.escrow, "createLock", [amount, (await ctx.now()) + 52n * WEEK]);
    expect(await levelOf(account)).toBe(3);

    const wallBefore = Math.floor(Date.now() / 1000);
    const { status, body } = await signIn(service.url, account, signer(i));
    const wallAfter = Math.floor(Date.now() / 1000);
    expect(status).toBe(200);
    expect(body).toMatchObject({ level: 3, tier: { name: "Builder", callsPerMonth: 5000 } });
    // The drop date is the one the escrow agrees with: level 3 one second before, 2 from then on.
    const drop = BigInt(body.levelDropsAt as number);
    expect(await levelAt(account, drop - 1n)).toBe(3);
    expect(await levelAt(account, drop)).toBe(2);
    // The token ends at the drop (measured from the block the level was read at), long before its year's lifetime.
    const untilDrop = Number(drop) - (body.chainNow as number);
    expect(untilDrop).toBeGreaterThan(0);
    expect(untilDrop).toBeLessThan(YEAR);
    const exp = decodeJwt(body.token as string).exp!;
    expect(exp).toBe(body.expiresAt);
    expect(exp).toBeGreaterThanOrEqual(wallBefore + untilDrop);
    expect(exp).toBeLessThanOrEqual(wallAfter + untilDrop);

    // The chain reaches the drop: the old token is refused, a new sign-in gets the tier level 2 earns.
    await ctx.travel(drop - (await ctx.now()));
    expect(await levelOf(account)).toBe(2);
    const refused = await call(`${service.url}/api/access`, { token: body.token as string });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe("level_dropped");
    expect(refused.body.message).toMatch(/^Your level dropped from 3 to 2 since you signed in/);
    const again = await signIn(service.url, account, signer(i));
    expect(again.body).toMatchObject({ level: 2, tier: { name: "Free" } });
    expect((await call(`${service.url}/api/access`, { token: again.body.token as string })).status).toBe(200);
  });

  it("test_SignsInAnEip1271SmartWallet", async () => {
    const owner = 3;
    const wallet = getAddress(await ctx.deploy(owner, "TestSmartWallet", [devAccount(owner).address]));
    expect(await ctx.client.getCode({ address: wallet })).not.toBe("0x");
    const amount = parseEther("300000");
    await ctx.write(0, token, abi.token, "transfer", [wallet, amount]);
    const asWallet = (target: Address, targetAbi: Abi, functionName: string, args: unknown[]) =>
      ctx.write(owner, wallet, abi.wallet, "execute", [
        target,
        encodeFunctionData({ abi: targetAbi, functionName, args }),
      ]);
    await asWallet(token, abi.token, "approve", [escrow, amount]);
    await asWallet(escrow, abi.escrow, "createLock", [amount, (await ctx.now()) + 52n * WEEK]);
    const level = await levelOf(wallet);
    expect(level).toBe(5);

    // The owner's key signs for the wallet; the service checks it through the wallet's isValidSignature.
    const { status, body } = await signIn(service.url, wallet, signer(owner));
    expect(status).toBe(200);
    expect(body).toMatchObject({ account: wallet, level: 5, tier: { name: "Builder" } });
    expect((await call(`${service.url}/api/access`, { token: body.token as string })).body).toMatchObject({
      account: wallet,
      remaining: 4999,
    });
  });

  it("test_SignsInAnEip6492WalletNotDeployedYet", async () => {
    const owner = 4;
    const factory = await ctx.deploy(owner, "TestSmartWalletFactory", []);
    const factoryAbi = readArtifact("TestSmartWalletFactory").abi;
    const salt = `0x${"42".repeat(32)}` as const;
    const wallet = getAddress(
      (await ctx.client.readContract({
        address: factory,
        abi: factoryAbi,
        functionName: "addressOf",
        args: [devAccount(owner).address, salt],
      })) as Address,
    );
    expect(await ctx.client.getCode({ address: wallet })).toBeUndefined();

    // The owner signs; the signature carries the factory call that would deploy the wallet (EIP-6492).
    const sign = async (message: string) =>
      serializeErc6492Signature({
        address: factory,
        data: encodeFunctionData({ abi: factoryAbi, functionName: "deploy", args: [devAccount(owner).address, salt] }),
        signature: await devAccount(owner).signMessage({ message }),
      });
    const { status, body } = await signIn(service.url, wallet, sign);
    expect(status).toBe(200);
    expect(body).toMatchObject({ account: wallet, level: 0, tier: { name: "Free" } });
    // Checking the signature simulated the deployment; nothing was deployed.
    expect(await ctx.client.getCode({ address: wallet })).toBeUndefined();

    const stranger = await signIn(service.url, wallet, async (message) =>
      serializeErc6492Signature({
        address: factory,
        data: encodeFunctionData({ abi: factoryAbi, functionName: "deploy", args: [devAccount(owner).address, salt] }),
        signature: await devAccount(5).signMessage({ message }),
      }),
    );
    expect(stranger.body.error).toBe("bad_signature");
  });

  it("test_RevertWhen_SmartWalletSignatureIsNotItsOwners", async () => {
    const wallet = await ctx.deploy(3, "TestSmartWallet", [devAccount(3).address]);
    const { status, body } = await signIn(service.url, wallet, signer(4));
    expect(status).toBe(401);
    expect(body.error).toBe("bad_signature");
  });

  it("test_RevertWhen_AnAccountSignsForAnother", async () => {
    const { status, body } = await signIn(service.url, devAccount(5).address, signer(6));
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: "bad_signature" });
  });
});
