import { useMemo } from "react";
import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { votingEscrowAbi } from "../../../generated/contracts";

/**
 * The votes each delegate held at each snapshot (`getPastVotes`), as `data.get(delegate).get(snapshot)` with
 * lower-case delegate addresses. Snapshots must be in the past: the escrow refuses a lookup at or after its
 * clock.
 */
export function usePastVotes(delegates: readonly Address[] | undefined, snapshots: readonly bigint[] | undefined) {
  const pairs = (delegates ?? []).flatMap((delegate) => (snapshots ?? []).map((t) => [delegate, t] as const));
  const query = useReadContracts({
    contracts: pairs.map(([delegate, t]) => ({
      address: addresses.escrow,
      abi: votingEscrowAbi,
      functionName: "getPastVotes" as const,
      args: [delegate, t] as const,
    })),
    allowFailure: false,
    query: { enabled: delegates !== undefined && snapshots !== undefined && !!addresses.escrow },
  });
  // Built outside `select`: a new Map on every render would never compare equal and re-render forever.
  const key = pairs.map(([delegate, t]) => `${delegate}@${t}`).join(",");
  const values = query.data;
  const data = useMemo(() => {
    if (values === undefined) return undefined;
    const byDelegate = new Map<string, Map<bigint, bigint>>();
    key
      .split(",")
      .filter(Boolean)
      .forEach((pair, i) => {
        const [delegate, t] = pair.split("@");
        const inner = byDelegate.get(delegate.toLowerCase()) ?? new Map<bigint, bigint>();
        inner.set(BigInt(t), values[i] as bigint);
        byDelegate.set(delegate.toLowerCase(), inner);
      });
    return byDelegate;
  }, [values, key]);
  return { data, isError: query.isError, isPending: query.isPending, error: query.error, refetch: query.refetch };
}
