import { describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";

const ACCOUNT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const createLock = vi.fn<(amount: bigint, unlockTime: bigint) => Promise<`0x${string}`>>();

vi.mock("wagmi", () => ({
  usePublicClient: () => ({ waitForTransactionReceipt: async () => ({ status: "success" }) }),
}));
// The allowance is already in place, so a submit sends exactly one createLock.
vi.mock("./hooks/useAllowance", () => ({ useAllowance: () => ({ data: 10n ** 30n }) }));
vi.mock("./hooks/usePermitNonce", () => ({ usePermitNonce: () => ({ data: 0n }) }));
vi.mock("./hooks/usePermitDomain", () => ({ usePermitDomain: () => ({ data: undefined }) }));
vi.mock("./hooks/useStakingActions", () => ({ useStakingActions: () => ({ createLock }) }));

const { useTx } = await import("../../lib/useTx");
const { LockForm } = await import("./LockForm");

function Harness() {
  const lockTx = useTx();
  return (
    <>
      <LockForm
        account={ACCOUNT}
        balance={10n ** 24n}
        thresholds={undefined}
        now={1_700_000_000n}
        minLock={4n * 604_800n}
        decimals={18}
        symbol="LOCK"
        blocked={undefined}
        lockTx={lockTx}
      />
      <output data-testid="lock-status">{lockTx.state.status}</output>
    </>
  );
}

describe("LockForm", () => {
  it("stops flagging an empty amount once a retried lock succeeds", async () => {
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <Harness />
      </QueryClientProvider>,
    );
    const amount = screen.getByRole("textbox", { name: "Amount (LOCK)" });
    await user.type(amount, "100");

    createLock.mockRejectedValueOnce(new Error("the node is unreachable"));
    await user.click(screen.getByRole("button", { name: "Lock" }));
    expect(screen.getByTestId("lock-status").textContent).toBe("failed");

    // The retry succeeds; the form rendered before this click still saw the failure.
    createLock.mockResolvedValueOnce("0x01");
    await user.click(screen.getByRole("button", { name: "Lock" }));
    expect(screen.getByTestId("lock-status").textContent).toBe("confirmed");
    expect(createLock).toHaveBeenCalledTimes(2);

    await act(() => user.clear(amount));
    expect(amount.getAttribute("aria-invalid")).toBeNull();
    expect(screen.queryByText("Enter an amount.")).toBeNull();
  });
});
