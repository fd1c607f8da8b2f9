import { useQuery } from "@tanstack/react-query";
import { dataSource } from "../../../data";

/** The votes cast on a proposal (subgraph or chain logs). */
export function useProposalVotes(id: bigint | undefined) {
  return useQuery({
    queryKey: ["votes", dataSource.kind, id?.toString()],
    enabled: id !== undefined,
    queryFn: () => dataSource.votes(id!),
  });
}
