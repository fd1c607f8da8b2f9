/** One line of the gas report: what was measured, the gas, and the target it is held against. */
export interface BenchRow {
  section: string;
  action: string;
  gas: bigint;
  /** Upper bound from the issue; omitted for informational rows. */
  target?: bigint;
  /** A reference figure measured in the same run (say which contract it comes from); never an outside number. */
  reference?: string;
  note?: string;
}

/** Gas with thousands separators, as the table prints it. */
export const fmt = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** Renders the rows as a fixed-width table; the benchmark reports and never fails on a figure. */
export function renderTable(rows: BenchRow[]): string {
  const header = ["section", "action", "gas", "target", "status", "reference", "note"];
  const body = rows.map((r) => [
    r.section,
    r.action,
    fmt(r.gas),
    r.target === undefined ? "-" : `<= ${fmt(r.target)}`,
    r.target === undefined ? "info" : r.gas <= r.target ? "ok" : "OVER",
    r.reference ?? "",
    r.note ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(" | ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...body.map(line)].join("\n");
}
