import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Position } from "./hooks/usePosition";
import type { Round } from "./rounds";

const ACCOUNT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const SALE = "0x00000000000000000000000000000000000000aa";
const PAY = "0x00000000000000000000000000000000000000bb";
const E = 10n ** 18n;

const actions = {
  approve: vi.fn(async () => "0x01" as const),
  commit: vi.fn(async () => "0x02" as const),
  claim: vi.fn(async () => "0x03" as const),
  finalize: vi.fn(async () => "0x04" as const),
};
let now = 1_000n;
let round: Round;
let position: Position;
let allowance = 0n;

const query = <T,>(data: T) => ({ data, isError: false, isPending: false, refetch: () => {} });

vi.mock("wagmi", () => ({
  usePublicClient: () => ({ waitForTransactionReceipt: async () => ({ status: "success" }) }),
}));
vi.mock("../../lib/useNetworkGuard", () => ({
  useNetworkGuard: () => ({ address: ACCOUNT, isConnected: true, wrongChain: false, canSend: true }),
}));
vi.mock("../../lib/useChainNow", () => ({ useChainNow: () => now }));
vi.mock("../../lib/chainClock", () => ({ useTickingChainTime: () => now }));
vi.mock("./hooks/useRound", () => ({ useRound: () => query(round) }));
vi.mock("./hooks/useTokens", () => ({
  useTokens: () =>
    query({
      [SALE]: { address: SALE, symbol: "NOVA", decimals: 18 },
      [PAY]: { address: PAY, symbol: "dUSDC", decimals: 18 },
    }),
}));
vi.mock("./hooks/usePosition", () => ({ usePosition: () => query(position) }));
vi.mock("./hooks/usePaymentBalance", () => ({
  usePaymentBalance: () => query({ balance: 100_000n * E, allowance }),
}));
vi.mock("./hooks/useEarlyAccessActions", () => ({ useEarlyAccessActions: () => actions }));

const { RoundPage } = await import("./RoundPage");

const K = 1_000n * E;
const caps: Round["caps"] = [1n * K, 2n * K, 5n * K, 10n * K, 20n * K, 30n * K, 40n * K, 50n * K, 60n * K, 75n * K];
const thresholds = [22n, 50n, 100n, 250n, 500n, 1_000n, 2_000n, 3_500n, 5_000n, 7_777n].map((k) => k * 1_000n * E);

function renderPage() {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <RoundPage id={1n} />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  vi.clearAllMocks();
  now = 1_000n;
  allowance = 0n;
  // 100,000 NOVA at 0.5 dUSDC (value 50,000), 58,000 committed: oversubscribed.
  round = {
    id: 1n,
    saleToken: SALE,
    paymentToken: PAY,
    price: E / 2n,
    saleAmount: 100_000n * E,
    snapshot: 500n,
    start: 900n,
    end: 2_000n,
    caps,
    recipient: "0x00000000000000000000000000000000000000cc",
    totalCommitted: 58_000n * E,
    finalized: false,
    cancelled: false,
  };
  position = {
    level: 2,
    score: 80_000n * E,
    cap: 2_000n * E,
    committed: 500n * E,
    claimed: false,
    claimable: { saleTokens: 0n, refund: 0n },
    thresholds,
  };
});

describe("an early-access round", () => {
  it("shows the round as open by the chain's clock, with your level, cap and the next level's cap", () => {
    renderPage();
    expect(screen.getByTestId("round-state").textContent).toBe("Open");
    expect(screen.getByText("Committed so far")).toBeTruthy();
    expect(screen.getByTestId("early-level").textContent).toBe(
      "Your Staking Score on 1 Jan 1970 UTC was 80,000: level 2.",
    );
    expect(screen.getByTestId("early-cap").textContent).toBe("2,000 dUSDC");
    expect(screen.getByText(/5,000 dUSDC \(level 3, score 100,000\)/)).toBeTruthy();
    // 500 of 58,000 committed: 500/58,000 of 100,000 NOVA if the round closed now.
    expect(screen.getByTestId("early-estimate").textContent).toMatch(/^862\.068965 NOVA and a refund of 68\.96/);
  });

  it("stops an amount over the cap with a sentence and sends nothing", async () => {
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByRole("textbox", { name: /Amount to commit/ }), "1600");
    expect(screen.getByRole("alert").textContent).toBe(
      "That is over your cap: level 2 may commit 2,000 dUSDC in total and you can add at most 1,500 dUSDC.",
    );
    const button = screen.getByRole("button", { name: "Commit" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(actions.approve).not.toHaveBeenCalled();
    expect(actions.commit).not.toHaveBeenCalled();
  });

  it("approves, then commits an amount within the cap", async () => {
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByRole("textbox", { name: /Amount to commit/ }), "1500");
    await user.click(screen.getByRole("button", { name: "Commit" }));
    expect(actions.approve).toHaveBeenCalledWith(PAY, 1_500n * E);
    expect(actions.commit).toHaveBeenCalledWith(1n, 1_500n * E);
    expect(screen.getByText("Commit: confirmed.")).toBeTruthy();
  });

  it("commits without an approval when the allowance covers the amount", async () => {
    allowance = 10_000n * E;
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByRole("textbox", { name: /Amount to commit/ }), "10");
    await user.click(screen.getByRole("button", { name: "Commit" }));
    expect(actions.approve).not.toHaveBeenCalled();
    expect(actions.commit).toHaveBeenCalledWith(1n, 10n * E);
  });

  it("tells a level-0 visitor why they cannot join and offers no form", () => {
    position = { ...position, level: 0, cap: 0n, committed: 0n, score: 900n * E };
    renderPage();
    expect(screen.getByTestId("early-level").textContent).toMatch(/below level 1, so you can't join this round/);
    expect(screen.queryByRole("textbox", { name: /Amount to commit/ })).toBeNull();
  });

  it("after the window, shows the allocation and refund and claims them", async () => {
    now = 2_000n;
    position = { ...position, claimable: { saleTokens: 862n * E, refund: 68n * E } };
    const user = userEvent.setup();
    renderPage();
    expect(screen.getByTestId("round-state").textContent).toBe("Closed");
    // The total is final once the window has closed: "so far" would say it may still grow.
    expect(screen.getByText("Committed in total")).toBeTruthy();
    expect(screen.queryByText("Committed so far")).toBeNull();
    expect(screen.queryByRole("textbox", { name: /Amount to commit/ })).toBeNull();
    const claim = screen.getByTestId("early-claim");
    expect(within(claim).getByTestId("early-claim-sale").textContent).toBe("862 NOVA");
    expect(within(claim).getByTestId("early-claim-refund").textContent).toBe("68 dUSDC");
    await user.click(within(claim).getByRole("button", { name: "Claim" }));
    expect(actions.claim).toHaveBeenCalledWith(1n);
    expect(screen.getByRole("button", { name: "Finalize" })).toBeTruthy();
  });

  it("shows a pro-rata claim to six decimals, not all eighteen", () => {
    now = 2_000n;
    position = {
      ...position,
      claimable: { saleTokens: 17_241_379310344827586206n, refund: 1_379_310344827586206896n },
    };
    renderPage();
    expect(screen.getByTestId("early-claim-sale").textContent).toBe("17,241.37931 NOVA");
    expect(screen.getByTestId("early-claim-refund").textContent).toBe("1,379.310344 dUSDC");
    expect(screen.getByTestId("early-estimate").textContent).toMatch(/^862\.068965 NOVA and a refund of /);
  });

  it("says a claimed round is done and a cancelled one refunds everything", () => {
    round = { ...round, cancelled: true };
    position = { ...position, claimed: true };
    renderPage();
    expect(screen.getByTestId("round-state").textContent).toBe("Cancelled");
    expect(screen.getByText(/every committer can claim a full refund/)).toBeTruthy();
    expect(screen.getByTestId("early-claimed")).toBeTruthy();
  });
});
