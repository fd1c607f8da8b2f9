/**
 * A reference model of the Lockstep RevenueDistributor (SPEC.md §5), written from the specification for
 * differential testing, on top of the escrow model {@link VotingEscrowModel}.
 *
 * It does not mirror the contract's storage (no finalization bookkeeping for shares, no packed weeks).
 * Every number comes from the SPEC rules, recomputed from the full deposit history:
 *
 * - deposits (and credited direct transfers) of a token are credited to `epochStart(now)`, or to the next week
 *   when `now` is a week's very first second;
 * - the *effective* revenue of week `e` is what was credited to it plus what rolled in from `e - WEEK`;
 *   once `e` has finished, if `totalSupplyAt(e) == 0` its effective revenue rolls on to `e + WEEK`;
 * - the share of `account` in finished week `e` is `floor(effective(e) * balanceOfAt(account, e) /
 *   totalSupplyAt(e))`;
 * - a claim pays the weeks from the account's cursor up to the current week, at most 52 per token per call,
 *   and moves the cursor past them; before the first claim the cursor is the week of the account's first
 *   lock, but not before the token's first week nor after its finalized weeks (the current week if the
 *   account never locked);
 * - with `relock`, the governance-token share goes into the account's lock through the escrow model's
 *   `depositFor` (which requires a lock that is auto-max or ends at least `MIN_LOCK` from now).
 *
 * The one piece of contract mechanics the model follows is the documented rule of `checkpoint`: direct
 * transfers are credited only once every finished week is finalized, and one call finalizes at most 52
 * weeks (claims finalize the weeks they pay).
 *
 * Addresses are case-insensitive strings; all quantities are bigint token units / seconds.
 */
import { MIN_LOCK, ModelError, VotingEscrowModel, WEEK, epochStart } from "./VotingEscrowModel.js";

export { ModelError };

/** The most weeks a claim or checkpoint processes per token per call. */
export const MAX_WEEKS_PER_CALL = 52n;

/** What one claim of one token paid, as the `RevenueClaimed` event reports it. */
export interface ClaimResult {
  token: string;
  amount: bigint;
  relocked: boolean;
  lastWeekClaimed: bigint;
}

interface TokenRecord {
  start: bigint;
  allowed: boolean;
  finalizedUntil: bigint;
  credited: Map<bigint, bigint>;
  totalCredited: bigint;
  totalClaimed: bigint;
  /** Tokens sent straight to the distributor and not credited yet. */
  uncredited: bigint;
}

function norm(address: string): string {
  return address.toLowerCase();
}

export class RevenueModel {
  private readonly _tokens = new Map<string, TokenRecord>();
  private readonly _cursors = new Map<string, bigint>();
  private readonly _governanceToken: string;
  private readonly _distributor: string;
  private readonly _admin: string;

  /**
   * @param escrow The escrow model the distributor reads scores from (and relocks into).
   * @param governanceToken The escrow's locked token: the one `relock` puts back into the lock.
   * @param distributor The distributor's address (the funder of relocks).
   * @param admin The allowlist admin.
   */
  constructor(
    readonly escrow: VotingEscrowModel,
    governanceToken: string,
    distributor: string,
    admin: string,
  ) {
    this._governanceToken = norm(governanceToken);
    this._distributor = norm(distributor);
    this._admin = norm(admin);
  }

  // -------------------------------------------------------------------------------------------
  // Admin
  // -------------------------------------------------------------------------------------------

  addRewardToken(caller: string, token: string, now: bigint): void {
    if (norm(caller) !== this._admin) throw new ModelError("RevenueDistributorUnauthorized", [norm(caller)]);
    const t = norm(token);
    const record = this._tokens.get(t);
    if (record?.allowed) throw new ModelError("RevenueDistributorTokenAlreadyAllowed", [t]);
    if (record) {
      record.allowed = true;
      return;
    }
    const start = epochStart(now);
    this._tokens.set(t, {
      start,
      allowed: true,
      finalizedUntil: start,
      credited: new Map(),
      totalCredited: 0n,
      totalClaimed: 0n,
      uncredited: 0n,
    });
  }

  removeRewardToken(caller: string, token: string): void {
    if (norm(caller) !== this._admin) throw new ModelError("RevenueDistributorUnauthorized", [norm(caller)]);
    const record = this._tokens.get(norm(token));
    if (!record?.allowed) throw new ModelError("RevenueDistributorTokenNotAllowed", [norm(token)]);
    record.allowed = false;
  }

  // -------------------------------------------------------------------------------------------
  // Revenue
  // -------------------------------------------------------------------------------------------

  /** `depositRevenue(token, amount)` at `now` (for a well-behaved token). */
  deposit(token: string, amount: bigint, now: bigint): void {
    if (amount === 0n) throw new ModelError("RevenueDistributorZeroAmount");
    const record = this._allowed(token);
    this._credit(record, amount, now);
  }

  /** A plain ERC-20 transfer of `amount` to the distributor. */
  directTransfer(token: string, amount: bigint): void {
    const record = this._tokens.get(norm(token));
    if (record) record.uncredited += amount;
  }

  /**
   * `checkpoint(token)` at `now`.
   * @returns The amount credited to the current week (0 if nothing was, or not yet).
   */
  checkpoint(token: string, now: bigint): bigint {
    const record = this._allowed(token);
    const current = epochStart(now);
    if (record.finalizedUntil < current) {
      const stop = record.finalizedUntil + MAX_WEEKS_PER_CALL * WEEK;
      record.finalizedUntil = stop < current ? stop : current;
    }
    if (record.finalizedUntil !== current || record.uncredited === 0n) return 0n;
    const amount = record.uncredited;
    record.uncredited = 0n;
    this._credit(record, amount, now);
    return amount;
  }

  /**
   * `claim(tokens, relock)` sent by `account` at `now`. Throws the contract's error without changing
   * anything if the call must revert.
   * @returns One entry per token, or null where the call emits no `RevenueClaimed` (no finished week to
   * process).
   */
  claim(account: string, tokens: readonly string[], relock: boolean, now: bigint): (ClaimResult | null)[] {
    const a = norm(account);
    const current = epochStart(now);
    // First compute everything against a copy of the cursors, so that a revert changes nothing.
    const cursors = new Map<string, bigint>();
    const results: (ClaimResult | null)[] = [];
    for (const token of tokens) {
      const t = norm(token);
      const record = this._tokens.get(t);
      if (!record) throw new ModelError("RevenueDistributorUnknownToken", [t]);
      const key = `${a}/${t}`;
      const start = cursors.get(key) ?? this._cursors.get(key) ?? this._firstWeek(a, record, current);
      if (start >= current) {
        results.push(null);
        continue;
      }
      let end = start + MAX_WEEKS_PER_CALL * WEEK;
      if (end > current) end = current;
      const effective = this._effective(record, now);
      let amount = 0n;
      for (let week = start; week < end; week += WEEK) amount += this._share(a, effective, week);
      cursors.set(key, end);
      const relocked = relock && t === this._governanceToken && amount !== 0n;
      if (relocked) {
        const lock = this.escrow.locked(a);
        if (lock.amount === 0n) throw new ModelError("RevenueDistributorNoLock", [a]);
        if (!lock.autoMax && lock.end <= now) throw new ModelError("RevenueDistributorLockExpired", [a, lock.end]);
        if (!lock.autoMax && lock.end < now + MIN_LOCK) {
          throw new ModelError("RevenueDistributorLockTooShort", [a, lock.end, now + MIN_LOCK]);
        }
      }
      results.push({ token: t, amount, relocked, lastWeekClaimed: end - WEEK });
    }

    for (const [key, end] of cursors) {
      this._cursors.set(key, end);
      const record = this._tokens.get(key.split("/")[1])!;
      if (record.finalizedUntil < end) record.finalizedUntil = end;
    }
    for (const result of results) {
      if (!result) continue;
      this._tokens.get(result.token)!.totalClaimed += result.amount;
      if (result.relocked) this.escrow.depositFor(this._distributor, a, result.amount, now);
    }
    return results;
  }

  // -------------------------------------------------------------------------------------------
  // Views
  // -------------------------------------------------------------------------------------------

  /** Everything `account` can claim in `token` at `now`, over all finished weeks. */
  claimable(account: string, token: string, now: bigint): bigint {
    const a = norm(account);
    const t = norm(token);
    const record = this._tokens.get(t);
    if (!record) return 0n;
    const current = epochStart(now);
    const effective = this._effective(record, now);
    let amount = 0n;
    for (
      let week = this._cursors.get(`${a}/${t}`) ?? this._firstWeek(a, record, current);
      week < current;
      week += WEEK
    ) {
      amount += this._share(a, effective, week);
    }
    return amount;
  }

  /**
   * The effective revenue of `token` in `week` at `now`: credited plus rolled in, or 0 if the week has
   * finished without stakers (its revenue rolled on).
   */
  effectiveRevenue(token: string, week: bigint, now: bigint): bigint {
    const record = this._tokens.get(norm(token));
    if (!record) return 0n;
    return this._effective(record, now).get(week) ?? 0n;
  }

  /** Everything ever credited in `token` (deposits and credited direct transfers). */
  totalCredited(token: string): bigint {
    return this._tokens.get(norm(token))?.totalCredited ?? 0n;
  }

  /** Everything ever claimed in `token` (paid out or relocked). */
  totalClaimed(token: string): bigint {
    return this._tokens.get(norm(token))?.totalClaimed ?? 0n;
  }

  /** The number of finished weeks of `token` with revenue to share at `now`: the dust bound's weeks. */
  weeksWithRevenue(token: string, now: bigint): bigint {
    const record = this._tokens.get(norm(token));
    if (!record) return 0n;
    let count = 0n;
    for (const [week, revenue] of this._effective(record, now)) {
      if (week < epochStart(now) && revenue !== 0n) count++;
    }
    return count;
  }

  /** Whether deposits of `token` are allowed. */
  isRewardToken(token: string): boolean {
    return this._tokens.get(norm(token))?.allowed ?? false;
  }

  // -------------------------------------------------------------------------------------------
  // Internal
  // -------------------------------------------------------------------------------------------

  private _allowed(token: string): TokenRecord {
    const record = this._tokens.get(norm(token));
    if (!record?.allowed) throw new ModelError("RevenueDistributorTokenNotAllowed", [norm(token)]);
    return record;
  }

  private _credit(record: TokenRecord, amount: bigint, now: bigint): void {
    // A lock made in a week's first second counts at the week's start: revenue received then waits a week.
    const week = epochStart(now) === now ? now + WEEK : epochStart(now);
    record.credited.set(week, (record.credited.get(week) ?? 0n) + amount);
    record.totalCredited += amount;
  }

  /** The effective revenue of every week from the token's start to the current week. */
  /** Where `account`'s first claim of a token starts (see `RevenueDistributor._firstWeek`). */
  private _firstWeek(account: string, record: TokenRecord, current: bigint): bigint {
    const first = this.escrow.lockHistory(account).find((r) => r.amount !== 0n);
    if (first === undefined) return current;
    let week = epochStart(first.from);
    if (week > record.finalizedUntil) week = record.finalizedUntil;
    return week > record.start ? week : record.start;
  }

  private _effective(record: TokenRecord, now: bigint): Map<bigint, bigint> {
    const current = epochStart(now);
    const effective = new Map<bigint, bigint>();
    let carry = 0n;
    // The week after the current one can only hold revenue received in the current week's first second.
    for (let week = record.start; week <= current + WEEK; week += WEEK) {
      const revenue = (record.credited.get(week) ?? 0n) + carry;
      carry = 0n;
      if (week < current && revenue !== 0n && this.escrow.totalSupplyAt(week) === 0n) {
        carry = revenue;
        effective.set(week, 0n);
      } else {
        effective.set(week, revenue);
      }
    }
    return effective;
  }

  private _share(account: string, effective: Map<bigint, bigint>, week: bigint): bigint {
    const revenue = effective.get(week) ?? 0n;
    if (revenue === 0n) return 0n;
    return (revenue * this.escrow.balanceOfAt(account, week)) / this.escrow.totalSupplyAt(week);
  }
}
