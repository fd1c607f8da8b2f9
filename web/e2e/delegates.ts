/**
 * End-to-end tests of the delegate directory (issue #13): publish a statement, find the delegate, see how
 * often you agreed after two proposals, delegate from the directory and appear in the delegate's list.
 */
import { keccak256, toHex, type Address, type Hex } from "viem";
import type { Page } from "playwright-core";
import { readArtifact } from "../../scripts/local/artifacts.ts";
import { seedContext } from "../../scripts/local/seed-context.ts";
import { WEEK } from "../../shared/protocol.ts";
import { assert, assertEqual, axeSource, openAs, settled, type Env } from "./harness.ts";

const E = 10n ** 18n;
/**
 * The delegate: #8, which no other end-to-end test uses. The voter who compares with it: #5, a seeded staker
 * (its own lock, self-delegated) that the other tests never lock for or delegate; #9 belongs to the access test.
 */
const DELEGATE = 8;
const VOTER = 5;

export function defineDelegateTests(env: Env) {
  const ctx = seedContext(env.rpcUrl, env.deployment, true);
  const c = env.deployment.contracts;
  const registryAbi = readArtifact("DelegateRegistry").abi;
  const now = async () => (await env.client.getBlock()).timestamp;
  const lock = async (i: number, amount: bigint) => {
    const [locked] = await env.read<readonly [bigint, bigint, boolean]>("escrow", "locked", [env.address(i)]);
    if (locked > 0n) return;
    await ctx.write(0, c.GovernanceToken.address, env.abi.token, "transfer", [env.address(i), amount]);
    await ctx.write(i, c.GovernanceToken.address, env.abi.token, "approve", [c.VotingEscrow.address, amount]);
    await ctx.write(i, c.VotingEscrow.address, env.abi.escrow, "createLock", [amount, (await now()) + 52n * WEEK]);
  };
  const propose = async (title: string) => {
    const targets: Address[] = [c.GovernanceToken.address];
    const calldatas: Hex[] = ["0x18160ddd"]; // totalSupply(): harmless
    const description = `# ${title}\n\nCreated by the delegates end-to-end test.`;
    await ctx.write(1, c.LockstepGovernor.address, env.abi.governor, "propose", [
      targets,
      [0n],
      calldatas,
      description,
    ]);
    return env.read<bigint>("governor", "hashProposal", [targets, [0n], calldatas, keccak256(toHex(description))]);
  };
  const vote = (i: number, id: bigint, support: number) =>
    ctx.write(i, c.LockstepGovernor.address, env.abi.governor, "castVoteWithReason", [id, support, `e2e ${support}`]);

  return {
    async "delegates: publish a statement, find it, agree on 1 of 2, delegate and appear as a delegator"() {
      await lock(DELEGATE, 20_000n * E);
      await lock(VOTER, 5_000n * E);
      const delegate = env.address(DELEGATE).toLowerCase();
      const name = `E2E Delegate ${Date.now() % 100_000}`;

      // 1. The delegate publishes its statement from the directory.
      const own = await openAs(env, DELEGATE, "#/delegates");
      await own.getByLabel("Name", { exact: true }).fill(name);
      await own.getByLabel("Statement", { exact: true }).fill("I read every proposal and vote on all of them.");
      await own.getByLabel("Link (optional)").fill("https://example.org/e2e-delegate");
      await own.getByRole("button", { name: "Publish statement" }).click();
      await settled(own, "Statement");
      const [digest] = (await env.client.readContract({
        address: c.DelegateRegistry.address,
        abi: registryAbi,
        functionName: "statementOf",
        args: [env.address(DELEGATE)],
      })) as readonly [Hex, bigint, bigint];
      const expected = (await env.client.readContract({
        address: c.DelegateRegistry.address,
        abi: registryAbi,
        functionName: "statementDigest",
        args: [name, "I read every proposal and vote on all of them.", "https://example.org/e2e-delegate"],
      })) as Hex;
      assertEqual(digest, expected, "statement digest on chain");
      // The form now edits the published statement.
      await own.getByRole("button", { name: "Update statement" }).waitFor();
      await own.context().close();

      // 2. Two proposals: the delegate votes For on both, the voter For on the first and Against on the second.
      const first = await propose(`Delegates e2e A ${Date.now()}`);
      const second = await propose(`Delegates e2e B ${Date.now()}`);
      await env.travel((await env.read<bigint>("governor", "votingDelay")) + 1n);
      await vote(DELEGATE, first, 1);
      await vote(DELEGATE, second, 1);
      await vote(VOTER, first, 1);
      await vote(VOTER, second, 0);

      // 3. The voter finds the delegate by address, with its statement and their agreement.
      const page = await openAs(env, VOTER, "#/delegates");
      await page.getByLabel("Search by address or name").fill(delegate.slice(0, 12));
      const row = page.locator(`[data-testid="delegate-row"][data-address="${delegate}"]`);
      await row.getByRole("link", { name }).waitFor();
      await row.getByText("I read every proposal and vote on all of them.").waitFor();
      await row.getByTestId("agreement").filter({ hasText: "agreed on 1 of 2" }).waitFor();
      await row.getByText("voted on 2 of the last").waitFor();
      // Sorting by agreement keeps it findable.
      await page.getByLabel("Sort by").selectOption("agreement");
      await row.getByTestId("agreement").waitFor();

      // 4. Delegate from the directory.
      await row.getByRole("button", { name: `Delegate your score to ${name}` }).click();
      await settled(page, "Delegation");
      assertEqual(
        (await env.read<Address>("escrow", "delegates", [env.address(VOTER)])).toLowerCase(),
        delegate,
        "the voter's delegate on chain",
      );
      await row.getByText(`You delegate to ${name}.`).waitFor();

      // 5. The delegate's page lists the voter among its delegators.
      await row.getByRole("link", { name }).click();
      await page.getByRole("heading", { name, level: 1 }).waitFor();
      const delegator = page.getByTestId("delegator").filter({ hasText: env.address(VOTER).toLowerCase() });
      await delegator.waitFor();
      await delegator.getByText("You").waitFor();
      assertEqual(await page.getByTestId("delegate-vote").count(), 2, "the delegate's two votes are listed");
      await page.getByTestId("statement-text").filter({ hasText: "I read every proposal" }).waitFor();
      // The votes chart has no axis: a sentence above it says what it shows and what its top is worth.
      await page
        .locator(".chart-caption")
        .filter({
          hasText: /^Votes at the last \d+ proposal snapshots and now; the top of the chart is [\d,]+ votes\.$/,
        })
        .waitFor();
      assert(!(page as Page & { errors: string[] }).errors.length, "no page errors");

      // 6. Neither page has serious accessibility problems, and both fit a 390 px phone.
      await page.setViewportSize({ width: 390, height: 800 });
      for (const route of ["#/delegates", `#/delegates/${delegate}`]) {
        await page.goto(`${env.appUrl}${route}`);
        await page.locator("main h1").first().waitFor();
        await page
          .waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 15_000 })
          .catch(() => {});
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        assert(wide <= 390, `${route} is ${wide} px wide at 390 px`);
        await page.addScriptTag({ content: axeSource() });
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: { run(d: Document): Promise<{ violations: { id: string; impact: string }[] }> };
            }
          ).axe;
          const result = await axe.run(document);
          return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
        });
        assert(violations.length === 0, `${route}: axe violations ${violations.join(", ")}`);
      }
      await page.context().close();
    },
  } satisfies Record<string, () => Promise<void>>;
}
