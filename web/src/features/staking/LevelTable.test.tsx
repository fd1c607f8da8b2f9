import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import { DEFAULT_LEVEL_THRESHOLDS as THRESHOLDS, E18 } from "../../../../shared/protocol";
import { formatAmount, formatDate } from "../../lib/format";
import { unlockEndFor } from "../../lib/score";
import type { LatestRound } from "./hooks/useLatestRound";
import { levelTable } from "./levels";

const ACCOUNT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const NOW = 1_750_000_000n;
const useLatestRound = vi.fn();
vi.mock("./hooks/useLatestRound", () => ({ useLatestRound }));
vi.mock("../../config", () => ({
  levelBenefits: [["Staker polls"], [], ["Beta features", "A badge"], [], [], [], [], [], [], []],
}));

const { LevelTable } = await import("./LevelTable");

const q = <T,>(data: T) => ({ data, isError: false, isPending: false, refetch: () => {} });
const round: LatestRound = {
  id: 2n,
  caps: [1, 2, 4, 8, 15, 25, 40, 60, 80, 100].map((c) => BigInt(c) * 1_000n * 10n ** 6n),
  paymentSymbol: "USDC",
  paymentDecimals: 6,
  snapshot: NOW - 100n,
  start: NOW,
  end: NOW + 1_000n,
  cancelled: false,
  accountLevel: 1,
};

function renderTable(lock = { amount: 12_000n * E18, end: unlockEndFor(NOW, 52), autoMax: false }) {
  render(<LevelTable account={ACCOUNT} lock={q(lock)} thresholds={q(THRESHOLDS)} decimals={18} now={NOW} />);
  return lock;
}

describe("LevelTable", () => {
  it("shows each level's threshold, where you stand, the latest round's cap and the DAO's benefits", () => {
    useLatestRound.mockReturnValue(q(round));
    const lock = renderTable();
    const { rows } = levelTable(THRESHOLDS, lock, NOW);
    const row1 = screen.getByTestId("level-row-1");
    expect(row1.getAttribute("aria-current")).toBe("true");
    expect(within(row1).getByText("22,000")).toBeTruthy();
    expect(within(row1).getByText(`You are here; until ${formatDate(rows[0].dropsAt!)}`)).toBeTruthy();
    expect(within(row1).getByText("Staker polls")).toBeTruthy();
    expect(screen.getByTestId("level-cap-1").textContent).toBe("1,000 USDC");
    expect(screen.getByTestId("level-cap-10").textContent).toBe("100,000 USDC");
    const row2 = screen.getByTestId("level-row-2");
    expect(within(row2).getByText(`Next: ${formatAmount(rows[1].missing!, 18, 0)} more score`)).toBeTruthy();
    expect(
      within(screen.getByTestId("level-row-3")).getByText(`${formatAmount(rows[2].missing!, 18, 0)} more score`),
    ).toBeTruthy();
    expect(
      within(screen.getByTestId("level-row-3"))
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Beta features", "A badge"]);
    expect(screen.getByRole("columnheader", { name: "Early-access cap (round #2)" })).toBeTruthy();
    expect(screen.getByTestId("round-note").textContent).toMatch(/round #2, the latest.*where you are level 1\./);
  });
  it("says when there is no round yet and leaves the cap column out", () => {
    useLatestRound.mockReturnValue(q(null));
    renderTable();
    expect(screen.getByText("No early-access round yet: caps show here once the DAO opens one.")).toBeTruthy();
    expect(screen.queryByRole("columnheader", { name: /Early-access cap/ })).toBeNull();
  });
  it("keeps levels while auto-max is on and tells a failed round read in a sentence", () => {
    useLatestRound.mockReturnValue({ data: undefined, isError: true, isPending: false, refetch: () => {} });
    renderTable({ amount: 30_000n * E18, end: 0n, autoMax: true });
    expect(within(screen.getByTestId("level-row-2")).getByText("You are here; kept while auto-max is on")).toBeTruthy();
    expect(screen.getByTestId("level-standing").textContent).toBe(
      "Your score 59,999 is level 2; 40,000 more score reaches level 3.", // the slope rounds down, as on chain,
    );
    expect(screen.getByText(/The early-access round could not be read\./)).toBeTruthy();
  });
});
