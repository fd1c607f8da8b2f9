/**
 * End-to-end tests of early access (issue #11, docs/spec.md §8) on the seeded rounds: the open ORB round takes a
 * commitment within the cap, an amount over the cap is stopped with a sentence before anything is sent, a
 * level-0 visitor is told why and how to qualify, and a committer of the finished, oversubscribed NOVA round
 * claims tokens and a refund, checked on chain. A new round is created through the proposal builder's template
 * (approve + createRound), voted, queued and executed, then listed and read back on chain.
 */
import { erc20Abi, type Abi, type Address } from "viem";
import { readArtifact } from "../../scripts/local/artifacts.ts";
import { seedContext } from "../../scripts/local/seed-context.ts";
import { assert, assertEqual, openAs, settled, type Env } from "./harness.ts";
import type { RoundResult } from "../src/features/early-access/rounds.ts";
import { passQueueExecute, proposalByTitle } from "./proposals.ts";

const E = 10n ** 18n;

export function defineEarlyAccessTests(env: Env) {
  const early = env.deployment.contracts.EarlyAccess.address;
  const abi = readArtifact("EarlyAccess").abi as Abi;
  const read = <T>(functionName: string, args: unknown[] = []) =>
    env.client.readContract({ address: early, abi, functionName, args }) as Promise<T>;
  const balanceOf = (token: Address, account: Address) =>
    env.client.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [account] });
  const now = async () => (await env.client.getBlock()).timestamp;
  /** The seeded rounds: the last one still open, and the last one that ended. */
  const rounds = async () => {
    const count = await read<bigint>("roundCount");
    const t = await now();
    const all = await Promise.all(
      Array.from({ length: Number(count) }, async (_, i) => ({
        id: BigInt(i + 1),
        view: await read<RoundResult>("round", [BigInt(i + 1)]),
      })),
    );
    const open = all.filter((r) => !r.view[3] && r.view[0].start <= t && t < r.view[0].end).at(-1);
    const ended = all.filter((r) => !r.view[3] && r.view[0].end <= t).at(-1);
    assert(open && ended, "the seed has an open round and an ended one");
    return { open, ended };
  };

  /** Unix seconds as the builder's UTC date text, "2027-03-04 14:30:05". */
  const utc = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString().slice(0, 19).replace("T", " ");

  return {
    async "early access: commit within the cap in an open round"() {
      const { open } = await rounds();
      const account = env.address(3);
      const cap = await read<bigint>("capOf", [open.id, account]);
      const before = await read<bigint>("committed", [open.id, account]);
      assert(cap > before + 100n * E, `account 3 has room under its cap (${cap} > ${before})`);
      const page = await openAs(env, 3, `#/early/${open.id}`);
      await page
        .getByTestId("early-level")
        .filter({ hasText: /level [1-9]/ })
        .waitFor();
      await page.getByLabel(/Amount to commit/).fill("100");
      await page.getByRole("button", { name: "Commit", exact: true }).click();
      await settled(page, "Commit");
      assertEqual(await read<bigint>("committed", [open.id, account]), before + 100n * E, "committed on chain");
      await page
        .getByTestId("early-committed")
        .filter({ hasText: /^[\d,.]+ dUSDC$/ })
        .waitFor();
      await page.context().close();
    },

    async "early access: an amount over the cap is stopped with a sentence"() {
      const { open } = await rounds();
      const account = env.address(3);
      const cap = await read<bigint>("capOf", [open.id, account]);
      const before = await read<bigint>("committed", [open.id, account]);
      const over = (cap - before) / E + 1n;
      const page = await openAs(env, 3, `#/early/${open.id}`);
      await page.getByLabel(/Amount to commit/).fill(over.toString());
      await page.getByRole("alert").filter({ hasText: "That is over your cap" }).waitFor();
      const button = page.getByRole("button", { name: "Commit", exact: true });
      assert(await button.isDisabled(), "Commit is disabled for an amount over the cap");
      assertEqual(await page.getByTestId("tx-status").count(), 0, "nothing was sent");
      assertEqual(await read<bigint>("committed", [open.id, account]), before, "nothing committed on chain");
      await page.context().close();
    },

    async "early access: a level-0 visitor is told why they cannot join and how to qualify"() {
      const { open } = await rounds();
      // Account 16 holds tokens but had no lock at the seeded rounds' snapshot.
      assertEqual(await read<number>("levelIn", [open.id, env.address(16)]), 0, "account 16's level in the round");
      const page = await openAs(env, 16, `#/early/${open.id}`);
      await page
        .getByTestId("early-level")
        .filter({ hasText: "below level 1, so you can't join this round. Lock tokens (or lock more) before" })
        .waitFor();
      assertEqual(await page.getByLabel(/Amount to commit/).count(), 0, "no commit form for level 0");
      await page.context().close();
    },

    async "early access: the rounds fit 390 px and work by keyboard"() {
      const { open, ended } = await rounds();
      const page = await openAs(env, 3, "#/early");
      await page.setViewportSize({ width: 390, height: 844 });
      const wide: string[] = [];
      for (const route of ["#/early", `#/early/${open.id}`, `#/early/${ended.id}`]) {
        await page.goto(`${env.appUrl}${route}`);
        await page.locator("main h1").first().waitFor();
        await page
          .waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 15_000 })
          .catch(() => {});
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 390) wide.push(`${route}: ${width}px`);
      }
      assert(wide.length === 0, `pages wider than 390px: ${wide.join(", ")}`);
      // From the list, the keyboard reaches the open round's link, opens it and reaches the amount field.
      await page.goto(`${env.appUrl}#/early`);
      // A round's title sits at its card's top edge (the card's padding), not a heading margin lower.
      const gap = await page
        .locator('[data-testid="round-item"] > h3')
        .first()
        .evaluate((h) => h.getBoundingClientRect().top - h.parentElement!.getBoundingClientRect().top);
      assert(gap <= 20, `the round's title starts ${gap}px below its card's edge`);
      const link = page.getByRole("link", { name: new RegExp(`^Round #${open.id}:`) });
      await link.focus();
      await page.keyboard.press("Enter");
      const amount = page.getByLabel(/Amount to commit/);
      await amount.waitFor();
      for (let i = 0; i < 40 && !(await amount.evaluate((el) => el === document.activeElement)); i++) {
        await page.keyboard.press("Tab");
      }
      assert(await amount.evaluate((el) => el === document.activeElement), "Tab reaches the amount field");
      await page.context().close();
    },

    async "early access: claim in the finished round pays the allocation and the refund"() {
      const { ended } = await rounds();
      const account = env.address(2);
      const [params, total] = ended.view;
      const committed = await read<bigint>("committed", [ended.id, account]);
      assert(committed > 0n, "account 2 committed to the finished round");
      // docs/spec.md §8 (18-decimal sale token): oversubscribed, so pro rata with a refund.
      const value = (params.saleAmount * params.price) / E;
      assert(total > value, "the finished round is oversubscribed");
      const expectedSale = (params.saleAmount * committed) / total;
      const expectedRefund = (committed * (total - value)) / total;
      const [saleBefore, payBefore] = await Promise.all([
        balanceOf(params.saleToken, account),
        balanceOf(params.paymentToken, account),
      ]);
      const page = await openAs(env, 2, `#/early/${ended.id}`);
      const claim = page.getByTestId("early-claim");
      await claim.waitFor();
      const shownSale = await page.getByTestId("early-claim-sale").textContent();
      const shownRefund = await page.getByTestId("early-claim-refund").textContent();
      assert(shownSale?.startsWith("8,620.689655"), `shown allocation ${shownSale}`);
      assert(shownRefund?.startsWith("689.655172"), `shown refund ${shownRefund}`);
      await claim.getByRole("button", { name: "Claim" }).click();
      await settled(page, "Claim");
      const [saleAfter, payAfter] = await Promise.all([
        balanceOf(params.saleToken, account),
        balanceOf(params.paymentToken, account),
      ]);
      assertEqual(saleAfter - saleBefore, expectedSale, "sale tokens received");
      assertEqual(payAfter - payBefore, expectedRefund, "refund received");
      assertEqual(await read<boolean>("hasClaimed", [ended.id, account]), true, "claimed on chain");
      await page.getByTestId("early-claimed").waitFor();
      await page.context().close();
    },

    async "early access: an early-access round created through a proposal end to end"() {
      const c = env.deployment.contracts;
      const ctx = seedContext(env.rpcUrl, env.deployment, true);
      const timelock = c.TimelockController.address;
      // Sell 1,000 LOCK from the treasury for the seeded rounds' payment token (dUSDC, 18 decimals).
      const lock = c.GovernanceToken.address;
      const held = await balanceOf(lock, timelock);
      assert(held >= 1000n * E, `the treasury holds LOCK to sell (${held})`);
      const payment = (await read<RoundResult>("round", [1n]))[0].paymentToken;
      const [votingDelay, votingPeriod, minDelay] = await Promise.all([
        env.read<bigint>("governor", "votingDelay"),
        env.read<bigint>("governor", "votingPeriod"),
        env.client.readContract({
          address: timelock,
          abi: readArtifact("TimelockController").abi,
          functionName: "getMinDelay",
        }) as Promise<bigint>,
      ]);
      const earliest = (await now()) + votingDelay + votingPeriod + minDelay;
      // Whole minutes, a day after the earliest execution, for one week.
      const start = ((earliest + 86_400n) / 60n) * 60n;
      const end = start + 7n * 86_400n;
      const title = `Early access: LOCK round (${Date.now()})`;

      const page = await openAs(env, 0, "#/govern/new");
      await page.getByLabel("Title").fill(title);
      await page.getByLabel("Description").fill("A round created by the builder's template.");
      await page.getByLabel("Type").selectOption("earlyAccessRound");
      await page.getByLabel("Sale token address").fill(lock);
      await page.getByLabel("Payment token address").fill(payment);
      await page.getByText("LOCK, 18 decimals; the treasury holds").waitFor();
      await page.getByText("dUSDC, 18 decimals.").waitFor();
      await page.getByLabel("Price (dUSDC per LOCK)").fill("0.25");
      await page.getByLabel("Sale amount (LOCK)").fill("1000");
      await page.getByLabel("End (UTC)").fill(utc(end));
      await page.getByLabel("Caps for levels 1 to 10 (dUSDC)").fill("10, 20, 30, 40, 50, 60, 70, 80, 90, 100");
      // A start before the earliest execution is refused with a sentence naming that date.
      await page.getByLabel("Start (UTC)").fill(utc(earliest - 3_600n));
      await page
        .getByTestId("row-error")
        .filter({ hasText: /^Start: the proposal can execute on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC at the earliest/ })
        .waitFor();
      await page.getByLabel("Start (UTC)").fill(utc(start));
      const preview = page.getByTestId("action-preview");
      await preview.getByText("approve").waitFor();
      await preview.getByText("createRound").waitFor();
      assertEqual(await preview.getByTestId("action").count(), 2, "two actions: approve, then createRound");
      // The builder's simulation runs both actions as the timelock. Where the RPC runs them in sequence both succeed;
      // where it runs each alone (the local node), createRound cannot see the approval and the page says why.
      await page.getByTestId("simulation").nth(1).waitFor();
      const [first, second] = await page.getByTestId("simulation").allTextContents();
      assert(first.includes("would succeed"), `approve simulates: ${first}`);
      if (!second.includes("would succeed")) {
        await page.getByTestId("round-alone-note").waitFor();
        await page.getByLabel("I have read these warnings and still want to propose").check();
      }
      // The filled template, its decoded actions and the simulation fit 390 px, and the keyboard reaches its fields.
      await page.setViewportSize({ width: 390, height: 844 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 390, `the builder with the round template is ${width}px wide at 390 px`);
      await page.getByLabel("Type").focus();
      const saleField = page.getByLabel("Sale token address");
      for (let i = 0; i < 10 && !(await saleField.evaluate((el) => el === document.activeElement)); i++) {
        await page.keyboard.press("Tab");
      }
      assert(await saleField.evaluate((el) => el === document.activeElement), "Tab reaches the sale token field");
      const snapshot = await now();
      await page.getByRole("button", { name: "Create proposal" }).click();
      await page.getByRole("heading", { name: title }).waitFor();

      const proposal = await proposalByTitle(env, title);
      assertEqual(proposal.targets.join(), [lock, early].join(), "targets: the sale token, then early access");
      const countBefore = await read<bigint>("roundCount");
      await passQueueExecute(env, ctx, page, proposal.proposalId);

      const id = await read<bigint>("roundCount");
      assertEqual(id, countBefore + 1n, "one new round");
      const [params] = await read<RoundResult>("round", [id]);
      assertEqual(params.saleToken, lock, "sale token");
      assertEqual(params.paymentToken, payment, "payment token");
      assertEqual(params.price, E / 4n, "price: 0.25 dUSDC per whole LOCK, in base units");
      assertEqual(params.saleAmount, 1000n * E, "sale amount");
      assertEqual(params.start, start, "start");
      assertEqual(params.end, end, "end");
      // The default snapshot is the latest block's time when the proposal was built.
      assert(params.snapshot <= snapshot && params.snapshot > snapshot - 600n, `snapshot ${params.snapshot}`);
      assertEqual(
        params.caps.join(),
        [10n, 20n, 30n, 40n, 50n, 60n, 70n, 80n, 90n, 100n].map((x) => x * E).join(),
        "caps in payment-token base units",
      );
      assertEqual(params.recipient, timelock, "recipient defaults to the treasury");
      assertEqual((await balanceOf(lock, early)) >= 1000n * E, true, "early access holds the sale tokens");

      await page.goto(`${env.appUrl}#/early`);
      const item = page.locator(`[data-testid="round-item"][data-round="${id}"]`);
      await item.getByRole("link", { name: `Round #${id}: LOCK for dUSDC` }).waitFor();
      await item.getByText("0.25 dUSDC per LOCK").waitFor();
      await item.getByText("1,000 LOCK").waitFor();
      await page.context().close();
    },
  };
}
