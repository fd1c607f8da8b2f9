import { afterEach, describe, expect, it, vi } from "vitest";
import { HttpRequestError, TimeoutError, ContractFunctionRevertedError } from "viem";
import { isUnreachable, networkHealth } from "./networkHealth";
import { chainClock, estimateChainTime } from "./chainClock";

afterEach(() => {
  networkHealth.reset();
  chainClock.reset();
});

describe("networkHealth", () => {
  it("marks a source down on a report, up again on success, and tells recovery listeners once", () => {
    const recovered = vi.fn();
    const stop = networkHealth.onRecovery(recovered);
    networkHealth.report("rpc", new Error("fetch failed\nstack"));
    const down = networkHealth.getState().rpc;
    expect(down.downSince).toBeTypeOf("number");
    expect(down.error).toBe("fetch failed");
    networkHealth.report("rpc", new Error("again"));
    expect(networkHealth.getState().rpc.downSince).toBe(down.downSince);
    expect(networkHealth.getState().subgraph.downSince).toBeUndefined();
    networkHealth.ok("rpc");
    expect(networkHealth.getState().rpc.downSince).toBeUndefined();
    networkHealth.ok("rpc");
    expect(recovered).toHaveBeenCalledTimes(1);
    expect(recovered).toHaveBeenCalledWith("rpc");
    stop();
  });
  it("tells an unreachable node from a contract revert", () => {
    expect(isUnreachable(new HttpRequestError({ url: "http://x", body: {} }))).toBe(true);
    expect(isUnreachable({ name: "Wrapper", cause: new TimeoutError({ body: {}, url: "http://x" }) })).toBe(true);
    expect(isUnreachable(new ContractFunctionRevertedError({ abi: [], functionName: "f" }))).toBe(false);
    expect(isUnreachable(new Error("boom"))).toBe(false);
  });
});

describe("chainClock", () => {
  it("reports new blocks once and extrapolates the chain time between blocks", () => {
    expect(chainClock.update(10n, 1_000n, 50_000)).toBe(true);
    expect(chainClock.update(10n, 1_000n, 51_000)).toBe(false);
    expect(estimateChainTime(chainClock.getState(), 52_500)).toBe(1_002n);
    expect(estimateChainTime(chainClock.getState(), 40_000)).toBe(1_000n);
    expect(chainClock.update(11n, 5_000n, 53_000)).toBe(true);
    expect(estimateChainTime(chainClock.getState(), 53_000)).toBe(5_000n);
  });
});
