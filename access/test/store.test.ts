import { describe, expect, it } from "vitest";
import { MemoryStore } from "../src/store.ts";

describe("memory store", () => {
  it("test_TakesANonceOnceAndNeverAfterItExpired", async () => {
    const clock = { now: 0 };
    const store = new MemoryStore(() => clock.now);
    await store.putNonce("a", 60);
    await store.putNonce("b", 60);
    expect(await store.takeNonce("a")).toBe(true);
    expect(await store.takeNonce("a")).toBe(false);
    expect(await store.takeNonce("never-issued")).toBe(false);
    clock.now = 60_000;
    expect(await store.takeNonce("b")).toBe(false);
  });

  it("test_ForgetsExpiredNoncesBeforeGrowingPastTheSweepSize", async () => {
    const clock = { now: 0 };
    const store = new MemoryStore(() => clock.now);
    for (let i = 0; i < MemoryStore.SWEEP_AT; i++) await store.putNonce(`old-${i}`, 1);
    clock.now = 1_000;
    await store.putNonce("fresh", 60);
    expect((store as unknown as { nonces: Map<string, number> }).nonces.size).toBe(1);
    expect(await store.takeNonce("fresh")).toBe(true);
  });

  it("test_CountsUpToTheLimitPerAccountAndPeriod", async () => {
    const store = new MemoryStore();
    expect(await store.consume("0xA", "2026-11", 2, 60)).toEqual({ allowed: true, used: 1 });
    expect(await store.consume("0xa", "2026-11", 2, 60)).toEqual({ allowed: true, used: 2 });
    expect(await store.consume("0xA", "2026-11", 2, 60)).toEqual({ allowed: false, used: 2 });
    expect(await store.consume("0xA", "2026-12", 2, 60)).toEqual({ allowed: true, used: 1 });
    expect(await store.consume("0xB", "2026-11", undefined, 60)).toEqual({ allowed: true, used: 1 });
    expect(await store.usage("0xa", "2026-11")).toBe(2);
  });
});
