import { useQuery } from "@tanstack/react-query";
import { delegateSource } from "../../../data";

/** Every account that delegated (its first lock included) with its current delegate. */
export function useDelegations() {
  return useQuery({ queryKey: ["delegations", delegateSource.kind], queryFn: () => delegateSource.delegations() });
}
