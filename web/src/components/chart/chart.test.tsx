import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/react";
import { BarChart } from "./BarChart";
import { formatTick } from "./RechartsBars";
import { REVENUE_CHART_WEEKS, WeeklyRevenueChart } from "./WeeklyRevenueChart";
import { WEEK } from "../../../../shared/protocol";

const bars = [
  { key: "1", label: "26 Feb", title: "Week of 26 Feb 2027", value: 40_000, valueText: "40,000 LOCK" },
  {
    key: "2",
    label: "5 Mar",
    title: "Week of 5 Mar 2027 (so far)",
    value: 1_250.5,
    valueText: "1,250.5 LOCK",
    muted: true,
  },
];

describe("BarChart", () => {
  it("names the figure with its summary and lists every bar's exact value in a table", () => {
    render(<BarChart bars={bars} summary="LOCK revenue per week" xLabel="Week of" yLabel="Revenue (LOCK)" />);
    const figure = screen.getByRole("figure", { name: "LOCK revenue per week" });
    const table = within(figure).getByRole("table", { name: "LOCK revenue per week" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((th) => th.textContent),
    ).toEqual(["Week of", "Revenue (LOCK)"]);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      "Week of 26 Feb 202740,000 LOCK",
      "Week of 5 Mar 2027 (so far)1,250.5 LOCK",
    ]);
  });
  it("leaves the table out when the page has its own", () => {
    render(<BarChart bars={bars} summary="Stakers per level" xLabel="Level" yLabel="Stakers" table={false} />);
    expect(screen.getByRole("figure", { name: "Stakers per level" })).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("WeeklyRevenueChart", () => {
  it("shows every one of the last weeks, sums a week's deposits and marks the running week as so far", () => {
    const current = 2_980n * WEEK;
    const E = 10n ** 18n;
    render(
      <WeeklyRevenueChart
        token={{ symbol: "LOCK", decimals: 18 }}
        deposits={[
          { week: current - 2n * WEEK, amount: 40_000n * E },
          { week: current - 2n * WEEK, amount: 5_000n * E },
          { week: current, amount: 1_250n * E + E / 2n },
          // Older than the chart's weeks: left out.
          { week: current - BigInt(REVENUE_CHART_WEEKS) * WEEK, amount: 9n * E },
        ]}
        current={current}
        testId="revenue"
        summary="LOCK revenue per week"
      />,
    );
    const rows = within(screen.getByRole("table", { name: "LOCK revenue per week" }))
      .getAllByRole("row")
      .slice(1);
    expect(rows).toHaveLength(REVENUE_CHART_WEEKS);
    const cells = rows.map((row) => [
      within(row).getByRole("rowheader").textContent,
      within(row).getByRole("cell").textContent,
    ]);
    expect(cells.at(-1)?.[0]).toMatch(/ \(so far\)$/);
    expect(cells.at(-1)?.[1]).toBe("1,250.5 LOCK");
    expect(cells.at(-2)?.[1]).toBe("0 LOCK");
    expect(cells.at(-3)?.[1]).toBe("45,000 LOCK");
    expect(cells.filter(([title]) => title?.endsWith("(so far)"))).toHaveLength(1);
    expect(cells.map(([, value]) => value).filter((v) => v !== "0 LOCK")).toEqual(["45,000 LOCK", "1,250.5 LOCK"]);
  });
});

describe("formatTick", () => {
  it("labels the value axis compactly", () => {
    expect(formatTick(0)).toBe("0");
    expect(formatTick(60_000)).toBe("60K");
    expect(formatTick(1_250_000)).toBe("1.3M");
  });
});
