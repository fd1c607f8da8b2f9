import { createPublicClient, HttpRequestError, http, TimeoutError, type Abi, type PublicClient } from "viem";
import { addresses, chain, env, startBlocks } from "../config";
import {
  delegateRegistryAbi,
  lockstepGovernorAbi,
  revenueDistributorAbi,
  votingEscrowAbi,
} from "../generated/contracts";
import { networkHealth } from "../lib/networkHealth";
import { createChainSource, createProposalEventReader, type DeployedContract } from "./chainSource";
import { indexedDbLogCache, memoryLogCache } from "./logs/logCache";
import { createLogReader, ProviderUnreachableError, type FetchLogs, type RawLog } from "./logs/logReader";
import { createDelegateChainSource } from "./delegateChainSource";
import { createDelegateSubgraphSource } from "./delegateSubgraphSource";
import type { DelegateSource } from "./delegateTypes";
import { createSubgraphSource } from "./subgraphSource";
import type { DataSource } from "./types";

export type * from "./types";
export type * from "./delegateTypes";
export { proposalTitle } from "./types";

const client = createPublicClient({ chain, transport: http(env.rpcUrl, { batch: { wait: 16 } }) }) as PublicClient;

type RpcLog = {
  address: `0x${string}`;
  topics: `0x${string}`[];
  data: `0x${string}`;
  blockNumber: `0x${string}`;
  logIndex: `0x${string}`;
  transactionHash: `0x${string}`;
};

const fetchLogs: FetchLogs = async (filter, fromBlock, toBlock) => {
  try {
    const logs = (await client.request({
      method: "eth_getLogs",
      params: [
        {
          address: filter.address,
          topics: filter.topics,
          fromBlock: `0x${fromBlock.toString(16)}`,
          toBlock: `0x${toBlock.toString(16)}`,
        },
      ],
    } as never)) as RpcLog[];
    return logs.map((log): RawLog => ({
      address: log.address,
      topics: log.topics,
      data: log.data,
      blockNumber: BigInt(log.blockNumber),
      logIndex: Number(log.logIndex),
      transactionHash: log.transactionHash,
    }));
  } catch (error) {
    // No answer at all is not a refusal: narrowing the range would not help.
    if (error instanceof HttpRequestError || error instanceof TimeoutError) {
      throw new ProviderUnreachableError((error as Error).message, { cause: error });
    }
    throw error;
  }
};

const reader = createLogReader({
  chainId: env.chainId,
  fetchLogs,
  maxBlockRange: env.logBlockRange,
  cache: typeof indexedDB === "undefined" ? memoryLogCache() : indexedDbLogCache(indexedDB),
  // A local chain never reorganises; elsewhere only logs 64 blocks deep (past finality on Ethereum) persist.
  reorgDepth: env.isLocal ? 0n : 64n,
  // A narrowed range or the sentence that explains why lists cannot load, for the banner and the footer.
  onStatus: (status) => networkHealth.logs(status),
  epoch: async () => (await client.getBlock({ blockNumber: startBlocks.escrow })).hash,
});

const contract = (address: `0x${string}` | undefined, abi: Abi, fromBlock: bigint): DeployedContract | undefined =>
  address ? { address, abi, fromBlock } : undefined;

/** The app's one data source: the subgraph when VITE_SUBGRAPH_URL is set, chain logs otherwise. */
export const dataSource: DataSource = env.subgraphUrl
  ? createSubgraphSource(env.subgraphUrl, () => client.getBlockNumber())
  : createChainSource({
      client,
      reader,
      escrow: contract(addresses.escrow, votingEscrowAbi, startBlocks.escrow),
      distributor: contract(addresses.distributor, revenueDistributorAbi, startBlocks.distributor),
      governor: contract(addresses.governor, lockstepGovernorAbi, startBlocks.governor),
    });

/**
 * A proposal's queue, execute and cancel transactions (for its timeline), from the governor's logs through the
 * paged, cached log reader whichever the data source: the subgraph does not keep those transactions.
 */
export const proposalEvents = createProposalEventReader({
  client,
  reader,
  governor: contract(addresses.governor, lockstepGovernorAbi, startBlocks.governor),
});

/** Delegate statements, delegations and votes, from the same place as `dataSource`. */
export const delegateSource: DelegateSource = env.subgraphUrl
  ? createDelegateSubgraphSource(env.subgraphUrl)
  : createDelegateChainSource({
      client,
      reader,
      registry: contract(addresses.delegateRegistry, delegateRegistryAbi, startBlocks.delegateRegistry),
      escrow: contract(addresses.escrow, votingEscrowAbi, startBlocks.escrow),
      governor: contract(addresses.governor, lockstepGovernorAbi, startBlocks.governor),
    });
