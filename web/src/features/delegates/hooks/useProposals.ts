import { useQuery } from "@tanstack/react-query";
import { dataSource } from "../../../data";

/** Every proposal, newest first (the same cache entry as the Govern page's list). */
export function useProposals() {
  return useQuery({ queryKey: ["proposals", dataSource.kind], queryFn: () => dataSource.proposals() });
}
