import { useQuery } from "@tanstack/react-query";
import { erc20Abi, type Address } from "viem";
import { usePublicClient } from "wagmi";
import { addresses } from "../../../config";
import { earlyAccessAbi } from "../../../generated/contracts";

export type LatestRound = {
  id: bigint;
  /** The most an account of level 1..10 may commit, in payment-token units (index 0 is level 1). */
  caps: readonly bigint[];
  paymentSymbol: string;
  paymentDecimals: number;
  snapshot: bigint;
  start: bigint;
  end: bigint;
  cancelled: boolean;
  /** The account's level in the round (its score at the snapshot against the round's thresholds). */
  accountLevel: number | undefined;
};

/**
 * The latest early-access round (EarlyAccess.roundCount, then its `round` view) with its payment token, or
 * null while the DAO has created none (or EarlyAccess is not deployed on this chain).
 */
export function useLatestRound(account: Address | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["latest-round", addresses.earlyAccess, account],
    enabled: !!client,
    queryFn: async (): Promise<LatestRound | null> => {
      if (!addresses.earlyAccess) return null;
      const early = { address: addresses.earlyAccess, abi: earlyAccessAbi } as const;
      const id = await client!.readContract({ ...early, functionName: "roundCount" });
      if (id === 0n) return null;
      const [params, , , cancelled] = await client!.readContract({ ...early, functionName: "round", args: [id] });
      const [paymentSymbol, paymentDecimals, accountLevel] = await Promise.all([
        client!.readContract({ address: params.paymentToken, abi: erc20Abi, functionName: "symbol" }),
        client!.readContract({ address: params.paymentToken, abi: erc20Abi, functionName: "decimals" }),
        account ? client!.readContract({ ...early, functionName: "levelIn", args: [id, account] }) : undefined,
      ]);
      return {
        id,
        caps: params.caps,
        paymentSymbol,
        paymentDecimals,
        snapshot: BigInt(params.snapshot),
        start: BigInt(params.start),
        end: BigInt(params.end),
        cancelled,
        accountLevel: accountLevel === undefined ? undefined : Number(accountLevel),
      };
    },
  });
}
