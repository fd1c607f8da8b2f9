import type { Abi, Address, Hash, Hex, PublicClient } from "viem";
import type {
  ClaimRecord,
  DataSource,
  LockCreatorRecord,
  ProposalRecord,
  RevenueWeekRecord,
  StakerRecord,
  VoteRecord,
} from "./types";

export type ChainSourceOptions = {
  client: PublicClient;
  fromBlock: bigint;
  escrow?: { address: Address; abi: Abi };
  distributor?: { address: Address; abi: Abi };
  governor?: { address: Address; abi: Abi };
};

type Log = { args: Record<string, unknown>; blockNumber: bigint; transactionHash: Hash; logIndex: number };

/** Lists rebuilt from the contracts' event logs: no indexer needed, fine for local chains and small deployments. */
export function createChainSource({
  client,
  fromBlock,
  escrow,
  distributor,
  governor,
}: ChainSourceOptions): DataSource {
  const events = async (contract: { address: Address; abi: Abi } | undefined, eventName: string, args?: object) => {
    if (!contract) return [] as Log[];
    const logs = await client.getContractEvents({
      address: contract.address,
      abi: contract.abi,
      eventName,
      args,
      fromBlock,
      toBlock: "latest",
    } as Parameters<PublicClient["getContractEvents"]>[0]);
    return logs as unknown as Log[];
  };

  return {
    kind: "chain",
    async status() {
      const head = await client.getBlockNumber();
      return { indexedBlock: head, headBlock: head, hasErrors: false };
    },
    async stakers(): Promise<StakerRecord[]> {
      if (!escrow) return [];
      const created = await events(escrow, "LockCreated");
      const accounts = [...new Set(created.map((log) => log.args.account as Address))];
      if (accounts.length === 0) return [];
      // Plain reads (batched by the transport): a local chain has no Multicall3 contract.
      const locks = await Promise.all(
        accounts.map((account) => client.readContract({ ...escrow, functionName: "locked", args: [account] })),
      );
      return accounts
        .map((account, i) => {
          const [amount, end, autoMax] = locks[i] as unknown as [bigint, bigint, boolean];
          return { account, amount, end, autoMax };
        })
        .filter((s) => s.amount > 0n);
    },
    async revenueWeeks(): Promise<RevenueWeekRecord[]> {
      const deposits = await events(distributor, "RevenueDeposited");
      const byKey = new Map<string, RevenueWeekRecord>();
      for (const log of deposits) {
        const token = log.args.token as Address;
        const week = log.args.week as bigint;
        const key = `${token}-${week}`;
        const entry = byKey.get(key) ?? { token, week, deposited: 0n };
        entry.deposited += log.args.amount as bigint;
        byKey.set(key, entry);
      }
      return [...byKey.values()].sort((a, b) => (a.week === b.week ? 0 : a.week > b.week ? -1 : 1));
    },
    async claims(account: Address): Promise<ClaimRecord[]> {
      const logs = await events(distributor, "RevenueClaimed", { account });
      return logs
        .map((log) => ({
          token: log.args.token as Address,
          amount: log.args.amount as bigint,
          relocked: log.args.relocked as boolean,
          lastWeekClaimed: log.args.lastWeekClaimed as bigint,
          blockNumber: log.blockNumber,
          transactionHash: log.transactionHash,
        }))
        .reverse();
    },
    async proposals(): Promise<ProposalRecord[]> {
      const logs = await events(governor, "ProposalCreated");
      return logs
        .map((log) => ({
          id: log.args.proposalId as bigint,
          proposer: log.args.proposer as Address,
          targets: [...(log.args.targets as Address[])],
          values: [...(log.args.values as bigint[])],
          calldatas: [...(log.args.calldatas as Hex[])],
          description: log.args.description as string,
          voteStart: log.args.voteStart as bigint,
          voteEnd: log.args.voteEnd as bigint,
          createdBlock: log.blockNumber,
        }))
        .reverse();
    },
    async votes(proposalId: bigint): Promise<VoteRecord[]> {
      const logs = await events(governor, "VoteCast");
      return logs
        .filter((log) => log.args.proposalId === proposalId)
        .map((log) => ({
          voter: log.args.voter as Address,
          support: Number(log.args.support),
          weight: log.args.weight as bigint,
          reason: log.args.reason as string,
          transactionHash: log.transactionHash,
        }));
    },
    async lockCreators(account: Address): Promise<LockCreatorRecord[]> {
      // Logs come in chain order, so the last one per creator is its current consent.
      const latest = new Map<string, LockCreatorRecord>();
      for (const log of await events(escrow, "LockCreatorSet", { account })) {
        const creator = log.args.creator as Address;
        latest.set(creator.toLowerCase(), { creator, allowed: log.args.allowed as boolean });
      }
      return [...latest.values()].filter((c) => c.allowed);
    },
  };
}
