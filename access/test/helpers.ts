/** Shared pieces of the access kit's tests: an offline chain client, a scripted level reader, HTTP calls. */
import { createPublicClient, custom, type Address, type Hex, type PublicClient } from "viem";
import type { LevelReader, LevelReading } from "../src/levels.ts";
import { parseTierConfig } from "../src/tiers.ts";

/**
 * A client with no chain behind it: viem's signature check falls back to recovering the key, which is all an
 * ordinary account's signature needs; a contract wallet's cannot be checked (the integration tests cover those).
 */
export const offlineClient = () =>
  createPublicClient({
    transport: custom({
      request: async () => {
        throw new Error("no chain in the unit tests");
      },
    }),
  }) as PublicClient;

/** A level reader whose answers the test sets per account. */
export function scriptedLevels(initial: Record<string, Partial<LevelReading>> = {}) {
  const readings = new Map<string, LevelReading>();
  const set = (account: Address, reading: Partial<LevelReading>) =>
    readings.set(account.toLowerCase(), { level: 0, levelDropsAt: undefined, chainNow: 1_000_000, ...reading });
  for (const [account, reading] of Object.entries(initial)) set(account as Address, reading);
  const get = (account: Address) =>
    readings.get(account.toLowerCase()) ?? { level: 0, levelDropsAt: undefined, chainNow: 1_000_000 };
  const reader: LevelReader = {
    read: async (account) => get(account),
    levelOf: async (account) => get(account).level,
  };
  return { reader, set };
}

export const demoTiers = () =>
  parseTierConfig({
    tiers: [
      { name: "Free", minLevel: 0, callsPerMonth: 50 },
      { name: "Builder", minLevel: 3, callsPerMonth: 5000 },
      { name: "Unlimited", minLevel: 7, callsPerMonth: "unlimited" },
    ],
  });

export type Reply = { status: number; body: Record<string, unknown>; headers: Headers };

export async function call(url: string, init: RequestInit & { token?: string } = {}): Promise<Reply> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.body) headers.set("content-type", "application/json");
  const response = await fetch(url, { ...init, headers });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

/** Asks `service` for a nonce and message for `address`, signs it with `sign` and posts it to /auth/verify. */
export async function signIn(service: string, address: Address, sign: (message: string) => Promise<Hex>) {
  const { body } = await call(`${service}/auth/nonce?address=${address}`);
  const message = body.message as string;
  const signature = await sign(message);
  const reply = await call(`${service}/auth/verify`, { method: "POST", body: JSON.stringify({ message, signature }) });
  return { ...reply, message, signature };
}
