import { decodeEventLog, encodeEventTopics, type Abi, type Address, type Hex, type PublicClient } from "viem";
import type { LogFilter, LogReader, RawLog } from "./logs/logReader";
import type {
  ClaimRecord,
  GovernorEventRecord,
  ProposalEventRecords,
  DataSource,
  LockCreatorRecord,
  ProposalRecord,
  ProtocolTotals,
  RevenueWeekRecord,
  StakerRecord,
  VoteRecord,
  VoteScope,
  WantedProposalEvents,
} from "./types";

/** A deployed contract and the block its logs start at (deployments/<chainId>.json). */
export type DeployedContract = { address: Address; abi: Abi; fromBlock: bigint };

export type ChainSourceOptions = {
  client: Pick<PublicClient, "getBlockNumber" | "getBlock">;
  reader: LogReader;
  escrow?: DeployedContract;
  distributor?: DeployedContract;
  governor?: DeployedContract;
};

type Decoded = { eventName: string; args: Record<string, unknown>; log: RawLog };

// Addresses in lower case, as the subgraph returns them: both sources give identical records.
const lower = (address: unknown) => (address as string).toLowerCase() as Address;

const LOCK_EVENTS = ["LockCreated", "LockIncreased", "LockExtended", "AutoMaxSet", "Withdrawn"] as const;

/** topic0 of each named event of `abi`. */
function topic0(abi: Abi, eventName: string): Hex {
  return encodeEventTopics({ abi, eventName } as unknown as Parameters<typeof encodeEventTopics>[0])[0] as Hex;
}

function decode(abi: Abi, log: RawLog): Decoded {
  const { eventName, args } = decodeEventLog({ abi, data: log.data, topics: log.topics as [Hex, ...Hex[]] });
  return { eventName: eventName as unknown as string, args: args as unknown as Record<string, unknown>, log };
}

/**
 * Lists rebuilt from the contracts' event logs, without an indexer. Each list reads only the events it needs
 * (topic filters) from the contract's deployment block, through the paged and cached log reader; nothing
 * here makes a call per account.
 */
export function createChainSource({ client, reader, escrow, distributor, governor }: ChainSourceOptions): DataSource {
  /**
   * The block every list is read up to, asked afresh on each read. viem's getBlockNumber otherwise answers from
   * a cache for the client's polling interval (4 s): a list refetched because a block just arrived (the
   * heartbeat's invalidation, a confirmed transaction) would be read up to the block before and miss that
   * block's logs until the next one, which on a quiet chain never comes. Concurrent reads still share one request.
   */
  const head = () => client.getBlockNumber({ cacheTime: 0 });

  async function events(contract: DeployedContract, names: readonly string[], extraTopics: (Hex | null)[] = []) {
    const filter: LogFilter = {
      address: contract.address,
      topics: [
        names.length === 1 ? topic0(contract.abi, names[0]) : names.map((n) => topic0(contract.abi, n)),
        ...extraTopics,
      ],
    };
    const logs = await reader.read(filter, contract.fromBlock, await head());
    return logs.map((log) => decode(contract.abi, log));
  }

  /** Current locks folded from the lock events, as the subgraph does (SPEC §2 lock parts). */
  async function locks(): Promise<Map<Address, StakerRecord>> {
    const byAccount = new Map<Address, StakerRecord>();
    if (!escrow) return byAccount;
    for (const { eventName, args } of await events(escrow, LOCK_EVENTS)) {
      const account = lower(args.account);
      const lock = byAccount.get(account) ?? { account, amount: 0n, end: 0n, autoMax: false };
      switch (eventName) {
        case "LockCreated":
          Object.assign(lock, { amount: args.amount as bigint, end: args.end as bigint, autoMax: false });
          break;
        case "LockIncreased":
          lock.amount = args.newAmount as bigint;
          break;
        case "LockExtended":
          lock.end = args.newEnd as bigint;
          break;
        case "AutoMaxSet":
          Object.assign(lock, { autoMax: args.enabled as boolean, end: args.end as bigint });
          break;
        case "Withdrawn":
          Object.assign(lock, { amount: 0n, end: 0n, autoMax: false });
          break;
      }
      byAccount.set(account, lock);
    }
    return byAccount;
  }

  async function stakers(): Promise<StakerRecord[]> {
    return [...(await locks()).values()].filter((s) => s.amount > 0n);
  }

  // The block of a timestamp, per timestamp: a finished proposal's deadline block never changes.
  const blockAtCache = new Map<bigint, bigint>();

  /** The last block whose timestamp is <= `time`, searched between `low` (known to be <= time) and the head. */
  async function lastBlockAtOrBefore(time: bigint, low: bigint): Promise<bigint> {
    if (blockAtCache.has(time)) return blockAtCache.get(time)!;
    const head = await client.getBlock({ blockTag: "latest" });
    if (head.timestamp <= time) return head.number; // still open: up to the head, not cached
    let lo = low;
    let loTime = (await client.getBlock({ blockNumber: lo })).timestamp;
    let hi = head.number;
    let hiTime = head.timestamp;
    // Interpolation on timestamps, alternating with bisection so that uneven block times stay O(log n).
    for (let step = 0; hi - lo > 1n; step++) {
      let guess =
        step % 2 === 0 && hiTime > loTime ? lo + ((time - loTime) * (hi - lo)) / (hiTime - loTime) : (lo + hi) / 2n;
      if (guess <= lo) guess = lo + 1n;
      if (guess >= hi) guess = hi - 1n;
      const t = (await client.getBlock({ blockNumber: guess })).timestamp;
      if (t <= time) [lo, loTime] = [guess, t];
      else [hi, hiTime] = [guess, t];
    }
    blockAtCache.set(time, lo);
    return lo;
  }

  return {
    kind: "chain",
    async status() {
      const block = await head();
      return { indexedBlock: block, headBlock: block, hasErrors: false };
    },
    stakers,
    async totals(): Promise<ProtocolTotals> {
      const holders = await stakers();
      return {
        stakerCount: holders.length,
        totalLocked: holders.reduce((sum, s) => sum + s.amount, 0n),
      };
    },
    async revenueWeeks(): Promise<RevenueWeekRecord[]> {
      if (!distributor) return [];
      const byKey = new Map<string, RevenueWeekRecord>();
      for (const { args } of await events(distributor, ["RevenueDeposited"])) {
        const token = lower(args.token);
        const week = args.week as bigint;
        const key = `${token}-${week}`;
        const entry = byKey.get(key) ?? { token, week, deposited: 0n };
        entry.deposited += args.amount as bigint;
        byKey.set(key, entry);
      }
      return [...byKey.values()].sort((a, b) => (a.week === b.week ? 0 : a.week > b.week ? -1 : 1));
    },
    async claims(account: Address): Promise<ClaimRecord[]> {
      if (!distributor) return [];
      const accountTopic = `0x${account.slice(2).toLowerCase().padStart(64, "0")}` as Hex;
      const logs = await events(distributor, ["RevenueClaimed"], [accountTopic]);
      return logs
        .map(({ args, log }) => ({
          token: lower(args.token),
          amount: args.amount as bigint,
          relocked: args.relocked as boolean,
          lastWeekClaimed: args.lastWeekClaimed as bigint,
          blockNumber: log.blockNumber,
          transactionHash: log.transactionHash,
        }))
        .reverse();
    },
    async proposals(): Promise<ProposalRecord[]> {
      if (!governor) return [];
      const byId = new Map<bigint, ProposalRecord>();
      for (const { eventName, args, log } of await events(governor, ["ProposalCreated", "ProposalExtended"])) {
        const id = args.proposalId as bigint;
        if (eventName === "ProposalExtended") {
          const proposal = byId.get(id);
          if (proposal) proposal.voteEnd = args.extendedDeadline as bigint;
          continue;
        }
        byId.set(id, {
          id,
          proposer: lower(args.proposer),
          targets: [...(args.targets as Address[])],
          values: [...(args.values as bigint[])],
          calldatas: [...(args.calldatas as Hex[])],
          description: args.description as string,
          voteStart: args.voteStart as bigint,
          voteEnd: args.voteEnd as bigint,
          createdBlock: log.blockNumber,
        });
      }
      return [...byId.values()].reverse();
    },
    async votes(proposal: VoteScope): Promise<VoteRecord[]> {
      if (!governor) return [];
      // Votes can only be cast from the proposal's creation block until its deadline: read just those blocks.
      const until = await lastBlockAtOrBefore(proposal.voteEnd, proposal.createdBlock);
      const filter: LogFilter = {
        address: governor.address,
        topics: [[topic0(governor.abi, "VoteCast"), topic0(governor.abi, "VoteCastWithParams")]],
      };
      const logs = await reader.read(filter, proposal.createdBlock, until);
      return logs
        .map((log) => decode(governor.abi, log))
        .filter(({ args }) => args.proposalId === proposal.id)
        .map(({ args, log }) => ({
          voter: lower(args.voter),
          support: Number(args.support),
          weight: args.weight as bigint,
          reason: args.reason as string,
          transactionHash: log.transactionHash,
        }));
    },
    async lockCreators(account: Address): Promise<LockCreatorRecord[]> {
      if (!escrow) return [];
      const accountTopic = `0x${account.slice(2).toLowerCase().padStart(64, "0")}` as Hex;
      // Logs come in chain order, so the last one per creator is its current consent.
      const latest = new Map<string, LockCreatorRecord>();
      for (const { args } of await events(escrow, ["LockCreatorSet"], [accountTopic])) {
        const creator = args.creator as Address;
        latest.set(creator.toLowerCase(), { creator, allowed: args.allowed as boolean });
      }
      return [...latest.values()].filter((c) => c.allowed);
    },
  };
}

/**
 * The queue, execute and cancel transactions of one proposal, from the governor's logs. These events do not
 * index the proposal id, so each is read from the proposal's creation block (none can come before it) to the
 * head through the paged, cached log reader: at most one block range per request, and blocks another
 * proposal's page already read are not fetched again. Either data source uses it (the subgraph keeps no
 * queue or cancel transaction).
 */
export function createProposalEventReader({
  client,
  reader,
  governor,
}: Pick<ChainSourceOptions, "client" | "reader" | "governor">) {
  return async function proposalEvents(
    proposal: Pick<VoteScope, "id" | "createdBlock">,
    wanted: WantedProposalEvents,
  ): Promise<ProposalEventRecords> {
    if (!governor) return {};
    const head = await client.getBlockNumber({ cacheTime: 0 });
    const find = async (eventName: "ProposalQueued" | "ProposalExecuted" | "ProposalCanceled") => {
      const filter: LogFilter = { address: governor.address, topics: [topic0(governor.abi, eventName)] };
      const logs = await reader.read(filter, proposal.createdBlock, head);
      const match = logs.map((log) => decode(governor.abi, log)).find(({ args }) => args.proposalId === proposal.id);
      if (!match) return undefined;
      const { timestamp } = await client.getBlock({ blockNumber: match.log.blockNumber });
      const record: GovernorEventRecord = {
        transactionHash: match.log.transactionHash,
        blockNumber: match.log.blockNumber,
        timestamp,
      };
      return { record, args: match.args };
    };
    const [queued, executed, canceled] = await Promise.all([
      wanted.queued ? find("ProposalQueued") : undefined,
      wanted.executed ? find("ProposalExecuted") : undefined,
      wanted.canceled ? find("ProposalCanceled") : undefined,
    ]);
    return {
      queued: queued ? { ...queued.record, eta: (queued.args.etaSeconds as bigint | undefined) ?? 0n } : undefined,
      executed: executed?.record,
      canceled: canceled?.record,
    };
  };
}
