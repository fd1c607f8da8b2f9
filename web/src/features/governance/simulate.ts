import { decodeErrorResult, type Abi, type Address, type Hex, type PublicClient } from "viem";
import { allErrorsAbi } from "../../generated/contracts";
import { describeError, sentenceFor } from "../../lib/errors";
import { formatAmount } from "../../lib/format";

/**
 * `alone` marks a result of the fallback that simulated the action by itself (the RPC cannot run a sequence),
 * so it did not see the effects of the actions before it.
 */
export type SimulationResult =
  { status: "ok"; note?: string; alone?: boolean } | { status: "revert"; reason: string; alone?: boolean };
export type SimulatedAction = { target: Address; value: bigint; data: Hex };
type SimulationClient = Pick<PublicClient, "call" | "getBalance" | "getCode" | "simulateBlocks">;

function revertData(error: unknown): Hex | undefined {
  for (let e = error as { data?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 12; depth++) {
    if (typeof e.data === "string" && /^0x/.test(e.data)) return e.data as Hex;
    if (e.data && typeof e.data === "object" && typeof (e.data as { data?: unknown }).data === "string")
      return (e.data as { data: Hex }).data;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** A revert as a sentence: Lockstep and OpenZeppelin errors by name, require messages verbatim, else the selector. */
export function revertReason(error: unknown): string {
  const data = revertData(error);
  if (data && data.length >= 10) {
    try {
      const decoded = decodeErrorResult({ abi: allErrorsAbi as unknown as Abi, data });
      if (decoded.errorName === "Error") return `reverted with "${String(decoded.args?.[0])}".`;
      if (decoded.errorName === "Panic") return `panicked (code ${String(decoded.args?.[0])}).`;
      return sentenceFor(decoded.errorName, decoded.args ?? []);
    } catch {
      return `reverted with an unknown error (selector ${data.slice(0, 10)}).`;
    }
  }
  if (data === "0x") return "reverted without a reason.";
  return describeError(error);
}

/**
 * Runs the actions in order from the timelock, the account that will execute them, on top of the latest block,
 * each seeing the effects of the ones before it (`eth_simulateV1`), as `execute` will. On an RPC without
 * `eth_simulateV1` it falls back to one `eth_call` per action, marked `alone`: such a call sees the chain as it
 * is now, so an action that depends on an earlier one (approve, then transferFrom) may read as reverting.
 */
export async function simulateActions(
  client: SimulationClient,
  timelock: Address,
  actions: readonly SimulatedAction[],
): Promise<SimulationResult[]> {
  let outcomes: { ok: true }[] | { ok: false; error: unknown }[] | undefined;
  let alone = false;
  try {
    const [block] = await client.simulateBlocks({
      blocks: [{ calls: actions.map((a) => ({ account: timelock, to: a.target, data: a.data, value: a.value })) }],
    });
    outcomes = block.calls.map((c) =>
      c.status === "success" ? { ok: true as const } : { ok: false as const, error: { data: c.data } },
    ) as typeof outcomes;
  } catch {
    alone = true;
  }
  // Some nodes (Hardhat among them) let a call send ETH the caller does not have: check the treasury's balance.
  const balance = actions.some((a) => a.value > 0n) ? await client.getBalance({ address: timelock }) : 0n;
  let sent = 0n;
  const results: SimulationResult[] = [];
  for (const [i, action] of actions.entries()) {
    sent += action.value;
    const outcome = alone ? await callAlone(client, timelock, action) : outcomes![i];
    results.push(
      outcome.ok && action.value > 0n && sent > balance
        ? {
            status: "revert",
            reason: `the treasury holds ${formatAmount(balance)} ETH and the actions up to this one send ${formatAmount(sent)} ETH.`,
            ...(alone ? { alone } : {}),
          }
        : outcome.ok
          ? await okResult(client, action, alone)
          : { status: "revert", reason: revertReason(outcome.error), ...(alone ? { alone } : {}) },
    );
  }
  return results;
}

async function callAlone(client: SimulationClient, timelock: Address, action: SimulatedAction) {
  try {
    await client.call({ account: timelock, to: action.target, data: action.data, value: action.value });
    return { ok: true as const };
  } catch (error) {
    return { ok: false as const, error };
  }
}

/** A call with data to an address without code "succeeds" while doing nothing: say so. */
async function okResult(client: SimulationClient, action: SimulatedAction, alone: boolean): Promise<SimulationResult> {
  const code = action.data !== "0x" ? await client.getCode({ address: action.target }) : "0x";
  const empty = action.data !== "0x" && (code === undefined || code === "0x");
  return {
    status: "ok",
    ...(empty ? { note: "there is no contract at this address, so the call does nothing" } : {}),
    ...(alone ? { alone } : {}),
  };
}
