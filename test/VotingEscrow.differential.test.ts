/**
 * Differential test: random action sequences run against the deployed VotingEscrow and against the
 * independent reference model in test/model/VotingEscrowModel.ts, compared exactly after every step.
 *
 * Actions: createLock, createLockFor (with and without the account's consent), setLockCreator, increaseAmount,
 * depositFor, increaseUnlockTime (unlock times around `now + MIN_LOCK` included), setAutoMax on/off,
 * withdraw, delegate (to others, to an outside address, back to self, to zero), setLevelThresholds, and time
 * warps (0 s, seconds, days, exact week boundaries and lock ends, up to 300 weeks). Some steps put 2-4
 * transactions in one block (automine off). Every transaction runs at a timestamp chosen by the test
 * (evm_setNextBlockTimestamp), so the model knows the exact `now` of each action. Invalid actions are
 * generated on purpose: the contract must revert with exactly the custom error (name and arguments) the
 * model predicts, and valid actions must succeed (within 3M gas each).
 *
 * After every step: balanceOf, locked, getVotes, delegates of every account, totalSupply, clock, the escrow's
 * token balance, a level, the sum of all votes == totalSupply; at a past timepoint (re-read later, so a
 * changed past value is caught both against the model and against its first read) balanceOfAt,
 * getPastVotes, totalSupplyAt, getPastTotalSupply; at a future one balanceOfAt and totalSupplyAt. The last
 * step of a sequence sweeps timepoints across the whole sequence, token balances, far-future projections and
 * the ERC5805FutureLookup reverts. One sequence in five locks a 6-decimal token, so scores are 10^12 times
 * the locked base units (docs/spec.md §2: scores are in 18-decimal units).
 *
 * Run (about 2 minutes for the default 500 sequences):
 *   npx -y -p node@22.23.3 -c 'node_modules/.bin/hardhat test mocha test/VotingEscrow.differential.test.ts'
 * Environment: DIFF_SEED sets the seed of the first sequence (sequence k uses DIFF_SEED + k), DIFF_SEQUENCES
 * the count, DIFF_STATS=1 prints how often each action succeeded or failed with each error. A failure prints
 * its seed, the step, every mismatch and the steps so far; `DIFF_SEED=<seed> DIFF_SEQUENCES=1` replays it.
 */
import { expect } from "chai";
import type { BaseContract, Interface } from "ethers";
import { network } from "hardhat";

import { ModelError, VotingEscrowModel, WEEK, ZERO_ADDRESS, epochStart } from "./model/VotingEscrowModel.js";
import { Random, parseSeed } from "./model/random.js";
import {
  OUTSIDER,
  addressLabels,
  applyToLedger,
  applyToModel,
  describeAction,
  encodeAction,
  genStep,
  type Action,
  type Step,
} from "./model/escrowActions.js";

// Blocks that share a timestamp are how several actions "in the same second" are reproduced across blocks.
const { ethers, networkHelpers, provider } = await network.create({
  override: { allowBlocksWithSameTimestamp: true },
});

const BASE_SEED = process.env.DIFF_SEED !== undefined ? parseSeed(process.env.DIFF_SEED) : 0x10c5_7e9;
const SEQUENCES = process.env.DIFF_SEQUENCES !== undefined ? Number(process.env.DIFF_SEQUENCES) : 500;
const SEQUENCES_PER_TEST = 25;
/** DIFF_STATS=1 prints how often each action succeeded or reverted with each error (coverage check). */
const PRINT_STATS = process.env.DIFF_STATS === "1";
const outcomeStats = new Map<string, number>();
const ACCOUNT_COUNT = 4;
const USER_FUNDS = 10n ** 33n;
const TX_GAS = "0x2dc6c0"; // 3,000,000: explicit, so no gas estimation runs against a guessed timestamp
/**
 * Every sequence starts at this block timestamp, whatever the wall clock, so that a seed reproduces the
 * exact same timestamps (and week alignment) on every run. Far ahead of any real clock.
 */
const START_TIME = 4_000_000_000n;

// -----------------------------------------------------------------------------------------------
// Chain helpers (raw JSON-RPC: several times faster than contract wrappers, which matters here)
// -----------------------------------------------------------------------------------------------

async function rpc<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
  return (await provider.request({ method, params })) as T;
}

function toQuantity(x: bigint): string {
  return "0x" + x.toString(16);
}

interface Revert {
  name: string;
  args: unknown[];
}

function decodeRevert(ifaces: Interface[], data: string | undefined): Revert {
  if (data === undefined || data === "0x" || data === "") return { name: "<empty revert>", args: [] };
  const hex = data.startsWith("0x") ? data : "0x" + data;
  for (const iface of ifaces) {
    const parsed = iface.parseError(hex);
    if (parsed !== null) return { name: parsed.name, args: [...parsed.args] };
  }
  return { name: `<unknown revert ${hex.slice(0, 10)}>`, args: [] };
}

function normalizeArg(x: unknown): string {
  return typeof x === "string" ? x.toLowerCase() : String(x);
}

function sameRevert(expected: ModelError, actual: Revert): boolean {
  return (
    expected.errorName === actual.name &&
    expected.args.length === actual.args.length &&
    expected.args.every((a, i) => normalizeArg(a) === normalizeArg(actual.args[i]))
  );
}

function formatRevert(r: Revert): string {
  return `${r.name}(${r.args.map(normalizeArg).join(", ")})`;
}

/** Outcome of one sent transaction: null on success, else the decoded revert. */
type Outcome = Revert | null;

// -----------------------------------------------------------------------------------------------
// The test
// -----------------------------------------------------------------------------------------------

// Hand-computed examples from docs/spec.md §2-§4, so the model is anchored to the spec and not only to the contract.
describe("VotingEscrow differential (reference model vs contract)", function () {
  /** One escrow over an 18-decimal token and one over a 6-decimal token, funded alike, from one snapshot. */
  async function deployFixture() {
    const signers = await ethers.getSigners();
    const admin = signers[0];
    await rpc("evm_setNextBlockTimestamp", [toQuantity(START_TIME - 1000n)]);
    const users = signers.slice(1, 1 + ACCOUNT_COUNT);
    const deploy = async (decimals: number) => {
      let token;
      if (decimals === 18) {
        token = await ethers.deployContract("GovernanceToken", ["Lockstep", "LOCK", admin.address, 10n ** 40n]);
      } else {
        const dec = await ethers.deployContract("DecimalsToken", [decimals]);
        await dec.mint(admin.address, 10n ** 40n);
        token = dec;
      }
      const ve = await ethers.deployContract("VotingEscrow", [await token.getAddress(), admin.address]);
      const veAddress = await ve.getAddress();
      for (const user of users) {
        await token.transfer(user.address, USER_FUNDS);
        await token.connect(user).approve(veAddress, ethers.MaxUint256);
      }
      return {
        decimals,
        token,
        ve,
        veAddress,
        tokenAddress: await token.getAddress(),
        admin: admin.address.toLowerCase(),
        users: users.map((u) => u.address.toLowerCase()),
      };
    };
    const systems = [await deploy(18), await deploy(6)];
    // The setup blocks above follow the wall clock after START_TIME - 1000; pin the final one.
    await rpc("evm_setNextBlockTimestamp", [toQuantity(START_TIME)]);
    await rpc("evm_mine");
    addressLabels.set(admin.address.toLowerCase(), "admin");
    addressLabels.set(OUTSIDER.toLowerCase(), "outsider");
    addressLabels.set(ZERO_ADDRESS, "zero");
    users.forEach((u, i) => addressLabels.set(u.address.toLowerCase(), `user${i + 1}(${u.address.slice(0, 6)})`));
    return systems;
  }

  type Fixture = Awaited<ReturnType<typeof deployFixture>>[number];

  async function runSequence(seed: number): Promise<number> {
    const systems = await networkHelpers.loadFixture(deployFixture);
    const f: Fixture = seed % 5 === 0 ? systems[1] : systems[0];
    const veIface = f.ve.interface;
    const tokenIface = f.token.interface;
    const rng = new Random(seed);
    const model = new VotingEscrowModel(f.admin, f.decimals);
    const tracked = [...f.users, OUTSIDER.toLowerCase()];
    const ledger = new Map<string, bigint>(f.users.map((u) => [u, USER_FUNDS]));
    const timepoints = new Set<bigint>();
    const observedPast = new Map<string, string>();
    const log: string[] = [];
    let checks = 0;

    const latestTimestamp = async () =>
      BigInt((await rpc<{ timestamp: string }>("eth_getBlockByNumber", ["latest", false])).timestamp);

    const call = async (contract: BaseContract, address: string, fn: string, args: unknown[]) => {
      const data = contract.interface.encodeFunctionData(fn, args);
      const ret = await rpc<string>("eth_call", [{ to: address, data }, "latest"]);
      return contract.interface.decodeFunctionResult(fn, ret);
    };
    const veCall = async (fn: string, ...args: unknown[]) => (await call(f.ve, f.veAddress, fn, args))[0] as bigint;
    const veRevertOf = async (fn: string, ...args: unknown[]): Promise<Outcome> => {
      try {
        await call(f.ve, f.veAddress, fn, args);
        return null;
      } catch (e) {
        const data = (e as { data?: string }).data;
        if (data === undefined) throw e;
        return decodeRevert([veIface], data);
      }
    };

    let now = await latestTimestamp();
    expect(now, "sequence start time").to.equal(START_TIME);

    /** Mines `actions` in one block at timestamp `at`; returns their outcomes in block order. */
    const mineBlock = async (at: bigint, actions: Action[]): Promise<{ action: Action; outcome: Outcome }[]> => {
      const txs = actions.map((a) => ({ action: a, ...encodeAction(veIface, a) }));
      if (txs.length === 1) {
        await rpc("evm_setNextBlockTimestamp", [toQuantity(at)]);
        let outcome: Outcome = null;
        try {
          await rpc("eth_sendTransaction", [{ from: txs[0].from, to: f.veAddress, data: txs[0].data, gas: TX_GAS }]);
        } catch (e) {
          const data = (e as { data?: string }).data;
          if (data === undefined) throw e;
          outcome = decodeRevert([veIface, tokenIface], data);
        }
        return [{ action: txs[0].action, outcome }];
      }
      await rpc("evm_setAutomine", [false]);
      const hashes: string[] = [];
      try {
        for (const tx of txs) {
          hashes.push(
            await rpc<string>("eth_sendTransaction", [{ from: tx.from, to: f.veAddress, data: tx.data, gas: TX_GAS }]),
          );
        }
        await rpc("evm_setNextBlockTimestamp", [toQuantity(at)]);
        await rpc("evm_mine");
      } finally {
        await rpc("evm_setAutomine", [true]);
      }
      const results: { action: Action; outcome: Outcome; index: number }[] = [];
      let blockNumber: string | undefined;
      for (let i = 0; i < txs.length; i++) {
        const receipt = await rpc<{ status: string; transactionIndex: string; blockNumber: string }>(
          "eth_getTransactionReceipt",
          [hashes[i]],
        );
        expect(receipt, `receipt of ${describeAction(txs[i].action)}`).to.not.equal(null);
        if (blockNumber === undefined) blockNumber = receipt.blockNumber;
        expect(receipt.blockNumber, "all actions of a step are mined in one block").to.equal(blockNumber);
        let outcome: Outcome = null;
        if (BigInt(receipt.status) !== 1n) {
          const trace = await rpc<{ returnValue: string }>("debug_traceTransaction", [
            hashes[i],
            { disableStorage: true, disableStack: true, disableMemory: true },
          ]);
          outcome = decodeRevert([veIface, tokenIface], trace.returnValue);
        }
        results.push({ action: txs[i].action, outcome, index: Number(BigInt(receipt.transactionIndex)) });
      }
      return results.sort((a, b) => a.index - b.index);
    };

    /** Compares every view against the model at the current block; `final` sweeps all recorded timepoints. */
    let thresholdsChanged = false;
    const checkAll = async (final: boolean) => {
      const mismatches: string[] = [];
      const eq = (what: string, actual: unknown, expected: unknown) => {
        checks++;
        if (normalizeArg(actual) !== normalizeArg(expected)) {
          mismatches.push(`${what}: contract ${normalizeArg(actual)}, model ${normalizeArg(expected)}`);
        }
      };
      /** An invariant between two values read from the contract (no model involved). */
      const holds = (what: string, left: bigint, right: bigint, leftName: string, rightName: string) => {
        checks++;
        if (left !== right) mismatches.push(`${what} violated: ${leftName} ${left}, ${rightName} ${right}`);
      };
      const past = [...timepoints].filter((t) => t < now).sort((a, b) => (a < b ? -1 : 1));
      // Per step one past timepoint (usually the previous block's) keeps the run fast; the last step of a
      // sequence sweeps timepoints spread over the whole sequence, re-reading values first read long before.
      let pastSample: bigint[];
      if (final) {
        const stride = Math.max(1, Math.ceil(past.length / 6));
        pastSample = past.filter((_, i) => i % stride === 0 || i === past.length - 1);
      } else {
        pastSample = past.length === 0 ? [] : [rng.chance(0.6) ? past[past.length - 1] : rng.pick(past)];
      }
      const future = now + (rng.chance(0.5) ? rng.bigint(1n, 60n * WEEK) : WEEK * BigInt(rng.int(1, 53)));
      const futurePoint = rng.chance(0.5) ? future : epochStart(future);
      const futureAccounts = final ? tracked : [rng.pick(tracked)];
      // Right after new thresholds, every account's level is compared (exact-threshold edges); else one.
      const levelAccounts = thresholdsChanged ? tracked : [rng.pick(tracked)];
      const levelAccount = rng.pick(tracked);
      const levelTime = rng.pick([now, futurePoint, ...pastSample]);

      const [clock, totalSupply, escrowBalance, perAccount, perPast, futureValues, levelOf, levelAt] =
        await Promise.all([
          veCall("clock"),
          veCall("totalSupply"),
          call(f.token, f.tokenAddress, "balanceOf", [f.veAddress]).then((r) => r[0] as bigint),
          Promise.all(
            tracked.map(async (a) =>
              Promise.all([
                veCall("balanceOf", a),
                call(f.ve, f.veAddress, "locked", [a]),
                veCall("getVotes", a),
                call(f.ve, f.veAddress, "delegates", [a]).then((r) => r[0] as string),
                final && ledger.has(a)
                  ? call(f.token, f.tokenAddress, "balanceOf", [a]).then((r) => r[0] as bigint)
                  : 0n,
              ]),
            ),
          ),
          Promise.all(
            pastSample.map(async (t) =>
              Promise.all([
                veCall("totalSupplyAt", t),
                veCall("getPastTotalSupply", t),
                Promise.all(tracked.map((a) => veCall("balanceOfAt", a, t))),
                Promise.all(tracked.map((a) => veCall("getPastVotes", a, t))),
              ]),
            ),
          ),
          Promise.all([
            veCall("totalSupplyAt", futurePoint),
            ...futureAccounts.map((a) => veCall("balanceOfAt", a, futurePoint)),
          ]),
          Promise.all(levelAccounts.map((a) => veCall("levelOf", a))),
          veCall("levelAt", levelAccount, levelTime),
        ]);

      eq("clock()", clock, now);
      eq("totalSupply()", totalSupply, model.totalSupplyAt(now));
      eq("token.balanceOf(escrow)", escrowBalance, model.totalLocked());
      let votesSum = 0n;
      tracked.forEach((a, i) => {
        const [balance, locked, votes, delegatee, tokenBalance] = perAccount[i];
        const m = model.locked(a);
        eq(`balanceOf(${a})`, balance, model.balanceOfAt(a, now));
        eq(`locked(${a}).amount`, locked[0], m.amount);
        eq(`locked(${a}).end`, locked[1], m.end);
        eq(`locked(${a}).autoMax`, locked[2], m.autoMax);
        eq(`getVotes(${a})`, votes, model.getVotesAt(a, now));
        eq(`delegates(${a})`, delegatee, model.delegates(a));
        if (final && ledger.has(a)) eq(`token.balanceOf(${a})`, tokenBalance, ledger.get(a));
        votesSum += votes;
      });
      holds("sum of getVotes == totalSupply()", votesSum, totalSupply, "sum", "totalSupply");

      pastSample.forEach((t, j) => {
        const [supplyAt, pastSupply, balances, votes] = perPast[j];
        const remember = (what: string, value: bigint) => {
          const before = observedPast.get(what);
          if (before !== undefined) holds(`${what} unchanged`, value, BigInt(before), "now", "first read");
          else observedPast.set(what, value.toString());
        };
        eq(`totalSupplyAt(${t})`, supplyAt, model.totalSupplyAt(t));
        eq(`getPastTotalSupply(${t})`, pastSupply, model.totalSupplyAt(t));
        remember(`totalSupplyAt(${t})`, supplyAt);
        remember(`getPastTotalSupply(${t})`, pastSupply);
        let sum = 0n;
        tracked.forEach((a, i) => {
          eq(`balanceOfAt(${a}, ${t})`, balances[i], model.balanceOfAt(a, t));
          eq(`getPastVotes(${a}, ${t})`, votes[i], model.getVotesAt(a, t));
          remember(`balanceOfAt(${a}, ${t})`, balances[i]);
          remember(`getPastVotes(${a}, ${t})`, votes[i]);
          sum += votes[i];
        });
        holds(`sum of getPastVotes(., ${t}) == getPastTotalSupply(${t})`, sum, pastSupply, "sum", "total");
      });

      eq(`totalSupplyAt(${futurePoint}) [future]`, futureValues[0], model.totalSupplyAt(futurePoint));
      futureAccounts.forEach((a, i) =>
        eq(`balanceOfAt(${a}, ${futurePoint}) [future]`, futureValues[i + 1], model.balanceOfAt(a, futurePoint)),
      );
      levelAccounts.forEach((a, i) => eq(`levelOf(${a})`, levelOf[i], BigInt(model.levelAt(a, now))));
      eq(`levelAt(${levelAccount}, ${levelTime})`, levelAt, BigInt(model.levelAt(levelAccount, levelTime)));

      if (final) {
        const futureLookup = await veRevertOf("getPastVotes", f.users[0], now);
        eq(
          "getPastVotes(now) reverts",
          futureLookup === null ? "success" : formatRevert(futureLookup),
          `ERC5805FutureLookup(${now}, ${now})`,
        );
        const supplyLookup = await veRevertOf("getPastTotalSupply", now + 1n);
        eq(
          "getPastTotalSupply(now + 1) reverts",
          supplyLookup === null ? "success" : formatRevert(supplyLookup),
          `ERC5805FutureLookup(${now + 1n}, ${now})`,
        );
        // Far-future projections: only auto-max scores remain, whatever the size of the timestamp.
        for (const t of [2n ** 48n, 2n ** 256n - 1n]) {
          const [supply, ...balances] = await Promise.all([
            veCall("totalSupplyAt", t),
            ...tracked.map((a) => veCall("balanceOfAt", a, t)),
          ]);
          eq(`totalSupplyAt(${t}) [far future]`, supply, model.totalSupplyAt(t));
          tracked.forEach((a, i) => eq(`balanceOfAt(${a}, ${t}) [far future]`, balances[i], model.balanceOfAt(a, t)));
        }
      }
      if (mismatches.length > 0) throw new Error(mismatches.join("\n"));
    };

    const recordTimepoints = () => {
      for (const t of [now, now - 1n, epochStart(now), epochStart(now) - 1n]) timepoints.add(t);
      for (const u of f.users) {
        const end = model.locked(u).end;
        if (end > 0n) for (const t of [end - 1n, end, end + 1n]) timepoints.add(t);
      }
    };

    // Start each sequence at a random offset in the week, so the week grid is hit at varied distances.
    const steps: Step[] = [{ type: "warp", to: now + rng.bigint(1n, 2n * WEEK) }];
    // Mostly short sequences over all accounts; a few long ones where two accounts do everything, so that
    // their lock and delegation histories grow past the lookups' fast paths (more than 5 entries).
    const long = rng.chance(0.1);
    const stepCount = long ? rng.int(30, 40) : rng.int(8, 15);
    const actors = long ? f.users.slice(0, 2) : f.users;
    for (let i = 0; i <= stepCount; i++) {
      const step = i < steps.length ? steps[i] : genStep(rng, model, now, actors, f.admin);
      try {
        if (step.type === "warp") {
          log.push(`#${i} warp +${step.to - now}s -> ${step.to}`);
          await rpc("evm_setNextBlockTimestamp", [toQuantity(step.to)]);
          await rpc("evm_mine");
          now = step.to;
        } else {
          log.push(`#${i} block at ${step.at} (+${step.at - now}s): ${step.actions.map(describeAction).join("; ")}`);
          const results = await mineBlock(step.at, step.actions);
          now = step.at;
          for (const { action, outcome } of results) {
            const lockedBefore = action.kind === "withdraw" ? model.locked(action.account).amount : 0n;
            const expected = applyToModel(model, action, now);
            const what = describeAction(action);
            if (expected === null && outcome !== null) {
              throw new Error(`${what}: model expects success, contract reverted ${formatRevert(outcome)}`);
            }
            if (expected !== null && outcome === null) {
              throw new Error(`${what}: model expects revert ${expected.message}, contract succeeded`);
            }
            if (expected !== null && outcome !== null && !sameRevert(expected, outcome)) {
              throw new Error(`${what}: model expects ${expected.message}, contract reverted ${formatRevert(outcome)}`);
            }
            if (expected === null) applyToLedger(ledger, action, lockedBefore);
            if (expected === null && action.kind === "setLevelThresholds") thresholdsChanged = true;
            const key = `${action.kind} ${expected === null ? "ok" : expected.errorName}${results.length > 1 ? " [multi]" : ""}`;
            outcomeStats.set(key, (outcomeStats.get(key) ?? 0) + 1);
          }
        }
        expect(await latestTimestamp(), "block timestamp").to.equal(now);
        await checkAll(i === stepCount);
        thresholdsChanged = false;
        recordTimepoints();
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        throw new Error(
          `differential mismatch, seed=${seed} step=#${i}\n` +
            `reproduce: DIFF_SEED=${seed} DIFF_SEQUENCES=1\n${message}\nsteps so far:\n  ${log.join("\n  ")}`,
        );
      }
    }
    return checks;
  }

  after(function () {
    if (!PRINT_STATS) return;
    const rows = [...outcomeStats.entries()].sort(([a], [b]) => a.localeCompare(b));
    console.log(rows.map(([k, n]) => `${String(n).padStart(6)}  ${k}`).join("\n"));
  });

  const chunks = Math.ceil(SEQUENCES / SEQUENCES_PER_TEST);
  for (let c = 0; c < chunks; c++) {
    const first = c * SEQUENCES_PER_TEST;
    const count = Math.min(SEQUENCES_PER_TEST, SEQUENCES - first);
    const seeds = Array.from({ length: count }, (_, k) => (BASE_SEED + first + k) >>> 0);
    it(`test_Differential_MatchesTheModel_Seeds${seeds[0]}To${seeds[seeds.length - 1]}`, async function () {
      this.timeout(600_000);
      let checks = 0;
      for (const seed of seeds) checks += await runSequence(seed);
      // Every sequence compares many values; a run that compared nothing would be a broken harness.
      expect(checks).to.be.greaterThan(count * 100);
    });
  }
});
