import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { DAY, E18, WEEK } from "../../../../shared/protocol";
import type { YieldWeeks } from "./hooks/useYieldWeeks";

const ACCOUNT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const LOCK = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const USD = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const NOW = 3_000n * WEEK + 2n * DAY;

const useYieldWeeks = vi.fn();
vi.mock("./hooks/useYieldWeeks", () => ({ useYieldWeeks }));
vi.mock("../../lib/chainClock", () => ({ useTickingChainTime: () => NOW }));

const { YieldCard } = await import("./YieldCard");

const tokens = [
  { address: LOCK, symbol: "LOCK", decimals: 18 },
  { address: USD, symbol: "dUSD", decimals: 6 },
] as const;

function figures(data: YieldWeeks | undefined, isPending = false) {
  useYieldWeeks.mockReturnValue({ data, isPending, isError: false, refetch: () => {} });
}

describe("YieldCard", () => {
  it("shows last week's revenue per 1,000 score, your share, a rate for the locked token only, and this week so far", () => {
    // Last week: 60,000 LOCK and 21,000 dUSD over a total score of 6,000,000, yours 300,000.
    const last = { score: 300_000n * E18, totalScore: 6_000_000n * E18 };
    const current = { score: 250_000n * E18, totalScore: 5_000_000n * E18 };
    figures({
      tokens: [
        { last: { ...last, revenue: 60_000n * E18 }, current: { ...current, revenue: 1_000n * E18 } },
        { last: { ...last, revenue: 21_000n * 10n ** 6n }, current: { ...current, revenue: 0n } },
      ],
    });
    render(
      <YieldCard account={ACCOUNT} tokens={[...tokens]} lockedToken={LOCK} lockedAmount={200_000n * E18} now={NOW} />,
    );
    expect(useYieldWeeks).toHaveBeenLastCalledWith(ACCOUNT, [LOCK, USD], {
      last: 2_999n * WEEK,
      current: 3_000n * WEEK,
      claimableAt: 3_001n * WEEK,
    });
    const text = (id: string) => screen.getByTestId(id).textContent;
    expect(text("yield-last-revenue-LOCK")).toBe("60,000 LOCK");
    expect(text("yield-last-per1000-LOCK")).toBe("10 LOCK");
    expect(text("yield-last-share-LOCK")).toBe("3,000 LOCK");
    expect(screen.getByTestId("yield-last-share-LOCK").dataset.value).toBe(String(3_000n * E18));
    // 10 per 1,000 a week is 1% a week: 365/7 % a year; 3,000 on 200,000 locked is 1.5% a week.
    expect(text("yield-rate-LOCK")).toBe("52.14% a year on score; 78.21% on your locked LOCK");
    expect(text("yield-last-per1000-dUSD")).toBe("3.5 dUSD");
    expect(text("yield-last-share-dUSD")).toBe("1,050 dUSD");
    expect(text("yield-rate-dUSD")).toMatch(/^No price available/);
    expect(text("yield-current-revenue-LOCK")).toBe("1,000 LOCK");
    expect(text("yield-current-share-LOCK")).toBe("50 LOCK");
    expect(text("yield-current-share-dUSD")).toBe("0 dUSD");
    // Five days left until the week ends.
    expect(text("yield-countdown")).toBe("in 5 d");
  });

  it("says when a week's revenue rolls over because nobody had a score", () => {
    const empty = { score: 0n, totalScore: 0n };
    figures({
      tokens: [{ last: { ...empty, revenue: 5n * E18 }, current: { ...empty, revenue: 0n } }],
    });
    render(<YieldCard account={ACCOUNT} tokens={[tokens[0]]} lockedToken={LOCK} lockedAmount={0n} now={NOW} />);
    expect(screen.getByText(/its revenue rolls into the next week/)).toBeTruthy();
    expect(screen.getByTestId("yield-last-share-LOCK").textContent).toBe("0 LOCK");
    expect(screen.getByTestId("yield-rate-LOCK").textContent).toBe("0.00% a year on score");
  });

  it("shows nothing as current while a new week's figures load", () => {
    figures(undefined, true);
    render(<YieldCard account={ACCOUNT} tokens={[...tokens]} lockedToken={LOCK} lockedAmount={0n} now={NOW} />);
    expect(screen.getByText("Loading yield")).toBeTruthy();
    expect(screen.queryByTestId("yield-last-revenue-LOCK")).toBeNull();
  });
});
