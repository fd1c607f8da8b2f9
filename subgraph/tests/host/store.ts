// An in-memory entity store with graph-node's `store.set` semantics: the fields given are merged into the
// stored entity (a null value removes a field), and the result must match schema.graphql (declared,
// non-derived fields of the right type, every non-null field present, immutable entities written once).
import { readFileSync } from "node:fs";
import { Kind, parse } from "graphql";

import { unwrap } from "../query-schema.js";

export type StoreValue =
  | { kind: "String"; value: string }
  | { kind: "Int"; value: number }
  | { kind: "BigDecimal"; value: string }
  | { kind: "Bool"; value: boolean }
  | { kind: "Array"; value: StoreValue[] }
  | { kind: "Null" }
  | { kind: "Bytes"; value: string }
  | { kind: "BigInt"; value: bigint }
  | { kind: "Int8"; value: bigint }
  | { kind: "Timestamp"; value: bigint };

export interface StoreSnapshot {
  entities: Map<string, Map<string, Fields>>;
  writes: Map<string, number>;
}

export type Plain = string | number | boolean | bigint | null | Plain[];
export type Fields = Map<string, StoreValue>;

interface FieldType {
  base: string;
  nonNull: boolean;
  list: boolean;
  derived: boolean;
}

interface EntityType {
  immutable: boolean;
  fields: Map<string, FieldType>;
}

const SCALAR_KINDS: Record<string, StoreValue["kind"]> = {
  ID: "String",
  String: "String",
  Int: "Int",
  BigInt: "BigInt",
  BigDecimal: "BigDecimal",
  Bytes: "Bytes",
  Boolean: "Bool",
  Int8: "Int8",
  Timestamp: "Timestamp",
};

export function toPlain(value: StoreValue): Plain {
  switch (value.kind) {
    case "Null":
      return null;
    case "Array":
      return value.value.map(toPlain);
    default:
      return value.value;
  }
}

export class EntityStore {
  readonly types = new Map<string, EntityType>();
  readonly enums = new Map<string, Set<string>>();
  private readonly entities = new Map<string, Map<string, Fields>>();
  /** Number of `set` calls per entity type, to check that handlers ran. */
  readonly writes = new Map<string, number>();
  /** The block of the event being handled: each write is recorded as a version at this block. */
  block = 0;
  /** The last block indexed (events or not): what `_meta.block.number` reports. */
  head = -1;
  /** Every version of every entity, oldest first (undefined after a removal), for queries at a past block. */
  private readonly versions = new Map<string, Map<string, { block: number; fields: Fields | undefined }[]>>();

  constructor(schemaFile: string) {
    const document = parse(readFileSync(schemaFile, "utf8"));
    for (const definition of document.definitions) {
      if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
        this.enums.set(definition.name.value, new Set((definition.values ?? []).map((v) => v.name.value)));
      }
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      const entity = definition.directives?.find((d) => d.name.value === "entity");
      if (entity === undefined) continue;
      const immutableArg = entity.arguments?.find((a) => a.name.value === "immutable");
      const immutable = immutableArg?.value.kind === Kind.BOOLEAN && immutableArg.value.value;
      const fields = new Map<string, FieldType>();
      for (const field of definition.fields ?? []) {
        const derived = (field.directives ?? []).some((d) => d.name.value === "derivedFrom");
        fields.set(field.name.value, { ...unwrap(field.type), derived });
      }
      this.types.set(definition.name.value, { immutable, fields });
      this.entities.set(definition.name.value, new Map());
      this.versions.set(definition.name.value, new Map());
    }
  }

  private type(entityType: string): EntityType {
    const type = this.types.get(entityType);
    if (type === undefined) throw new Error(`Unknown entity type ${entityType}`);
    return type;
  }

  /** The store kind of an entity reference: the kind of the referenced entity's id. */
  private kindOf(base: string): StoreValue["kind"] | "Enum" {
    if (base in SCALAR_KINDS) return SCALAR_KINDS[base];
    if (this.enums.has(base)) return "Enum";
    const target = this.types.get(base);
    if (target === undefined) throw new Error(`Unknown type ${base} in schema`);
    return this.kindOf(target.fields.get("id")!.base) as StoreValue["kind"];
  }

  private checkValue(where: string, base: string, value: StoreValue): void {
    const kind = this.kindOf(base);
    if (kind === "Enum") {
      if (value.kind !== "String" || !this.enums.get(base)!.has(value.value)) {
        throw new Error(`${where}: ${JSON.stringify(toPlain(value))} is not a value of enum ${base}`);
      }
      return;
    }
    if (value.kind !== kind) throw new Error(`${where}: expected ${base} (${kind}), got ${value.kind}`);
  }

  get(entityType: string, id: string): Fields | undefined {
    this.type(entityType);
    return this.entities.get(entityType)!.get(id);
  }

  set(entityType: string, id: string, data: Fields): void {
    const type = this.type(entityType);
    const table = this.entities.get(entityType)!;
    const existing = table.get(id);
    if (existing !== undefined && type.immutable) {
      throw new Error(`Immutable entity ${entityType} ${id} cannot be written twice`);
    }
    const merged: Fields = new Map(existing ?? []);
    for (const [name, value] of data) {
      if (value.kind === "Null") merged.delete(name);
      else merged.set(name, value);
    }
    for (const [name, value] of merged) {
      const field = type.fields.get(name);
      const where = `${entityType}.${name} of ${id}`;
      if (field === undefined) throw new Error(`${where}: not in the schema`);
      if (field.derived) throw new Error(`${where}: derived fields cannot be set`);
      if (field.list) {
        if (value.kind !== "Array") throw new Error(`${where}: expected a list, got ${value.kind}`);
        value.value.forEach((item, i) => this.checkValue(`${where}[${i}]`, field.base, item));
      } else {
        this.checkValue(where, field.base, value);
      }
    }
    for (const [name, field] of type.fields) {
      if (field.nonNull && !field.derived && !merged.has(name)) {
        throw new Error(`${entityType} ${id}: missing value for non-nullable field ${name}`);
      }
    }
    const storedId = merged.get("id")!;
    if (storedId.kind !== "String" && storedId.kind !== "Bytes") throw new Error(`${entityType} ${id}: bad id`);
    if (storedId.value !== id) throw new Error(`${entityType}: id field ${storedId.value} differs from key ${id}`);
    table.set(id, merged);
    this.record(entityType, id, merged);
    this.writes.set(entityType, (this.writes.get(entityType) ?? 0) + 1);
  }

  /** A copy of every table, to undo a handler run (stored entities are never mutated in place). */
  snapshot(): StoreSnapshot {
    return {
      entities: new Map([...this.entities].map(([type, table]) => [type, new Map(table)])),
      writes: new Map(this.writes),
    };
  }

  restore(snapshot: StoreSnapshot): void {
    for (const [type, table] of snapshot.entities) this.entities.set(type, new Map(table));
    this.writes.clear();
    for (const [type, count] of snapshot.writes) this.writes.set(type, count);
  }

  remove(entityType: string, id: string): void {
    this.type(entityType);
    this.entities.get(entityType)!.delete(id);
    this.record(entityType, id, undefined);
  }

  private record(entityType: string, id: string, fields: Fields | undefined): void {
    const table = this.versions.get(entityType)!;
    const list = table.get(id) ?? [];
    // Within a block only the last write is visible, as in graph-node.
    if (list.length > 0 && list[list.length - 1].block === this.block) list.pop();
    list.push({ block: this.block, fields });
    table.set(id, list);
  }

  /** The entities of a type as they were after block `block` (every entity when undefined). */
  entitiesAt(entityType: string, block?: number): Map<string, Fields> {
    this.type(entityType);
    if (block === undefined) return this.entities.get(entityType)!;
    const out = new Map<string, Fields>();
    for (const [id, list] of this.versions.get(entityType)!) {
      let visible: Fields | undefined;
      for (const version of list) if (version.block <= block) visible = version.fields;
      if (visible !== undefined) out.set(id, visible);
    }
    return out;
  }

  /** The entity as a plain object (Bytes as 0x-hex strings, BigInt as bigint), or undefined. */
  entity(entityType: string, id: string): Record<string, Plain> | undefined {
    const fields = this.get(entityType, id.toLowerCase()) ?? this.get(entityType, id);
    return fields === undefined ? undefined : Object.fromEntries([...fields].map(([k, v]) => [k, toPlain(v)]));
  }

  /** Every entity of a type as plain objects. */
  all(entityType: string): Record<string, Plain>[] {
    this.type(entityType);
    return [...this.entities.get(entityType)!.values()].map((fields) =>
      Object.fromEntries([...fields].map(([k, v]) => [k, toPlain(v)])),
    );
  }
}
