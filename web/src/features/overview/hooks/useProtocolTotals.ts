import { useQuery } from "@tanstack/react-query";
import { dataSource } from "../../../data";

/** Number of lock holders and total locked: subgraph aggregates, or folded from the escrow's lock events. */
export function useProtocolTotals() {
  return useQuery({ queryKey: ["protocol-totals", dataSource.kind], queryFn: () => dataSource.totals() });
}
