import { createWalletClient, http, parseEther, type Abi, type Address } from "viem";
import { hardhat } from "viem/chains";
import { WEEK } from "../../shared/protocol.ts";
import { readArtifact } from "./artifacts.ts";
import { rpc } from "./chain.ts";
import type { SeedContext } from "./seed-context.ts";

/** The seeded round's caps per level 1..10, in whole payment tokens (non-decreasing, as EarlyAccess requires). */
export const SEED_ROUND_CAPS = [1_000n, 2_000n, 4_000n, 8_000n, 15_000n, 25_000n, 40_000n, 60_000n, 80_000n, 100_000n];

/**
 * One early-access round, so the Stake page's level table has caps to show: the DAO sells 1,000,000 Demo
 * Launch tokens at 0.5 dUSD for four weeks. Only the timelock may create rounds; on the local node the seed
 * impersonates it rather than running a third governance proposal. Run it after seedDao (dUSD exists then).
 */
export async function seedEarlyAccessRound(ctx: SeedContext) {
  const c = ctx.deployment.contracts;
  const timelock = c.TimelockController.address;
  const earlyAccess = c.EarlyAccess.address;
  const tokenAbi = readArtifact("GovernanceToken").abi;
  const rewardTokens = (await ctx.client.readContract({
    address: c.RevenueDistributor.address,
    abi: readArtifact("RevenueDistributor").abi,
    functionName: "rewardTokens",
  })) as Address[];
  // Paid in the demo stablecoin (the reward token that is not the governance token), else in LOCK.
  const payment =
    rewardTokens.find((t) => t.toLowerCase() !== c.GovernanceToken.address.toLowerCase()) ?? c.GovernanceToken.address;
  const saleAmount = parseEther("1000000");
  const sale = await ctx.deploy(0, "GovernanceToken", ["Demo Launch", "LAUNCH", timelock, saleAmount]);

  await rpc(ctx.url, "hardhat_impersonateAccount", [timelock]);
  await rpc(ctx.url, "hardhat_setBalance", [timelock, "0x8ac7230489e80000"]);
  const dao = createWalletClient({
    account: timelock,
    chain: { ...hardhat, rpcUrls: { default: { http: [ctx.url] } } },
    transport: http(ctx.url),
  });
  const send = async (address: Address, abi: Abi, functionName: string, args: unknown[]) => {
    const hash = await dao.writeContract({ address, abi, functionName, args, account: timelock, chain: dao.chain });
    const receipt = await ctx.client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${functionName} from the timelock reverted`);
  };
  try {
    const now = await ctx.now();
    await send(sale, tokenAbi, "approve", [earlyAccess, saleAmount]);
    await send(earlyAccess, readArtifact("EarlyAccess").abi, "createRound", [
      {
        saleToken: sale,
        paymentToken: payment,
        price: parseEther("0.5"),
        saleAmount,
        snapshot: now - 1n,
        start: now + 60n,
        end: now + 60n + 4n * WEEK,
        caps: SEED_ROUND_CAPS.map((cap) => parseEther(String(cap))),
        recipient: timelock,
      },
    ]);
  } finally {
    await rpc(ctx.url, "hardhat_stopImpersonatingAccount", [timelock]);
  }
  ctx.log("opened an early-access round: Demo Launch for dUSD, caps by level");
}
