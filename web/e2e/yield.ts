/**
 * The Rewards page's yield card and the Stake page's level table against the seeded chain: every figure the page
 * shows is compared with the contracts' own views (revenueAt, claimable, balanceOfAt, totalSupplyAt, the latest
 * EarlyAccess round), read with viem.
 */
import { erc20Abi, parseEther, type Address } from "viem";
import type { Page } from "playwright-core";
import { E18, epochStart, revenueShare, WEEK } from "../../shared/protocol.ts";
import { readArtifact } from "../../scripts/local/artifacts.ts";
import { seedContext } from "../../scripts/local/seed-context.ts";
import { formatAmount } from "../src/lib/format.ts";
import levelsFile from "../src/config/levels.json" with { type: "json" };
import { assert, assertEqual, openAs, type Env } from "./harness.ts";

/** Waits until the element `testId` carries `value` in data-value (the page refetches on every block). */
async function expectValue(page: Page, testId: string, value: bigint, text: string) {
  const element = page.getByTestId(testId);
  try {
    await page.waitForFunction(
      ([id, expected]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-value") === expected,
      [testId, String(value)] as const,
      { timeout: 20_000 },
    );
  } catch {
    const shown = await element.getAttribute("data-value", { timeout: 1_000 }).catch(() => "nothing");
    throw new Error(`${testId}: expected ${value}, the page shows ${shown}`);
  }
  assertEqual(await element.textContent(), text, `${testId} text`);
}

export function defineYieldTests(env: Env) {
  const ctx = seedContext(env.rpcUrl, env.deployment, true);
  const c = env.deployment.contracts;
  const earlyAccessAbi = readArtifact("EarlyAccess").abi;
  const now = async () => (await env.client.getBlock()).timestamp;
  const erc20 = (token: Address, functionName: "symbol" | "decimals") =>
    env.client.readContract({ address: token, abi: erc20Abi, functionName });

  return {
    async "yield: the card's figures match revenueAt, the scores at the week's start and claimable"() {
      // Account 2 (a seeded 26-week lock, no test claims for it) earns; revenue arrives this week in every token
      // that still takes deposits.
      const account = env.address(2);
      const tokens = await env.read<Address[]>("distributor", "rewardTokens");
      const meta = await Promise.all(
        tokens.map(async (token) => ({
          token,
          symbol: await erc20(token, "symbol"),
          decimals: Number(await erc20(token, "decimals")),
        })),
      );
      for (const token of tokens) {
        if (!(await env.read<boolean>("distributor", "isRewardToken", [token]))) continue;
        const amount = parseEther("1234.5");
        await ctx.write(0, token, env.abi.token, "approve", [c.RevenueDistributor.address, amount]);
        await ctx.write(0, c.RevenueDistributor.address, env.abi.distributor, "depositRevenue", [token, amount]);
      }
      const week = epochStart(await now());
      const figures = async (w: bigint) => {
        const [score, total] = await Promise.all([
          env.read<bigint>("escrow", "balanceOfAt", [account, w]),
          env.read<bigint>("escrow", "totalSupplyAt", [w]),
        ]);
        return Promise.all(
          tokens.map(async (token) => {
            const revenue = await env.read<bigint>("distributor", "revenueAt", [token, w]);
            return {
              revenue,
              share: revenueShare(revenue, score, total),
              perThousand: revenueShare(revenue, 1_000n * E18, total),
            };
          }),
        );
      };
      const claimable = () =>
        Promise.all(tokens.map((token) => env.read<bigint>("distributor", "claimable", [account, token])));

      const page = await openAs(env, 2, "#/rewards");
      const running = await figures(week);
      assert(running[0].revenue > 0n && running[0].share > 0n, "account 2 expects a share of this week's revenue");
      for (const [i, { symbol, decimals }] of meta.entries()) {
        const { revenue, share } = running[i];
        const text = (value: bigint) => `${formatAmount(value, decimals, 4)} ${symbol}`;
        await expectValue(page, `yield-current-revenue-${symbol}`, revenue, text(revenue));
        await expectValue(page, `yield-current-share-${symbol}`, share, text(share));
      }
      assert(
        /^in \d+ d( \d+ h)?$|^in \d+ h/.test((await page.getByTestId("yield-countdown").textContent()) ?? ""),
        "a countdown to the week's end",
      );

      // The week ends: its figures move to "last week" and what the card promised is what claimable added.
      const before = await claimable();
      await env.travel(week + WEEK - (await now()) + 10n);
      const after = await claimable();
      const finished = await figures(week);
      for (const [i, { token, symbol, decimals }] of meta.entries()) {
        const { revenue, share, perThousand } = finished[i];
        const text = (value: bigint) => `${formatAmount(value, decimals, 4)} ${symbol}`;
        assertEqual(share, running[i].share, `${symbol}: last week's share is the share expected during it`);
        assertEqual(after[i] - before[i], share, `${symbol}: claimable grew by the share the card showed`);
        await expectValue(page, `yield-last-revenue-${symbol}`, revenue, text(revenue));
        await expectValue(page, `yield-last-per1000-${symbol}`, perThousand, text(perThousand));
        await expectValue(page, `yield-last-share-${symbol}`, share, text(share));
        const rate = (await page.getByTestId(`yield-rate-${symbol}`).textContent()) ?? "";
        if (token.toLowerCase() === c.GovernanceToken.address.toLowerCase()) {
          assert(/^\d+\.\d\d% a year on score; \d+\.\d\d% on your locked /.test(rate), `${symbol} rate: "${rate}"`);
        } else {
          assert(rate.startsWith("No price available"), `${symbol} has no price: "${rate}"`);
        }
      }
      // The claimable column shows what the contract says, the new week included.
      for (const [i, { symbol, decimals }] of meta.entries()) {
        await page
          .getByTestId(`claimable-${symbol}`)
          .filter({ hasText: formatAmount(after[i], decimals, 4) })
          .waitFor();
      }
      await page.context().close();
    },

    async "levels: the level table shows the latest early-access round's caps, your level and the DAO's benefits"() {
      const early = c.EarlyAccess.address;
      const id = (await env.client.readContract({
        address: early,
        abi: earlyAccessAbi,
        functionName: "roundCount",
      })) as bigint;
      assert(id > 0n, "the seed opened an early-access round");
      const [params] = (await env.client.readContract({
        address: early,
        abi: earlyAccessAbi,
        functionName: "round",
        args: [id],
      })) as readonly [{ paymentToken: Address; caps: readonly bigint[] }];
      const symbol = await erc20(params.paymentToken, "symbol");
      const decimals = Number(await erc20(params.paymentToken, "decimals"));

      const page = await openAs(env, 1);
      const table = page.getByTestId("level-table");
      await table.waitFor();
      await page.getByRole("columnheader", { name: `Early-access cap (round #${id})` }).waitFor();
      for (let level = 1; level <= 10; level++) {
        assertEqual(
          await page.getByTestId(`level-cap-${level}`).textContent(),
          `${formatAmount(params.caps[level - 1], decimals)} ${symbol}`,
          `level ${level} cap`,
        );
      }
      const level = await env.read<number>("escrow", "levelOf", [env.address(1)]);
      assert(level > 0, "account 1 has a level");
      assertEqual(
        await page.locator('[data-testid^="level-row-"][aria-current="true"]').getAttribute("data-testid"),
        `level-row-${level}`,
        "the highlighted row is the escrow's levelOf",
      );
      for (const { level: l, benefits } of levelsFile.levels) {
        for (const benefit of benefits) await page.getByTestId(`level-row-${l}`).getByText(benefit).waitFor();
      }
      await page.context().close();
    },

    async "charts: revenue history and Overview charts have axes, and a tooltip per week by keyboard"() {
      const page = await openAs(env, 2, "#/rewards");
      const chart = page.getByTestId("revenue-history-LOCK");
      const surface = chart.locator("svg.recharts-surface");
      await surface.waitFor();
      const ticks = async (axis: string) => chart.locator(`.recharts-${axis} .recharts-cartesian-axis-tick`).count();
      assert((await ticks("xAxis")) > 1 && (await ticks("yAxis")) > 1, "both axes have labelled ticks");
      // Keyboard: the chart is one tab stop; the arrow keys walk the weeks, each with its exact value.
      await surface.focus();
      await page.keyboard.press("ArrowRight");
      const tip = chart.locator(".chart-tooltip");
      await tip.waitFor();
      const read = async () => [
        (await tip.locator(".chart-tooltip-title").textContent()) ?? "",
        (await tip.locator(".chart-tooltip-value").textContent()) ?? "",
      ];
      const [title, value] = await read();
      assert(/^Week of \d{1,2} \w{3} \d{4} UTC( \(so far\))?$/.test(title), `the tooltip names the week: "${title}"`);
      assert(/^[\d,.]+ LOCK$/.test(value), `the tooltip gives the value: "${value}"`);
      // The same week and value are in the chart's table.
      await chart.getByRole("row", { name: `${title} ${value}`, includeHidden: true }).waitFor({ state: "attached" });
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction(
        (previous) =>
          document.querySelector('[data-testid="revenue-history-LOCK"] .chart-tooltip-title')?.textContent !== previous,
        title,
      );

      await page.goto(`${env.appUrl}#/overview`);
      for (const id of ["revenue-chart-LOCK", "level-chart"]) {
        const overview = page.getByTestId(id);
        await overview.locator("svg.recharts-surface").waitFor();
        assert(
          (await overview.locator(".recharts-xAxis .recharts-cartesian-axis-tick").count()) > 1,
          `${id} has an x axis with labels`,
        );
      }
      await page.context().close();
    },
  } satisfies Record<string, () => Promise<void>>;
}
