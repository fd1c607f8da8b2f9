import { describe, expect, it } from "vitest";
import type { Address, Hash } from "viem";
import { buildRows, candidates, filterAndSort, pageOf } from "./directory";

const A = "0x00000000000000000000000000000000000000aa" as Address;
const B = "0x00000000000000000000000000000000000000bb" as Address;
const C = "0x00000000000000000000000000000000000000cc" as Address;
const ME = "0x00000000000000000000000000000000000000ee" as Address;
const vote = (voter: Address, proposalId: bigint, support: number) => ({
  voter,
  proposalId,
  support,
  weight: 1n,
  reason: "",
  blockNumber: proposalId,
  transactionHash: "0x" as Hash,
});

describe("the delegate directory", () => {
  const delegations = [
    { delegator: A, delegate: A },
    { delegator: B, delegate: A },
    { delegator: C, delegate: C },
    { delegator: ME, delegate: B },
  ];

  it("lists every current delegate once, with votes, and its delegators without itself", () => {
    expect(candidates(delegations)).toEqual([A, C, B]);
    const rows = buildRows({
      accounts: [A, C, B],
      votes: [10n, 0n, 5n],
      delegations,
      statements: [{ delegate: A, name: "Alice", statement: "s", link: "", blockNumber: 1n }],
      allVotes: [],
    });
    expect(rows.map((r) => [r.address, r.votes, r.delegators])).toEqual([
      [A, 10n, [B]],
      [B, 5n, [ME]],
    ]);
    expect(rows[0].statement?.name).toBe("Alice");
    expect(rows[0].agreement).toBeUndefined();
  });

  it("compares each delegate's votes with the connected account's", () => {
    const rows = buildRows({
      accounts: [A, B, ME],
      votes: [10n, 5n, 1n],
      delegations,
      statements: [],
      allVotes: [vote(ME, 1n, 1), vote(ME, 2n, 0), vote(A, 1n, 1), vote(A, 2n, 1), vote(B, 2n, 0)],
      me: ME,
    });
    expect(rows.map((r) => r.agreement)).toEqual([{ both: 2, agreed: 1 }, { both: 1, agreed: 1 }, undefined]);
    expect(filterAndSort(rows, "", "agreement").map((r) => r.address)).toEqual([B, A, ME]);
    expect(filterAndSort(rows, "", "votes").map((r) => r.address)).toEqual([A, B, ME]);
  });

  it("finds a delegate by part of its address or name", () => {
    const rows = buildRows({
      accounts: [A, B],
      votes: [1n, 1n],
      delegations,
      statements: [{ delegate: B, name: "Bob", statement: "s", link: "", blockNumber: 1n }],
      allVotes: [],
    });
    expect(filterAndSort(rows, "AA", "votes").map((r) => r.address)).toEqual([A]);
    expect(filterAndSort(rows, "bob", "votes").map((r) => r.address)).toEqual([B]);
  });

  it("pages rows and keeps the page in range", () => {
    const rows = Array.from({ length: 23 }, (_, i) => i);
    expect(pageOf(rows, 0)).toEqual({ rows: rows.slice(0, 10), pages: 3 });
    expect(pageOf(rows, 2).rows).toEqual([20, 21, 22]);
    expect(pageOf(rows, 9).rows).toEqual([20, 21, 22]);
    expect(pageOf([], 0)).toEqual({ rows: [], pages: 1 });
  });
});
