import { useQuery } from "@tanstack/react-query";
import { dataSource } from "../../../data";

/** Every proposal (subgraph or chain logs), newest first. */
export function useProposals() {
  return useQuery({ queryKey: ["proposals", dataSource.kind], queryFn: () => dataSource.proposals() });
}
