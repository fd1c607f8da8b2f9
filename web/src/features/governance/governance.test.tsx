import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import {
  decodeFunctionData,
  encodeErrorResult,
  encodeFunctionData,
  erc20Abi,
  getAddress,
  type Abi,
  type Address,
} from "viem";
import * as generated from "../../generated/contracts";
import { buildAction, EMPTY, parseArg, signatureOf, treasuryWarnings, writableFunctions } from "./CreateProposal";
import { LOCKSTEP_CONTRACTS } from "./hooks/useActionRegistry";
import { WhyCantIVote } from "./ProposalPage";
import Markdown from "./Markdown";
import { actionSummary, describeAction, type ActionRegistry } from "./actions";
import { revertReason, simulateActions } from "./simulate";
import { SimulationVerdict } from "./ActionList";
import { NoVotesHint } from "./DelegatePanel";

const solidityErrorAbi = [{ type: "error", name: "Error", inputs: [{ name: "message", type: "string" }] }] as const;

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
const draft = EMPTY;
const LOCK = { asset: "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Address, symbol: "LOCK", decimals: 18 };
const USDC = { asset: "0x0B306BF915C4d645ff596e518fAf3F9669b97016" as Address, symbol: "dUSD", decimals: 6 };
const ETH = { asset: "ETH" as const, symbol: "ETH", decimals: 18 };
const assets = [ETH, LOCK, USDC];

describe("proposal action builder", () => {
  it("encodes a treasury token transfer with the token's decimals", () => {
    const built = buildAction({ ...draft, asset: LOCK.asset, to: OTHER, amount: "1500" }, assets);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.action.target).toBe(LOCK.asset);
    const decoded = decodeFunctionData({ abi: erc20Abi, data: built.action.data });
    expect(decoded.functionName).toBe("transfer");
    expect(decoded.args).toEqual([OTHER, 1500n * 10n ** 18n]);
    const usd = buildAction({ ...draft, asset: USDC.asset, to: OTHER, amount: "2.5" }, assets);
    expect(usd.ok && decodeFunctionData({ abi: erc20Abi, data: usd.action.data }).args).toEqual([OTHER, 2_500_000n]);
  });
  it("encodes an ETH transfer as a plain call with value", () => {
    expect(buildAction({ ...draft, asset: "ETH", to: OTHER, amount: "0.25" }, assets)).toEqual({
      ok: true,
      action: { target: OTHER, value: 25n * 10n ** 16n, data: "0x" },
    });
  });
  it("needs an ERC-20 that answers for another token", () => {
    const other = "0x8A791620dd6260079BF849Dc5567aDC3F2FdC318";
    expect(buildAction({ ...draft, asset: "other", otherToken: other, to: OTHER, amount: "1" }, assets)).toEqual({
      ok: false,
      error: "Token: that address does not answer as an ERC-20 token (yet).",
    });
    const withOther = [...assets, { asset: other as Address, symbol: "XYZ", decimals: 8 }];
    const built = buildAction({ ...draft, asset: "other", otherToken: other, to: OTHER, amount: "1" }, withOther);
    expect(built.ok && built.action.target).toBe(other);
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
  it("validates raw calls and addresses, naming the field", () => {
    expect(buildAction({ ...draft, kind: "raw", target: OTHER, data: "0x1234", value: "0.5" })).toEqual({
      ok: true,
      action: { target: OTHER, value: 5n * 10n ** 17n, data: "0x1234" },
    });
    expect(buildAction({ ...draft, kind: "raw", target: OTHER, data: "0x123" }).ok).toBe(false);
    expect(buildAction({ ...draft, kind: "addRewardToken", token: "nope" })).toEqual({
      ok: false,
      error: "Token address: Enter a 0x address of 40 hex characters.",
    });
    expect(
      buildAction(
        { ...draft, asset: LOCK.asset, to: OTHER.toLowerCase().replace("0x3c", "0x3C"), amount: "1" },
        assets,
      ),
    ).toEqual({
      ok: false,
      error: expect.stringMatching(/^Recipient: .*checksum/),
    });
    expect(buildAction({ ...draft, asset: LOCK.asset, to: OTHER, amount: "0" }, assets)).toEqual({
      ok: false,
      error: "Amount: The amount must be more than zero.",
    });
  });
  it("encodes a call picked from a Lockstep contract's ABI", () => {
    const contract = LOCKSTEP_CONTRACTS.find((c) => c.name === "RevenueDistributor")!;
    const fn = writableFunctions(contract.abi).find((f) => f.name === "addRewardToken")!;
    expect(writableFunctions(contract.abi).every((f) => f.stateMutability !== "view")).toBe(true);
    const built = buildAction({ ...draft, kind: "call", contract: contract.name, fn: signatureOf(fn), args: [OTHER] });
    expect(built.ok && built.action.target).toBe(contract.address);
    expect(built.ok && decodeFunctionData({ abi: contract.abi, data: built.action.data }).args).toEqual([OTHER]);
    expect(
      buildAction({ ...draft, kind: "call", contract: contract.name, fn: signatureOf(fn), args: ["0x12"] }),
    ).toEqual({
      ok: false,
      error: "token: Enter a 0x address of 40 hex characters.",
    });
  });
  it("parses typed arguments with errors that name the parameter", () => {
    expect(parseArg("1, 2,3", { name: "xs", type: "uint256[]" })).toEqual({ ok: true, value: [1n, 2n, 3n] });
    expect(parseArg("1.5", { name: "amount", type: "uint256" })).toEqual({
      ok: false,
      error: "amount: enter a whole number (in the contract's own units).",
    });
    expect(parseArg("-1", { name: "amount", type: "uint256" })).toEqual({
      ok: false,
      error: "amount: can't be negative.",
    });
    expect(parseArg("yes", { name: "on", type: "bool" })).toEqual({ ok: false, error: "on: enter true or false." });
    expect(parseArg("true", { name: "on", type: "bool" })).toEqual({ ok: true, value: true });
  });
});

describe("treasury warnings", () => {
  const treasury = [
    { ...LOCK, balance: 1000n * 10n ** 18n },
    { ...ETH, balance: 10n ** 18n },
  ];
  it("flags transfers above the share of the treasury and above what it holds", () => {
    expect(treasuryWarnings([{ asset: LOCK.asset, amount: 100n * 10n ** 18n }], treasury)).toEqual([]);
    expect(treasuryWarnings([{ asset: LOCK.asset, amount: 101n * 10n ** 18n }], treasury)).toEqual([
      "This proposal sends 101 LOCK: 10.1% of the treasury's LOCK (1,000 LOCK).",
    ]);
    expect(treasuryWarnings([{ asset: LOCK.asset, amount: 999_999_999_999n * 10n ** 18n }], treasury)).toEqual([
      "This proposal sends 999,999,999,999 LOCK, more than the treasury holds (1,000 LOCK).",
    ]);
    // Several transfers of one asset add up.
    expect(
      treasuryWarnings(
        [
          { asset: "ETH", amount: 6n * 10n ** 16n },
          { asset: "ETH", amount: 6n * 10n ** 16n },
        ],
        treasury,
      ),
    ).toEqual(["This proposal sends 0.12 ETH: 12.0% of the treasury's ETH (1 ETH)."]);
  });
});

describe("No votes yet", () => {
  it("points an account with no score and no delegated votes to the Stake page", () => {
    render(<NoVotesHint votes={0n} score={0n} />);
    expect(screen.getByTestId("no-votes").textContent).toMatch(/lock tokens on the Stake page/);
    expect(screen.getByRole("link", { name: "Stake" }).getAttribute("href")).toBe("#/stake");
  });
  it("says nothing to an account with a score or with delegated votes", () => {
    const { rerender } = render(<NoVotesHint votes={0n} score={5n} />);
    expect(screen.queryByTestId("no-votes")).toBeNull();
    rerender(<NoVotesHint votes={7n} score={0n} />);
    expect(screen.queryByTestId("no-votes")).toBeNull();
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

describe("describeAction (what a voter sees)", () => {
  const TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as const;
  const ESCROW = "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9" as const;
  const USD = "0x0B306BF915C4d645ff596e518fAf3F9669b97016" as const;
  const abis = generated as unknown as Record<string, Abi>;
  const registry: ActionRegistry = {
    contracts: [
      { name: "GovernanceToken", address: TOKEN, abi: abis.governanceTokenAbi },
      { name: "VotingEscrow", address: ESCROW, abi: abis.votingEscrowAbi },
    ],
    tokens: [
      { address: TOKEN, symbol: "LOCK", decimals: 18 },
      { address: USD, symbol: "dUSD", decimals: 6 },
    ],
  };
  const transfer = (to: Address, amount: bigint) =>
    encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to, amount] });

  it("labels a Lockstep token and shows amounts with decimals and symbol, never e18", () => {
    const view = describeAction(registry, TOKEN.toLowerCase() as Address, 0n, transfer(OTHER, 5000n * 10n ** 18n));
    expect(view.target).toBe(TOKEN);
    expect(view.label).toBe("GovernanceToken (LOCK)");
    expect(view.call).toEqual({
      functionName: "transfer",
      args: [
        { name: "to", type: "address", text: OTHER },
        { name: "value", type: "uint256", text: "5,000 LOCK" },
      ],
    });
    expect(view.valueText).toBe("0 ETH");
    expect(view.outflow).toEqual([{ asset: TOKEN, to: OTHER, amount: 5000n * 10n ** 18n }]);
  });
  it("labels an allowlisted token by symbol and uses its decimals", () => {
    const view = describeAction(registry, USD, 0n, transfer(OTHER, 1_500_000n));
    expect(view.label).toBe("dUSD token");
    expect(view.call?.args[1].text).toBe("1.5 dUSD");
  });
  it("never decodes an unknown contract, even when its calldata matches a Lockstep function", () => {
    const lookAlike = "0x11111111111111111111111111111111deaddead" as Address;
    const data = transfer(OTHER, 5000n * 10n ** 18n);
    const view = describeAction(registry, lookAlike, 0n, data);
    expect(view.label).toBeUndefined();
    expect(view.target).toBe(getAddress(lookAlike));
    expect(view.call).toBeUndefined();
    expect(view.note).toMatch(/Unknown contract/);
    expect(view.data).toBe(data);
    expect(view.selector).toBe("0xa9059cbb");
    expect(actionSummary(view)).toBe(`unknown contract ${getAddress(lookAlike)}: undecoded call 0xa9059cbb`);
  });
  it("does not decode a known contract's calldata with another contract's ABI", () => {
    const view = describeAction(registry, ESCROW, 0n, transfer(OTHER, 1n));
    expect(view.label).toBe("VotingEscrow (Lockstep)");
    expect(view.call).toBeUndefined();
    expect(view.note).toMatch(/matches no function of VotingEscrow/);
  });
  it("names known addresses in arguments and reads thresholds as score", () => {
    const thresholds = Array.from({ length: 10 }, (_, i) => BigInt(i + 1) * 1000n * 10n ** 18n);
    const data = encodeFunctionData({
      abi: abis.votingEscrowAbi,
      functionName: "setLevelThresholds",
      args: [thresholds],
    });
    const view = describeAction(registry, ESCROW, 0n, data);
    expect(view.call?.functionName).toBe("setLevelThresholds");
    expect(view.call?.args[0].text).toMatch(/^\[1,000 score, 2,000 score, .*10,000 score\]$/);
    const approve = encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [ESCROW, 10n ** 18n] });
    expect(describeAction(registry, TOKEN, 0n, approve).call?.args[0].text).toBe(`${ESCROW} (VotingEscrow (Lockstep))`);
  });
  it("shows ETH values and plain transfers", () => {
    const view = describeAction(registry, OTHER, 15n * 10n ** 17n, "0x");
    expect(view.valueText).toBe("1.5 ETH");
    expect(view.note).toBe("Plain ETH transfer (no calldata).");
    expect(view.outflow).toEqual([{ asset: "ETH", to: OTHER, amount: 15n * 10n ** 17n }]);
  });
});

describe("revertReason", () => {
  it("names Lockstep errors, quotes require messages and shows unknown selectors", () => {
    const custom = encodeErrorResult({
      abi: (generated as unknown as Record<string, Abi>).revenueDistributorAbi,
      errorName: "RevenueDistributorTokenAlreadyAllowed",
      args: [OTHER],
    });
    expect(revertReason({ cause: { data: custom } })).toBe("The token 0x3C44…93BC is already a reward token.");
    const message = encodeErrorResult({ abi: solidityErrorAbi, errorName: "Error", args: ["nope"] });
    expect(revertReason({ data: message })).toBe('reverted with "nope".');
    expect(revertReason({ data: "0xdeadbeef" })).toBe("reverted with an unknown error (selector 0xdeadbeef).");
    expect(revertReason({ data: "0x" })).toBe("reverted without a reason.");
  });
});

describe("simulateActions", () => {
  const timelock = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512" as const;
  const nobody = "0x11111111111111111111111111111111deaddead" as Address;
  const getCode = vi.fn(async ({ address }: { address: Address }) => (address === ME ? "0x6000" : undefined));
  const getBalance = vi.fn(async () => 10n ** 18n);

  it("runs the actions in one sequence from the timelock and reports each outcome", async () => {
    const simulateBlocks = vi.fn(async () => [
      {
        calls: [
          { status: "success", data: "0x" },
          { status: "failure", data: "0x" },
          { status: "success", data: "0x" },
        ],
      },
    ]);
    const call = vi.fn();
    const results = await simulateActions({ simulateBlocks, call, getCode, getBalance } as never, timelock, [
      { target: ME, value: 1n, data: "0x12" },
      { target: OTHER, value: 0n, data: "0x34" },
      { target: nobody, value: 0n, data: "0xa9059cbb" },
    ]);
    expect(results).toEqual([
      { status: "ok" },
      { status: "revert", reason: "reverted without a reason." },
      { status: "ok", note: "there is no contract at this address, so the call does nothing" },
    ]);
    expect(simulateBlocks).toHaveBeenCalledWith({
      blocks: [
        {
          calls: [
            { account: timelock, to: ME, data: "0x12", value: 1n },
            { account: timelock, to: OTHER, data: "0x34", value: 0n },
            { account: timelock, to: nobody, data: "0xa9059cbb", value: 0n },
          ],
        },
      ],
    });
    expect(call).not.toHaveBeenCalled();
  });

  it("falls back to one call per action, marked alone, when the RPC cannot simulate a sequence", async () => {
    const calls: unknown[] = [];
    const simulateBlocks = vi.fn(async () => {
      throw new Error("the method eth_simulateV1 does not exist");
    });
    const call = vi.fn(async (args: { to: Address }) => {
      calls.push(args);
      if (args.to === OTHER) throw Object.assign(new Error("reverted"), { data: "0x" });
      return { data: "0x" };
    });
    const results = await simulateActions({ simulateBlocks, call, getCode, getBalance } as never, timelock, [
      { target: ME, value: 1n, data: "0x12" },
      { target: OTHER, value: 0n, data: "0x34" },
    ]);
    expect(results).toEqual([
      { status: "ok", alone: true },
      { status: "revert", reason: "reverted without a reason.", alone: true },
    ]);
    expect(calls).toEqual([
      { account: timelock, to: ME, data: "0x12", value: 1n },
      { account: timelock, to: OTHER, data: "0x34", value: 0n },
    ]);
  });

  it("fails an ETH transfer the treasury cannot pay, even where the node lets the call through", async () => {
    // Hardhat's eth_call sends value the caller does not have: the check is the treasury's balance.
    const simulateBlocks = vi.fn(async () => {
      throw new Error("the method eth_simulateV1 does not exist");
    });
    const call = vi.fn(async () => ({ data: "0x" }));
    const results = await simulateActions(
      { simulateBlocks, call, getCode, getBalance: vi.fn(async () => 2n * 10n ** 18n) } as never,
      timelock,
      [
        { target: OTHER, value: 10n ** 18n, data: "0x" },
        { target: OTHER, value: 4n * 10n ** 18n, data: "0x" },
      ],
    );
    expect(results).toEqual([
      { status: "ok", alone: true },
      {
        status: "revert",
        reason: "the treasury holds 2 ETH and the actions up to this one send 5 ETH.",
        alone: true,
      },
    ]);
  });

  it("says a result was simulated alone", () => {
    render(<SimulationVerdict result={{ status: "ok", alone: true }} />);
    expect(screen.getByTestId("simulation").textContent).toMatch(/would succeed.*simulated alone/);
  });
});

describe("Markdown (proposal descriptions)", () => {
  it("renders Markdown, drops raw HTML, strips unsafe links and never loads images", () => {
    const { container } = render(
      <Markdown
        source={[
          "## Why",
          "",
          "Some **bold** text. <b>raw</b><script>alert(1)</script>",
          "",
          "[safe](https://example.org) [evil](javascript:alert(1))",
          "",
          '![tracker](https://tracker.example/pixel.png) <img src="x" onerror="alert(1)">',
        ].join("\n")}
      />,
    );
    expect(screen.getByRole("heading", { name: "Why" })).toBeTruthy();
    expect(container.querySelector("strong")?.textContent).toBe("bold");
    expect(container.querySelector("b, script, img")).toBeNull();
    expect(screen.getByRole("link", { name: "safe" }).getAttribute("href")).toBe("https://example.org");
    const evil = [...container.querySelectorAll("a")].find((a) => a.textContent === "evil");
    expect(evil?.getAttribute("href") ?? "").not.toMatch(/javascript/i);
    expect(container.textContent).toContain("[image: tracker, not loaded: https://tracker.example/pixel.png]");
  });
});
