import { describe, expect, it } from "vitest";
import { WEEK } from "../../../shared/protocol";
import { formatDayMonth } from "./format";
import { weeklySeries } from "./weeks";

describe("weeklySeries", () => {
  const w = 100n * WEEK;
  it("lists every week up to the last one, oldest first, with 0 for weeks without revenue", () => {
    const series = weeklySeries(
      [
        { week: w, amount: 5n },
        { week: w - 2n * WEEK, amount: 3n },
        { week: w - 2n * WEEK, amount: 4n },
        { week: w - 9n * WEEK, amount: 1n },
        { week: w + WEEK, amount: 8n },
      ],
      w,
      4,
    );
    expect(series).toEqual([
      { week: w - 3n * WEEK, amount: 0n },
      { week: w - 2n * WEEK, amount: 7n },
      { week: w - WEEK, amount: 0n },
      { week: w, amount: 5n },
    ]);
  });
});

describe("formatDayMonth", () => {
  it("shows a week start as day and month in UTC", () => {
    // 1 Jan 1970 was a Thursday: week starts are Thursdays 00:00 UTC.
    expect(formatDayMonth(0)).toBe("1 Jan");
    expect(formatDayMonth(WEEK * 9n)).toBe("5 Mar");
  });
});
