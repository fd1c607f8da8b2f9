/**
 * Reads an account's level from the escrow (`levelOf`) and the chain time at which decay will drop it, with the
 * same rule the app's Stake page shows (`levelDropTime` in shared/protocol.ts), all at one block.
 */
import { erc20Abi, type Abi, type Address, type PublicClient } from "viem";
import { inScoreUnits, levelDropTime } from "../../shared/protocol.ts";

export type LevelReading = {
  level: number;
  /** Chain time (unix seconds) at which the level drops; undefined when it never does (auto-max, level 0). */
  levelDropsAt: number | undefined;
  /** The timestamp of the block the reading is from. */
  chainNow: number;
};

export type LevelReader = {
  /** The level now, the date it drops and the block time, read at one block. */
  read(account: Address): Promise<LevelReading>;
  /** Just `levelOf(account)` at the latest block (the cheap re-check on each call). */
  levelOf(account: Address): Promise<number>;
};

/**
 * A reader of the VotingEscrow at `escrow`. `abi` is the escrow's ABI from the compiled artifacts (see
 * `escrowFromDeployment` in ./deployment.ts).
 */
export function createLevelReader(client: PublicClient, escrow: Address, abi: Abi): LevelReader {
  let decimals: Promise<number> | undefined;
  const tokenDecimals = () =>
    (decimals ??= (async () => {
      const token = (await client.readContract({ address: escrow, abi, functionName: "token" })) as Address;
      return client.readContract({ address: token, abi: erc20Abi, functionName: "decimals" });
    })().catch((error: unknown) => {
      decimals = undefined;
      throw error;
    }));
  return {
    async read(account) {
      const block = await client.getBlock();
      const at = { address: escrow, abi, blockNumber: block.number } as const;
      const [level, locked, thresholds, unitDecimals] = await Promise.all([
        client.readContract({ ...at, functionName: "levelOf", args: [account] }) as Promise<number>,
        client.readContract({ ...at, functionName: "locked", args: [account] }) as Promise<
          readonly [bigint, bigint, boolean]
        >,
        client.readContract({ ...at, functionName: "levelThresholds" }) as Promise<readonly bigint[]>,
        tokenDecimals(),
      ]);
      const [amount, end, autoMax] = locked;
      const drop = levelDropTime(inScoreUnits({ amount, end, autoMax }, unitDecimals), thresholds, block.timestamp);
      return {
        level: Number(level),
        levelDropsAt: drop === undefined || Number(level) === 0 ? undefined : Number(drop),
        chainNow: Number(block.timestamp),
      };
    },
    async levelOf(account) {
      return Number(await client.readContract({ address: escrow, abi, functionName: "levelOf", args: [account] }));
    },
  };
}
