import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { decodeFunctionData, type Abi } from "viem";
import * as generated from "../../generated/contracts";
import { buildAction } from "./CreateProposal";
import { WhyCantIVote } from "./ProposalPage";

// Tests must not depend on a local deployment having been generated: fix the addresses.
vi.mock("../../config", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../config")>()),
  addresses: {
    token: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    escrow: "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9",
    distributor: "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707",
    timelock: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    governor: "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
  },
}));

const ME = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as const;
const OTHER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as const;
const draft = {
  kind: "transfer" as const,
  to: "",
  amount: "",
  token: "",
  thresholds: "",
  target: "",
  value: "0",
  data: "0x",
};

describe("proposal action builder", () => {
  it("encodes a treasury token transfer", () => {
    const built = buildAction({ ...draft, to: OTHER, amount: "1500" });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.action.target).toBe("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    const decoded = decodeFunctionData({
      abi: (generated as Record<string, unknown>).governanceTokenAbi as Abi,
      data: built.action.data,
    });
    expect(decoded.functionName).toBe("transfer");
    expect(decoded.args).toEqual([OTHER, 1500n * 10n ** 18n]);
  });
  it("encodes level thresholds and rejects a wrong count or order", () => {
    const ten = "1,2,3,4,5,6,7,8,9,10"
      .split(",")
      .map((n) => String(Number(n) * 1000))
      .join(" ");
    const built = buildAction({ ...draft, kind: "thresholds", thresholds: ten });
    expect(built.ok).toBe(true);
    if (built.ok) {
      const decoded = decodeFunctionData({
        abi: (generated as Record<string, unknown>).votingEscrowAbi as Abi,
        data: built.action.data,
      });
      expect(decoded.functionName).toBe("setLevelThresholds");
      expect((decoded.args![0] as bigint[])[9]).toBe(10_000n * 10n ** 18n);
    }
    expect(buildAction({ ...draft, kind: "thresholds", thresholds: "1 2 3" })).toEqual({
      ok: false,
      error: "Enter exactly 10 thresholds (you entered 3).",
    });
    expect(buildAction({ ...draft, kind: "thresholds", thresholds: "1 2 3 4 5 6 7 8 9 9" })).toEqual({
      ok: false,
      error: "Level 10 must be above level 9.",
    });
  });
  it("validates raw calls and addresses", () => {
    expect(buildAction({ ...draft, kind: "raw", target: OTHER, data: "0x1234", value: "0.5" })).toEqual({
      ok: true,
      action: { target: OTHER, value: 5n * 10n ** 17n, data: "0x1234" },
    });
    expect(buildAction({ ...draft, kind: "raw", target: OTHER, data: "0x123" }).ok).toBe(false);
    expect(buildAction({ ...draft, kind: "addRewardToken", token: "nope" })).toEqual({
      ok: false,
      error: "Enter a 0x address of 40 hex characters.",
    });
    expect(buildAction({ ...draft, to: OTHER, amount: "0" })).toEqual({
      ok: false,
      error: "The amount must be more than zero.",
    });
  });
});

describe("Why can't I vote?", () => {
  const lock = { amount: 10n ** 21n, end: 2_000_000n, autoMax: false };
  it("explains a delegation away", () => {
    render(
      <WhyCantIVote
        account={ME}
        snapshot={1_000_000n}
        status={{ weight: 0n, hasVoted: false, ownScoreAtSnapshot: 5n, delegate: OTHER, lock }}
      />,
    );
    expect(screen.getByTestId("why-cant-vote").textContent).toMatch(/delegated your score to 0x3C44…93BC/);
    expect(screen.getByTestId("why-cant-vote").textContent).toMatch(/Undelegate/);
  });
  it("explains an expired lock", () => {
    render(
      <WhyCantIVote
        account={ME}
        snapshot={3_000_000n}
        status={{ weight: 0n, hasVoted: false, ownScoreAtSnapshot: 0n, delegate: ME, lock }}
      />,
    );
    expect(screen.getByTestId("why-cant-vote").textContent).toMatch(/lock had expired at the snapshot/);
  });
  it("explains having no lock at the snapshot", () => {
    render(
      <WhyCantIVote
        account={ME}
        snapshot={1_000_000n}
        status={{
          weight: 0n,
          hasVoted: false,
          ownScoreAtSnapshot: 0n,
          delegate: ME,
          lock: { amount: 0n, end: 0n, autoMax: false },
        }}
      />,
    );
    expect(screen.getByTestId("why-cant-vote").textContent).toMatch(/no lock at the snapshot/);
    expect(screen.getByRole("link", { name: "Stake" })).toBeTruthy();
  });
});

describe("decodeAction", () => {
  it("names the target and the parameters, with amounts in whole tokens", async () => {
    const { decodeAction } = await import("./decode");
    const built = buildAction({ ...draft, to: OTHER, amount: "250000" });
    if (!built.ok) throw new Error(built.error);
    expect(decodeAction(built.action.target, 0n, built.action.data)).toEqual({
      target: "GovernanceToken",
      call: "transfer(to: 0x3C44…93BC, value: 250,000e18)",
      value: "",
      raw: built.action.data,
    });
    expect(decodeAction(OTHER, 10n ** 18n, "0x").call).toBe("(plain ETH transfer)");
    expect(decodeAction(OTHER, 0n, "0xdeadbeef").call).toBe("raw call 0xdeadbeef…");
  });
});
