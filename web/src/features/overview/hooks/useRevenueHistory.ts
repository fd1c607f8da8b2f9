import { useQuery } from "@tanstack/react-query";
import { dataSource } from "../../../data";

/** Revenue deposited per token and week (subgraph or chain logs). */
export function useRevenueHistory() {
  return useQuery({ queryKey: ["revenue-weeks", dataSource.kind], queryFn: () => dataSource.revenueWeeks() });
}
