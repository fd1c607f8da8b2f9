import { useCallback, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import type { Hash, TransactionReceipt } from "viem";
import { describeError } from "./errors";

export type TxState =
  | { status: "idle" }
  | { status: "signing" }
  | { status: "pending"; hash: Hash }
  | { status: "confirmed"; hash: Hash }
  | { status: "failed"; message: string; hash?: Hash };

/**
 * Runs one transaction: waits for the wallet, then for the receipt, then refreshes every chain read. The state
 * drives <TxStatus>; a failure carries the decoded reason as a sentence.
 */
export function useTx() {
  const client = usePublicClient();
  const queryClient = useQueryClient();
  const [state, setState] = useState<TxState>({ status: "idle" });

  const run = useCallback(
    async (send: () => Promise<Hash>): Promise<TransactionReceipt | undefined> => {
      setState({ status: "signing" });
      let hash: Hash | undefined;
      try {
        hash = await send();
        setState({ status: "pending", hash });
        const receipt = await client!.waitForTransactionReceipt({ hash });
        if (receipt.status !== "success") {
          setState({ status: "failed", hash, message: "The transaction was reverted on chain." });
          return undefined;
        }
        setState({ status: "confirmed", hash });
        await queryClient.invalidateQueries();
        return receipt;
      } catch (error) {
        setState({ status: "failed", hash, message: describeError(error) });
        return undefined;
      }
    },
    [client, queryClient],
  );

  const fail = useCallback((message: string) => setState({ status: "failed", message }), []);
  const reset = useCallback(() => setState({ status: "idle" }), []);
  return { state, run, fail, reset, busy: state.status === "signing" || state.status === "pending" };
}
