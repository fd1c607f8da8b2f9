import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const mocks = vi.hoisted(() => ({
  env: { accessUrl: undefined as string | undefined },
  signMessageAsync: vi.fn(async () => "0x5151" as `0x${string}`),
}));
vi.mock("../../config", () => ({ env: mocks.env }));
vi.mock("wagmi", () => ({ useSignMessage: () => ({ signMessageAsync: mocks.signMessageAsync }) }));

const { AccessPanel } = await import("./AccessPanel");
const { AccessSection } = await import("./AccessSection");

const SERVICE = "http://access.test";
const ACCOUNT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const FREE = { name: "Free", minLevel: 0, callsPerMonth: 50 };
const BUILDER = { name: "Builder", minLevel: 3, callsPerMonth: 5000 };
const UNLIMITED = { name: "Unlimited", minLevel: 7, callsPerMonth: "unlimited" };
const DROP = Date.UTC(2027, 1, 14) / 1000;
const RESETS = Date.UTC(2026, 11, 1) / 1000;

type Route = { status?: number; body: unknown };
let routes: Record<string, Route[]>;
let requests: { url: string; init?: RequestInit }[];

/** A scripted service: each path answers its queued replies in order (the last one repeats). */
function serve(path: string, ...replies: Route[]) {
  routes[path] = [...(routes[path] ?? []), ...replies];
}

beforeEach(() => {
  routes = {};
  requests = [];
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    requests.push({ url, init });
    const path = new URL(url).pathname;
    const queue = routes[path];
    if (!queue?.length) throw new TypeError("Failed to fetch");
    const reply = queue.length > 1 ? queue.shift()! : queue[0];
    return new Response(JSON.stringify(reply.body), { status: reply.status ?? 200 });
  });
});
afterEach(() => vi.unstubAllGlobals());

const signedIn = (level: number, tier: object, nextTier: object | null, levelDropsAt: number | null) => ({
  body: { token: `token-${level}`, expiresAt: 1, account: ACCOUNT, level, tier, nextTier, levelDropsAt },
});
const status = (
  level: number,
  tier: object,
  nextTier: object | null,
  levelDropsAt: number | null,
  remaining: number | null,
) => ({
  body: {
    account: ACCOUNT,
    level,
    tier,
    nextTier,
    limit: remaining === null ? null : (tier as { callsPerMonth: number }).callsPerMonth,
    used: 1,
    remaining,
    period: "2026-11",
    resetsAt: RESETS,
    tokenExpiresAt: 1,
    levelDropsAt,
  },
});

function renderPanel(ui: (level: number | undefined) => ReactNode, level: number | undefined) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const view = render(<QueryClientProvider client={client}>{ui(level)}</QueryClientProvider>);
  return {
    setLevel: (next: number) => view.rerender(<QueryClientProvider client={client}>{ui(next)}</QueryClientProvider>),
  };
}

const sign = vi.fn(async (_message: string) => "0xabcdef" as `0x${string}`);
const panel = (level: number | undefined) => (
  <AccessPanel serviceUrl={SERVICE} account={ACCOUNT} level={level} sign={sign} />
);

describe("API access", () => {
  it("signs in and shows the tier, the calls left, what the next level unlocks and when the tier ends", async () => {
    serve("/auth/nonce", { body: { nonce: "n1", message: "access.test wants you to sign in…" } });
    serve("/auth/verify", signedIn(3, BUILDER, UNLIMITED, DROP));
    serve("/api/access", status(3, BUILDER, UNLIMITED, DROP, 4999));
    renderPanel(panel, 3);
    await userEvent.click(screen.getByRole("button", { name: "Sign in to the API" }));

    expect((await screen.findByTestId("access-tier")).textContent).toBe("Builder (level 3): 5,000 calls a month");
    expect(sign).toHaveBeenCalledWith("access.test wants you to sign in…");
    expect(JSON.parse(requests[1].init!.body as string)).toEqual({
      message: "access.test wants you to sign in…",
      signature: "0xabcdef",
    });
    expect(requests[2].init?.headers).toEqual({ authorization: "Bearer token-3" });
    expect(screen.getByTestId("access-quota").textContent).toMatch(/^4,999 of 5,000, renews .*2026/);
    expect(screen.getByTestId("access-next").textContent).toBe("Level 7 unlocks Unlimited: unlimited calls");
    expect(screen.getByTestId("access-ends").textContent).toMatch(/2027 UTC, when decay drops you below level 3$/);
  });

  it("shows the top tier as unlimited with nothing left to unlock", async () => {
    serve("/auth/nonce", { body: { message: "m" } });
    serve("/auth/verify", signedIn(8, UNLIMITED, null, null));
    serve("/api/access", status(8, UNLIMITED, null, null, null));
    renderPanel(panel, 8);
    await userEvent.click(screen.getByRole("button", { name: "Sign in to the API" }));
    expect((await screen.findByTestId("access-quota")).textContent).toBe("Unlimited (1 used)");
    expect(screen.getByTestId("access-next").textContent).toBe("You have the top tier");
    expect(screen.getByTestId("access-ends").textContent).toBe("Not while your lock keeps this level (auto-max)");
  });

  it("shows the service's sentence when it refuses the sign-in, and stays signed out", async () => {
    serve("/auth/nonce", { body: { message: "m" } });
    serve("/auth/verify", {
      status: 401,
      body: {
        error: "wrong_chain",
        message: "The message is for chain 1, but this service reads levels on chain 31337.",
      },
    });
    renderPanel(panel, 0);
    await userEvent.click(screen.getByRole("button", { name: "Sign in to the API" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "The message is for chain 1, but this service reads levels on chain 31337.",
    );
    expect(screen.queryByTestId("access-tier")).toBeNull();
    expect(screen.getByRole("button", { name: "Sign in to the API" })).toBeTruthy();
  });

  it("says when the service cannot be reached", async () => {
    renderPanel(panel, 0);
    await userEvent.click(screen.getByRole("button", { name: "Sign in to the API" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "The access service at http://access.test cannot be reached.",
    );
  });

  it("offers to sign in again when the level grew, and then shows the new tier", async () => {
    serve("/auth/nonce", { body: { message: "m" } });
    serve("/auth/verify", signedIn(0, FREE, BUILDER, null), signedIn(3, BUILDER, UNLIMITED, DROP));
    serve("/api/access", status(0, FREE, BUILDER, null, 49), status(3, BUILDER, UNLIMITED, DROP, 4999));
    const { setLevel } = renderPanel(panel, 0);
    await userEvent.click(screen.getByRole("button", { name: "Sign in to the API" }));
    expect((await screen.findByTestId("access-tier")).textContent).toBe("Free (level 0): 50 calls a month");
    expect(screen.getByTestId("access-ends").textContent).toBe("Never (the free tier)");
    expect(screen.queryByTestId("access-level-changed")).toBeNull();

    setLevel(3);
    expect(screen.getByTestId("access-level-changed").textContent).toBe(
      "Your level is now 3; this token was issued for level 0. Sign in again to get the tier level 3 earns.",
    );
    await userEvent.click(screen.getByRole("button", { name: "Sign in again" }));
    await screen.findByText("Builder (level 3): 5,000 calls a month");
    expect(screen.queryByTestId("access-level-changed")).toBeNull();
  });

  it("sends the person back to sign in, with the reason, when the token ended", async () => {
    serve("/auth/nonce", { body: { message: "m" } });
    serve("/auth/verify", signedIn(3, BUILDER, UNLIMITED, DROP));
    serve("/api/access", status(3, BUILDER, UNLIMITED, DROP, 4999), {
      status: 401,
      body: { error: "level_dropped", message: "Your level dropped from 3 to 2 since you signed in." },
    });
    renderPanel(panel, 3);
    await userEvent.click(screen.getByRole("button", { name: "Sign in to the API" }));
    await screen.findByTestId("access-tier");
    await userEvent.click(screen.getByRole("button", { name: "Refresh (uses a call)" }));
    expect((await screen.findByRole("status")).textContent).toBe("Your level dropped from 3 to 2 since you signed in.");
    expect(screen.queryByTestId("access-tier")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("button", { name: "Sign in to the API" })).toBeTruthy();
  });

  it("is hidden with a sentence when no access service is configured", () => {
    mocks.env.accessUrl = undefined;
    renderPanel(() => <AccessSection account={ACCOUNT} level={0} />, 0);
    expect(screen.getByTestId("api-access-off").textContent).toBe(
      "API access is not offered here: this app has no access service configured (VITE_ACCESS_URL).",
    );
    expect(screen.queryByRole("button", { name: "Sign in to the API" })).toBeNull();
  });

  it("signs with the connected wallet when a service is configured", async () => {
    mocks.env.accessUrl = SERVICE;
    serve("/auth/nonce", { body: { message: "sign me" } });
    serve("/auth/verify", signedIn(0, FREE, BUILDER, null));
    serve("/api/access", status(0, FREE, BUILDER, null, 49));
    renderPanel(() => <AccessSection account={ACCOUNT} level={0} />, 0);
    await userEvent.click(screen.getByRole("button", { name: "Sign in to the API" }));
    await screen.findByTestId("access-tier");
    expect(mocks.signMessageAsync).toHaveBeenCalledWith({ account: ACCOUNT, message: "sign me" });
  });
});
