/**
 * Fixture and week helpers shared by the RevenueDistributor tests.
 *
 * `deployRevenueFixture` extends `deployEscrowFixture` (see escrowFixture.ts) with:
 * - `distributor`: RevenueDistributor(escrow, admin.address), with rUSD and the governance token allowed;
 * - `usd`: a second GovernanceToken "Revenue USD" / "rUSD", 1e12 tokens minted to `deployer`;
 * - the deployer (who funds revenue) has approved the distributor for both tokens, without limit.
 */
import type { NetworkConnection } from "hardhat/types/network";

import type { GovernanceToken, RevenueDistributor } from "../../types/ethers-contracts/index.js";
import { ONE, WEEK, deployEscrowFixture, epochStart, type EscrowFixture } from "./escrowFixture.js";

export interface RevenueFixture extends EscrowFixture {
  distributor: RevenueDistributor;
  usd: GovernanceToken;
  usdAddress: string;
  lockAddress: string;
  distributorAddress: string;
}

/** Escrow fixture plus a distributor allowing rUSD and the governance token; the deployer funds revenue. */
export async function deployRevenueFixture(connection: NetworkConnection): Promise<RevenueFixture> {
  const base = await deployEscrowFixture(connection);
  const { ethers } = connection;
  const distributor = (await ethers.deployContract("RevenueDistributor", [
    await base.escrow.getAddress(),
    base.admin.address,
  ])) as unknown as RevenueDistributor;
  const usd = (await ethers.deployContract("GovernanceToken", [
    "Revenue USD",
    "rUSD",
    base.deployer.address,
    10n ** 12n * ONE,
  ])) as unknown as GovernanceToken;
  const distributorAddress = await distributor.getAddress();
  const usdAddress = await usd.getAddress();
  const lockAddress = await base.token.getAddress();
  await distributor.connect(base.admin).addRewardToken(usdAddress);
  await distributor.connect(base.admin).addRewardToken(lockAddress);
  await usd.approve(distributorAddress, ethers.MaxUint256);
  await base.token.approve(distributorAddress, ethers.MaxUint256);
  return { ...base, distributor, usd, usdAddress, lockAddress, distributorAddress };
}

/** Clock helpers bound to a test file's network `time` helpers. */
export function weekHelpers(time: NetworkConnection["networkHelpers"]["time"]) {
  const now = async (): Promise<bigint> => BigInt(await time.latest());
  return {
    /** The latest block's timestamp. */
    now,
    /** Moves to `offset` seconds after the next week boundary and returns that boundary. */
    async nextWeek(offset = 100n): Promise<bigint> {
      const boundary = epochStart(await now()) + WEEK;
      await time.increaseTo(boundary + offset);
      return boundary;
    },
  };
}
