import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { dataSource } from "../../../data";
import { votingEscrowAbi } from "../../../generated/contracts";

/**
 * The addresses `account` allowed to create its lock. The candidates come from LockCreatorSet (subgraph or
 * chain logs); each is confirmed with `isLockCreator` on the chain, so a revoke the indexer has not seen yet
 * never shows as allowed.
 */
export function useLockCreators(account: Address | undefined) {
  const listed = useQuery({
    queryKey: ["lockCreators", dataSource.kind, account],
    enabled: !!account,
    queryFn: () => dataSource.lockCreators(account!),
  });
  const candidates = listed.data ?? [];
  const current = useReadContracts({
    contracts: candidates.map((c) => ({
      address: addresses.escrow,
      abi: votingEscrowAbi,
      functionName: "isLockCreator",
      args: [account!, c.creator],
    })),
    allowFailure: false,
    query: { enabled: !!account && !!addresses.escrow && candidates.length > 0 },
  });
  const confirmed = current.data as readonly boolean[] | undefined;
  const data =
    listed.data === undefined
      ? undefined
      : candidates.length === 0
        ? []
        : confirmed === undefined
          ? undefined
          : candidates.filter((_, i) => confirmed[i]).map((c) => c.creator);
  return {
    data,
    isError: listed.isError || (candidates.length > 0 && current.isError),
    isPending: data === undefined,
    refetch: () => Promise.all([listed.refetch(), current.refetch()]),
  };
}
