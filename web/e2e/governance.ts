/**
 * End-to-end tests of issue #10: live state without reloads, forms that belong to one account, actions a voter
 * can verify, the simulating builder, the network banner, and the small accessibility and layout rules.
 */
import { encodeFunctionData, erc20Abi, getAddress, keccak256, toHex, type Address, type Hex } from "viem";
import type { Page } from "playwright-core";
import { seedContext } from "../../scripts/local/seed-context.ts";
import { readArtifact } from "../../scripts/local/artifacts.ts";
import { formatDateTime } from "../src/lib/format.ts";
import { assert, assertEqual, openAs, settled, type Env } from "./harness.ts";
import { proposalByTitle } from "./proposals.ts";

const E = 10n ** 18n;
const WEEK = 604_800n;

/** Marks the page so a test can prove that it was never reloaded. */
async function markNoReload(page: Page) {
  await page.evaluate(() => ((window as unknown as { e2eNoReload: boolean }).e2eNoReload = true));
}
async function assertNoReload(page: Page) {
  assert(
    await page.evaluate(() => (window as unknown as { e2eNoReload?: boolean }).e2eNoReload === true),
    "the page was reloaded",
  );
}

export function defineGovernanceTests(env: Env) {
  const ctx = seedContext(env.rpcUrl, env.deployment, true);
  const c = env.deployment.contracts;
  const timelockAbi = readArtifact("TimelockController").abi;
  const now = async () => (await env.client.getBlock()).timestamp;
  const settings = async () => ({
    delay: await env.read<bigint>("governor", "votingDelay"),
    period: await env.read<bigint>("governor", "votingPeriod"),
    timelock: (await env.client.readContract({
      address: c.TimelockController.address,
      abi: timelockAbi,
      functionName: "getMinDelay",
    })) as bigint,
  });
  /** Account 1 (enough votes) proposes; returns the id. */
  const propose = async (targets: Address[], calldatas: Hex[], title: string) => {
    const description = `# ${title}\n\nCreated by the end-to-end test.`;
    const values = targets.map(() => 0n);
    await ctx.write(1, c.LockstepGovernor.address, env.abi.governor, "propose", [
      targets,
      values,
      calldatas,
      description,
    ]);
    return env.read<bigint>("governor", "hashProposal", [targets, values, calldatas, keccak256(toHex(description))]);
  };
  const harmless = (): [Address[], Hex[]] => [[c.GovernanceToken.address], ["0x18160ddd"]]; // totalSupply()
  const badge = (page: Page, state: string) => page.getByTestId("proposal-state").filter({ hasText: state });

  return {
    async "forms belong to an account: switching clears a typed reason, a choice and a shown status"() {
      const id = await propose(...harmless(), `Account switch ${Date.now()}`);
      await env.travel((await settings()).delay + 1n);
      const page = await openAs(env, 5, `#/govern/${id}`);
      // Focus moved to the connected account, not left on <body>.
      await page.waitForFunction(() => document.activeElement?.id === "test-account", undefined, { timeout: 5_000 });
      await page.getByRole("radio", { name: "For" }).check();
      await page.getByLabel("Reason (optional, public)").fill("Account five's private reasoning");
      await page.getByLabel("Test account").selectOption("0");
      await page.getByTestId("vote-weight").waitFor();
      const reason = page.getByLabel("Reason (optional, public)");
      assertEqual(await reason.inputValue(), "", "reason after switching to account 0");
      assertEqual(await page.getByRole("radio", { name: "For" }).isChecked(), false, "For after the switch");
      // Account 0 votes; its confirmed status must not follow the switch back to account 5.
      await page.getByRole("radio", { name: "Against" }).check();
      await reason.fill("Account zero says no");
      await page.getByRole("button", { name: "Cast vote" }).click();
      await settled(page, "Vote");
      await page.getByText("Vote: confirmed.").waitFor();
      assertEqual(
        await page.evaluate(() => document.activeElement?.getAttribute("data-testid")),
        "tx-status",
        "focus on the transaction's result",
      );
      await page.getByLabel("Test account").selectOption("5");
      await page.getByRole("button", { name: "Cast vote" }).waitFor();
      assertEqual(await page.getByTestId("tx-status").count(), 0, "statuses shown after switching to account 5");
      assertEqual(await reason.inputValue(), "", "reason for account 5");
      assertEqual(await page.getByTestId("you-voted").count(), 0, "account 5 is not told it voted");
      // Back to account 0: "You voted Against" with its weight.
      await page.getByLabel("Test account").selectOption("0");
      await page.getByTestId("you-voted").filter({ hasText: "You voted Against" }).waitFor();
      const logs = await env.client.getContractEvents({
        address: c.LockstepGovernor.address,
        abi: env.abi.governor,
        eventName: "VoteCast",
        fromBlock: 0n,
      });
      const votes = logs
        .map((l) => (l as unknown as { args: { proposalId: bigint; voter: Address; reason: string } }).args)
        .filter((a) => a.proposalId === id);
      assertEqual(votes.length, 1, "one vote on chain");
      assertEqual(votes[0].voter, env.address(0), "voter");
      assertEqual(votes[0].reason, "Account zero says no", "on-chain reason");
      await page.context().close();
    },

    async "the proposal list says when a pending proposal's voting opens and when an active one's closes"() {
      const title = `Dates in the list ${Date.now()}`;
      const id = await propose(...harmless(), title);
      const page = await openAs(env, 1, "#/govern");
      const item = page.getByTestId("proposal-item").filter({ hasText: title });
      const when = item.getByTestId("proposal-when");
      const snapshot = await env.read<bigint>("governor", "proposalSnapshot", [id]);
      await when.filter({ hasText: `Voting opens after ${formatDateTime(snapshot)}.` }).waitFor();
      await env.travel((await settings()).delay + 1n);
      await item.locator(".badge").filter({ hasText: "Active" }).waitFor();
      const deadline = await env.read<bigint>("governor", "proposalDeadline", [id]);
      await when.filter({ hasText: `Voting closes ${formatDateTime(deadline)}.` }).waitFor();
      assert(/UTC/.test((await when.textContent()) ?? ""), "the date says UTC");
      await page.context().close();
    },

    async "proposal state follows the chain without reload: Pending, Active, Succeeded, Queued, Executed"() {
      const id = await propose(...harmless(), `Live state ${Date.now()}`);
      const s = await settings();
      const page = await openAs(env, 1, `#/govern/${id}`);
      await badge(page, "Pending").waitFor();
      await page.getByRole("button", { name: "Cancel proposal" }).waitFor();
      await markNoReload(page);
      await env.travel(s.delay + 1n);
      await badge(page, "Active").waitFor();
      await page.getByRole("button", { name: "Cast vote" }).waitFor();
      await page.getByTestId("voting-countdown").waitFor();
      assertEqual(await page.getByRole("button", { name: "Cancel proposal" }).count(), 0, "no cancel once active");
      await ctx.write(0, c.LockstepGovernor.address, env.abi.governor, "castVote", [id, 1]);
      await env.travel(s.period + 1n);
      await badge(page, "Succeeded").waitFor();
      await page.getByRole("button", { name: "Queue" }).click();
      await settled(page, "Queue");
      await badge(page, "Queued").waitFor();
      await page.getByText(/executable from \(ETA\)/).waitFor();
      const execute = page.getByRole("button", { name: "Execute" });
      assert(await execute.isDisabled(), "Execute is disabled before the ETA");
      await env.travel(s.timelock + 1n);
      await page.getByRole("button", { name: "Execute" }).and(page.locator(":enabled")).click();
      await settled(page, "Execute");
      await badge(page, "Executed").waitFor();
      await page.getByTestId("timeline").getByText("execute transaction").waitFor();
      assertEqual(await env.read<number>("governor", "state", [id]), 7, "Executed on chain");
      await assertNoReload(page);
      await page.context().close();
    },

    async "the proposer can cancel a pending proposal"() {
      const id = await propose(...harmless(), `Cancel me ${Date.now()}`);
      const page = await openAs(env, 1, `#/govern/${id}`);
      await page.getByRole("button", { name: "Cancel proposal" }).click();
      await settled(page, "Cancel");
      await badge(page, "Canceled").waitFor();
      assertEqual(await env.read<number>("governor", "state", [id]), 2, "Canceled on chain");
      await page.context().close();
    },

    async "an unknown target shows its full address, raw calldata and 'unknown contract'"() {
      const lookAlike = getAddress("0x11111111111111111111111111111111deaddead");
      const data = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [env.address(7), 5000n * E] });
      const id = await propose([lookAlike, c.GovernanceToken.address], [data, data], `Look-alike ${Date.now()}`);
      const page = await openAs(env, 3, `#/govern/${id}`);
      const [unknown, known] = [page.getByTestId("action").nth(0), page.getByTestId("action").nth(1)];
      await unknown.getByText("unknown contract", { exact: true }).waitFor();
      assertEqual(await unknown.getByTestId("action-target").textContent(), lookAlike, "full checksummed target");
      assertEqual(await unknown.getByText("transfer", { exact: true }).count(), 0, "an unknown target is not decoded");
      await unknown
        .getByTestId("simulation")
        .getByText(/no contract at this address/)
        .waitFor();
      await unknown.getByText(/Raw calldata/).click();
      assertEqual(await unknown.getByTestId("raw-calldata").textContent(), data, "raw calldata");
      await known.getByText("GovernanceToken (LOCK)").waitFor();
      await known.getByText("5,000 LOCK").waitFor();
      await known.getByText(/would succeed/).waitFor();
      await page.context().close();
    },

    async "a dependent action simulated without eth_simulateV1 says it was simulated alone"() {
      // transferFrom(timelock, …) by the timelock needs the timelock's allowance to itself, which action 1 gives.
      // Hardhat has no eth_simulateV1, so each action runs alone and the page must say so rather than claim a
      // plain revert (the sequential path is covered by the unit tests).
      const timelock = c.TimelockController.address;
      const approve = encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [timelock, 5n * E] });
      const spend = encodeFunctionData({
        abi: erc20Abi,
        functionName: "transferFrom",
        args: [timelock, env.address(7), 5n * E],
      });
      const token = c.GovernanceToken.address;
      const id = await propose([token, token], [approve, spend], `Approve then spend ${Date.now()}`);
      const page = await openAs(env, 3, `#/govern/${id}`);
      const second = page.getByTestId("action").nth(1).getByTestId("simulation");
      await second.getByText(/would revert/).waitFor();
      await second.getByText(/simulated alone: this RPC cannot run the actions in sequence/).waitFor();
      await page.context().close();
    },

    async "the builder simulates as the timelock, reports a reverting action, and opens the new proposal"() {
      const page = await openAs(env, 1, "#/govern/new");
      await page.getByLabel("Title").fill(`Re-add LOCK ${Date.now()}`);
      await page.getByLabel("Description (Markdown)").fill("## Why\n\nTo see the **warning**. <b>raw</b>");
      await page.getByRole("button", { name: "Preview description" }).click();
      const preview = page.getByRole("region", { name: "Description preview" });
      await preview.getByRole("heading", { name: "Why" }).waitFor();
      await preview.locator("strong", { hasText: "warning" }).waitFor();
      assertEqual(await preview.locator("b").count(), 0, "raw HTML is not rendered");
      await page.getByLabel("Type").selectOption("addRewardToken");
      await page.getByLabel("Token address").fill(c.GovernanceToken.address);
      await page.getByTestId("simulation").filter({ hasText: "would revert" }).waitFor();
      await page
        .getByTestId("builder-warnings")
        .getByText(/Action 1 would revert.*already a reward token/)
        .waitFor();
      // Not sent until the warning is acknowledged.
      const nonce = await env.client.getTransactionCount({ address: env.address(1) });
      await page.getByRole("button", { name: "Create proposal" }).click();
      await page.getByText("Tick the box above to propose despite the warnings.").waitFor();
      assertEqual(await env.client.getTransactionCount({ address: env.address(1) }), nonce, "nothing sent");
      // A huge treasury transfer is flagged too.
      await page.getByLabel("Type").selectOption("transfer");
      // ETH the treasury does not hold reverts in the simulation too, though Hardhat's eth_call would send it.
      await page.getByLabel("Asset").selectOption("ETH");
      await page.getByLabel("Recipient").fill(env.address(7));
      await page.getByLabel("Amount (ETH)").fill("5");
      await page
        .getByTestId("simulation")
        .filter({ hasText: /would revert.*the treasury holds [\d,.]+ ETH and the actions up to this one send 5 ETH/ })
        .waitFor();
      await page.getByLabel("Asset").selectOption(c.GovernanceToken.address);
      await page.getByLabel("Recipient").fill(env.address(7));
      await page.getByLabel("Amount (LOCK)").fill("999999999999");
      await page
        .getByTestId("builder-warnings")
        .getByText(/more than the treasury holds/)
        .waitFor();
      await page.getByLabel("Amount (LOCK)").fill("1");
      await page.getByTestId("simulation").filter({ hasText: "would succeed" }).waitFor();
      assertEqual(await page.getByTestId("builder-warnings").count(), 0, "no warnings for a small transfer");
      await page.getByRole("button", { name: "Create proposal" }).click();
      // On success the page moves to the new proposal at once (its "confirmed" status may never be seen).
      await page.waitForURL(/#\/govern\/\d+$/);
      await badge(page, "Pending").waitFor();
      await page.getByTestId("markdown").getByRole("heading", { name: "Why" }).waitFor();
      await page.context().close();
    },

    async "a lock's expiry shows without reload, with its score at zero"() {
      await ctx.write(1, c.GovernanceToken.address, env.abi.token, "transfer", [env.address(7), 1000n * E]);
      await ctx.write(7, c.GovernanceToken.address, env.abi.token, "approve", [c.VotingEscrow.address, 1000n * E]);
      await ctx.write(7, c.VotingEscrow.address, env.abi.escrow, "createLock", [1000n * E, (await now()) + 6n * WEEK]);
      const page = await openAs(env, 7);
      await page.getByTestId("locked-amount").filter({ hasText: "1,000" }).waitFor();
      assertEqual(
        await page
          .getByTestId("unlock-date")
          .getByText(/Expired/)
          .count(),
        0,
        "not expired yet",
      );
      await markNoReload(page);
      await env.travel(7n * WEEK);
      await page
        .getByTestId("unlock-date")
        .getByText(/Expired on/)
        .waitFor();
      await page.getByTestId("score").filter({ hasText: /^0$/ }).waitFor();
      await assertNoReload(page);
      await page.context().close();
    },

    async "network banner: appears when the node stops answering and leaves when it is back"() {
      const page = await openAs(env, 1);
      await page.getByTestId("locked-amount").filter({ hasText: "LOCK" }).waitFor();
      const banner = page.getByTestId("health-banner");
      assertEqual(await banner.count(), 0, "no banner while the node answers");
      const rpc = (url: URL) => url.href.startsWith(env.rpcUrl);
      await page.route(rpc, (route) => route.abort("connectionrefused"));
      const t = Date.now();
      await banner.getByText("The blockchain node (RPC) is not answering.").waitFor({ timeout: 8_000 });
      assert(Date.now() - t < 8_000, "banner within a few seconds");
      assert(await page.locator("main.stale").count(), "values are marked stale");
      // A list that cannot be read says so in a sentence, not with a lone "unknown" under its heading.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Govern" }).click();
      await page.getByText("Could not load the proposals.").waitFor({ timeout: 20_000 });
      await page.unroute(rpc);
      await banner.waitFor({ state: "detached", timeout: 10_000 });
      await page.getByTestId("proposal-item").first().waitFor();
      assertEqual(await page.locator("main.stale").count(), 0, "values no longer stale");
      await page.context().close();
    },

    async "network banner: a node that takes requests but never answers is reported within seconds"() {
      const page = await openAs(env, 1);
      await page.getByTestId("locked-amount").filter({ hasText: "LOCK" }).waitFor();
      const banner = page.getByTestId("health-banner");
      assertEqual(await banner.count(), 0, "no banner while the node answers");
      // Hold every request: a frozen node, where viem alone would wait 10 s an attempt and retry three times.
      const held: import("playwright-core").Route[] = [];
      const rpc = (url: URL) => url.href.startsWith(env.rpcUrl);
      await page.route(rpc, (route) => void held.push(route));
      const t = Date.now();
      await banner.getByText("The blockchain node (RPC) is not answering.").waitFor({ timeout: 8_000 });
      assert(Date.now() - t < 8_000, "banner within a few seconds");
      await banner.getByText(/Values on this page are stale \(last known block \d+, .* UTC\)/).waitFor();
      assert(await page.locator("main.stale").count(), "values are marked stale");
      await page.unroute(rpc);
      for (const route of held.splice(0)) await route.continue().catch(() => {});
      await banner.waitFor({ state: "detached", timeout: 15_000 });
      await page.context().close();
    },

    async "skip link lands on the main content"() {
      const page = await openAs(env, 1, "#/rewards");
      // A fresh load: the first Tab reaches the skip link.
      await page.reload();
      await page.locator("main h1").first().waitFor();
      await page.keyboard.press("Tab");
      assertEqual(await page.evaluate(() => document.activeElement?.textContent), "Skip to content", "first Tab");
      await page.keyboard.press("Enter");
      assertEqual(await page.evaluate(() => document.activeElement?.id), "main", "focus on <main>");
      assert(page.url().endsWith("#/rewards"), `the route is unchanged (${page.url()})`);
      assertEqual(await page.getByText("Page not found").count(), 0, "no 'Page not found'");
      await page.context().close();
    },

    async "an executed proposal's timeline names its transactions by short hash, not a 66-character dump"() {
      const { proposalId } = await proposalByTitle(env, "Add Demo USD as a reward token");
      const page = await openAs(env, 1, `#/govern/${proposalId}`);
      const hashes = page.getByTestId("tx-hash");
      await hashes.nth(1).waitFor();
      for (const hash of await hashes.all()) {
        const text = (await hash.textContent()) ?? "";
        const full = (await hash.getAttribute("title")) ?? "";
        assert(/^0x[0-9a-f]{8}…[0-9a-f]{8}$/.test(text), `short hash shown: "${text}"`);
        assert(/^0x[0-9a-f]{64}$/.test(full) && full.startsWith(text.slice(0, 10)), `full hash on hover: "${full}"`);
      }
      await page.context().close();
    },

    async "no page overflows horizontally at 390x844"() {
      const proposals = await env.client.getContractEvents({
        address: c.LockstepGovernor.address,
        abi: env.abi.governor,
        eventName: "ProposalCreated",
        fromBlock: 0n,
      });
      const ids = proposals.map((p) => (p as unknown as { args: { proposalId: bigint } }).args.proposalId);
      const page = await openAs(env, 1);
      await page.setViewportSize({ width: 390, height: 844 });
      const wide: string[] = [];
      const routes = [
        "#/stake",
        "#/rewards",
        "#/govern",
        "#/govern/new",
        "#/overview",
        ...ids.map((id) => `#/govern/${id}`),
      ];
      for (const route of routes) {
        await page.goto(`${env.appUrl}${route}`);
        await page.locator("main h1").first().waitFor();
        await page
          .waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 15_000 })
          .catch(() => {});
        // Open every disclosure so long raw calldata is measured too.
        await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 390) {
          // Name the widest culprits, so a failure says what to fix.
          const culprits = await page.evaluate(() =>
            [...document.querySelectorAll("body *")]
              .filter((el) => el.getBoundingClientRect().right > 391)
              .slice(-3)
              .map(
                (el) =>
                  `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)}px)`,
              ),
          );
          wide.push(`${route}: ${width}px, e.g. ${culprits.join(", ")}`);
        }
      }
      await page.context().close();
      assert(wide.length === 0, `pages wider than 390px:\n  ${wide.join("\n  ")}`);
    },

    async "Escape closes the test wallet's dialog and rejects the request"() {
      const page = await openAs(env, 15);
      await page.getByLabel("Ask before signing").check();
      await page.getByLabel("Amount (LOCK)").fill("100");
      await page.getByRole("radio", { name: /Approve, then lock/ }).check();
      await page.getByRole("button", { name: "Lock", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Test wallet request" });
      await dialog.waitFor();
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      await page.getByRole("alert").filter({ hasText: "You rejected the request in your wallet." }).waitFor();
      await page.context().close();
    },
  } satisfies Record<string, () => Promise<void>>;
}
