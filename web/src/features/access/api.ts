/**
 * The app's side of the access service (access/ in the repository): ask for a sign-in message, send the signed
 * message back for a token, read the tier and quota with it. Every failure is an Error whose message is the
 * service's sentence, so the section can show it as is.
 */
import type { Address, Hex } from "viem";

export type TierView = { name: string; minLevel: number; callsPerMonth: number | "unlimited" };

export type SignedIn = {
  token: string;
  expiresAt: number;
  account: Address;
  level: number;
  tier: TierView;
  nextTier: TierView | null;
  /** Chain time at which the level drops (the token ends then), or null. */
  levelDropsAt: number | null;
};

export type AccessStatus = {
  account: Address;
  level: number;
  tier: TierView;
  nextTier: TierView | null;
  limit: number | null;
  used: number;
  remaining: number | null;
  period: string;
  resetsAt: number;
  tokenExpiresAt: number;
  levelDropsAt: number | null;
};

/** A refusal from the service: `code` is its machine-readable reason ("level_dropped", "quota_exceeded"…). */
export class AccessServiceError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new AccessServiceError(
      `The access service at ${new URL(url).origin} cannot be reached.`,
      undefined,
      undefined,
    );
  }
  const body = (await response.json().catch(() => undefined)) as { error?: string; message?: string } | undefined;
  if (!response.ok) {
    throw new AccessServiceError(
      body?.message ?? `The access service answered ${response.status}.`,
      body?.error,
      response.status,
    );
  }
  return body as T;
}

export async function signInToService(
  serviceUrl: string,
  account: Address,
  sign: (message: string) => Promise<Hex>,
): Promise<SignedIn> {
  const { message } = await request<{ message: string }>(`${serviceUrl}/auth/nonce?address=${account}`);
  const signature = await sign(message);
  return request<SignedIn>(`${serviceUrl}/auth/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message, signature }),
  });
}

export const readAccess = (serviceUrl: string, token: string) =>
  request<AccessStatus>(`${serviceUrl}/api/access`, { headers: { authorization: `Bearer ${token}` } });
