import { useQuery } from "@tanstack/react-query";
import { dataSource, type VoteScope } from "../../../data";

/** The votes cast on a proposal (subgraph or chain logs from its creation block to its deadline). */
export function useProposalVotes(proposal: VoteScope | undefined) {
  return useQuery({
    queryKey: ["votes", dataSource.kind, proposal?.id.toString(), proposal?.voteEnd.toString()],
    enabled: proposal !== undefined,
    queryFn: () => dataSource.votes(proposal!),
  });
}
