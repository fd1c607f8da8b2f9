import { createPublicClient, http, type Abi, type PublicClient } from "viem";
import { addresses, chain, env, fromBlock } from "../config";
import {
  delegateRegistryAbi,
  lockstepGovernorAbi,
  revenueDistributorAbi,
  votingEscrowAbi,
} from "../generated/contracts";
import { createChainSource } from "./chainSource";
import { createDelegateChainSource } from "./delegateChainSource";
import { createDelegateSubgraphSource } from "./delegateSubgraphSource";
import type { DelegateSource } from "./delegateTypes";
import { createSubgraphSource } from "./subgraphSource";
import type { DataSource } from "./types";

export type * from "./types";
export type * from "./delegateTypes";
export { proposalTitle } from "./types";

const contract = (address: `0x${string}` | undefined, abi: Abi) => (address ? { address, abi } : undefined);

const client = createPublicClient({ chain, transport: http(env.rpcUrl, { batch: { wait: 16 } }) }) as PublicClient;

/** The app's one data source: the subgraph when VITE_SUBGRAPH_URL is set, chain logs otherwise. */
export const dataSource: DataSource = env.subgraphUrl
  ? createSubgraphSource(env.subgraphUrl, () => client.getBlockNumber())
  : createChainSource({
      client,
      fromBlock,
      escrow: contract(addresses.escrow, votingEscrowAbi),
      distributor: contract(addresses.distributor, revenueDistributorAbi),
      governor: contract(addresses.governor, lockstepGovernorAbi),
    });

/** Delegate statements, delegations and votes, from the same place as `dataSource`. */
export const delegateSource: DelegateSource = env.subgraphUrl
  ? createDelegateSubgraphSource(env.subgraphUrl)
  : createDelegateChainSource({
      client,
      fromBlock,
      registry: contract(addresses.delegateRegistry, delegateRegistryAbi),
      escrow: contract(addresses.escrow, votingEscrowAbi),
      governor: contract(addresses.governor, lockstepGovernorAbi),
    });
