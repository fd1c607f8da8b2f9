import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { earlyAccessAbi, useReadEarlyAccessRoundCount } from "../../../generated/contracts";
import { toRound, type Round, type RoundResult } from "../rounds";

/** Every early-access round, newest first: `roundCount()`, then `round(id)` for each id in one multicall. */
export function useRounds() {
  const count = useReadEarlyAccessRoundCount({
    address: addresses.earlyAccess,
    query: { enabled: !!addresses.earlyAccess },
  });
  const n = Number(count.data ?? 0n);
  const rounds = useReadContracts({
    contracts: Array.from(
      { length: n },
      (_, i) =>
        ({
          address: addresses.earlyAccess!,
          abi: earlyAccessAbi,
          functionName: "round",
          args: [BigInt(n - i)],
        }) as const,
    ),
    allowFailure: false,
    query: {
      enabled: n > 0,
      select: (results) => results.map((result, i) => toRound(BigInt(n - i), result as RoundResult)),
    },
  });
  return {
    data: count.data === 0n ? ([] as Round[]) : rounds.data,
    isError: count.isError || rounds.isError,
    isPending: count.isPending || (n > 0 && rounds.isPending),
    refetch: () => (count.isError ? count.refetch() : rounds.refetch()),
  };
}
