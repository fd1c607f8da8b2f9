/**
 * The actions of the VotingEscrow differential test (test/VotingEscrow.differential.test.ts): their types,
 * their calldata, their effect on the reference model and on a token ledger, and their random generation.
 * Kept apart from the chain-driving test so each part reads on its own.
 */
import type { Interface } from "ethers";

import {
  DEFAULT_LEVEL_THRESHOLDS,
  MAX_AMOUNT,
  MAX_LOCK,
  MIN_LOCK,
  ModelError,
  VotingEscrowModel,
  WEEK,
  ZERO_ADDRESS,
  epochStart,
} from "./VotingEscrowModel.js";
import type { Random } from "./random.js";

/** An address that never sends anything; accounts delegate to it. */
export const OUTSIDER = "0x000000000000000000000000000000000000bEEF";

// -----------------------------------------------------------------------------------------------
// Actions
// -----------------------------------------------------------------------------------------------

export type Action =
  | { kind: "createLock"; account: string; amount: bigint; unlockTime: bigint }
  | { kind: "createLockFor"; funder: string; account: string; amount: bigint; unlockTime: bigint }
  | { kind: "setLockCreator"; account: string; creator: string; allowed: boolean }
  | { kind: "increaseAmount"; account: string; amount: bigint }
  | { kind: "depositFor"; funder: string; account: string; amount: bigint }
  | { kind: "increaseUnlockTime"; account: string; unlockTime: bigint }
  | { kind: "setAutoMax"; account: string; enabled: boolean }
  | { kind: "withdraw"; account: string }
  | { kind: "delegate"; account: string; to: string }
  | { kind: "setLevelThresholds"; caller: string; thresholds: bigint[] };

export type Step = { type: "warp"; to: bigint } | { type: "block"; at: bigint; actions: Action[] };

/** Short names of the test's addresses (user1.., outsider, zero, admin) for readable failure logs. */
export const addressLabels = new Map<string, string>();

export function describeAction(a: Action): string {
  const { kind, ...rest } = a;
  const label = (x: string) => addressLabels.get(x.toLowerCase()) ?? x;
  const args = Object.entries(rest).map(([k, v]) =>
    Array.isArray(v) ? `${k}=[${v.join(",")}]` : `${k}=${typeof v === "string" ? label(v) : String(v)}`,
  );
  return `${kind}(${args.join(" ")})`;
}

/** Sender and calldata of an action. */
export function encodeAction(ve: Interface, a: Action): { from: string; data: string } {
  switch (a.kind) {
    case "createLock":
      return { from: a.account, data: ve.encodeFunctionData("createLock", [a.amount, a.unlockTime]) };
    case "createLockFor":
      return { from: a.funder, data: ve.encodeFunctionData("createLockFor", [a.account, a.amount, a.unlockTime]) };
    case "setLockCreator":
      return { from: a.account, data: ve.encodeFunctionData("setLockCreator", [a.creator, a.allowed]) };
    case "increaseAmount":
      return { from: a.account, data: ve.encodeFunctionData("increaseAmount", [a.amount]) };
    case "depositFor":
      return { from: a.funder, data: ve.encodeFunctionData("depositFor", [a.account, a.amount]) };
    case "increaseUnlockTime":
      return { from: a.account, data: ve.encodeFunctionData("increaseUnlockTime", [a.unlockTime]) };
    case "setAutoMax":
      return { from: a.account, data: ve.encodeFunctionData("setAutoMax", [a.enabled]) };
    case "withdraw":
      return { from: a.account, data: ve.encodeFunctionData("withdraw", []) };
    case "delegate":
      return { from: a.account, data: ve.encodeFunctionData("delegate", [a.to]) };
    case "setLevelThresholds":
      return { from: a.caller, data: ve.encodeFunctionData("setLevelThresholds", [a.thresholds]) };
  }
}

/** Applies an action to the model; returns the predicted custom error, or null if it must succeed. */
export function applyToModel(model: VotingEscrowModel, a: Action, now: bigint): ModelError | null {
  try {
    switch (a.kind) {
      case "createLock":
        model.createLock(a.account, a.amount, a.unlockTime, now);
        break;
      case "createLockFor":
        model.createLockFor(a.funder, a.account, a.amount, a.unlockTime, now);
        break;
      case "setLockCreator":
        model.setLockCreator(a.account, a.creator, a.allowed);
        break;
      case "increaseAmount":
        model.increaseAmount(a.account, a.amount, now);
        break;
      case "depositFor":
        model.depositFor(a.funder, a.account, a.amount, now);
        break;
      case "increaseUnlockTime":
        model.increaseUnlockTime(a.account, a.unlockTime, now);
        break;
      case "setAutoMax":
        model.setAutoMax(a.account, a.enabled, now);
        break;
      case "withdraw":
        model.withdraw(a.account, now);
        break;
      case "delegate":
        model.delegate(a.account, a.to, now);
        break;
      case "setLevelThresholds":
        model.setLevelThresholds(a.caller, a.thresholds);
        break;
    }
    return null;
  } catch (e) {
    if (e instanceof ModelError) return e;
    throw e;
  }
}

/** Token balance changes of a successful action, applied to the test's own ledger. */
export function applyToLedger(ledger: Map<string, bigint>, a: Action, lockedBefore: bigint): void {
  const add = (who: string, delta: bigint) => ledger.set(who, (ledger.get(who) ?? 0n) + delta);
  switch (a.kind) {
    case "createLock":
    case "increaseAmount":
      add(a.account, -a.amount);
      break;
    case "createLockFor":
    case "depositFor":
      add(a.funder, -a.amount);
      break;
    case "withdraw":
      add(a.account, lockedBefore);
      break;
    default:
      break;
  }
}

// -----------------------------------------------------------------------------------------------
// Random generation
// -----------------------------------------------------------------------------------------------

/** A lock amount in token base units; `unit` is one base unit in score units (1 for 18 decimals). */
export function genAmount(rng: Random, current: bigint, unit: bigint): bigint {
  const maxAmount = MAX_AMOUNT / unit;
  const k = rng.weighted({ zero: 4, tooLarge: 2, overflowSum: current > 0n ? 2 : 0, dust: 10, slopeEdge: 8, big: 74 });
  switch (k) {
    case "zero":
      return 0n;
    case "tooLarge":
      return maxAmount + rng.bigint(1n, 10n ** 6n);
    case "overflowSum":
      return maxAmount - current + 1n;
    case "dust":
      return rng.bigint(1n, 1000n);
    case "slopeEdge": {
      // Around multiples of MAX_LOCK score units, where the integer slope steps.
      const units = MAX_LOCK * rng.bigint(1n, 5n) + rng.bigint(-1n, 1n);
      return units / unit > 0n ? units / unit + rng.bigint(0n, 1n) : 1n;
    }
    default: {
      // Log-uniform between 1 and 10^7 tokens, so levels 0..10 are all reachable.
      const digits = BigInt(rng.int(18, 25));
      const units = rng.bigint(10n ** (digits - 1n), 10n ** digits);
      return units / unit > 0n ? units / unit : 1n;
    }
  }
}

export function genUnlockTime(rng: Random, now: bigint, currentEnd: bigint): bigint {
  const latestEnd = epochStart(now + MAX_LOCK);
  const k = rng.weighted({
    validExtension: currentEnd > now && currentEnd < latestEnd ? 30 : 0,
    anyValid: 30,
    weekGrid: 18,
    exactMax: 8,
    aroundMax: 8,
    tooLate: 4,
    past: 8,
    nextBoundary: 6,
    minLockEdge: 14,
    afterCurrent: currentEnd > 0n ? 14 : 0,
    zero: 2,
    huge: 2,
  });
  switch (k) {
    case "validExtension": {
      // A later week that is still allowed, at any second of that week (rounded down by the contract).
      const weeks = (latestEnd - currentEnd) / WEEK;
      return currentEnd + WEEK * rng.bigint(1n, weeks) + (rng.chance(0.5) ? 0n : rng.bigint(0n, WEEK - 1n));
    }
    case "anyValid":
      return now + rng.bigint(1n, MAX_LOCK);
    case "weekGrid":
      return epochStart(now) + WEEK * BigInt(rng.int(0, 53)) + (rng.chance(0.5) ? 0n : rng.bigint(0n, WEEK - 1n));
    case "exactMax":
      return now + MAX_LOCK;
    case "aroundMax":
      return now + MAX_LOCK + rng.bigint(-WEEK, 2n * WEEK);
    case "tooLate":
      return epochStart(now + MAX_LOCK) + WEEK;
    case "past": {
      const back = rng.bigint(0n, 3n * WEEK);
      return now > back ? now - back : 0n;
    }
    case "nextBoundary":
      return epochStart(now) + WEEK + rng.bigint(-1n, 1n);
    case "minLockEdge":
      // The shortest allowed lock and its neighbours: `end == now + MIN_LOCK` passes, one second less fails.
      return rng.chance(0.5)
        ? now + MIN_LOCK + rng.bigint(-1n, 1n)
        : epochStart(now + MIN_LOCK) + WEEK * BigInt(rng.int(0, 1)) + rng.bigint(-1n, 1n);
    case "afterCurrent":
      return currentEnd + WEEK * BigInt(rng.int(-1, 8)) + rng.bigint(0n, 2n);
    case "zero":
      return 0n;
    default:
      return 2n ** 256n - 1n;
  }
}

/** Level thresholds; `exactScore` (a score some account has when they are checked) tests the `>=` edge. */
export function genThresholds(rng: Random, exactScore: bigint): bigint[] {
  const k = rng.weighted({
    valid: 4,
    exact: exactScore > 10n ? 4 : 0,
    defaults: 2,
    wrongCount: 1,
    zeroFirst: 1,
    notAscending: 2,
  });
  const ascending = (n: number) => {
    const out: bigint[] = [];
    let x = 0n;
    for (let i = 0; i < n; i++) {
      x += rng.bigint(1n, 10n ** 24n);
      out.push(x);
    }
    return out;
  };
  switch (k) {
    case "valid":
      return ascending(10);
    case "exact": {
      const i = rng.int(0, 9);
      const below = Array.from({ length: i }, (_, j) => (exactScore * BigInt(j + 1)) / BigInt(i + 1)).filter(
        (x, j, all) => x > 0n && (j === 0 || x > all[j - 1]),
      );
      const out = [...below, exactScore];
      while (out.length < 10) out.push(out[out.length - 1] + rng.bigint(1n, 10n ** 21n));
      return out;
    }
    case "defaults":
      return [...DEFAULT_LEVEL_THRESHOLDS];
    case "wrongCount":
      return ascending(rng.pick([0, 9, 11]));
    case "zeroFirst":
      return [0n, ...ascending(9)];
    default: {
      const t = ascending(10);
      const i = rng.int(1, 9);
      t[i] = t[i - 1] - (rng.chance(0.5) ? 0n : 1n);
      return t;
    }
  }
}

export function genAction(rng: Random, model: VotingEscrowModel, now: bigint, users: string[], admin: string): Action {
  const lockCount = users.filter((u) => model.locked(u).amount !== 0n).length;
  const kind = rng.weighted({
    createLock: lockCount < 2 ? 40 : 16,
    createLockFor: 8,
    setLockCreator: 6,
    increaseAmount: 12,
    depositFor: 8,
    increaseUnlockTime: 12,
    setAutoMax: 10,
    withdraw: 10,
    delegate: 15,
    setLevelThresholds: 2,
  });
  // Mostly pick an account for which the action can succeed, so that valid actions dominate and every
  // state (locked, expired, auto-max, withdrawn) is reached; the rest of the time pick anyone.
  const withLock = users.filter((u) => model.locked(u).amount !== 0n);
  const withoutLock = users.filter((u) => model.locked(u).amount === 0n);
  // Locks that may still take tokens: auto-max, or ending at least MIN_LOCK from now.
  const active = withLock.filter((u) => model.locked(u).autoMax || model.locked(u).end >= now + MIN_LOCK);
  const expired = withLock.filter((u) => !model.locked(u).autoMax && model.locked(u).end <= now);
  const preferred =
    kind === "createLock" || kind === "createLockFor"
      ? withoutLock
      : kind === "withdraw"
        ? expired.length > 0 && rng.chance(0.7)
          ? expired
          : withLock
        : kind === "delegate" || kind === "setLevelThresholds" || kind === "setLockCreator"
          ? users
          : active;
  const pickTarget = () => (preferred.length > 0 && rng.chance(0.85) ? rng.pick(preferred) : rng.pick(users));
  const target = pickTarget();
  const account = kind === "createLockFor" || kind === "depositFor" ? rng.pick(users) : target;
  const other = () => rng.pick(users);
  const lock = model.locked(account);
  switch (kind) {
    case "createLock":
      return { kind, account, amount: genAmount(rng, 0n, model.unit), unlockTime: genUnlockTime(rng, now, 0n) };
    case "createLockFor": {
      const beneficiary = rng.chance(0.05) ? ZERO_ADDRESS : target;
      return {
        kind,
        funder: account,
        account: beneficiary,
        amount: genAmount(rng, 0n, model.unit),
        unlockTime: genUnlockTime(rng, now, 0n),
      };
    }
    case "setLockCreator": {
      const creator = rng.chance(0.05) ? ZERO_ADDRESS : other();
      return { kind, account, creator, allowed: rng.chance(0.75) };
    }
    case "increaseAmount":
      return { kind, account, amount: genAmount(rng, lock.amount, model.unit) };
    case "depositFor": {
      const beneficiary = rng.chance(0.05) ? OUTSIDER : target;
      const current = model.locked(beneficiary).amount;
      return { kind, funder: account, account: beneficiary, amount: genAmount(rng, current, model.unit) };
    }
    case "increaseUnlockTime":
      return { kind, account, unlockTime: genUnlockTime(rng, now, lock.end) };
    case "setAutoMax":
      return { kind, account, enabled: rng.chance(lock.autoMax ? 0.2 : 0.8) };
    case "withdraw":
      return { kind, account };
    case "delegate": {
      const to = rng.weighted({ other: 40, self: 25, outsider: 12, zero: 5, current: 10 });
      const target =
        to === "other"
          ? other()
          : to === "self"
            ? account
            : to === "outsider"
              ? OUTSIDER
              : to === "zero"
                ? ZERO_ADDRESS
                : model.delegates(account);
      return { kind, account, to: target };
    }
    case "setLevelThresholds":
      return {
        kind,
        caller: rng.chance(0.8) ? admin : account,
        thresholds: genThresholds(rng, model.balanceOfAt(rng.pick(users), now)),
      };
  }
}

export function genWarp(rng: Random, model: VotingEscrowModel, now: bigint, users: string[]): bigint {
  const ends = users.map((u) => model.locked(u).end).filter((e) => e > now);
  const k = rng.weighted({
    zero: 8,
    seconds: 15,
    days: 20,
    weekBoundary: 15,
    lockEnd: ends.length > 0 ? 12 : 0,
    manyWeeks: 20,
    veryFar: 3,
  });
  switch (k) {
    case "zero":
      return now;
    case "seconds":
      return now + rng.bigint(1n, 120n);
    case "days":
      return now + rng.bigint(1n, 7n * 86400n);
    case "weekBoundary":
      return epochStart(now) + WEEK * BigInt(rng.int(1, 3)) + (rng.chance(0.6) ? 0n : rng.bigint(-1n, 1n));
    case "lockEnd":
      return rng.pick(ends) + rng.bigint(-1n, 1n);
    case "manyWeeks":
      return now + WEEK * BigInt(rng.int(1, 60)) + (rng.chance(0.5) ? 0n : rng.bigint(0n, WEEK));
    default:
      return now + WEEK * BigInt(rng.int(60, 300));
  }
}

export function genStep(rng: Random, model: VotingEscrowModel, now: bigint, users: string[], admin: string): Step {
  const type = rng.weighted({ single: 60, warp: 25, multi: 15 });
  if (type === "warp") return { type: "warp", to: genWarp(rng, model, now, users) };
  const delay = rng.weighted({ same: 30, seconds: 40, hours: 30 });
  const at = now + (delay === "same" ? 0n : delay === "seconds" ? rng.bigint(1n, 15n) : rng.bigint(16n, 86400n));
  // Actions of one block are generated against the model state before the block: later ones in the block
  // may be invalidated (or validated) by earlier ones, which is part of what this tests.
  const count = type === "single" ? 1 : rng.int(2, 4);
  const actions = Array.from({ length: count }, () => genAction(rng, model, at, users, admin));
  return { type: "block", at, actions };
}
