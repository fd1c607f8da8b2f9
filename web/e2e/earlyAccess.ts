/**
 * End-to-end tests of early access (issue #11, docs/spec.md §8) on the seeded rounds: the open ORB round takes a
 * commitment within the cap, an amount over the cap is stopped with a sentence before anything is sent, a
 * level-0 visitor is told why and how to qualify, and a committer of the finished, oversubscribed NOVA round
 * claims tokens and a refund, checked on chain.
 */
import { erc20Abi, type Abi, type Address } from "viem";
import type { Page } from "playwright-core";
import { readArtifact } from "../../scripts/local/artifacts.ts";
import { assert, assertEqual, openAs, type Env } from "./harness.ts";

const E = 10n ** 18n;

type RoundView = readonly [
  { saleToken: Address; paymentToken: Address; price: bigint; saleAmount: bigint; start: bigint; end: bigint },
  bigint,
  boolean,
  boolean,
];

async function settled(page: Page, label: string) {
  await page.waitForFunction(
    (text) =>
      [...document.querySelectorAll('[data-testid="tx-status"]')].some(
        (el) => el.textContent?.startsWith(text) && ["confirmed", "failed"].includes(el.getAttribute("data-status")!),
      ),
    label,
  );
  const failed = page.locator(`[data-testid="tx-status"][data-status="failed"]`);
  if (await failed.count()) throw new Error(`transaction failed in the page: ${await failed.first().textContent()}`);
}

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
        view: await read<RoundView>("round", [BigInt(i + 1)]),
      })),
    );
    const open = all.filter((r) => !r.view[3] && r.view[0].start <= t && t < r.view[0].end).at(-1);
    const ended = all.filter((r) => !r.view[3] && r.view[0].end <= t).at(-1);
    assert(open && ended, "the seed has an open round and an ended one");
    return { open, ended };
  };

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
  };
}
