import type { Address, ContractFunctionReturnType } from "viem";
import type { earlyAccessAbi } from "../../generated/contracts";
import { formatAmount, formatDate } from "../../lib/format";

/** What `EarlyAccess.round(id)` returns (docs/spec.md §8): the params, the total and the two flags. */
export type RoundResult = ContractFunctionReturnType<typeof earlyAccessAbi, "view", "round">;

/** A round as `EarlyAccess.round(id)` reports it, flattened, with its id. */
export type Round = RoundResult[0] & { id: bigint; totalCommitted: bigint; finalized: boolean; cancelled: boolean };

export function toRound(id: bigint, [params, totalCommitted, finalized, cancelled]: RoundResult): Round {
  return { id, ...params, totalCommitted, finalized, cancelled };
}

export type RoundState = "upcoming" | "open" | "closed" | "finalized" | "cancelled";

/** The round's state at chain time `now`: the window decides upcoming/open/closed; the contract's flags win. */
export function roundState(round: Pick<Round, "start" | "end" | "finalized" | "cancelled">, now: bigint): RoundState {
  if (round.cancelled) return "cancelled";
  if (round.finalized) return "finalized";
  if (now < round.start) return "upcoming";
  if (now < round.end) return "open";
  return "closed";
}

export const STATE_LABEL: Record<RoundState, string> = {
  upcoming: "Upcoming",
  open: "Open",
  closed: "Closed",
  finalized: "Finalized",
  cancelled: "Cancelled",
};

/**
 * What `committed` buys and gets back if the round ends with total `total` (the formulas of docs/spec.md §8,
 * rounded down as the contract does): below the round's value everyone buys at the price; above it,
 * pro rata with a refund.
 */
export function allocationOf(
  round: Pick<Round, "price" | "saleAmount" | "cancelled">,
  saleDecimals: number,
  committed: bigint,
  total: bigint,
): { saleTokens: bigint; refund: bigint } {
  if (round.cancelled) return { saleTokens: 0n, refund: committed };
  if (committed === 0n || total === 0n) return { saleTokens: 0n, refund: 0n };
  const unit = 10n ** BigInt(saleDecimals);
  const value = (round.saleAmount * round.price) / unit;
  if (total <= value) return { saleTokens: (committed * unit) / round.price, refund: 0n };
  return { saleTokens: (round.saleAmount * committed) / total, refund: (committed * (total - value)) / total };
}

export type Token = { address: Address; symbol: string; decimals: number };

/**
 * Why an amount can't be committed, as a sentence, or undefined when it can: checked before anything is sent,
 * against the cap of the account's level (what is left of it) and its balance.
 */
export function commitProblem(
  amount: bigint,
  {
    level,
    cap,
    committed,
    balance,
    token,
  }: { level: number; cap: bigint; committed: bigint; balance: bigint; token: Token },
): string | undefined {
  if (level === 0) return "Your level at this round's snapshot is 0: level 1 or more may commit.";
  const left = cap > committed ? cap - committed : 0n;
  if (amount > left) {
    const capText = `${formatAmount(cap, token.decimals)} ${token.symbol}`;
    return left === 0n
      ? `You have already committed the cap of your level (${capText}).`
      : `That is over your cap: level ${level} may commit ${capText} in total and you can add at most ${formatAmount(left, token.decimals)} ${token.symbol}.`;
  }
  if (amount > balance)
    return `That is more than your balance of ${formatAmount(balance, token.decimals)} ${token.symbol}.`;
  return undefined;
}

/** Why the account has its level in a round: its score at the snapshot against the round's thresholds. */
export function levelReason(level: number, score: bigint, snapshot: bigint): string {
  const base = `Your Staking Score on ${formatDate(snapshot)} was ${formatAmount(score, 18, 0)}`;
  if (level === 0)
    return `${base}: below level 1, so you can't join this round. Lock tokens (or lock more) before the next round's snapshot to qualify.`;
  return `${base}: level ${level}.`;
}
