// TEST DOUBLE of graph-node's GraphQL query API, serving the entity store of the subgraph test host
// (subgraph/tests/host) over HTTP, so that the web app's subgraph source runs end to end without graph-node.
//
// It serves the API schema graph-node derives from schema.graphql (query-schema.ts) and implements the subset
// of The Graph's query semantics the app and its tests use:
//   - collection fields: `first` (default 100, 0..1000), `skip` (0..5000), `orderBy` on a scalar field,
//     `orderDirection`, `where` with equality, `_not`, `_gt`, `_gte`, `_lt`, `_lte`, `_in`, `_not_in`,
//     `_contains` on lists, `and`/`or`, references compared by id; default order by id ascending;
//   - single-entity fields by id; references and @derivedFrom lists resolved at the same block;
//   - `block: { number }` and `block: { number_gte }` (queries answered from the store's versions at that
//     block; a block past the indexed head is an error, as in graph-node) and `_meta { block { number } }`.
// Anything else (nested `field_` filters, `orderBy: a__b`, `block: { hash }`, text search) is rejected with an
// error instead of being ignored. Values are serialised like graph-node: BigInt, BigDecimal and Int8 as
// strings, Bytes as lower-case 0x-hex, Int as numbers. It is not graph-node: no pagination cursors beyond
// these, no query cost limits, no time-travel pruning.
import { createServer, type Server } from "node:http";
import {
  type FieldNode,
  graphql,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  GraphQLError,
  type GraphQLSchema,
} from "graphql";
import { apiSchema, queryFieldNames } from "./query-schema.ts";
import { type EntityStore, type Fields, type StoreValue, toPlain } from "./host/store.ts";

type Row = { __type: string; __block: number | undefined; fields: Fields };
type Where = Record<string, unknown>;

const NUMERIC = new Set(["BigInt", "Int", "Int8", "Timestamp", "BigDecimal"]);

export interface GraphQLDouble {
  schema: GraphQLSchema;
  /** Runs one request body ({ query, variables }) against the store. */
  execute(body: { query: string; variables?: Record<string, unknown> }): Promise<unknown>;
}

export function createGraphQLDouble(store: EntityStore, subgraphSchema: string): GraphQLDouble {
  const schema = apiSchema(subgraphSchema);
  const collections = new Map<string, string>();
  const singles = new Map<string, string>();
  for (const typeName of store.types.keys()) {
    const [single, many] = queryFieldNames(typeName);
    singles.set(single, typeName);
    collections.set(many, typeName);
  }

  const fieldType = (typeName: string, field: string) => {
    const type = store.types.get(typeName)!.fields.get(field);
    if (type === undefined) throw new GraphQLError(`Type \`${typeName}\` has no field \`${field}\``);
    return type;
  };

  function blockOf(arg: unknown): number | undefined {
    if (arg === undefined || arg === null) return undefined;
    const b = arg as { number?: number; number_gte?: number; hash?: string };
    if (b.hash !== undefined) throw new GraphQLError("block: { hash } is not supported by the test double");
    const wanted = b.number ?? b.number_gte;
    if (wanted === undefined) return undefined;
    if (wanted > store.head) {
      throw new GraphQLError(
        `Failed to decode \`block.number\` value: \`subgraph has only indexed up to block number ${store.head} and data for block number ${wanted} is therefore not yet available\``,
      );
    }
    return b.number_gte !== undefined ? undefined : wanted;
  }

  /** A comparable form of a stored value: bigint for numbers, lower-case string otherwise. */
  function key(value: StoreValue | undefined): bigint | string | boolean | null {
    if (value === undefined || value.kind === "Null") return null;
    if (value.kind === "BigInt" || value.kind === "Int8" || value.kind === "Timestamp") return value.value;
    if (value.kind === "Int") return BigInt(value.value);
    if (value.kind === "Bool") return value.value;
    if (value.kind === "Bytes") return value.value.toLowerCase();
    return String(toPlain(value));
  }

  function argKey(typeName: string, field: string, value: unknown): bigint | string | boolean | null {
    if (value === null) return null;
    const base = fieldType(typeName, field).base;
    if (NUMERIC.has(base) && base !== "BigDecimal") return BigInt(value as string | number);
    if (typeof value === "boolean") return value;
    return base === "Bytes" || store.types.has(base) ? String(value).toLowerCase() : String(value);
  }

  const compare = (a: bigint | string | boolean | null, b: bigint | string | boolean | null) =>
    a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;

  function matches(typeName: string, fields: Fields, where: Where): boolean {
    for (const [name, expected] of Object.entries(where)) {
      if (name === "and" || name === "or") {
        const parts = expected as Where[];
        const results = parts.map((part) => matches(typeName, fields, part));
        if (name === "and" ? !results.every(Boolean) : !results.some(Boolean)) return false;
        continue;
      }
      if (name === "_change_block") throw new GraphQLError("_change_block is not supported by the test double");
      const match = /^(.*?)(_not_in|_in|_not_contains|_contains|_not|_gte|_gt|_lte|_lt|_)?$/.exec(name)!;
      const [, field, op = ""] = match;
      if (op === "_") throw new GraphQLError(`Nested filter ${name} is not supported by the test double`);
      const type = fieldType(typeName, field);
      if (type.derived) throw new GraphQLError(`Filtering on derived field ${name} is not supported`);
      const stored = fields.get(field);
      if (type.list) {
        const items = stored?.kind === "Array" ? stored.value.map(key) : [];
        const wanted = (expected as unknown[]).map((v) => argKey(typeName, field, v));
        const has = wanted.every((w) => items.some((i) => compare(i, w) === 0));
        const same = items.length === wanted.length && wanted.every((w, i) => compare(items[i], w) === 0);
        const ok = { "": same, _not: !same, _contains: has, _not_contains: !has }[op];
        if (ok === undefined) throw new GraphQLError(`Filter ${name} is not supported by the test double`);
        if (!ok) return false;
        continue;
      }
      const actual = key(stored);
      if (op === "_in" || op === "_not_in") {
        const found = (expected as unknown[]).some((v) => compare(actual, argKey(typeName, field, v)) === 0);
        if (found !== (op === "_in")) return false;
        continue;
      }
      if (op === "_contains" || op === "_not_contains") {
        const found = String(actual ?? "").includes(String(expected).toLowerCase());
        if (found !== (op === "_contains")) return false;
        continue;
      }
      const c = compare(actual, argKey(typeName, field, expected));
      const ok = { "": c === 0, _not: c !== 0, _gt: c > 0, _gte: c >= 0, _lt: c < 0, _lte: c <= 0 }[op]!;
      if (!ok) return false;
    }
    return true;
  }

  function collection(typeName: string, args: Record<string, unknown>, block: number | undefined, base?: Where) {
    const first = (args.first as number | undefined) ?? 100;
    const skip = (args.skip as number | undefined) ?? 0;
    if (first < 0 || first > 1000) throw new GraphQLError("The `first` argument must be between 0 and 1000");
    if (skip < 0 || skip > 5000) throw new GraphQLError("The `skip` argument must be between 0 and 5000");
    const orderBy = (args.orderBy as string | undefined) ?? "id";
    if (orderBy.includes("__")) throw new GraphQLError(`orderBy ${orderBy} is not supported by the test double`);
    const orderType = fieldType(typeName, orderBy);
    if (orderType.list || orderType.derived) throw new GraphQLError(`Cannot order by list field ${orderBy}`);
    const direction = args.orderDirection === "desc" ? -1 : 1;
    const where = { ...(base ?? {}), ...((args.where as Where | undefined) ?? {}) };
    const rows = [...store.entitiesAt(typeName, block).values()].filter((f) => matches(typeName, f, where));
    rows.sort(
      (a, b) =>
        direction * compare(key(a.get(orderBy)), key(b.get(orderBy))) || compare(key(a.get("id")), key(b.get("id"))),
    );
    return rows.slice(skip, skip + first).map((fields): Row => ({ __type: typeName, __block: block, fields }));
  }

  function load(typeName: string, id: string, block: number | undefined): Row | null {
    const entities = store.entitiesAt(typeName, block);
    const fields = entities.get(id) ?? entities.get(id.toLowerCase());
    return fields === undefined ? null : { __type: typeName, __block: block, fields };
  }

  function serialise(value: StoreValue): unknown {
    switch (value.kind) {
      case "BigInt":
      case "Int8":
      case "Timestamp":
        return value.value.toString();
      case "Array":
        return value.value.map(serialise);
      case "Null":
        return null;
      default:
        return value.value;
    }
  }

  const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, _context, info) => {
    const name = info.fieldName;
    if (source === undefined || source === null || (source as { __root?: true }).__root) {
      const block = blockOf(args.block);
      if (name === "_meta") {
        return {
          block: { number: block ?? store.head, hash: null, timestamp: null },
          deployment: "test-double",
          hasIndexingErrors: false,
        };
      }
      if (singles.has(name)) return load(singles.get(name)!, String(args.id), block);
      if (collections.has(name)) return collection(collections.get(name)!, args, block);
      throw new GraphQLError(`Unknown query field ${name}`);
    }
    if (!("__type" in (source as object))) return (source as Record<string, unknown>)[name];
    const row = source as Row;
    const type = fieldType(row.__type, name);
    if (type.derived) {
      const derivedFrom = derivedField(info);
      return collection(type.base, args, row.__block, { [derivedFrom]: String(toPlain(row.fields.get("id")!)) });
    }
    const value = row.fields.get(name);
    if (value === undefined) return null;
    if (store.types.has(type.base)) {
      if (value.kind === "Array") return value.value.map((v) => load(type.base, String(toPlain(v)), row.__block));
      return load(type.base, String(toPlain(value)), row.__block);
    }
    return serialise(value);
  };

  // The @derivedFrom field of each derived list, read once from the subgraph schema.
  const derived = new Map<string, string>();
  for (const match of subgraphSchema.matchAll(/type (\w+)[^{]*\{([^}]*)\}/g)) {
    for (const line of match[2].matchAll(/(\w+)\s*(?:\([^)]*\))?:[^\n]*@derivedFrom\(field:\s*"(\w+)"\)/g)) {
      derived.set(`${match[1]}.${line[1]}`, line[2]);
    }
  }
  function derivedField(info: GraphQLResolveInfo): string {
    const parent = info.parentType.name;
    const field = (info.fieldNodes[0] as FieldNode).name.value;
    const from = derived.get(`${parent}.${field}`);
    if (from === undefined) throw new GraphQLError(`No @derivedFrom for ${parent}.${field}`);
    return from;
  }

  return {
    schema,
    async execute({ query, variables }) {
      return graphql({ schema, source: query, variableValues: variables, rootValue: { __root: true }, fieldResolver });
    },
  };
}

/** Serves the double at http://127.0.0.1:<port>/ (POST, CORS open), counting requests. */
export async function serveGraphQL(
  double: GraphQLDouble,
  port = 0,
): Promise<{ url: string; server: Server; requests: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = createServer((req, res) => {
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-allow-headers", "content-type");
    res.setHeader("access-control-allow-methods", "POST, OPTIONS");
    if (req.method === "OPTIONS") return void res.writeHead(204).end();
    if (req.method !== "POST") return void res.writeHead(405).end();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      count++;
      void (async () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          const result = await double.execute(body);
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
        } catch (error) {
          res.writeHead(400, { "content-type": "application/json" });
          res.end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    server,
    requests: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
