/**
 * Delegate statements are anyone's text (DelegateRegistry checks only their length): the pages must render them
 * inert, and a display name must never stand in for an address, whatever it looks like.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { getAddress, type Address } from "viem";
import type { DelegationRecord, StatementRecord } from "../../data";

const ME = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8" as Address;
const VITALIK = "0xd8da6bf26964af9d7eed9e03e53415d37aa96045" as Address;
const IMPOSTORS = [
  "0x00000000000000000000000000000000000000a1",
  "0x00000000000000000000000000000000000000a2",
  "0x00000000000000000000000000000000000000a3",
  "0x00000000000000000000000000000000000000a4",
  "0x00000000000000000000000000000000000000a5",
] as Address[];
const HOSTILE = IMPOSTORS[0];

/** Every trick for running code or leaving the page from a statement someone else wrote. */
const HOSTILE_STATEMENT = [
  "<script>window.__pwned = true</script>",
  '<img src=x onerror="window.__pwned = true">',
  "[read my plan](javascript:alert(1))",
  "[docs](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  '<a href="javascript:alert(1)">click</a> <svg onload="alert(1)"></svg>',
].join("\n");

/** Names that pass for vitalik.eth: the same text, a bidi override, homoglyphs, an invisible character. */
const LOOKALIKE_NAMES = [
  "vitalik.eth",
  "\u202Ehte.kilativ", // right-to-left override: displays as "vitalik.eth"
  "vitaIik.eth", // capital i for the l
  "v\u0456talik.eth", // Cyrillic i
  "vitalik\u200B.eth", // zero-width space
];
/** Characters that reorder or hide text. */
const INVISIBLE_OR_BIDI = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;

const E = 10n ** 18n;
let statements: StatementRecord[] = [];
let delegations: DelegationRecord[] = [];

const query = <T,>(data: T) => ({ data, isError: false, isPending: false, error: null, refetch: async () => {} });
const statement = (delegate: Address, name: string, text = "I vote for a lean treasury.", link = "") => ({
  delegate,
  name,
  statement: text,
  link,
  blockNumber: 1n,
});

vi.mock("wagmi", () => ({
  usePublicClient: () => ({ waitForTransactionReceipt: async () => ({ status: "success" }) }),
}));
vi.mock("../../lib/useNetworkGuard", () => ({
  useNetworkGuard: () => ({ address: ME, isConnected: true, wrongChain: false, canSend: true }),
}));
vi.mock("../../lib/useChainNow", () => ({ useChainNow: () => 1_000n }));
vi.mock("./hooks/useStatements", () => ({ useStatements: () => query(statements) }));
vi.mock("./hooks/useDelegations", () => ({ useDelegations: () => query(delegations) }));
vi.mock("./hooks/useAllVotes", () => ({ useAllVotes: () => query([]) }));
vi.mock("./hooks/useProposals", () => ({ useProposals: () => query([]) }));
vi.mock("./hooks/useMyDelegate", () => ({ useMyDelegate: () => query(ME) }));
vi.mock("./hooks/useCurrentVotes", () => ({
  useCurrentVotes: (accounts: readonly Address[] | undefined) => query(accounts?.map(() => 100_000n * E)),
}));
vi.mock("./hooks/usePastVotes", () => ({ usePastVotes: () => query(new Map()) }));
vi.mock("./hooks/useScores", () => ({
  useScores: (accounts: readonly Address[] | undefined) => query(accounts?.map(() => E)),
}));
vi.mock("./hooks/useDelegateActions", () => ({
  useDelegateActions: () => ({ delegate: vi.fn(), publish: vi.fn(), clear: vi.fn() }),
}));

const { DelegatePage } = await import("./DelegatePage");
const { DirectoryPage } = await import("./DirectoryPage");

const renderPage = (page: ReactNode) =>
  render(<QueryClientProvider client={new QueryClient()}>{page}</QueryClientProvider>);

/** No element that runs code or navigates to code: no script, img, iframe or object, no on* handler, no
 * javascript:/data:/vbscript: URL in any attribute. */
function expectInert(root: HTMLElement) {
  expect(root.querySelectorAll("script, img, iframe, object, embed, svg[onload]")).toHaveLength(0);
  for (const element of root.querySelectorAll("*")) {
    for (const { name, value } of element.attributes) {
      expect(name.toLowerCase().startsWith("on"), `${element.tagName} has ${name}`).toBe(false);
      // A browser drops tabs, newlines and other control characters inside a URL scheme.
      const url = [...value].filter((c) => c.charCodeAt(0) > 32).join("");
      expect(url.toLowerCase()).not.toMatch(/^(javascript|data|vbscript):/);
    }
  }
  expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
}

// Addresses are shown in their checksum case.
const shortOf = (address: string) => `${getAddress(address).slice(0, 6)}…${getAddress(address).slice(-4)}`;

beforeEach(() => {
  statements = [];
  delegations = [];
});

describe("a hostile delegate statement", () => {
  it("renders as plain text on the delegate's page, with no code, handler or script link", () => {
    statements = [statement(HOSTILE, "<b>Mallory</b>", HOSTILE_STATEMENT, "javascript:alert(1)")];
    delegations = [{ delegator: HOSTILE, delegate: HOSTILE }];
    const { container } = renderPage(<DelegatePage address={HOSTILE} />);
    expect(screen.getByTestId("statement-text").textContent).toBe(HOSTILE_STATEMENT);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("<b>Mallory</b>");
    expect(screen.queryByRole("link", { name: /read more/i })).toBeNull();
    expectInert(container);
  });

  it("shows no link for a data: or javascript: URL in the link field, in any spelling", () => {
    for (const link of [
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      " JavaScript:alert(1)",
      "java\tscript:alert(1)",
      "vbscript:msgbox(1)",
    ]) {
      statements = [statement(HOSTILE, "Mallory", "Hello", link)];
      const { container, unmount } = renderPage(<DelegatePage address={HOSTILE} />);
      expect(screen.queryByRole("link", { name: /read more/i })).toBeNull();
      expectInert(container);
      unmount();
    }
  });

  it("renders as plain text in the directory", () => {
    statements = [statement(HOSTILE, '<img src=x onerror="alert(1)">', HOSTILE_STATEMENT, "data:text/html,x")];
    delegations = [{ delegator: HOSTILE, delegate: HOSTILE }];
    const { container } = renderPage(<DirectoryPage />);
    const row = screen.getByTestId("delegate-row");
    expect(within(row).getByRole("link", { name: '<img src=x onerror="alert(1)">' })).toBeTruthy();
    expect(row.textContent).toContain("<script>window.__pwned = true</script>");
    expectInert(container);
  });
});

describe("a display name that impersonates another delegate", () => {
  beforeEach(() => {
    statements = [
      statement(VITALIK, "vitalik.eth"),
      ...LOOKALIKE_NAMES.map((name, i) => statement(IMPOSTORS[i], name, "Delegate to me, I am Vitalik.")),
    ];
    delegations = [VITALIK, ...IMPOSTORS].map((a) => ({ delegator: a, delegate: a }));
  });

  it("is shown with the delegate's full address in every directory row", () => {
    renderPage(<DirectoryPage />);
    const rows = screen.getAllByTestId("delegate-row");
    expect(rows).toHaveLength(1 + LOOKALIKE_NAMES.length);
    for (const row of rows) {
      const address = row.getAttribute("data-address")!;
      expect(within(row).getByText(getAddress(address), { selector: "code" })).toBeTruthy();
      // The delegate button's accessible name says whom it delegates to by address, not by name alone.
      expect(within(row).getByRole("button", { name: new RegExp(shortOf(address)) })).toBeTruthy();
    }
  });

  it("is shown with the address on the delegate's page, in the heading's place and in the delegate button", () => {
    for (const [i, name] of LOOKALIKE_NAMES.entries()) {
      const { unmount } = renderPage(<DelegatePage address={IMPOSTORS[i]} />);
      const heading = screen.getByRole("heading", { level: 1 });
      expect(heading.nextElementSibling?.textContent, name).toBe(getAddress(IMPOSTORS[i]));
      expect(screen.getByRole("button", { name: new RegExp(shortOf(IMPOSTORS[i])) })).toBeTruthy();
      unmount();
    }
  });

  it("cannot reorder or hide its text with bidi controls or invisible characters", () => {
    renderPage(<DirectoryPage />);
    for (const row of screen.getAllByTestId("delegate-row")) {
      expect(row.textContent).not.toMatch(INVISIBLE_OR_BIDI);
      for (const element of row.querySelectorAll("[aria-label]")) {
        expect(element.getAttribute("aria-label")).not.toMatch(INVISIBLE_OR_BIDI);
      }
    }
    for (const address of IMPOSTORS) {
      const { container, unmount } = renderPage(<DelegatePage address={address} />);
      expect(container.textContent).not.toMatch(INVISIBLE_OR_BIDI);
      unmount();
    }
  });
});
