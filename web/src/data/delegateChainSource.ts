import type { Abi, Address, Hash, PublicClient } from "viem";
import type { CastVoteRecord, DelegateSource, DelegationRecord, StatementRecord } from "./delegateTypes";

type Contract = { address: Address; abi: Abi };

export type DelegateChainSourceOptions = {
  client: PublicClient;
  fromBlock: bigint;
  registry?: Contract;
  escrow?: Contract;
  governor?: Contract;
};

type Log = { args: Record<string, unknown>; eventName: string; blockNumber: bigint; transactionHash: Hash };

const lower = (address: unknown) => (address as string).toLowerCase() as Address;

/** Statements, delegations and votes folded from the contracts' event logs, in chain order. */
export function createDelegateChainSource({
  client,
  fromBlock,
  registry,
  escrow,
  governor,
}: DelegateChainSourceOptions): DelegateSource {
  const events = async (contract: Contract | undefined, eventName?: string) => {
    if (!contract) return [] as Log[];
    const logs = await client.getContractEvents({
      address: contract.address,
      abi: contract.abi,
      eventName,
      fromBlock,
      toBlock: "latest",
    } as Parameters<PublicClient["getContractEvents"]>[0]);
    return logs as unknown as Log[];
  };

  return {
    kind: "chain",
    async statements(): Promise<StatementRecord[]> {
      const current = new Map<Address, StatementRecord>();
      for (const log of await events(registry)) {
        const delegate = lower(log.args.delegate);
        if (log.eventName === "StatementCleared") current.delete(delegate);
        if (log.eventName === "StatementPublished") {
          current.set(delegate, {
            delegate,
            name: log.args.name as string,
            statement: log.args.statement as string,
            link: log.args.link as string,
            blockNumber: log.blockNumber,
          });
        }
      }
      return [...current.values()];
    },
    async delegations(): Promise<DelegationRecord[]> {
      const current = new Map<Address, Address>();
      for (const log of await events(escrow, "DelegateChanged")) {
        current.set(lower(log.args.delegator), lower(log.args.toDelegate));
      }
      return [...current].map(([delegator, delegate]) => ({ delegator, delegate }));
    },
    async allVotes(): Promise<CastVoteRecord[]> {
      const logs = [...(await events(governor, "VoteCast")), ...(await events(governor, "VoteCastWithParams"))];
      return logs
        .map((log) => ({
          voter: lower(log.args.voter),
          proposalId: log.args.proposalId as bigint,
          support: Number(log.args.support),
          weight: log.args.weight as bigint,
          reason: log.args.reason as string,
          blockNumber: log.blockNumber,
          transactionHash: log.transactionHash,
        }))
        .sort((a, b) => (a.blockNumber < b.blockNumber ? -1 : a.blockNumber > b.blockNumber ? 1 : 0));
    },
  };
}
