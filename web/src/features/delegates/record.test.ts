import { describe, expect, it } from "vitest";
import {
  agreement,
  compareByAgreement,
  describeAgreement,
  describeParticipation,
  participation,
  participationWindow,
} from "./record";

const FOR = 1;
const AGAINST = 0;
const ABSTAIN = 2;
const ballot = (proposalId: number, support: number) => ({ proposalId: BigInt(proposalId), support });
const proposal = (id: number, voteStart: number) => ({ id: BigInt(id), voteStart: BigInt(voteStart) });

describe("participation", () => {
  const proposals = [proposal(1, 100), proposal(2, 200), proposal(3, 300), proposal(4, 400)];

  it("counts only proposals whose snapshot the delegate held votes at", () => {
    // Votes from time 250 on: proposals 1 and 2 came before it held any.
    const held = (id: bigint) => (proposals.find((p) => p.id === id)!.voteStart >= 250n ? 10n : 0n);
    const result = participation(participationWindow(proposals, 1000n), [ballot(3, FOR)], held);
    expect(result).toEqual({ eligible: 2, voted: 1 });
    expect(describeParticipation(result)).toBe("voted on 1 of the last 2 proposals whose snapshot it held votes at");
  });

  it("does not count a zero-weight vote on a proposal before the delegate held votes", () => {
    const held = (id: bigint) => (id === 1n ? 0n : 5n);
    expect(participation(participationWindow(proposals, 1000n), [ballot(1, FOR), ballot(2, ABSTAIN)], held)).toEqual({
      eligible: 3,
      voted: 1,
    });
  });

  it("counts an abstention as taking part", () => {
    expect(participation(participationWindow(proposals, 1000n), [ballot(4, ABSTAIN)], () => 1n)).toEqual({
      eligible: 4,
      voted: 1,
    });
  });

  it("looks only at the most recent proposals whose snapshot has passed", () => {
    const window = participationWindow(proposals, 350n, 2);
    expect(window.map((p) => p.id)).toEqual([3n, 2n]);
    expect(participation(window, [ballot(1, FOR), ballot(3, FOR)], () => 1n)).toEqual({ eligible: 2, voted: 1 });
  });

  it("explains a delegate that never held votes at a snapshot", () => {
    const result = participation(participationWindow(proposals, 1000n), [], () => 0n);
    expect(result).toEqual({ eligible: 0, voted: 0 });
    expect(describeParticipation(result)).toBe("held no votes at any recent proposal's snapshot");
  });
});

describe("agreement", () => {
  it("counts the proposals both voted on and those with the same choice", () => {
    const mine = [ballot(1, FOR), ballot(2, AGAINST), ballot(3, FOR), ballot(5, FOR)];
    const theirs = [ballot(1, FOR), ballot(2, FOR), ballot(3, FOR), ballot(4, AGAINST)];
    const result = agreement(mine, theirs);
    expect(result).toEqual({ both: 3, agreed: 2 });
    expect(describeAgreement(result)).toBe("agreed on 2 of 3");
  });

  it("treats abstain as a choice: both abstaining agree, abstain against For does not", () => {
    expect(agreement([ballot(1, ABSTAIN), ballot(2, ABSTAIN)], [ballot(1, ABSTAIN), ballot(2, FOR)])).toEqual({
      both: 2,
      agreed: 1,
    });
  });

  it("says so when there is no proposal both voted on", () => {
    const result = agreement([ballot(1, FOR)], [ballot(2, FOR)]);
    expect(result).toEqual({ both: 0, agreed: 0 });
    expect(describeAgreement(result)).toBe("no proposal voted on by both of you yet");
  });
});

describe("sorting by agreement", () => {
  const row = (name: string, agreed: number, both: number, votes: bigint) => ({
    name,
    agreement: { agreed, both },
    votes,
  });

  it("puts the higher share first, more shared proposals first on a tie, and no record last", () => {
    const rows = [
      row("none-big", 0, 0, 1000n),
      row("half", 1, 2, 5n),
      row("all-of-1", 1, 1, 5n),
      row("all-of-3", 3, 3, 1n),
      row("two-thirds", 2, 3, 5n),
    ];
    expect([...rows].sort(compareByAgreement).map((r) => r.name)).toEqual([
      "all-of-3",
      "all-of-1",
      "two-thirds",
      "half",
      "none-big",
    ]);
  });

  it("orders equal shares with equal counts by votes", () => {
    const rows = [row("small", 1, 2, 1n), row("large", 2, 4, 9n), row("mid", 1, 2, 5n)];
    expect([...rows].sort(compareByAgreement).map((r) => r.name)).toEqual(["large", "mid", "small"]);
  });
});
