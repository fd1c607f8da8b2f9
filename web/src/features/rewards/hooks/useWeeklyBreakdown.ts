import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import { addresses } from "../../../config";
import { revenueDistributorAbi, votingEscrowAbi } from "../../../generated/contracts";
import { revenueShare, WEEK } from "../../../lib/score";

export type WeekShare = { week: bigint; revenue: bigint; score: bigint; totalScore: bigint; share: bigint };

/**
 * The unclaimed finished weeks of one token with the account's share of each:
 * revenueShare(revenueAt(week), balanceOfAt(account, week), totalSupplyAt(week)), the distributor's formula.
 */
export function useWeeklyBreakdown(
  account: Address | undefined,
  token: Address,
  now: bigint | undefined,
  enabled = true,
) {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["weekly-breakdown", account, token, now !== undefined ? String(now / WEEK) : undefined],
    enabled: enabled && !!account && !!client && now !== undefined && !!addresses.distributor && !!addresses.escrow,
    queryFn: async (): Promise<WeekShare[]> => {
      const distributor = { address: addresses.distributor!, abi: revenueDistributorAbi } as const;
      const escrow = { address: addresses.escrow!, abi: votingEscrowAbi } as const;
      const cursor = await client!.readContract({
        ...distributor,
        functionName: "claimCursor",
        args: [account!, token],
      });
      const current = (now! / WEEK) * WEEK;
      if (cursor === 0n) return [];
      const weeks: bigint[] = [];
      for (let week = cursor; week < current && weeks.length < 52; week += WEEK) weeks.push(week);
      if (weeks.length === 0) return [];
      // Plain reads (batched by the transport): a local chain has no Multicall3 contract.
      const results = await Promise.all(
        weeks.flatMap((week) => [
          client!.readContract({ ...distributor, functionName: "revenueAt", args: [token, week] }),
          client!.readContract({ ...escrow, functionName: "balanceOfAt", args: [account!, week] }),
          client!.readContract({ ...escrow, functionName: "totalSupplyAt", args: [week] }),
        ]),
      );
      return weeks
        .map((week, i) => {
          const revenue = results[3 * i] as bigint;
          const score = results[3 * i + 1] as bigint;
          const totalScore = results[3 * i + 2] as bigint;
          return { week, revenue, score, totalScore, share: revenueShare(revenue, score, totalScore) };
        })
        .filter((w) => w.revenue > 0n)
        .reverse();
    },
  });
}
