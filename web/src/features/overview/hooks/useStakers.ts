import { useQuery } from "@tanstack/react-query";
import { dataSource } from "../../../data";

/** Every lock holder (subgraph or chain logs). */
export function useStakers() {
  return useQuery({ queryKey: ["stakers", dataSource.kind], queryFn: () => dataSource.stakers() });
}
