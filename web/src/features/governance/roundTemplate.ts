import { encodeFunctionData, erc20Abi, getAddress, type Address, type ContractFunctionArgs, type Hex } from "viem";
import { earlyAccessAbi } from "../../generated/contracts";
import { parseAddress, parseAmount, type Validation } from "../../lib/validation";

/**
 * The builder's "Create an early-access round" template (issue #11, docs/spec.md §8): two actions from the
 * treasury (the timelock), `saleToken.approve(EarlyAccess, saleAmount)` then `EarlyAccess.createRound(params)`,
 * from fields typed in human units. `createRound` checks `snapshot < now <= start < end` when the proposal
 * EXECUTES, so the start must come after the earliest possible execution.
 */
export type RoundDraft = {
  saleToken: string;
  paymentToken: string;
  /** Payment tokens per whole sale token, e.g. "0.5". */
  price: string;
  /** Sale tokens offered, e.g. "100000". */
  saleAmount: string;
  /** UTC date and time; empty means the latest block's time. */
  snapshot: string;
  start: string;
  end: string;
  /** Ten caps in payment tokens, separated by commas or spaces. */
  caps: string;
  /** Empty means the treasury (the timelock). */
  recipient: string;
};
export const EMPTY_ROUND: RoundDraft = {
  saleToken: "",
  paymentToken: "",
  price: "",
  saleAmount: "",
  snapshot: "",
  start: "",
  end: "",
  caps: "",
  recipient: "",
};

export type RoundToken = { asset: Address | "ETH"; symbol: string; decimals: number; balance?: bigint };
export type RoundContext = {
  earlyAccess: Address | undefined;
  timelock: Address | undefined;
  /** Tokens whose symbol and decimals are read (the treasury's view of them). */
  tokens: readonly RoundToken[];
  /** The latest block's timestamp: the default snapshot. */
  latestBlockTime: bigint | undefined;
  /** The earliest time the proposal can execute (see earliestExecution). */
  earliestExecution: bigint | undefined;
};
/** `RoundParams` of docs/spec.md §8 as the generated ABI types it: the caps are a tuple of ten. */
export type RoundParams = ContractFunctionArgs<typeof earlyAccessAbi, "nonpayable", "createRound">[0];
type Action = { target: Address; value: bigint; data: Hex };
export type RoundBuilt = { ok: true; actions: Action[]; params: RoundParams } | { ok: false; error: string };

/** The contract keeps amounts in 128 bits (`EarlyAccessAmountTooLarge`). */
export const MAX_ROUND_AMOUNT = 2n ** 128n - 1n;
const MAX_UINT64 = 2n ** 64n - 1n;

/** A proposal made at `now` executes at the earliest after the voting delay, the voting period and the timelock delay. */
export function earliestExecution(now: bigint, votingDelay: bigint, votingPeriod: bigint, minDelay: bigint): bigint {
  return now + votingDelay + votingPeriod + minDelay;
}

/** Parses a UTC date ("2027-03-04", "2027-03-04 14:30", "2027-03-04T14:30:05") into unix seconds. */
export function parseUtcDate(text: string): Validation<bigint> {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?(?:\s*(?:Z|UTC))?$/i.exec(text.trim());
  if (!match) return { ok: false, error: "enter a UTC date as YYYY-MM-DD HH:MM, like 2027-03-04 14:30." };
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((p) => (p ? Number(p) : 0));
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return { ok: false, error: "that date does not exist." };
  if (ms < 0) return { ok: false, error: "the date must be after 1970." };
  return { ok: true, value: BigInt(ms / 1000) };
}

/** Unix seconds as the builder's date text, "2027-03-04 14:30:05" (UTC). */
export function utcText(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().slice(0, 19).replace("T", " ");
}

function findToken(tokens: readonly RoundToken[], address: Address) {
  return tokens.find((t) => t.asset !== "ETH" && t.asset.toLowerCase() === address.toLowerCase());
}

function amount(label: string, text: string, decimals: number, allowZero = false): Validation<bigint> {
  if (allowZero && /^\s*0*\.?0*\s*$/.test(text) && /0/.test(text)) return { ok: true, value: 0n };
  const parsed = parseAmount(text, decimals);
  if (!parsed.ok) return { ok: false, error: `${label}: ${parsed.error}` };
  if (parsed.value > MAX_ROUND_AMOUNT)
    return { ok: false, error: `${label}: too large; the contract keeps amounts below 2^128 base units.` };
  return parsed;
}

/** Validates the template's fields and builds its two actions, or returns a sentence saying what is wrong. */
export function buildRoundActions(draft: RoundDraft, ctx: RoundContext): RoundBuilt {
  if (!ctx.earlyAccess || !ctx.timelock)
    return { ok: false, error: "Early access is not deployed on this chain, so no round can be created." };
  const saleAddress = parseAddress(draft.saleToken);
  if (!saleAddress.ok) return { ok: false, error: `Sale token: ${saleAddress.error}` };
  const sale = findToken(ctx.tokens, saleAddress.value);
  if (!sale) return { ok: false, error: "Sale token: that address does not answer as an ERC-20 token (yet)." };
  const paymentAddress = parseAddress(draft.paymentToken);
  if (!paymentAddress.ok) return { ok: false, error: `Payment token: ${paymentAddress.error}` };
  const payment = findToken(ctx.tokens, paymentAddress.value);
  if (!payment) return { ok: false, error: "Payment token: that address does not answer as an ERC-20 token (yet)." };
  if (saleAddress.value.toLowerCase() === paymentAddress.value.toLowerCase())
    return { ok: false, error: "Payment token: it must differ from the sale token." };
  if (sale.decimals > 36)
    return { ok: false, error: `Sale token: it has ${sale.decimals} decimals; the contract supports at most 36.` };

  const price = amount(`Price (${payment.symbol} per ${sale.symbol})`, draft.price, payment.decimals);
  if (!price.ok) return price;
  const saleAmount = amount(`Sale amount (${sale.symbol})`, draft.saleAmount, sale.decimals);
  if (!saleAmount.ok) return saleAmount;

  if (ctx.latestBlockTime === undefined || ctx.earliestExecution === undefined)
    return { ok: false, error: "Reading the chain's time and the governance delays…" };
  let snapshot = ctx.latestBlockTime;
  if (draft.snapshot.trim() !== "") {
    const parsed = parseUtcDate(draft.snapshot);
    if (!parsed.ok) return { ok: false, error: `Snapshot: ${parsed.error}` };
    if (parsed.value > ctx.latestBlockTime)
      return {
        ok: false,
        error: `Snapshot: levels are read at a time that has passed; choose ${utcText(ctx.latestBlockTime)} UTC (the latest block) or earlier.`,
      };
    snapshot = parsed.value;
  }
  const start = parseUtcDate(draft.start);
  if (!start.ok) return { ok: false, error: `Start: ${start.error}` };
  if (start.value <= ctx.earliestExecution)
    return {
      ok: false,
      error: `Start: the proposal can execute on ${utcText(ctx.earliestExecution)} UTC at the earliest, and the round must not start before it does; choose a later start.`,
    };
  const end = parseUtcDate(draft.end);
  if (!end.ok) return { ok: false, error: `End: ${end.error}` };
  if (end.value <= start.value) return { ok: false, error: "End: the round must end after it starts." };
  if (end.value > MAX_UINT64) return { ok: false, error: "End: that date is too far away." };

  const parts = draft.caps.split(/[\s;]+|,\s*/).filter(Boolean);
  if (parts.length !== 10)
    return { ok: false, error: `Caps: enter exactly 10 caps, one per level (you entered ${parts.length}).` };
  const caps: bigint[] = [];
  for (const [i, part] of parts.entries()) {
    // A cap may be zero: that level cannot commit in this round.
    const cap = amount(`Cap of level ${i + 1}`, part, payment.decimals, true);
    if (!cap.ok) return cap;
    if (i > 0 && cap.value < caps[i - 1])
      return { ok: false, error: `Cap of level ${i + 1}: it must not be below level ${i}'s cap.` };
    caps.push(cap.value);
  }

  let recipient = ctx.timelock;
  if (draft.recipient.trim() !== "") {
    const parsed = parseAddress(draft.recipient);
    if (!parsed.ok) return { ok: false, error: `Recipient: ${parsed.error}` };
    recipient = getAddress(parsed.value);
  }

  const params: RoundParams = {
    saleToken: getAddress(saleAddress.value),
    paymentToken: getAddress(paymentAddress.value),
    price: price.value,
    saleAmount: saleAmount.value,
    snapshot,
    start: start.value,
    end: end.value,
    // Exactly ten, checked above.
    caps: caps as unknown as RoundParams["caps"],
    recipient,
  };
  return {
    ok: true,
    params,
    actions: [
      {
        target: params.saleToken,
        value: 0n,
        data: encodeFunctionData({
          abi: erc20Abi,
          functionName: "approve",
          args: [ctx.earlyAccess, params.saleAmount],
        }),
      },
      {
        target: ctx.earlyAccess,
        value: 0n,
        data: encodeFunctionData({
          abi: earlyAccessAbi,
          functionName: "createRound",
          args: [params],
        }),
      },
    ],
  };
}
