import { decodeEventLog, encodeEventTopics, type Abi, type Address, type Hex, type PublicClient } from "viem";
import type { DeployedContract } from "./chainSource";
import type { LogReader, RawLog } from "./logs/logReader";
import type { CastVoteRecord, DelegateSource, DelegationRecord, StatementRecord } from "./delegateTypes";

export type DelegateChainSourceOptions = {
  client: Pick<PublicClient, "getBlockNumber">;
  reader: LogReader;
  registry?: DeployedContract;
  escrow?: DeployedContract;
  governor?: DeployedContract;
};

type Decoded = { eventName: string; args: Record<string, unknown>; log: RawLog };

const lower = (address: unknown) => (address as string).toLowerCase() as Address;

/** topic0 of a named event of `abi`. */
function topic0(abi: Abi, eventName: string): Hex {
  return encodeEventTopics({ abi, eventName } as unknown as Parameters<typeof encodeEventTopics>[0])[0] as Hex;
}

/**
 * Statements, delegations and votes folded from the contracts' event logs, in chain order. Each list reads only
 * the events it needs (topic filters) from the contract's deployment block through the paged, cached log reader.
 */
export function createDelegateChainSource({
  client,
  reader,
  registry,
  escrow,
  governor,
}: DelegateChainSourceOptions): DelegateSource {
  async function events(contract: DeployedContract | undefined, names: readonly string[]): Promise<Decoded[]> {
    if (!contract) return [];
    const topics = names.map((name) => topic0(contract.abi, name));
    // Asked afresh: viem would answer from a 4 s cache and miss the newest block's logs (see chainSource).
    const head = await client.getBlockNumber({ cacheTime: 0 });
    const logs = await reader.read(
      { address: contract.address, topics: [topics.length === 1 ? topics[0] : topics] },
      contract.fromBlock,
      head,
    );
    return logs.map((log) => {
      const { eventName, args } = decodeEventLog({
        abi: contract.abi,
        data: log.data,
        topics: log.topics as [Hex, ...Hex[]],
      });
      return { eventName: eventName as unknown as string, args: args as unknown as Record<string, unknown>, log };
    });
  }

  return {
    kind: "chain",
    async statements(): Promise<StatementRecord[]> {
      const current = new Map<Address, StatementRecord>();
      for (const { eventName, args, log } of await events(registry, ["StatementPublished", "StatementCleared"])) {
        const delegate = lower(args.delegate);
        if (eventName === "StatementCleared") current.delete(delegate);
        else {
          current.set(delegate, {
            delegate,
            name: args.name as string,
            statement: args.statement as string,
            link: args.link as string,
            blockNumber: log.blockNumber,
          });
        }
      }
      return [...current.values()];
    },
    async delegations(): Promise<DelegationRecord[]> {
      const current = new Map<Address, Address>();
      for (const { args } of await events(escrow, ["DelegateChanged"])) {
        current.set(lower(args.delegator), lower(args.toDelegate));
      }
      return [...current].map(([delegator, delegate]) => ({ delegator, delegate }));
    },
    async allVotes(): Promise<CastVoteRecord[]> {
      return (await events(governor, ["VoteCast", "VoteCastWithParams"])).map(({ args, log }) => ({
        voter: lower(args.voter),
        proposalId: args.proposalId as bigint,
        support: Number(args.support),
        weight: args.weight as bigint,
        reason: args.reason as string,
        blockNumber: log.blockNumber,
        transactionHash: log.transactionHash,
      }));
    },
  };
}
