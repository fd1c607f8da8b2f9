// Builds the GraphQL schema graph-node serves for a subgraph schema (its "API schema"), following graph-node's
// conventions (graph/src/schema/api.rs): per entity type a single-entity field and a collection field with
// `skip`, `first`, `orderBy`, `orderDirection`, `where`, `block` and `subgraphError`; `<Type>_filter` inputs
// with the comparison suffixes; `<Type>_orderBy` enums with nested `field__child` values; `_meta`.
import {
  buildASTSchema,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  type TypeNode,
} from "graphql";

const ORDERED = new Set(["ID", "String", "Int", "BigInt", "BigDecimal", "Bytes", "Int8", "Timestamp"]);
const STRING_OPS = [
  "contains",
  "contains_nocase",
  "not_contains",
  "not_contains_nocase",
  "starts_with",
  "starts_with_nocase",
  "not_starts_with",
  "not_starts_with_nocase",
  "ends_with",
  "ends_with_nocase",
  "not_ends_with",
  "not_ends_with_nocase",
];

interface Field {
  name: string;
  base: string;
  list: boolean;
  nonNull: boolean;
  derived: boolean;
}

/** The named type under a field type and whether it is a list and non-null (one level of list). */
export function unwrap(node: TypeNode): { base: string; list: boolean; nonNull: boolean } {
  let type = node;
  let nonNull = false;
  let list = false;
  if (type.kind === Kind.NON_NULL_TYPE) {
    nonNull = true;
    type = type.type;
  }
  if (type.kind === Kind.LIST_TYPE) {
    list = true;
    type = type.type;
    if (type.kind === Kind.NON_NULL_TYPE) type = type.type;
  }
  if (type.kind !== Kind.NAMED_TYPE) throw new Error("nested lists are not supported");
  return { base: type.name.value, list, nonNull };
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** English plural as graph-node's inflector makes it for the type names of this subgraph. */
export function plural(name: string): string {
  if (/[^s]s$/.test(name)) return name; // already plural (e.g. AccountTokenClaims)
  if (/[^aeiou]y$/.test(name)) return name.slice(0, -1) + "ies";
  if (/(s|x|z|ch|sh)$/.test(name)) return name + "es";
  return name + "s";
}

/** The query field names of an entity type: `[single, collection]`. */
export function queryFieldNames(typeName: string): [string, string] {
  const single = lowerFirst(typeName);
  const many = lowerFirst(plural(typeName));
  return [single, many === single ? `${single}_collection` : many];
}

/** The API schema (SDL) graph-node serves for `subgraphSchema` (the text of schema.graphql). */
export function apiSchemaSDL(subgraphSchema: string): string {
  const document = parse(subgraphSchema);
  const entities = new Map<string, Field[]>();
  const enums = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      enums.set(
        definition.name.value,
        (definition.values ?? []).map((v) => v.name.value),
      );
    }
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION && isEntity(definition)) {
      entities.set(definition.name.value, (definition.fields ?? []).map(toField));
    }
  }

  const isEntityType = (base: string) => entities.has(base);
  const scalarOf = (field: Field) => (isEntityType(field.base) ? "String" : field.base);
  const out: string[] = [];

  out.push(`
scalar BigInt
scalar BigDecimal
scalar Bytes
scalar Int8
scalar Timestamp
enum OrderDirection { asc desc }
enum _SubgraphErrorPolicy_ { allow deny }
input Block_height { hash: Bytes number: Int number_gte: Int }
input BlockChangedFilter { number_gte: Int! }
type _Block_ { hash: Bytes number: Int! timestamp: Int parentHash: Bytes }
type _Meta_ { block: _Block_! deployment: String! hasIndexingErrors: Boolean! }`);

  for (const [name, values] of enums) out.push(`enum ${name} { ${values.join(" ")} }`);

  const query: string[] = ["_meta(block: Block_height): _Meta_"];
  for (const [typeName, fields] of entities) {
    // Object type: list fields of entities take collection arguments.
    const objectFields = fields.map((field) => {
      const type = renderType(field);
      if (field.list && isEntityType(field.base)) {
        return `${field.name}(skip: Int = 0, first: Int = 100, orderBy: ${field.base}_orderBy, orderDirection: OrderDirection, where: ${field.base}_filter): ${type}`;
      }
      return `${field.name}: ${type}`;
    });
    out.push(`type ${typeName} { ${objectFields.join("\n  ")} }`);

    // Filter input.
    const filters: string[] = [];
    for (const field of fields) {
      const f = field.name;
      if (field.derived) {
        filters.push(`${f}_: ${field.base}_filter`);
        continue;
      }
      const scalar = scalarOf(field);
      if (field.list) {
        for (const op of ["", "_not", "_contains", "_contains_nocase", "_not_contains", "_not_contains_nocase"]) {
          filters.push(`${f}${op}: [${scalar}!]`);
        }
        if (isEntityType(field.base)) filters.push(`${f}_: ${field.base}_filter`);
        continue;
      }
      filters.push(`${f}: ${scalar}`, `${f}_not: ${scalar}`);
      if (ORDERED.has(scalar)) {
        for (const op of ["gt", "lt", "gte", "lte"]) filters.push(`${f}_${op}: ${scalar}`);
      }
      filters.push(`${f}_in: [${scalar}!]`, `${f}_not_in: [${scalar}!]`);
      if (scalar === "String") for (const op of STRING_OPS) filters.push(`${f}_${op}: String`);
      if (scalar === "Bytes") filters.push(`${f}_contains: Bytes`, `${f}_not_contains: Bytes`);
      if (isEntityType(field.base)) filters.push(`${f}_: ${field.base}_filter`);
    }
    filters.push("_change_block: BlockChangedFilter", `and: [${typeName}_filter]`, `or: [${typeName}_filter]`);
    out.push(`input ${typeName}_filter { ${filters.join("\n  ")} }`);

    // Order-by enum, with one level of nested ordering through single references.
    const orderBy: string[] = [];
    for (const field of fields) {
      orderBy.push(field.name);
      if (!field.list && isEntityType(field.base)) {
        for (const child of entities.get(field.base)!) {
          if (!child.list && !child.derived && !isEntityType(child.base)) orderBy.push(`${field.name}__${child.name}`);
        }
      }
    }
    out.push(`enum ${typeName}_orderBy { ${orderBy.join(" ")} }`);

    const [single, many] = queryFieldNames(typeName);
    query.push(
      `${single}(id: ID!, block: Block_height, subgraphError: _SubgraphErrorPolicy_! = deny): ${typeName}`,
      `${many}(skip: Int = 0, first: Int = 100, orderBy: ${typeName}_orderBy, orderDirection: OrderDirection, where: ${typeName}_filter, block: Block_height, subgraphError: _SubgraphErrorPolicy_! = deny): [${typeName}!]!`,
    );
  }
  out.push(`type Query { ${query.join("\n  ")} }`);
  return out.join("\n\n");
}

function isEntity(definition: ObjectTypeDefinitionNode): boolean {
  return (definition.directives ?? []).some((d) => d.name.value === "entity");
}

function toField(node: FieldDefinitionNode): Field {
  const derived = (node.directives ?? []).some((d) => d.name.value === "derivedFrom");
  return { name: node.name.value, derived, ...unwrap(node.type) };
}

function renderType(field: Field): string {
  const inner = field.list ? `[${field.base}!]` : field.base;
  return field.nonNull ? `${inner}!` : inner;
}

export function apiSchema(subgraphSchema: string): GraphQLSchema {
  return buildASTSchema(parse(apiSchemaSDL(subgraphSchema)));
}

/** GraphQL documents embedded in TypeScript as template literals marked with a `/* GraphQL *\/` comment. */
export function documentsInSource(source: string): string[] {
  const documents: string[] = [];
  const pattern = /\/\*\s*GraphQL\s*\*\/\s*`([^`]*)`/g;
  for (let match = pattern.exec(source); match !== null; match = pattern.exec(source)) documents.push(match[1]);
  return documents;
}

export function parseDocument(text: string): DocumentNode {
  return parse(text);
}
