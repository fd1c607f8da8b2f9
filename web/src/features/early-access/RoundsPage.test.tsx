import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import type { Round } from "./rounds";

const SALE = "0x00000000000000000000000000000000000000aa";
const PAY = "0x00000000000000000000000000000000000000bb";
const TIMELOCK = "0x00000000000000000000000000000000000000cc";
const E = 10n ** 18n;
let now = 1_000n;

const query = <T,>(data: T) => ({ data, isError: false, isPending: false, refetch: () => {} });
const round = (id: bigint, start: bigint, end: bigint, extra: Partial<Round> = {}): Round => ({
  id,
  saleToken: SALE,
  paymentToken: PAY,
  price: E / 2n,
  saleAmount: 100_000n * E,
  snapshot: 100n,
  start,
  end,
  caps: [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n],
  recipient: TIMELOCK,
  totalCommitted: 58_000n * E,
  finalized: false,
  cancelled: false,
  ...extra,
});

vi.mock("../../config", async (original) => {
  const config = await original<typeof import("../../config")>();
  return {
    ...config,
    addresses: { ...config.addresses, earlyAccess: "0x00000000000000000000000000000000000000ee", timelock: TIMELOCK },
  };
});
vi.mock("../../lib/useChainNow", () => ({ useChainNow: () => now }));
vi.mock("../../lib/chainClock", () => ({ useTickingChainTime: () => now }));
vi.mock("./hooks/useRounds", () => ({
  useRounds: () =>
    query([
      round(5n, 900n, 2_000n, { cancelled: true }),
      round(4n, 100n, 500n, { finalized: true }),
      round(3n, 100n, 900n),
      round(2n, 900n, 2_000n),
      round(1n, 2_000n, 3_000n),
    ]),
}));
vi.mock("./hooks/useTokens", () => ({
  useTokens: () =>
    query({
      [SALE]: { address: SALE, symbol: "NOVA", decimals: 18 },
      [PAY]: { address: PAY, symbol: "dUSDC", decimals: 18 },
    }),
}));
vi.mock("./hooks/useEarlyAccessAdmin", () => ({
  useEarlyAccessAdmin: () => query({ admin: TIMELOCK, isTimelock: true }),
}));

const { default: RoundsPage } = await import("./RoundsPage");

const stateOf = (id: number) =>
  within(screen.getAllByTestId("round-item").find((item) => item.dataset.round === String(id))!).getByTestId(
    "round-state",
  ).textContent;

describe("the early-access round list", () => {
  it("shows each round's state by the chain's clock, with its tokens, price, offer and total", () => {
    now = 1_000n;
    render(<RoundsPage route={[]} />);
    expect([1, 2, 3, 4, 5].map(stateOf)).toEqual(["Upcoming", "Open", "Closed", "Finalized", "Cancelled"]);
    const open = screen.getAllByTestId("round-item").find((item) => item.dataset.round === "2")!;
    expect(within(open).getByRole("link").textContent).toBe("Round #2: NOVA for dUSDC");
    expect(open.textContent).toMatch(/0\.5 dUSDC per NOVA/);
    expect(open.textContent).toMatch(/100,000 NOVA/);
    expect(open.textContent).toMatch(/58,000 dUSDC/);
    expect(open.textContent).toMatch(/Closes in 16 minutes/);
  });

  it("moves a round from open to closed when the chain's clock passes its end", () => {
    now = 2_000n;
    render(<RoundsPage route={[]} />);
    expect(stateOf(2)).toBe("Closed");
    expect(stateOf(1)).toBe("Open");
  });

  it("says the rounds' admin is the DAO's timelock", () => {
    render(<RoundsPage route={[]} />);
    expect(screen.getByTestId("early-admin").textContent).toMatch(/the admin is the timelock \(0x0000…00cc\)/);
  });

  it("explains a round id that does not exist", () => {
    render(<RoundsPage route={["abc"]} />);
    expect(screen.getByText(/There is no round “abc”/)).toBeTruthy();
  });
});
