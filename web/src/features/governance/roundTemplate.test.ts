import { describe, expect, it, vi } from "vitest";
import { decodeFunctionData, erc20Abi, type Address } from "viem";
import { earlyAccessAbi } from "../../generated/contracts";
import { buildRow, EMPTY } from "./CreateProposal";
import { describeAction } from "./actions";
import { LOCKSTEP_CONTRACTS } from "./hooks/useActionRegistry";
import {
  buildRoundActions,
  earliestExecution,
  EMPTY_ROUND,
  parseUtcDate,
  utcText,
  type RoundContext,
  type RoundDraft,
} from "./roundTemplate";

vi.mock("../../config", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../config")>()),
  addresses: {
    timelock: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    earlyAccess: "0x00000000000000000000000000000000000000eE",
  },
}));

const TIMELOCK = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512" as Address;
const EARLY = "0x00000000000000000000000000000000000000eE" as Address;
const NOVA = { asset: "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Address, symbol: "NOVA", decimals: 18 };
const USDC = { asset: "0x0B306BF915C4d645ff596e518fAf3F9669b97016" as Address, symbol: "dUSD", decimals: 6 };
const OTHER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as Address;
const E18 = 10n ** 18n;

// Chain time 2027-03-01 12:00:00 UTC; the proposal can execute a week later at the earliest.
const NOW = BigInt(Date.UTC(2027, 2, 1, 12) / 1000);
const EARLIEST = earliestExecution(NOW, 86_400n, 5n * 86_400n, 86_400n);
const ctx: RoundContext = {
  earlyAccess: EARLY,
  timelock: TIMELOCK,
  tokens: [NOVA, USDC],
  latestBlockTime: NOW,
  earliestExecution: EARLIEST,
};
const CAPS = "100, 200, 300, 400, 500, 600, 700, 800, 900, 1000.5";
const good: RoundDraft = {
  ...EMPTY_ROUND,
  saleToken: NOVA.asset,
  paymentToken: USDC.asset,
  price: "0.5",
  saleAmount: "100000",
  start: "2027-03-09 00:00",
  end: "2027-03-12",
  caps: CAPS,
};
const errorOf = (draft: Partial<RoundDraft>, context: Partial<RoundContext> = {}) => {
  const built = buildRoundActions({ ...good, ...draft }, { ...ctx, ...context });
  return built.ok ? undefined : built.error;
};

describe("early-access round template", () => {
  it("adds the voting delay, the voting period and the timelock delay to now for the earliest execution", () => {
    expect(earliestExecution(1000n, 10n, 20n, 30n)).toBe(1060n);
    expect(EARLIEST).toBe(NOW + 7n * 86_400n);
  });

  it("reads UTC dates with or without a time, and refuses what is not one", () => {
    expect(parseUtcDate("2027-03-09")).toEqual({ ok: true, value: BigInt(Date.UTC(2027, 2, 9) / 1000) });
    expect(parseUtcDate("2027-03-09 14:30")).toEqual({ ok: true, value: BigInt(Date.UTC(2027, 2, 9, 14, 30) / 1000) });
    expect(parseUtcDate("2027-03-09T14:30:05Z")).toEqual({
      ok: true,
      value: BigInt(Date.UTC(2027, 2, 9, 14, 30, 5) / 1000),
    });
    expect(parseUtcDate("9 March")).toEqual({
      ok: false,
      error: "enter a UTC date as YYYY-MM-DD HH:MM, like 2027-03-04 14:30.",
    });
    expect(parseUtcDate("2027-02-30")).toEqual({ ok: false, error: "that date does not exist." });
    expect(parseUtcDate("2027-03-09 24:00")).toEqual({ ok: false, error: "that date does not exist." });
    expect(utcText(BigInt(Date.UTC(2027, 2, 9, 14, 30, 5) / 1000))).toBe("2027-03-09 14:30:05");
  });

  it("builds approve(EarlyAccess, saleAmount) then createRound with amounts in each token's decimals", () => {
    const built = buildRoundActions(good, ctx);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const [approve, create] = built.actions;
    expect(approve.target).toBe(NOVA.asset);
    expect(approve.value).toBe(0n);
    expect(decodeFunctionData({ abi: erc20Abi, data: approve.data })).toMatchObject({
      functionName: "approve",
      args: [EARLY, 100_000n * E18],
    });
    expect(create.target).toBe(EARLY);
    const decoded = decodeFunctionData({ abi: earlyAccessAbi, data: create.data });
    expect(decoded.functionName).toBe("createRound");
    expect(decoded.args).toEqual([
      {
        saleToken: NOVA.asset,
        paymentToken: USDC.asset,
        // docs/spec.md §8: payment-token base units per whole sale token.
        price: 500_000n,
        saleAmount: 100_000n * E18,
        snapshot: NOW,
        start: BigInt(Date.UTC(2027, 2, 9) / 1000),
        end: BigInt(Date.UTC(2027, 2, 12) / 1000),
        caps: [100, 200, 300, 400, 500, 600, 700, 800, 900].map((c) => BigInt(c) * 1_000_000n).concat(1_000_500_000n),
        recipient: TIMELOCK,
      },
    ]);
  });

  it("takes an explicit snapshot in the past and another recipient", () => {
    const built = buildRoundActions({ ...good, snapshot: "2027-02-01 08:00", recipient: OTHER }, ctx);
    expect(built.ok && built.params.snapshot).toBe(BigInt(Date.UTC(2027, 1, 1, 8) / 1000));
    expect(built.ok && built.params.recipient).toBe(OTHER);
  });

  it("refuses a start before the earliest execution, saying that date", () => {
    expect(errorOf({ start: "2027-03-08 12:00" })).toBe(
      "Start: the proposal can execute on 2027-03-08 12:00:00 UTC at the earliest, and the round must not start before it does; choose a later start.",
    );
    expect(errorOf({ start: "2027-03-08 12:00:01" })).toBeUndefined();
  });

  it("says what is wrong with each field in a sentence", () => {
    expect(errorOf({ saleToken: "" })).toBe("Sale token: Enter an address.");
    expect(errorOf({ saleToken: OTHER })).toBe("Sale token: that address does not answer as an ERC-20 token (yet).");
    expect(errorOf({ paymentToken: "0x12" })).toMatch(/^Payment token: /);
    expect(errorOf({ paymentToken: NOVA.asset })).toBe("Payment token: it must differ from the sale token.");
    expect(errorOf({ price: "0" })).toBe("Price (dUSD per NOVA): The amount must be more than zero.");
    expect(errorOf({ price: "0.0000001" })).toBe("Price (dUSD per NOVA): Use at most 6 decimal places.");
    expect(errorOf({ saleAmount: "" })).toBe("Sale amount (NOVA): Enter an amount.");
    expect(errorOf({ saleAmount: (2n ** 128n).toString() })).toBe(
      "Sale amount (NOVA): too large; the contract keeps amounts below 2^128 base units.",
    );
    expect(errorOf({ snapshot: "2027-03-01 12:00:01" })).toBe(
      "Snapshot: levels are read at a time that has passed; choose 2027-03-01 12:00:00 UTC (the latest block) or earlier.",
    );
    expect(errorOf({ snapshot: "yesterday" })).toMatch(/^Snapshot: enter a UTC date/);
    expect(errorOf({ start: "" })).toMatch(/^Start: enter a UTC date/);
    expect(errorOf({ end: "2027-03-09 00:00" })).toBe("End: the round must end after it starts.");
    expect(errorOf({ caps: "1, 2, 3" })).toBe("Caps: enter exactly 10 caps, one per level (you entered 3).");
    expect(errorOf({ caps: "100, 200, 300, 400, 500, 600, 700, 800, 900, 850" })).toBe(
      "Cap of level 10: it must not be below level 9's cap.",
    );
    expect(errorOf({ caps: "x, 200, 300, 400, 500, 600, 700, 800, 900, 1000" })).toBe(
      "Cap of level 1: Enter a number, like 1000 or 12.5.",
    );
    expect(errorOf({ recipient: "nope" })).toMatch(/^Recipient: /);
    expect(errorOf({}, { earlyAccess: undefined })).toBe(
      "Early access is not deployed on this chain, so no round can be created.",
    );
    expect(errorOf({}, { earliestExecution: undefined })).toBe("Reading the chain's time and the governance delays…");
  });

  it("accepts equal caps at successive levels (non-decreasing) and a zero cap for a level kept out", () => {
    expect(errorOf({ caps: "5 5 5 5 5 5 5 5 5 5" })).toBeUndefined();
    const built = buildRoundActions({ ...good, caps: "0, 0.0, 5, 5, 5, 5, 5, 5, 5, 5" }, ctx);
    expect(built.ok && built.params.caps.slice(0, 3)).toEqual([0n, 0n, 5_000_000n]);
  });

  it("turns a template row into two proposal actions and any other row into one", () => {
    const timing = { earlyAccess: EARLY, timelock: TIMELOCK, latestBlockTime: NOW, earliestExecution: EARLIEST };
    const round = buildRow({ ...EMPTY, kind: "earlyAccessRound", round: good }, [NOVA, USDC], timing);
    expect(round.ok && round.actions.map((a) => a.target)).toEqual([NOVA.asset, EARLY]);
    const transfer = buildRow({ ...EMPTY, asset: NOVA.asset, to: OTHER, amount: "1" }, [NOVA, USDC], timing);
    expect(transfer.ok && transfer.actions.length).toBe(1);
    expect(buildRow({ ...EMPTY, kind: "earlyAccessRound" }, [NOVA, USDC], timing)).toEqual({
      ok: false,
      error: "Sale token: Enter an address.",
    });
  });

  it("names EarlyAccess and decodes createRound for voters", () => {
    const built = buildRoundActions(good, ctx);
    if (!built.ok) throw new Error(built.error);
    const view = describeAction({ contracts: LOCKSTEP_CONTRACTS, tokens: [] }, EARLY, 0n, built.actions[1].data);
    expect(view.label).toBe("EarlyAccess (Lockstep)");
    expect(view.call?.functionName).toBe("createRound");
    expect(view.call?.args[0].text).toContain('"price":"500000"');
  });
});
