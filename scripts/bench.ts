import { benchDelegates } from "./bench/delegates.js";
import { benchEarlyAccess } from "./bench/earlyAccess.js";
import { benchEscrow } from "./bench/escrow.js";
import { benchGovernance } from "./bench/governance.js";
import { benchRevenue } from "./bench/revenue.js";
import { renderTable, type BenchRow } from "./bench/table.js";

// Gas is deterministic on the in-process network, so the figures are comparable run to run; the
// benchmark reports and never fails on a figure.
const sections: Array<[string, () => Promise<BenchRow[]>]> = [
  ["VotingEscrow", benchEscrow],
  ["RevenueDistributor", benchRevenue],
  ["EarlyAccess", benchEarlyAccess],
  ["Governance", benchGovernance],
  ["DelegateRegistry", benchDelegates],
];

// BENCH_ONLY=VotingEscrow (comma-separated section names) measures only those sections.
const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
const rows: BenchRow[] = [];
for (const [name, run] of sections) {
  if (only !== undefined && !only.includes(name)) continue;
  process.stderr.write(`measuring ${name}...\n`);
  rows.push(...(await run()));
}
console.log(renderTable(rows));
const over = rows.filter((r) => r.target !== undefined && r.gas > r.target);
console.log(over.length === 0 ? "\nAll figures within target." : `\n${over.length} figure(s) over target.`);
