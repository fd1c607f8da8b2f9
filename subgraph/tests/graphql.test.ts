// The GraphQL test double (graphql.ts) against a hand-filled entity store: the query semantics the web app
// relies on (cursor pages, filters, ordering, block pinning) and loud errors for what it does not implement.
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createGraphQLDouble, serveGraphQL } from "./graphql.ts";
import { EntityStore, type Fields, type StoreValue } from "./host/store.ts";

const SUBGRAPH = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SCHEMA_FILE = join(SUBGRAPH, "schema.graphql");
const SCHEMA = readFileSync(SCHEMA_FILE, "utf8");

// The web app's subgraph source, loaded by path: it is typed by web/tsconfig.json (bundler resolution), not by
// this project's node16 settings. Only what this test calls is declared here.
type SubgraphSource = {
  stakers(): Promise<{ account: string }[]>;
  totals(): Promise<{ stakerCount: number; totalLocked: bigint }>;
};
const WEB_SOURCE = pathToFileURL(join(SUBGRAPH, "..", "web", "src", "data", "subgraphSource.ts")).href;
const { createSubgraphSource } = (await import(WEB_SOURCE)) as {
  createSubgraphSource(url: string, headBlock: () => Promise<bigint>): SubgraphSource;
};

const big = (value: bigint): StoreValue => ({ kind: "BigInt", value });
const bytes = (value: string): StoreValue => ({ kind: "Bytes", value });
const int = (value: number): StoreValue => ({ kind: "Int", value });
const bool = (value: boolean): StoreValue => ({ kind: "Bool", value });
const address = (i: number) => `0x${i.toString(16).padStart(40, "0")}`;

const ACCOUNT_DEFAULTS = new Map<string, StoreValue>();
const ACCOUNT_FIELDS = new Set(["id", "lockAmount", "lockEnd", "autoMax", "delegate"]);

function account(i: number, lockAmount: bigint): Fields {
  const id = address(i);
  return new Map<string, StoreValue>([
    ...ACCOUNT_DEFAULTS,
    ["id", bytes(id)],
    ["lockAmount", big(lockAmount)],
    ["lockEnd", big(0n)],
    ["autoMax", bool(true)],
    ["delegate", bytes(id)],
  ]);
}

describe("GraphQL test double (The Graph's query API over the test host's store)", function () {
  const store = new EntityStore(SCHEMA_FILE);
  // Fields the test does not care about get zero values, so that the schema can grow without touching it.
  const zero: Record<string, StoreValue> = { BigInt: big(0n), Int: int(0), Boolean: bool(false), Bytes: bytes("0x") };
  for (const [name, type] of store.types.get("Account")!.fields) {
    if (!type.nonNull || type.derived || type.list || ACCOUNT_FIELDS.has(name)) continue;
    if (!(type.base in zero)) throw new Error(`Account.${name}: no zero value for ${type.base}`);
    ACCOUNT_DEFAULTS.set(name, zero[type.base]);
  }
  // Block 10: 2,500 holders; block 20: 500 more and holder 1 withdraws.
  store.block = 10;
  for (let i = 1; i <= 2_500; i++) store.set("Account", address(i), account(i, BigInt(i)));
  store.block = 20;
  for (let i = 2_501; i <= 3_000; i++) store.set("Account", address(i), account(i, BigInt(i)));
  store.set("Account", address(1), new Map([["lockAmount", big(0n)]]));
  store.head = 25;
  const double = createGraphQLDouble(store, SCHEMA);
  const run = async (query: string, variables: Record<string, unknown> = {}) =>
    (await double.execute({ query, variables })) as { data?: Record<string, unknown>; errors?: { message: string }[] };

  it("test_PagesByIdCursorAndFilters", async function () {
    const page = await run(
      `{ accounts(first: 3, where: { lockAmount_gt: "0", id_gt: "${address(1_000)}" }, orderBy: id) { id lockAmount autoMax } }`,
    );
    expect(page.errors).to.equal(undefined);
    expect(page.data!.accounts).to.deep.equal([
      { id: address(1_001), lockAmount: "1001", autoMax: true },
      { id: address(1_002), lockAmount: "1002", autoMax: true },
      { id: address(1_003), lockAmount: "1003", autoMax: true },
    ]);
    const desc = await run(`{ accounts(first: 2, orderBy: lockAmount, orderDirection: desc) { id } }`);
    expect(desc.data!.accounts).to.deep.equal([{ id: address(3_000) }, { id: address(2_999) }]);
    const some = await run(
      `{ accounts(where: { or: [{ id_in: ["${address(5)}", "${address(7)}"] }, { lockAmount_lte: "2" }] }) { id } }`,
    );
    expect((some.data!.accounts as { id: string }[]).map((a) => a.id)).to.deep.equal([
      address(1),
      address(2),
      address(5),
      address(7),
    ]);
  });

  it("test_AnswersAtAPastBlock", async function () {
    const at10 = await run(
      `{ _meta(block: { number: 10 }) { block { number } } accounts(first: 1000, where: { lockAmount_gt: "0", id_gt: "0x" }, block: { number: 10 }) { id } }`,
    );
    expect((at10.data!._meta as { block: { number: number } }).block.number).to.equal(10);
    expect((at10.data!.accounts as unknown[]).length).to.equal(1000);
    expect((at10.data!.accounts as { id: string }[])[0].id).to.equal(address(1)); // not yet withdrawn at 10
    const now = await run(`{ _meta { block { number } } accounts(first: 1, where: { lockAmount_gt: "0" }) { id } }`);
    expect((now.data!._meta as { block: { number: number } }).block.number).to.equal(25);
    expect((now.data!.accounts as { id: string }[])[0].id).to.equal(address(2));
  });

  it("test_RejectsWhatItDoesNotImplement", async function () {
    const errors = async (query: string) => ((await run(query)).errors ?? []).map((e) => e.message).join("; ");
    expect(await errors(`{ accounts(first: 1001) { id } }`)).to.include("between 0 and 1000");
    expect(await errors(`{ accounts(skip: 5001) { id } }`)).to.include("between 0 and 5000");
    expect(await errors(`{ accounts(block: { number: 26 }) { id } }`)).to.include("only indexed up to block number 25");
    expect(await errors(`{ accounts(orderBy: delegate__lockAmount) { id } }`)).to.include("not supported");
    expect(await errors(`{ accounts(where: { delegate_: { autoMax: true } }) { id } }`)).to.include("not supported");
  });

  it("test_TheAppsSubgraphSourceReadsEveryHolderOverHttp", async function () {
    const served = await serveGraphQL(double);
    try {
      const source = createSubgraphSource(served.url, async () => 25n);
      const stakers = await source.stakers();
      // 3,000 holders minus the withdrawn one, in ceil(2,999 / 1,000) = 3 requests pinned to block 25.
      expect(stakers.length).to.equal(2_999);
      expect(new Set(stakers.map((s) => s.account)).size).to.equal(2_999);
      expect(stakers.find((s) => s.account === address(1))).to.equal(undefined);
      expect(served.requests()).to.equal(3);
      // Aggregates come from the Protocol singleton; there is none in this store, so nothing is locked.
      expect(await source.totals()).to.deep.equal({ stakerCount: 0, totalLocked: 0n });
    } finally {
      await served.close();
    }
  });
});
