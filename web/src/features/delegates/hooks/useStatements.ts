import { useQuery } from "@tanstack/react-query";
import { delegateSource } from "../../../data";

/** The current statement of every delegate that has one (subgraph or chain logs). */
export function useStatements() {
  return useQuery({
    queryKey: ["delegate-statements", delegateSource.kind],
    queryFn: () => delegateSource.statements(),
  });
}
