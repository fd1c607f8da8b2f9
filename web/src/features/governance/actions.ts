import {
  decodeFunctionData,
  erc20Abi,
  formatEther,
  getAbiItem,
  getAddress,
  isAddress,
  size,
  slice,
  type Abi,
  type AbiFunction,
  type AbiParameter,
  type Address,
  type Hex,
} from "viem";
import { formatAmount, formatDuration } from "../../lib/format";

/**
 * What a proposal action does, in a form a voter can verify: the full checksummed target, a label only when the
 * target is a Lockstep contract or a token the DAO knows, the decoded call only when the target's own ABI is
 * known (another contract's ABI would make an attacker's call read like a harmless one), and always the raw
 * calldata and the ETH value.
 */
export type KnownContract = { address: Address; name: string; abi: Abi };
export type KnownToken = { address: Address; symbol: string; decimals: number };
export type ActionRegistry = { contracts: readonly KnownContract[]; tokens: readonly KnownToken[] };

export type DecodedArg = { name: string; type: string; text: string };
export type ActionView = {
  target: Address;
  /** "VotingEscrow (Lockstep)", "dUSD token"; undefined for an unknown contract. */
  label: string | undefined;
  value: bigint;
  valueText: string;
  data: Hex;
  selector: Hex | undefined;
  /** The decoded call; only when the target's ABI is known and the calldata matches it. */
  call: { functionName: string; args: DecodedArg[] } | undefined;
  /** Why the call is not decoded, or what a call without data does. */
  note: string | undefined;
  /** What leaves the treasury, for the builder's warnings. */
  outflow: { asset: Address | "ETH"; to: Address | undefined; amount: bigint }[];
};

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function findContract(registry: ActionRegistry, address: string) {
  return registry.contracts.find((c) => same(c.address, address));
}
export function findToken(registry: ActionRegistry, address: string) {
  return registry.tokens.find((t) => same(t.address, address));
}

/** A label for an address the app knows; undefined otherwise (the caller says "unknown contract"). */
export function addressLabel(registry: ActionRegistry, address: string): string | undefined {
  const contract = findContract(registry, address);
  const token = findToken(registry, address);
  if (contract && token) return `${contract.name} (${token.symbol})`;
  if (contract) return `${contract.name} (Lockstep)`;
  if (token) return `${token.symbol} token`;
  return undefined;
}

/** Exact token amount with its decimals and symbol: "5,000 LOCK", "0.000001 dUSD". */
export function formatTokenAmount(amount: bigint, token: KnownToken): string {
  return `${formatAmount(amount, token.decimals, token.decimals)} ${token.symbol}`;
}

const SCORE = { symbol: "score", decimals: 18 };
const TOKEN_FUNCTIONS = new Set(["transfer", "approve", "transferFrom", "increaseAllowance", "decreaseAllowance"]);

/** How to read one integer argument: token amount, score, duration, or the exact integer. */
function formatInteger(
  value: bigint,
  param: AbiParameter,
  ctx: { functionName: string; token: KnownToken | undefined },
): string {
  const name = param.name ?? "";
  if (ctx.token && /amount|value/i.test(name)) return formatTokenAmount(value, ctx.token);
  if (/threshold/i.test(name)) return `${formatAmount(value, SCORE.decimals, SCORE.decimals)} ${SCORE.symbol}`;
  if (/delay|period|extension|duration/i.test(name)) return `${value.toString()} s (${formatDuration(value)})`;
  return formatAmount(value, 0, 0);
}

function formatArg(
  value: unknown,
  param: AbiParameter,
  registry: ActionRegistry,
  ctx: { functionName: string; token: KnownToken | undefined },
): string {
  if (Array.isArray(value)) {
    const inner = { ...param, type: param.type.replace(/\[\d*\]$/, "") } as AbiParameter;
    return `[${value.map((v) => formatArg(v, inner, registry, ctx)).join(", ")}]`;
  }
  if (typeof value === "bigint") return formatInteger(value, param, ctx);
  if (typeof value === "string" && param.type === "address" && isAddress(value, { strict: false })) {
    const address = getAddress(value);
    const label = addressLabel(registry, address);
    return label ? `${address} (${label})` : address;
  }
  if (typeof value === "object" && value !== null) {
    return JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v));
  }
  return String(value);
}

/** Decodes one proposal action against the registry of known contracts and tokens. */
export function describeAction(registry: ActionRegistry, target: Address, value: bigint, data: Hex): ActionView {
  const checksummed = getAddress(target.toLowerCase());
  const contract = findContract(registry, checksummed);
  const token = findToken(registry, checksummed);
  const view: ActionView = {
    target: checksummed,
    label: addressLabel(registry, checksummed),
    value,
    valueText: `${formatEther(value)} ETH`,
    data,
    selector: size(data) >= 4 ? slice(data, 0, 4) : undefined,
    call: undefined,
    note: undefined,
    outflow: value > 0n ? [{ asset: "ETH", to: checksummed, amount: value }] : [],
  };
  if (size(data) === 0) {
    view.note = value > 0n ? "Plain ETH transfer (no calldata)." : "Empty call (no calldata, no value).";
    return view;
  }
  // Only the target's own ABI decodes its calldata. A known token is read with the ERC-20 ABI.
  const abi = contract?.abi ?? (token ? (erc20Abi as Abi) : undefined);
  if (!abi) {
    view.note = "Unknown contract: the call cannot be decoded. Check the raw calldata.";
    return view;
  }
  try {
    const { functionName, args = [] } = decodeFunctionData({ abi, data });
    const item = getAbiItem({ abi, name: functionName, args: args as unknown[] }) as AbiFunction | undefined;
    const inputs = item?.inputs ?? [];
    const ctx = { functionName, token: token && TOKEN_FUNCTIONS.has(functionName) ? token : undefined };
    view.call = {
      functionName,
      args: args.map((arg, i) => {
        const param = inputs[i] ?? { type: "unknown" };
        return { name: param.name || `arg${i}`, type: param.type, text: formatArg(arg, param, registry, ctx) };
      }),
    };
    if (token && functionName === "transfer") {
      view.outflow.push({ asset: checksummed, to: args[0] as Address, amount: args[1] as bigint });
    }
  } catch {
    view.note = `The calldata matches no function of ${view.label ?? "this contract"}: the call cannot be decoded. Check the raw calldata.`;
  }
  return view;
}

/** One line for previews: "VotingEscrow (Lockstep).setLevelThresholds(thresholds: [...])". */
export function actionSummary(view: ActionView): string {
  const who = view.label ?? `unknown contract ${view.target}`;
  const what = view.call
    ? `${view.call.functionName}(${view.call.args.map((a) => `${a.name}: ${a.text}`).join(", ")})`
    : view.note && size(view.data) === 0
      ? view.note
      : `undecoded call ${view.selector ?? ""}`;
  return `${who}: ${what}${view.value > 0n ? ` with ${view.valueText}` : ""}`;
}

export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
