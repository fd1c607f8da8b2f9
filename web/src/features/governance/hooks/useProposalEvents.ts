import { useQuery } from "@tanstack/react-query";
import { addresses } from "../../../config";
import { proposalEvents, type GovernorEventRecord, type VoteScope } from "../../../data";

export type ProposalEvent = GovernorEventRecord;

/**
 * The queue, execute and cancel transactions of one proposal, for the timeline's links. Only read once the
 * proposal reached one of those states, from its creation block on, in pages of the configured block range
 * through the cached log reader (the ids are not indexed in these events).
 */
export function useProposalEvents(proposal: Pick<VoteScope, "id" | "createdBlock">, state: number | undefined) {
  const needed = state === 2 || state === 5 || state === 7;
  return useQuery({
    queryKey: ["proposal-events", proposal.id.toString(), proposal.createdBlock.toString(), state],
    enabled: !!addresses.governor && needed,
    staleTime: Infinity,
    meta: { immutable: true },
    queryFn: () =>
      proposalEvents(proposal, { queued: state === 5 || state === 7, executed: state === 7, canceled: state === 2 }),
  });
}
