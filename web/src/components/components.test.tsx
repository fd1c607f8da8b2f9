import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { combine, QueryValue } from "./QueryValue";
import { TxStatus } from "./TxStatus";
import { Field } from "./Field";
import { Amount } from "./Amount";
import { LineChart } from "./charts";

describe("QueryValue", () => {
  it("says in a sentence that a whole section could not be loaded, with a retry button", () => {
    const refetch = vi.fn();
    render(
      <QueryValue query={{ data: undefined, isError: true, isPending: false, refetch }} label="the proposals" block>
        {(v: string[]) => v.join(", ")}
      </QueryValue>,
    );
    expect(screen.getByText(/^Could not load the proposals\./).textContent).toBe("Could not load the proposals. Retry");
    expect(screen.queryByText(/unknown/)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Retry loading the proposals" }));
    expect(refetch).toHaveBeenCalledOnce();
  });

  it("shows unknown and a retry button on a failed read, never a zero", () => {
    const refetch = vi.fn();
    render(
      <QueryValue query={{ data: undefined, isError: true, isPending: false, refetch }} label="balance">
        {(v: bigint) => v.toString()}
      </QueryValue>,
    );
    expect(screen.getByText(/unknown/)).toBeTruthy();
    expect(screen.queryByText("0")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Retry loading balance" }));
    expect(refetch).toHaveBeenCalledOnce();
  });
  it("shows a loading state, then the value", () => {
    const { rerender } = render(
      <QueryValue query={{ data: undefined, isError: false, isPending: true, refetch: () => {} }} label="score">
        {(v: number) => `v=${v}`}
      </QueryValue>,
    );
    expect(screen.getByText("Loading score")).toBeTruthy();
    rerender(
      <QueryValue query={{ data: 0, isError: false, isPending: false, refetch: () => {} }}>
        {(v: number) => `v=${v}`}
      </QueryValue>,
    );
    expect(screen.getByText("v=0")).toBeTruthy();
  });
  it("combines reads: an error in any one is an error", () => {
    const ok = { data: 1, isError: false, isPending: false, refetch: vi.fn() };
    const bad = { data: undefined, isError: true, isPending: false, refetch: vi.fn() };
    const both = combine(ok, bad);
    expect(both.isError).toBe(true);
    expect(both.data).toBeUndefined();
    void both.refetch();
    expect(bad.refetch).toHaveBeenCalled();
    expect(ok.refetch).not.toHaveBeenCalled();
    expect(combine(ok, ok).data).toEqual([1, 1]);
  });
});

describe("TxStatus", () => {
  it("renders each phase with the right role", () => {
    const { rerender, container } = render(<TxStatus state={{ status: "idle" }} label="Lock" />);
    expect(container.textContent).toBe("");
    rerender(<TxStatus state={{ status: "signing" }} label="Lock" />);
    expect(screen.getByRole("status").textContent).toBe("Lock: confirm in your wallet…");
    rerender(<TxStatus state={{ status: "pending", hash: "0x12" }} label="Lock" />);
    expect(screen.getByRole("status").textContent).toBe("Lock: pending…");
    rerender(<TxStatus state={{ status: "confirmed", hash: "0x12" }} label="Lock" />);
    expect(screen.getByRole("status").textContent).toBe("Lock: confirmed.");
    // Local chains have no explorer: no link.
    expect(screen.queryByRole("link")).toBeNull();
    rerender(
      <TxStatus state={{ status: "failed", message: "You rejected the request in your wallet." }} label="Lock" />,
    );
    expect(screen.getByRole("alert").textContent).toBe("Lock failed: You rejected the request in your wallet.");
  });
});

describe("Field", () => {
  it("labels the input and links hint and error for screen readers", () => {
    render(<Field label="Amount" hint="Balance: 5" error="Enter an amount." value="" onChange={() => {}} />);
    const input = screen.getByLabelText("Amount");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const described = input
      .getAttribute("aria-describedby")!
      .split(" ")
      .map((id) => document.getElementById(id)!.textContent);
    expect(described).toEqual(["Balance: 5", "Enter an amount."]);
  });
});

describe("LineChart", () => {
  it("shows its caption above the chart, for a chart with no axis of its own", () => {
    const points = [
      { x: 0, y: 10 },
      { x: 1, y: 20 },
    ];
    const { container, rerender } = render(<LineChart points={points} label="Votes over time" />);
    expect(container.querySelector(".chart-caption")).toBeNull();
    rerender(<LineChart points={points} label="Votes over time" caption="The top of the chart is 20 votes." />);
    expect(screen.getByText("The top of the chart is 20 votes.").closest("figure")).toBe(
      container.querySelector("figure"),
    );
    expect(screen.getByRole("img", { name: "Votes over time" })).toBeTruthy();
  });
});

describe("Amount (the one number formatter)", () => {
  it("shows exact amounts by default and compact ones with the full value for hover, focus and screen readers", () => {
    const { rerender } = render(<Amount value={1_234_567_890000000000000000n} symbol="LOCK" />);
    expect(screen.getByText("1,234,567.89 LOCK")).toBeTruthy();
    rerender(<Amount value={1_234_567_890000000000000000n} symbol="LOCK" compact />);
    const compact = screen.getByTitle("1,234,567.89 LOCK");
    expect(compact.querySelector('[aria-hidden="true"]')?.textContent).toBe("1.2M LOCK");
    expect(compact.querySelector(".sr-only")?.textContent).toBe("1,234,567.89 LOCK");
    expect(compact.getAttribute("title")).toBe("1,234,567.89 LOCK");
    expect(compact.tabIndex).toBe(0);
    rerender(<Amount value={12n * 10n ** 18n} compact />);
    expect(screen.getByText("12")).toBeTruthy();
  });
});

describe("HealthBanner and IndexerStatus: the chain-log reader's status", () => {
  it("says why lists cannot be read when the log reader gives up, once, and nothing while it works", async () => {
    const { act } = await import("@testing-library/react");
    const { HealthBanner } = await import("./NetworkHealth");
    const { networkHealth } = await import("../lib/networkHealth");
    networkHealth.reset();
    render(<HealthBanner />);
    expect(screen.queryByRole("alert")).toBeNull();
    act(() => networkHealth.logs({ state: "narrowed", blockRange: 500 }));
    expect(screen.queryByRole("alert")).toBeNull();
    const message = "The RPC provider refused event logs even for a single block (block 7): limit exceeded.";
    act(() => networkHealth.logs({ state: "failed", blockRange: 1, message }));
    expect(screen.getByRole("alert").textContent).toBe(message);
    // A node that does not answer at all is said once, with the stale warning, not as a log failure too.
    act(() => networkHealth.report("rpc", new Error("fetch failed")));
    expect(screen.getByRole("alert").textContent).toContain("The blockchain node (RPC) is not answering.");
    expect(screen.getByRole("alert").textContent).not.toContain(message);
    act(() => networkHealth.ok("rpc"));
    expect(screen.getByRole("alert").textContent).toBe(message);
    act(() => networkHealth.logs({ state: "ok", blockRange: 1 }));
    expect(screen.queryByRole("alert")).toBeNull();
    networkHealth.reset();
  });

  it("says in the footer how many blocks per request the RPC provider takes once the range was narrowed", async () => {
    const { act } = await import("@testing-library/react");
    const { QueryClient, QueryClientProvider } = await import("@tanstack/react-query");
    const { IndexerStatus } = await import("./IndexerStatus");
    const { networkHealth } = await import("../lib/networkHealth");
    networkHealth.reset();
    const client = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
    render(
      <QueryClientProvider client={client}>
        <IndexerStatus />
      </QueryClientProvider>,
    );
    expect(screen.getByText("Lists from chain logs")).toBeTruthy();
    act(() => networkHealth.logs({ state: "narrowed", blockRange: 2_500 }));
    expect(screen.getByRole("status").textContent).toBe(
      "Lists from chain logs, 2,500 blocks per request (the RPC provider refused longer ranges)",
    );
    act(() => networkHealth.logs({ state: "ok", blockRange: 10_000 }));
    expect(screen.getByText("Lists from chain logs")).toBeTruthy();
    networkHealth.reset();
  });
});
