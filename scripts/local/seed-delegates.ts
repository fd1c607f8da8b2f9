import { readArtifact } from "./artifacts.ts";
import type { SeedContext } from "./seed-context.ts";

/**
 * Delegate statements for the seeded voters, so the directory shows names, statements and voting records
 * (their votes come from seedDao; seedStaking made account 2 delegate to Alice, #1, and 6 to Carol, #3).
 */
const STATEMENTS: { index: number; name: string; statement: string; link: string }[] = [
  {
    index: 0,
    name: "Founding team",
    statement:
      "We built Lockstep and vote for boring, safe changes: audited upgrades, revenue to stakers, no grants without milestones.",
    link: "https://example.org/lockstep/founders",
  },
  {
    index: 1,
    name: "Alice (growth)",
    statement:
      "I back spending that grows protocol revenue and explain every vote in its reason. Delegate to me if you want an active voter.",
    link: "",
  },
  {
    index: 3,
    name: "Carol",
    statement:
      "Stakers first: I vote against anything that cuts revenue sharing, and abstain when I have no informed view.",
    link: "https://example.org/forum/carol",
  },
];

export async function seedDelegates(ctx: SeedContext) {
  const registry = ctx.deployment.contracts.DelegateRegistry.address;
  const abi = readArtifact("DelegateRegistry").abi;
  for (const s of STATEMENTS) {
    await ctx.write(s.index, registry, abi, "publishStatement", [s.name, s.statement, s.link]);
  }
  ctx.log(`published ${STATEMENTS.length} delegate statements`);
}
