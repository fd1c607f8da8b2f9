import { getAddress, keccak256, toHex, type Address } from "viem";
import type { Page } from "playwright-core";
import { WEEK } from "../../shared/protocol.ts";
import { seedContext } from "../../scripts/local/seed-context.ts";
import { formatAmount } from "../src/lib/format.ts";
import { assert, assertEqual, axeSource, openAs, settle, trackNetwork, settled, type Env } from "./harness.ts";
import { passQueueExecute, proposalByTitle } from "./proposals.ts";

const E = 10n ** 18n;
type Lock = readonly [bigint, bigint, boolean];

export function defineTests(env: Env) {
  const ctx = seedContext(env.rpcUrl, env.deployment, true);
  const c = env.deployment.contracts;
  const lockOf = (i: number) => env.read<Lock>("escrow", "locked", [env.address(i)]);
  const balanceOf = (i: number, token = c.GovernanceToken.address) =>
    env.client.readContract({
      address: token,
      abi: env.abi.token,
      functionName: "balanceOf",
      args: [env.address(i)],
    }) as Promise<bigint>;
  const now = async () => (await env.client.getBlock()).timestamp;
  const createLock = async (i: number, amount: bigint, weeks: bigint) => {
    await ctx.write(i, c.GovernanceToken.address, env.abi.token, "approve", [c.VotingEscrow.address, amount]);
    await ctx.write(i, c.VotingEscrow.address, env.abi.escrow, "createLock", [amount, (await now()) + weeks * WEEK]);
  };

  return {
    async "lock with a permit (one transaction)"() {
      const page = await openAs(env, 10);
      await page.getByLabel("Amount (LOCK)").fill("1000");
      await page.getByRole("button", { name: "12 months" }).click();
      await page.getByTestId("lock-preview").waitFor();
      const t = await now();
      await page.getByRole("button", { name: "Lock", exact: true }).click();
      await settled(page, "Lock");
      const [amount, end, autoMax] = await lockOf(10);
      assertEqual(amount, 1000n * E, "locked amount");
      assertEqual(autoMax, false, "auto-max");
      assert(end % WEEK === 0n && end > t && end <= t + 52n * WEEK + 60n, `end ${end} is a week within 52 weeks`);
      await page.getByTestId("locked-amount").filter({ hasText: "1,000 LOCK" }).waitFor();
      await page.context().close();
    },

    async "increase the amount (approve, then add)"() {
      const page = await openAs(env, 10);
      await page.getByLabel("Amount to add (LOCK)").fill("500.5");
      await page.getByRole("button", { name: "Add to lock" }).click();
      await settled(page, "Add to lock");
      const [amount] = await lockOf(10);
      assertEqual(amount, 1500_500000000000000000n, "locked amount after increase");
      await page.getByTestId("locked-amount").filter({ hasText: "1,500.5 LOCK" }).waitFor();
      await page.context().close();
    },

    async "extend the lock"() {
      await createLock(11, 2000n * E, 5n);
      const [, before] = await lockOf(11);
      const page = await openAs(env, 11);
      await page.getByRole("button", { name: "Maximum (52 weeks)" }).click();
      const t = await now();
      await page.getByRole("button", { name: "Extend", exact: true }).click();
      await settled(page, "Extend");
      const [, after] = await lockOf(11);
      assert(after > before, `end moved later (${before} -> ${after})`);
      assertEqual(after, ((t + 52n * WEEK) / WEEK) * WEEK, "new end (52 weeks, rounded down)");
      await page.context().close();
    },

    async "auto-max on and off"() {
      await createLock(18, 900n * E, 10n);
      const page = await openAs(env, 18);
      await page.getByRole("switch", { name: "Turn auto-max on" }).click();
      await settled(page, "Auto-max");
      const [amount, end, autoMax] = await lockOf(18);
      assertEqual(autoMax, true, "auto-max after turning it on");
      assertEqual(end, 0n, "end reads 0 while auto-max is on");
      assertEqual(
        await env.read<bigint>("escrow", "balanceOf", [env.address(18)]),
        amount + (amount / (52n * WEEK)) * 52n * WEEK,
        "maximum score",
      );
      await page.getByRole("switch", { name: "Turn auto-max off" }).click();
      await page.getByRole("switch", { name: "Turn auto-max on" }).waitFor();
      const t = await now();
      const [, endAfter, autoMaxAfter] = await lockOf(18);
      assertEqual(autoMaxAfter, false, "auto-max after turning it off");
      assert(
        endAfter === ((t + 52n * WEEK) / WEEK) * WEEK || endAfter === ((t - 1n + 52n * WEEK) / WEEK) * WEEK,
        `end = epochStart(now + MAX_LOCK), got ${endAfter}`,
      );
      await page.context().close();
    },

    async "vote with a reason"() {
      const description = `# E2E proposal ${Date.now()}\n\nCreated by the end-to-end test.`;
      const targets = [c.GovernanceToken.address];
      const calldatas = ["0x18160ddd" as const]; // totalSupply(): harmless
      await ctx.write(1, c.LockstepGovernor.address, env.abi.governor, "propose", [
        targets,
        [0n],
        calldatas,
        description,
      ]);
      const id = await env.read<bigint>("governor", "hashProposal", [
        targets,
        [0n],
        calldatas,
        keccak256(toHex(description)),
      ]);
      const delay = await env.read<bigint>("governor", "votingDelay");
      await env.travel(delay + 1n);
      const page = await openAs(env, 0, `#/govern/${id}`);
      await page.getByTestId("vote-weight").waitFor();
      await page.getByRole("radio", { name: "For" }).check();
      await page.getByLabel("Reason (optional, public)").fill("Ship it: tested end to end.");
      await page.getByRole("button", { name: "Cast vote" }).click();
      await settled(page, "Vote");
      assertEqual(await env.read<boolean>("governor", "hasVoted", [id, env.address(0)]), true, "hasVoted");
      const logs = await env.client.getContractEvents({
        address: c.LockstepGovernor.address,
        abi: env.abi.governor,
        eventName: "VoteCast",
        args: { voter: env.address(0) },
        fromBlock: 0n,
      });
      const mine = logs
        .map((l) => (l as unknown as { args: { proposalId: bigint; support: number; reason: string } }).args)
        .find((a) => a.proposalId === id);
      assert(mine, "VoteCast event for the proposal");
      assertEqual(mine.support, 1, "support");
      assertEqual(mine.reason, "Ship it: tested end to end.", "reason");
      const [, forVotes] = await env.read<readonly [bigint, bigint, bigint]>("governor", "proposalVotes", [id]);
      assert(forVotes > 0n, "For votes counted");
      await page.context().close();
    },

    async "create a proposal with the builder, then queue and execute it"() {
      const title = `Pay 10 LOCK to account 19 (${Date.now()})`;
      const recipient = env.address(19);
      const before = await balanceOf(19);
      const page = await openAs(env, 0, "#/govern/new");
      await page.getByLabel("Title").fill(title);
      await page.getByLabel("Description").fill("End-to-end test of the action builder.");
      await page.getByLabel("Type").selectOption("transfer");
      await page.getByLabel("Asset").selectOption(c.GovernanceToken.address);
      await page.getByLabel("Recipient").fill(recipient);
      await page.getByLabel("Amount (LOCK)").fill("10");
      await page.getByTestId("action-preview").getByText("10 LOCK").waitFor();
      await page.getByTestId("simulation").filter({ hasText: "would succeed" }).waitFor();
      await page.getByRole("button", { name: "Create proposal" }).click();
      await page.getByRole("heading", { name: title }).waitFor();
      const proposal = await proposalByTitle(env, title);
      assertEqual(proposal.targets[0], c.GovernanceToken.address, "target is the token");
      await passQueueExecute(env, ctx, page, proposal.proposalId);
      assertEqual((await balanceOf(19)) - before, 10n * E, "treasury paid the recipient");
      await page.context().close();
    },

    async "delegate and undelegate"() {
      await createLock(12, 3000n * E, 20n);
      const page = await openAs(env, 12, "#/govern");
      await page.getByLabel("Delegate your score to").fill(env.address(13));
      await page.getByRole("button", { name: "Delegate", exact: true }).click();
      await settled(page, "Delegation");
      assertEqual(
        (await env.read<Address>("escrow", "delegates", [env.address(12)])).toLowerCase(),
        env.address(13).toLowerCase(),
        "delegate",
      );
      const votes13 = await env.read<bigint>("escrow", "getVotes", [env.address(13)]);
      assertEqual(
        votes13,
        await env.read<bigint>("escrow", "balanceOf", [env.address(12)]),
        "delegate's votes = delegator's score",
      );
      await page.getByRole("button", { name: "Undelegate (vote yourself)" }).click();
      await page.getByTestId("delegate").filter({ hasText: "Yourself" }).waitFor();
      assertEqual(
        (await env.read<Address>("escrow", "delegates", [env.address(12)])).toLowerCase(),
        env.address(12).toLowerCase(),
        "delegate after undelegating",
      );
      await page.context().close();
    },

    async "claim all rewards"() {
      const tokens = await env.read<Address[]>("distributor", "rewardTokens");
      const before = await Promise.all(
        tokens.map((t) => env.read<bigint>("distributor", "claimable", [env.address(3), t])),
      );
      assert(
        before.every((v) => v > 0n),
        `account 3 has rewards in every token (${before})`,
      );
      const balances = await Promise.all(tokens.map((t) => balanceOf(3, t)));
      const page = await openAs(env, 3, "#/rewards");
      await page.getByRole("button", { name: "Claim all" }).click();
      await settled(page, "Claim");
      for (const [i, token] of tokens.entries()) {
        assertEqual(
          await env.read<bigint>("distributor", "claimable", [env.address(3), token]),
          0n,
          `claimable after claim (${i})`,
        );
        assertEqual((await balanceOf(3, token)) - balances[i], before[i], `paid out (${i})`);
      }
      await page.getByTestId("claim-history").waitFor();
      await page.context().close();
    },

    async "claim and re-lock"() {
      const tokens = await env.read<Address[]>("distributor", "rewardTokens");
      const lockToken = c.GovernanceToken.address;
      const claimable = await env.read<bigint>("distributor", "claimable", [env.address(1), lockToken]);
      assert(claimable > 0n, "account 1 has LOCK rewards");
      const [lockedBefore] = await lockOf(1);
      const walletBefore = await balanceOf(1);
      const page = await openAs(env, 1, "#/rewards");
      await page.getByRole("button", { name: "Claim and re-lock" }).click();
      await settled(page, "Claim and re-lock");
      const [lockedAfter] = await lockOf(1);
      assertEqual(lockedAfter - lockedBefore, claimable, "re-locked amount");
      assertEqual(await balanceOf(1), walletBefore, "no LOCK paid to the wallet");
      for (const token of tokens)
        assertEqual(await env.read<bigint>("distributor", "claimable", [env.address(1), token]), 0n, "claimable after");
      await page.context().close();
    },

    async "add and re-lock are disabled within MIN_LOCK, with an extend-first shortcut"() {
      // A 6-week lock, revenue in its second week, then two weeks later the lock ends within 4 weeks with
      // governance-token rewards to claim.
      await createLock(13, 1000n * E, 6n);
      await env.travel(WEEK);
      const lockToken = c.GovernanceToken.address;
      await ctx.write(0, lockToken, env.abi.token, "approve", [c.RevenueDistributor.address, 10_000n * E]);
      await ctx.write(0, c.RevenueDistributor.address, env.abi.distributor, "depositRevenue", [lockToken, 10_000n * E]);
      await env.travel(WEEK);
      const [, end] = await lockOf(13);
      const minLock = await env.read<bigint>("escrow", "MIN_LOCK");
      assert(end < (await now()) + minLock, `the lock ends within MIN_LOCK (end ${end})`);
      const claimable = await env.read<bigint>("distributor", "claimable", [env.address(13), lockToken]);
      assert(claimable > 0n, "account 13 has LOCK rewards");

      // Rewards: re-locking is disabled with the reason, and the shortcut leads to the extend form.
      const page = await openAs(env, 13, "#/rewards");
      const relock = page.getByRole("button", { name: "Claim and re-lock" });
      await page.getByText(/less than 4 weeks from now: rewards can only be re-locked/).waitFor();
      assert(await relock.isDisabled(), "Claim and re-lock is disabled");
      await page.getByRole("link", { name: "Extend first" }).click();
      await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.name === "extend");
      assertEqual(page.url().endsWith("#/stake/extend"), true, "on the stake page's extend form");

      // Stake: adding is disabled too, with its own extend-first button.
      const add = page.getByRole("button", { name: "Add to lock" });
      await page.getByText(/less than 4 weeks from now\. Tokens can only be added/).waitFor();
      assert(await add.isDisabled(), "Add to lock is disabled");
      await page.getByLabel("Amount to add (LOCK)").focus();
      await page.getByRole("button", { name: "Extend first" }).click();
      assertEqual(
        await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name),
        "extend",
        "focus after Extend first",
      );
      await page.getByRole("button", { name: "Maximum (52 weeks)" }).click();
      await page.getByRole("button", { name: "Extend", exact: true }).click();
      await settled(page, "Extend");
      await page.getByText(/Tokens can only be added/).waitFor({ state: "detached" });
      assert(await add.isEnabled(), "Add to lock is enabled after extending");

      // Back on Rewards, re-locking works and adds the claimable amount to the lock.
      const [lockedBefore] = await lockOf(13);
      await page.goto(`${env.appUrl}#/rewards`);
      await relock.and(page.locator(":enabled")).click();
      await settled(page, "Claim and re-lock");
      const [lockedAfter] = await lockOf(13);
      assertEqual(lockedAfter - lockedBefore, claimable, "re-locked amount");
      await page.context().close();
    },

    async "allow and revoke a lock creator"() {
      const creator = env.address(10);
      const page = await openAs(env, 19);
      await page.getByTestId("no-lock-creators").waitFor();
      const field = page.getByLabel("Allow an address to create your lock");
      // One letter with its case flipped: the checksum catches the typo before anything is sent.
      const i = creator.slice(2).search(/[a-fA-F]/) + 2;
      const flipped = creator[i] === creator[i].toUpperCase() ? creator[i].toLowerCase() : creator[i].toUpperCase();
      const typo = creator.slice(0, i) + flipped + creator.slice(i + 1);
      await field.fill(typo);
      await page.getByText("This address has a typo: its capital letters don't match its checksum.").waitFor();
      await field.fill(env.address(19));
      await page.getByText("You can always lock for yourself; enter another address.").waitFor();
      await field.fill(creator);
      await page.getByRole("button", { name: "Allow", exact: true }).click();
      await settled(page, "Allow lock creator");
      assertEqual(await env.read<boolean>("escrow", "isLockCreator", [env.address(19), creator]), true, "allowed");
      await page.getByRole("list", { name: "Allowed lock creators" }).getByText(getAddress(creator)).waitFor();

      // The consent works: account 10 creates account 19's lock.
      await ctx.write(10, c.GovernanceToken.address, env.abi.token, "approve", [c.VotingEscrow.address, 100n * E]);
      await ctx.write(10, c.VotingEscrow.address, env.abi.escrow, "createLockFor", [
        env.address(19),
        100n * E,
        (await now()) + 10n * WEEK,
      ]);
      assertEqual((await lockOf(19))[0], 100n * E, "lock created by the allowed creator");

      await page.getByRole("button", { name: `Revoke ${getAddress(creator)}` }).click();
      await settled(page, "Revoke lock creator");
      assertEqual(await env.read<boolean>("escrow", "isLockCreator", [env.address(19), creator]), false, "revoked");
      await page.getByTestId("no-lock-creators").waitFor();
      await page.context().close();
    },

    async "withdraw after expiry"() {
      // The shortest lock: 5 weeks rounded down to a week still ends at least MIN_LOCK (4 weeks) away.
      await createLock(14, 700n * E, 5n);
      await env.travel(5n * WEEK);
      const before = await balanceOf(14);
      const page = await openAs(env, 14);
      await page.getByRole("heading", { name: "Withdraw" }).waitFor();
      assertEqual(
        await page.getByRole("heading", { name: "Extend your lock" }).count(),
        0,
        "an expired lock offers no extend",
      );
      await page.getByRole("button", { name: /^Withdraw 700/ }).click();
      await settled(page, "Withdraw");
      assertEqual((await lockOf(14))[0], 0n, "lock after withdraw");
      assertEqual((await balanceOf(14)) - before, 700n * E, "tokens returned");
      await page.getByRole("heading", { name: "Lock tokens" }).waitFor();
      await page.context().close();
    },

    async "a rejected transaction is reported and nothing is sent"() {
      const account = env.address(15);
      const nonce = await env.client.getTransactionCount({ address: account });
      const page = await openAs(env, 15);
      await page.getByLabel("Ask before signing").check();
      await page.getByLabel("Amount (LOCK)").fill("100");
      await page.getByRole("radio", { name: /Approve, then lock/ }).check();
      await page.getByRole("button", { name: "Lock", exact: true }).click();
      await page.getByRole("dialog", { name: "Test wallet request" }).waitFor();
      await page.getByRole("button", { name: "Reject" }).click();
      await page
        .getByRole("alert")
        .filter({ hasText: "Approve failed: You rejected the request in your wallet." })
        .waitFor();
      assertEqual(await env.client.getTransactionCount({ address: account }), nonce, "nonce unchanged");
      assertEqual((await lockOf(15))[0], 0n, "no lock");
      assertEqual(await env.read<bigint>("token", "allowance", [account, c.VotingEscrow.address]), 0n, "no allowance");
      await page.context().close();
    },

    async "bad input is stopped before sending"() {
      const account = env.address(17);
      const nonce = await env.client.getTransactionCount({ address: account });
      const page = await openAs(env, 17);
      const amount = page.getByLabel("Amount (LOCK)");
      for (const [input, message] of [
        ["0", "The amount must be more than zero."],
        ["-1", "The amount can't be negative."],
        ["1.0000000000000000001", "Use at most 18 decimal places."],
        ["100000000", "That is more than your balance of 100,000 LOCK."],
      ] as const) {
        await amount.fill(input);
        await page.getByText(message).waitFor();
      }
      await amount.fill("");
      await page.getByRole("button", { name: "Lock", exact: true }).click();
      await page.getByText("Enter an amount.").waitFor();
      await amount.fill("10");
      const duration = page.getByLabel("Duration (weeks, 4-52)");
      await duration.fill("3");
      await page
        .getByText("The shortest lock is 4 weeks, so tokens that vote stay locked until the proposal can run.")
        .waitFor();
      await duration.fill("53");
      await page.getByText("The longest lock is 52 weeks (12 months).").waitFor();
      await page.getByRole("button", { name: "Lock", exact: true }).click();
      assertEqual(await env.client.getTransactionCount({ address: account }), nonce, "nothing sent");
      await page.context().close();
    },

    async "wrong chain: the app offers to switch and sends nothing until then"() {
      const account = env.address(16);
      const context = await env.browser.newContext();
      // A plain-JS EIP-6963 wallet (a string: the test runner's transpiler must not touch code run in the page).
      await context.addInitScript(injectedWallet(env.rpcUrl, account));
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(`${env.appUrl}#/stake`);
      // The wallet reports an authorised account, so the app may reconnect to it without a click.
      const connect = page.getByRole("button", { name: "Connect wallet" });
      await page.getByLabel("Amount (LOCK)").or(connect).first().waitFor();
      if (await connect.isVisible()) {
        await connect.click();
        await page.getByRole("button", { name: "E2E Wallet" }).click();
      }
      await page.getByLabel("Amount (LOCK)").waitFor();
      // The person switches the wallet to Ethereum mainnet.
      await page.evaluate('window.e2eWallet.setChain("0x1")');
      const banner = page.getByRole("alert").filter({ hasText: "Your wallet is on another network" });
      await banner.waitFor();
      await page.getByLabel("Amount (LOCK)").fill("250");
      assert(
        await page.getByRole("button", { name: "Lock", exact: true }).isDisabled(),
        "Lock is disabled on the wrong chain",
      );
      await page.getByText("Switch your wallet to Local Hardhat first.").first().waitFor();
      assertEqual(await env.client.getTransactionCount({ address: account }), 0, "nothing sent on the wrong chain");
      await page.getByRole("button", { name: "Switch to Local Hardhat" }).click();
      await banner.waitFor({ state: "detached" });
      // Forms belong to an account and its chain: the switch cleared the amount typed on the wrong chain.
      assertEqual(await page.getByLabel("Amount (LOCK)").inputValue(), "", "amount after switching chains");
      await page.getByLabel("Amount (LOCK)").fill("250");
      await page.getByRole("radio", { name: /Approve, then lock/ }).check();
      await page.getByRole("button", { name: "Lock", exact: true }).click();
      await settled(page, "Lock");
      assertEqual((await lockOf(16))[0], 250n * E, "locked after switching");
      await context.close();
    },

    async "accessibility: no serious or critical axe violations on any page"() {
      const proposals = await env.client.getContractEvents({
        address: c.LockstepGovernor.address,
        abi: env.abi.governor,
        eventName: "ProposalCreated",
        fromBlock: 0n,
      });
      const id = (proposals[0] as unknown as { args: { proposalId: bigint } }).args.proposalId;
      const source = axeSource();
      const failures: string[] = [];
      const page = await openAs(env, 1);
      for (const route of ["#/stake", "#/rewards", "#/govern", `#/govern/${id}`, "#/govern/new", "#/overview"]) {
        await page.goto(`${env.appUrl}${route}`);
        await page.locator("main h1").first().waitFor();
        await page
          .waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 15_000 })
          .catch(() => {});
        await page.addScriptTag({ content: source });
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: {
                run(
                  ctx: Document,
                  opts: object,
                ): Promise<{
                  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
                }>;
              };
            }
          ).axe;
          const result = await axe.run(document, { resultTypes: ["violations"] });
          return result.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map(
              (v) =>
                `${v.id} (${v.impact}): ${v.help} at ${v.nodes
                  .map((n) => n.target.join(" "))
                  .slice(0, 3)
                  .join(", ")}`,
            );
        });
        failures.push(...violations.map((v) => `${route}: ${v}`));
      }
      await page.context().close();
      assert(failures.length === 0, `axe violations:\n  ${failures.join("\n  ")}`);
    },

    async "overview: staker count and total locked from the escrow's events equal the contracts'"() {
      const page = await openAs(env, 1, "#/overview");
      await checkOverview(env, page);
      await page.context().close();
    },

    async "a proposal lists all its votes (chain logs of its blocks only)"() {
      const page = await openAs(env, 1, "#/govern");
      const network = trackNetwork(page, env.rpcUrl);
      await checkVotes(env, page);
      const { id } = await busiestProposal(env);
      const created = await env.client.getContractEvents({
        address: c.LockstepGovernor.address,
        abi: env.abi.governor,
        eventName: "ProposalCreated",
        fromBlock: 0n,
      });
      const block = created.find(
        (l) => (l as unknown as { args: { proposalId: bigint } }).args.proposalId === id,
      )!.blockNumber;
      const voteTopic = "0xb8e138887d0aa13bab447e82de9d5c1777041ecd21ca36ba824ff1e6c07ddda4"; // VoteCast
      const voteReads = network.calls.filter(
        (call) =>
          call.method === "eth_getLogs" &&
          JSON.stringify((call.params[0] as { topics: unknown }).topics).includes(voteTopic),
      );
      assert(voteReads.length > 0, "the page read VoteCast logs");
      for (const call of voteReads) {
        assertEqual(BigInt((call.params[0] as { fromBlock: string }).fromBlock), block, "votes read from creation");
      }
      await page.context().close();
    },

    async "a reload reads only the blocks after the cached logs (IndexedDB)"() {
      const page = await openAs(env, 1, "#/overview");
      // Connecting the wallet already loaded the Overview and filled the cache: delete the database (the delete
      // waits while the page holds it open) and reload, so the tracked first load starts from an empty cache.
      await page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase("lockstep-logs");
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      );
      const network = trackNetwork(page, env.rpcUrl);
      await page.reload();
      await checkOverview(env, page);
      await settle(page, network);
      const head = await env.client.getBlockNumber();
      assert(network.logRanges().length > 0, "the first load read logs");
      await env.travel(60n); // one new block
      network.reset();
      await page.reload();
      await checkOverview(env, page);
      await settle(page, network);
      const ranges = network.logRanges();
      assert(ranges.length > 0, "the reload read the new block");
      for (const { from } of ranges) assert(from > head, `a reload read from block ${from}, at or before ${head}`);
      await page.context().close();
    },
  } satisfies Record<string, () => Promise<void>>;
}

/** An EIP-6963 wallet backed by the node's unlocked accounts, whose chain the test can change. */
function injectedWallet(rpcUrl: string, account: Address): string {
  return `(() => {
    const rpcUrl = ${JSON.stringify(rpcUrl)};
    const account = ${JSON.stringify(account)};
    let chainId = "0x7a69";
    const listeners = {};
    const emit = (event, value) => (listeners[event] || []).forEach((f) => f(value));
    const provider = {
      async request({ method, params }) {
        if (method === "eth_chainId") return chainId;
        if (method === "eth_requestAccounts" || method === "eth_accounts") return [account];
        if (method === "wallet_switchEthereumChain") {
          chainId = params[0].chainId;
          emit("chainChanged", chainId);
          return null;
        }
        if (method === "eth_sendTransaction" && chainId !== "0x7a69") throw { code: 4901, message: "Wrong chain" };
        const response = await fetch(rpcUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params || [] }),
        });
        const body = await response.json();
        if (body.error) throw body.error;
        return body.result;
      },
      on(event, f) { (listeners[event] = listeners[event] || []).push(f); },
      removeListener(event, f) { listeners[event] = (listeners[event] || []).filter((g) => g !== f); },
    };
    window.e2eWallet = { setChain(id) { chainId = id; emit("chainChanged", id); } };
    const info = { uuid: "6f1d7b1e-e2e0-4c1a-9a55-000000000001", name: "E2E Wallet", icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E", rdns: "dev.lockstep.e2e" };
    const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
    window.addEventListener("eip6963:requestProvider", announce);
    announce();
  })();`;
}

/** What the Overview must show: holders (locked() > 0 for any account that ever locked) and tokens held. */
async function contractTotals(env: Env) {
  const c = env.deployment.contracts;
  const created = await env.client.getContractEvents({
    address: c.VotingEscrow.address,
    abi: env.abi.escrow,
    eventName: "LockCreated",
    fromBlock: 0n,
  });
  const accounts = [...new Set(created.map((l) => (l as unknown as { args: { account: Address } }).args.account))];
  const locks = await Promise.all(accounts.map((a) => env.read<Lock>("escrow", "locked", [a])));
  const locked = (await env.client.readContract({
    address: c.GovernanceToken.address,
    abi: env.abi.token,
    functionName: "balanceOf",
    args: [c.VotingEscrow.address],
  })) as bigint;
  return { stakers: locks.filter(([amount]) => amount > 0n).length, locked };
}

/** The proposal with the most votes and its VoteCast count, from the chain. */
async function busiestProposal(env: Env) {
  const logs = await env.client.getContractEvents({
    address: env.deployment.contracts.LockstepGovernor.address,
    abi: env.abi.governor,
    eventName: "VoteCast",
    fromBlock: 0n,
  });
  const counts = new Map<bigint, number>();
  for (const log of logs) {
    const id = (log as unknown as { args: { proposalId: bigint } }).args.proposalId;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const [id, votes] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return { id, votes };
}

async function checkOverview(env: Env, page: Page) {
  const expected = await contractTotals(env);
  const count = page.getByTestId("staker-count");
  await count.filter({ hasText: /^\d+$/ }).waitFor();
  assertEqual(await count.textContent(), String(expected.stakers), "staker count");
  const total = page.getByTestId("total-locked");
  await total.filter({ hasText: /LOCK$/ }).waitFor();
  assertEqual(await total.textContent(), `${formatAmount(expected.locked, 18, 0)} LOCK`, "total locked");
}

async function checkVotes(env: Env, page: Page) {
  const { id, votes } = await busiestProposal(env);
  await page.goto(`${env.appUrl}#/govern/${id}`);
  await page
    .getByTestId("vote-row")
    .nth(votes - 1)
    .waitFor();
  assertEqual(await page.getByTestId("vote-row").count(), votes, `votes listed on proposal ${id}`);
}

/** The same checks with the app reading lists from the subgraph (GraphQL test double over the test host). */
export function defineSubgraphTests(env: Env, subgraph: { url: string; index(): Promise<number>; requests(): number }) {
  return {
    async "subgraph: the Overview's staker count and total locked equal the contracts'"() {
      await subgraph.index();
      const page = await openAs(env, 1, "#/govern");
      const network = trackNetwork(page, env.rpcUrl);
      const before = subgraph.requests();
      await page.goto(`${env.appUrl}#/overview`);
      await checkOverview(env, page);
      assert(subgraph.requests() > before, "the Overview asked the subgraph");
      assertEqual(
        network.calls.filter((c) => c.method === "eth_getLogs").length,
        0,
        "eth_getLogs calls with a subgraph",
      );
      await page.context().close();
    },
    async "subgraph: a proposal lists all its votes"() {
      await subgraph.index();
      const page = await openAs(env, 1, "#/govern");
      await checkVotes(env, page);
      await page.context().close();
    },
    async "subgraph: the banner appears when the indexer stops answering and leaves when it is back"() {
      await subgraph.index();
      const page = await openAs(env, 1, "#/overview");
      await page.getByTestId("staker-count").filter({ hasText: /^\d+$/ }).waitFor();
      const banner = page.getByTestId("health-banner");
      assertEqual(await banner.count(), 0, "no banner while the indexer answers");
      const indexer = (url: URL) => url.href.startsWith(subgraph.url);
      await page.route(indexer, (route) => route.abort("connectionrefused"));
      await banner.getByText("The indexer (subgraph) is not answering.").waitFor({ timeout: 20_000 });
      assert(await page.locator("main.stale").count(), "values are marked stale");
      await page.unroute(indexer);
      await banner.waitFor({ state: "detached", timeout: 20_000 });
      assertEqual(await page.locator("main.stale").count(), 0, "values no longer stale");
      await page.context().close();
    },
  } satisfies Record<string, () => Promise<void>>;
}
