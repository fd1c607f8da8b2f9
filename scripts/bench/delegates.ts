import { network } from "hardhat";
import { gasOf, rowAppender } from "./common.js";
import type { BenchRow } from "./table.js";

const SECTION = "DelegateRegistry";

/**
 * Gas of delegate statements: a typical statement (a name, about 280 bytes of text and a link) published for
 * the first time and replaced, a full-length one (64-byte name, 1,024-byte statement, 256-byte link), and a
 * clear. The text is only in the event, so the cost grows with the calldata and the log, not with storage; the
 * full-length row's note estimates what storing the text would add (one fresh slot per 32 bytes).
 */
export async function benchDelegates(): Promise<BenchRow[]> {
  const { ethers } = await network.create();
  const [, alice, bob] = await ethers.getSigners();
  const registry = await ethers.deployContract("DelegateRegistry");
  const rows: BenchRow[] = [];
  const row = rowAppender(rows, SECTION);

  const statement =
    "I vote for a lean treasury, audited upgrades and weekly revenue reports. I read every proposal's " +
    "actions in full and explain each vote in its reason. I will not vote on proposals that pay me or a " +
    "company I work for, and I will say so in the reason. Delegate to me if you want steady, boring care.";
  const link = "https://forum.example.org/t/delegate-statement-alice/1234";
  row(
    "publishStatement (first, ~280-byte statement and a link)",
    await gasOf(registry.connect(alice).publishStatement("Alice Example", statement, link)),
    90_000n,
  );
  row(
    "publishStatement (replacing one)",
    await gasOf(registry.connect(alice).publishStatement("Alice Example", statement + " Updated.", link)),
    60_000n,
  );
  const fullStatement = "s".repeat(1024);
  const full = await gasOf(
    registry.connect(bob).publishStatement("n".repeat(64), fullStatement, "https://" + "l".repeat(248)),
  );
  row(
    "publishStatement (first, every field at its limit)",
    full,
    120_000n,
    undefined,
    `text in the event only; storing it would add ~${(42 * 22_100).toLocaleString("en-US")} (42 fresh slots, estimated)`,
  );
  row("clearStatement", await gasOf(registry.connect(alice).clearStatement()), 30_000n);
  return rows;
}
