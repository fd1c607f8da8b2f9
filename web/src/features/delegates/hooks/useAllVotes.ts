import { useQuery } from "@tanstack/react-query";
import { delegateSource } from "../../../data";

/** Every vote on every proposal, oldest first. */
export function useAllVotes() {
  return useQuery({ queryKey: ["all-votes", delegateSource.kind], queryFn: () => delegateSource.allVotes() });
}
