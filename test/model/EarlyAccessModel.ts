/**
 * A reference model of one EarlyAccess round (docs/spec.md §8), written from the specification for differential
 * testing. It knows nothing of the contract's storage; it restates the rules in bigint arithmetic:
 *
 * - an account's level is the number of the round's thresholds (copied at creation) at or below its score at
 *   the snapshot; level 0 may not commit; level `l` may commit up to `caps[l - 1]` in total;
 * - commitments are taken during `[start, end)`, unless the round was cancelled;
 * - with `T` the total commitment, `D = 10**saleDecimals` and `value = saleAmount * price / D`:
 *   `T <= value`: `c * D / price` sale tokens, refund 0, proceeds `T`, unsold `saleAmount - ceil(T * D / price)`;
 *   `T > value`: `saleAmount * c / T` sale tokens, refund `c * (T - value) / T`, proceeds `value`, unsold 0;
 * - a cancelled round pays every committer a full refund and no sale tokens, and the sale tokens go back at once;
 * - `claim` once per account after the end (or after a cancel); `finalize` once after the end, never after a
 *   cancel.
 *
 * Accounts are lower-case address strings; quantities are bigint base units / seconds.
 */

export class EarlyAccessModelError extends Error {
  constructor(readonly errorName: string) {
    super(errorName);
  }
}

export interface ModelRoundParams {
  price: bigint;
  saleAmount: bigint;
  saleDecimals: bigint;
  snapshot: bigint;
  start: bigint;
  end: bigint;
  caps: readonly bigint[];
}

/** `a / b` rounded up. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return a === 0n ? 0n : (a - 1n) / b + 1n;
}

/** The level of `score` against ascending `thresholds`: how many of them it reaches. */
export function levelOf(score: bigint, thresholds: readonly bigint[]): number {
  return thresholds.filter((t) => score >= t).length;
}

/** What `c` of a round with total `total` buys and gets back, and the round's proceeds and unsold tokens. */
export function allocate(
  p: Pick<ModelRoundParams, "price" | "saleAmount" | "saleDecimals">,
  total: bigint,
  c: bigint,
): { saleTokens: bigint; refund: bigint; proceeds: bigint; unsold: bigint } {
  const unit = 10n ** p.saleDecimals;
  const value = (p.saleAmount * p.price) / unit;
  if (total <= value) {
    return {
      saleTokens: (c * unit) / p.price,
      refund: 0n,
      proceeds: total,
      unsold: p.saleAmount - ceilDiv(total * unit, p.price),
    };
  }
  return {
    saleTokens: (p.saleAmount * c) / total,
    refund: total === 0n ? 0n : (c * (total - value)) / total,
    proceeds: value,
    unsold: 0n,
  };
}

export class EarlyAccessRoundModel {
  readonly committed = new Map<string, bigint>();
  readonly claimed = new Set<string>();
  total = 0n;
  finalized = false;
  cancelled = false;

  /**
   * @param scores Each account's score at the snapshot (missing accounts score 0).
   * @param thresholds The escrow's thresholds when the round was created.
   */
  constructor(
    readonly p: ModelRoundParams,
    readonly thresholds: readonly bigint[],
    readonly scores: ReadonlyMap<string, bigint>,
  ) {}

  levelIn(account: string): number {
    return levelOf(this.scores.get(account.toLowerCase()) ?? 0n, this.thresholds);
  }

  capOf(account: string): bigint {
    const level = this.levelIn(account);
    return level === 0 ? 0n : this.p.caps[level - 1];
  }

  committedBy(account: string): bigint {
    return this.committed.get(account.toLowerCase()) ?? 0n;
  }

  /** Applies a commit at time `now`, or throws the name of the contract's error. */
  commit(account: string, amount: bigint, now: bigint): void {
    const key = account.toLowerCase();
    if (amount === 0n) throw new EarlyAccessModelError("EarlyAccessZeroAmount");
    if (this.cancelled) throw new EarlyAccessModelError("EarlyAccessRoundCancelled");
    if (now < this.p.start || now >= this.p.end) throw new EarlyAccessModelError("EarlyAccessNotOpen");
    if (this.levelIn(key) === 0) throw new EarlyAccessModelError("EarlyAccessLevelZero");
    if (this.committedBy(key) + amount > this.capOf(key)) throw new EarlyAccessModelError("EarlyAccessCapExceeded");
    this.committed.set(key, this.committedBy(key) + amount);
    this.total += amount;
  }

  /** What a claim by `account` would pay now (zeros after its claim). */
  claimable(account: string): { saleTokens: bigint; refund: bigint } {
    const key = account.toLowerCase();
    const c = this.committedBy(key);
    if (c === 0n || this.claimed.has(key)) return { saleTokens: 0n, refund: 0n };
    if (this.cancelled) return { saleTokens: 0n, refund: c };
    const { saleTokens, refund } = allocate(this.p, this.total, c);
    return { saleTokens, refund };
  }

  /** Applies a claim at time `now` and returns what it pays, or throws the name of the contract's error. */
  claim(account: string, now: bigint): { saleTokens: bigint; refund: bigint } {
    const key = account.toLowerCase();
    if (!this.cancelled && now < this.p.end) throw new EarlyAccessModelError("EarlyAccessNotEnded");
    if (this.committedBy(key) === 0n) throw new EarlyAccessModelError("EarlyAccessNothingCommitted");
    if (this.claimed.has(key)) throw new EarlyAccessModelError("EarlyAccessAlreadyClaimed");
    const paid = this.claimable(key);
    this.claimed.add(key);
    return paid;
  }

  /** Applies the finalize at time `now` and returns what goes to the recipient. */
  finalize(now: bigint): { proceeds: bigint; unsold: bigint } {
    if (now < this.p.end) throw new EarlyAccessModelError("EarlyAccessNotEnded");
    if (this.cancelled) throw new EarlyAccessModelError("EarlyAccessRoundCancelled");
    if (this.finalized) throw new EarlyAccessModelError("EarlyAccessAlreadyFinalized");
    this.finalized = true;
    const { proceeds, unsold } = allocate(this.p, this.total, 0n);
    return { proceeds, unsold };
  }

  /** Applies a cancel at time `now` and returns the sale tokens sent back to the recipient. */
  cancel(now: bigint): bigint {
    if (now >= this.p.end) throw new EarlyAccessModelError("EarlyAccessRoundEnded");
    if (this.cancelled) throw new EarlyAccessModelError("EarlyAccessRoundCancelled");
    this.cancelled = true;
    return this.p.saleAmount;
  }
}
