import { decodeErrorResult, type Abi, type Address, type Hex, type PublicClient } from "viem";
import { allErrorsAbi } from "../../generated/contracts";
import { describeError, sentenceFor } from "../../lib/errors";

export type SimulationResult = { status: "ok"; note?: string } | { status: "revert"; reason: string };
export type SimulatedAction = { target: Address; value: bigint; data: Hex };

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
 * Runs every action with eth_call from the timelock, the account that will execute them, at the latest block.
 * Each call sees the chain as it is now, not the effects of the actions before it: a call that depends on an
 * earlier one (approve, then transferFrom) may read as reverting here and still succeed when executed.
 */
export async function simulateActions(
  client: Pick<PublicClient, "call" | "getCode">,
  timelock: Address,
  actions: readonly SimulatedAction[],
): Promise<SimulationResult[]> {
  const results: SimulationResult[] = [];
  for (const action of actions) {
    try {
      await client.call({ account: timelock, to: action.target, data: action.data, value: action.value });
      // A call with data to an address without code "succeeds" while doing nothing: say so.
      const code = action.data !== "0x" ? await client.getCode({ address: action.target }) : "0x";
      const empty = action.data !== "0x" && (code === undefined || code === "0x");
      results.push(
        empty
          ? { status: "ok", note: "there is no contract at this address, so the call does nothing" }
          : { status: "ok" },
      );
    } catch (error) {
      results.push({ status: "revert", reason: revertReason(error) });
    }
  }
  return results;
}
