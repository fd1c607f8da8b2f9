import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { revenueDistributorAbi, votingEscrowAbi } from "../../../generated/contracts";
import type { WeekInput } from "../yield";

export type YieldWeeks = {
  /** Per token, in the order given: the last finished week and the running one. */
  tokens: { last: WeekInput; current: WeekInput }[];
};

/**
 * What the yield card needs, straight from the contracts: `revenueAt` of each token for the last finished and
 * the running week, and the account's score and the total score at each of those week starts. The weeks are
 * part of the query key, so a new week never shows last week's numbers as current.
 */
export function useYieldWeeks(
  account: Address | undefined,
  tokens: readonly Address[] | undefined,
  weeks: { last: bigint; current: bigint } | undefined,
) {
  const distributor = { address: addresses.distributor, abi: revenueDistributorAbi } as const;
  const escrow = { address: addresses.escrow, abi: votingEscrowAbi } as const;
  const list = tokens ?? [];
  const last = weeks?.last ?? 0n;
  const current = weeks?.current ?? 0n;
  return useReadContracts({
    contracts: [
      { ...escrow, functionName: "balanceOfAt", args: [account!, last] },
      { ...escrow, functionName: "totalSupplyAt", args: [last] },
      { ...escrow, functionName: "balanceOfAt", args: [account!, current] },
      { ...escrow, functionName: "totalSupplyAt", args: [current] },
      ...list.flatMap((token) => [
        { ...distributor, functionName: "revenueAt", args: [token, last] } as const,
        { ...distributor, functionName: "revenueAt", args: [token, current] } as const,
      ]),
    ],
    allowFailure: false,
    query: {
      enabled: !!account && !!tokens && !!weeks && !!addresses.distributor && !!addresses.escrow,
      select: (results): YieldWeeks => {
        const [scoreLast, totalLast, scoreCurrent, totalCurrent] = results.slice(0, 4) as bigint[];
        return {
          tokens: list.map((_, i) => ({
            last: { revenue: results[4 + 2 * i] as bigint, score: scoreLast, totalScore: totalLast },
            current: { revenue: results[5 + 2 * i] as bigint, score: scoreCurrent, totalScore: totalCurrent },
          })),
        };
      },
    },
  });
}
