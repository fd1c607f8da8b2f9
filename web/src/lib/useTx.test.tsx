import { describe, expect, it, vi } from "vitest";
import { act, renderHook } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { UserRejectedRequestError } from "viem";
import type { ReactNode } from "react";

const receipts = new Map<string, "success" | "reverted">();
vi.mock("wagmi", () => ({
  usePublicClient: () => ({
    waitForTransactionReceipt: async ({ hash }: { hash: string }) => ({ status: receipts.get(hash) }),
  }),
}));

const { useTx } = await import("./useTx");

function setup() {
  const queryClient = new QueryClient();
  const invalidate = vi.spyOn(queryClient, "invalidateQueries");
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return { ...renderHook(() => useTx(), { wrapper }), invalidate };
}

describe("useTx", () => {
  it("goes signing -> pending -> confirmed and refreshes every read", async () => {
    receipts.set("0x01", "success");
    const { result, invalidate } = setup();
    let release!: (hash: `0x${string}`) => void;
    let done!: Promise<unknown>;
    act(() => {
      done = result.current.run(() => new Promise((resolve) => (release = resolve)));
    });
    expect(result.current.state).toEqual({ status: "signing" });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      release("0x01");
      await done;
    });
    expect(result.current.state).toEqual({ status: "confirmed", hash: "0x01" });
    expect(invalidate).toHaveBeenCalled();
  });

  it("reports a reverted receipt as failed", async () => {
    receipts.set("0x02", "reverted");
    const { result } = setup();
    await act(async () => {
      expect(await result.current.run(async () => "0x02")).toBeUndefined();
    });
    expect(result.current.state).toEqual({
      status: "failed",
      hash: "0x02",
      message: "The transaction was reverted on chain.",
    });
  });

  it("turns a wallet rejection into a sentence and sends nothing else", async () => {
    const { result, invalidate } = setup();
    await act(async () => {
      await result.current.run(async () => {
        throw new UserRejectedRequestError(new Error("denied"));
      });
    });
    expect(result.current.state).toEqual({
      status: "failed",
      hash: undefined,
      message: "You rejected the request in your wallet.",
    });
    expect(invalidate).not.toHaveBeenCalled();
  });
});
