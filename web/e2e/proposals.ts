/**
 * Shared steps of the end-to-end tests that take a proposal made in the builder through its whole life: find
 * it by title, pass it with account `voter`'s votes (time travel over the voting delay and period), then queue
 * and execute it from the proposal page, each state checked on chain.
 */
import type { Address } from "viem";
import type { Page } from "playwright-core";
import { readArtifact } from "../../scripts/local/artifacts.ts";
import type { SeedContext } from "../../scripts/local/seed-context.ts";
import { assert, assertEqual, settled, type Env } from "./harness.ts";

type Created = { proposalId: bigint; description: string; targets: Address[] };

/** The ProposalCreated event of the proposal whose description starts with `# title`. */
export async function proposalByTitle(env: Env, title: string): Promise<Created> {
  const created = await env.client.getContractEvents({
    address: env.deployment.contracts.LockstepGovernor.address,
    abi: env.abi.governor,
    eventName: "ProposalCreated",
    fromBlock: 0n,
  });
  const proposal = created
    .map((l) => (l as unknown as { args: Created }).args)
    .find((a) => a.description.startsWith(`# ${title}`));
  assert(proposal, `ProposalCreated with the title "${title}"`);
  return proposal;
}

/** Votes For with account `voter`, then queues and executes proposal `id` through the buttons of its page. */
export async function passQueueExecute(env: Env, ctx: SeedContext, page: Page, id: bigint, voter = 0) {
  const governor = env.deployment.contracts.LockstepGovernor.address;
  await env.travel((await env.read<bigint>("governor", "votingDelay")) + 1n);
  await ctx.write(voter, governor, env.abi.governor, "castVote", [id, 1]);
  await env.travel((await env.read<bigint>("governor", "votingPeriod")) + 1n);
  assertEqual(await env.read<number>("governor", "state", [id]), 4, "Succeeded");
  await page.goto(`${env.appUrl}#/govern/${id}`);
  await page.getByRole("button", { name: "Queue" }).click();
  await settled(page, "Queue");
  assertEqual(await env.read<number>("governor", "state", [id]), 5, "Queued");
  const delay = (await env.client.readContract({
    address: env.deployment.contracts.TimelockController.address,
    abi: readArtifact("TimelockController").abi,
    functionName: "getMinDelay",
  })) as bigint;
  await env.travel(delay + 1n);
  await page.getByRole("button", { name: "Execute" }).and(page.locator(":enabled")).click();
  await settled(page, "Execute");
  assertEqual(await env.read<number>("governor", "state", [id]), 7, "Executed");
}
