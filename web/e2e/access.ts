/**
 * End-to-end test of the Stake page's "API access" section against the example access service (access/demo),
 * started in-process with the in-memory store.
 *
 * The app reads VITE_ACCESS_URL when it is built, and web/e2e/run.ts builds it right after its imports, so this
 * module reserves the service's port and sets the variable when it is imported; the test starts the service on
 * that port once the app's URL (the sign-in domain and CORS origin) is known.
 */
import { randomBytes } from "node:crypto";
import { parseEther } from "viem";
import { startDemoService } from "../../access/demo/start.ts";
import { MemoryStore } from "../../access/src/store.ts";
import { hs256Key } from "../../access/src/tokens.ts";
import { freePort } from "../../scripts/local/chain.ts";
import { seedContext } from "../../scripts/local/seed-context.ts";
import { assertEqual, openAs, type Env } from "./harness.ts";

const ACCESS_PORT = await freePort();
process.env.VITE_ACCESS_URL = `http://127.0.0.1:${ACCESS_PORT}`;

/** Dev account #9: no lock and no tokens after seeding, and used by no other end-to-end test. */
const ACCOUNT = 9;

export function defineAccessTests(env: Env) {
  return {
    async "API access: sign in from the Stake page, then the tier grows with the lock"() {
      const service = await startDemoService({
        rpcUrl: env.rpcUrl,
        chainId: env.deployment.chainId,
        appOrigin: env.appUrl,
        key: hs256Key(randomBytes(48).toString("base64")),
        store: new MemoryStore(),
        port: ACCESS_PORT,
        recheckSeconds: 0,
      });
      try {
        const ctx = seedContext(env.rpcUrl, env.deployment, true);
        const token = env.deployment.contracts.GovernanceToken.address;
        await ctx.write(0, token, env.abi.token, "transfer", [env.address(ACCOUNT), parseEther("60000")]);

        const page = await openAs(env, ACCOUNT);
        const section = page.getByTestId("api-access");
        await section.getByRole("button", { name: "Sign in to the API" }).click();
        await section.getByTestId("access-tier").filter({ hasText: "Free (level 0): 50 calls a month" }).waitFor();
        await section
          .getByTestId("access-quota")
          .filter({ hasText: /^49 of 50, renews/ })
          .waitFor();
        await section
          .getByTestId("access-next")
          .filter({ hasText: "Level 3 unlocks Builder: 5,000 calls a month" })
          .waitFor();
        await section.getByTestId("access-ends").filter({ hasText: "Never (the free tier)" }).waitFor();

        // Lock 60,000 for 12 months: a score of about 120,000, level 3.
        await page.getByLabel("Amount (LOCK)").fill("60000");
        await page.getByRole("button", { name: "12 months" }).click();
        await page.getByTestId("lock-preview").waitFor();
        await page.getByRole("button", { name: "Lock", exact: true }).click();
        await page.getByTestId("locked-amount").filter({ hasText: "60,000 LOCK" }).waitFor();
        assertEqual(await env.read<number>("escrow", "levelOf", [env.address(ACCOUNT)]), 3, "level after the lock");

        await section
          .getByTestId("access-level-changed")
          .filter({ hasText: "Your level is now 3; this token was issued for level 0." })
          .waitFor();
        await section.getByRole("button", { name: "Sign in again" }).click();
        await section
          .getByTestId("access-tier")
          .filter({ hasText: "Builder (level 3): 5,000 calls a month" })
          .waitFor();
        // The month's count is the account's, whatever its tier: one call as Free, one as Builder.
        await section
          .getByTestId("access-quota")
          .filter({ hasText: /^4,998 of 5,000, renews/ })
          .waitFor();
        // The tier ends on the date the position shows for the level drop: one rule for both.
        const drop = (await page.getByTestId("level-drop").textContent())!;
        await section
          .getByTestId("access-ends")
          .filter({ hasText: `${drop}, when decay drops you below level 3` })
          .waitFor();
        assertEqual(
          await section.getByTestId("access-level-changed").count(),
          0,
          "level-changed notices after signing in again",
        );
        await page.context().close();
      } finally {
        await service.close();
      }
    },
  };
}
