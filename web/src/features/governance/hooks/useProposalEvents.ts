import { useQuery } from "@tanstack/react-query";
import type { Hash } from "viem";
import { usePublicClient } from "wagmi";
import { addresses, fromBlock } from "../../../config";
import { lockstepGovernorAbi } from "../../../generated/contracts";

export type ProposalEvent = { transactionHash: Hash; blockNumber: bigint; timestamp: bigint | undefined };
export type ProposalEvents = {
  queued?: ProposalEvent & { eta: bigint };
  executed?: ProposalEvent;
  canceled?: ProposalEvent;
};

/**
 * The queue, execute and cancel transactions of one proposal, for the timeline's links. Only read once the
 * proposal reached one of those states (the ids are not indexed in these events, so this scans the governor's logs).
 */
export function useProposalEvents(id: bigint, state: number | undefined) {
  const client = usePublicClient();
  const needed = state === 2 || state === 5 || state === 7;
  return useQuery({
    queryKey: ["proposal-events", id.toString(), state],
    enabled: !!client && !!addresses.governor && needed,
    staleTime: Infinity,
    meta: { immutable: true },
    queryFn: async (): Promise<ProposalEvents> => {
      const read = async (eventName: "ProposalQueued" | "ProposalExecuted" | "ProposalCanceled") => {
        const logs = await client!.getContractEvents({
          address: addresses.governor!,
          abi: lockstepGovernorAbi,
          eventName,
          fromBlock,
          toBlock: "latest",
        });
        const log = logs.find((l) => (l.args as { proposalId?: bigint }).proposalId === id);
        if (!log) return undefined;
        const block = await client!.getBlock({ blockNumber: log.blockNumber });
        return {
          transactionHash: log.transactionHash,
          blockNumber: log.blockNumber,
          timestamp: block.timestamp,
          args: log.args as { etaSeconds?: bigint },
        };
      };
      const [queued, executed, canceled] = await Promise.all([
        state === 5 || state === 7 ? read("ProposalQueued") : undefined,
        state === 7 ? read("ProposalExecuted") : undefined,
        state === 2 ? read("ProposalCanceled") : undefined,
      ]);
      return {
        queued: queued ? { ...queued, eta: queued.args.etaSeconds ?? 0n } : undefined,
        executed,
        canceled,
      };
    },
  });
}
