import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { dataSource } from "../../../data";

/** The account's past claims (subgraph or chain logs). */
export function useClaimHistory(account: Address | undefined) {
  return useQuery({
    queryKey: ["claims", dataSource.kind, account],
    enabled: !!account,
    queryFn: () => dataSource.claims(account!),
  });
}
