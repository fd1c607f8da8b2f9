// Reading and writing AssemblyScript objects in the memory of a mapping instance, as graph-node does for
// apiVersion 0.0.9 (AssemblyScript 0.27, `--runtime stub`). Every managed object is preceded by a 20-byte
// header whose last two u32 are its class id (rtId) and payload size in bytes (rtSize). Class ids come from
// the `id_of_type` export of graph-ts (graph-node's IndexForAscTypeId).

/** graph-ts `TypeId` values the host allocates. */
export const TypeId = {
  String: 0,
  ArrayBuffer: 1,
  Uint8Array: 6,
  BigDecimal: 12,
  ArrayEthereumValue: 15,
  ArrayStoreValue: 16,
  ArrayEventParam: 19,
  ArrayTypedMapEntryStringStoreValue: 21,
  EventParam: 23,
  EthereumTransaction: 24,
  EthereumBlock: 25,
  EthereumValue: 30,
  StoreValue: 31,
  EthereumEvent: 33,
  TypedMapEntryStringStoreValue: 34,
  TypedMapStringStoreValue: 36,
} as const;

export interface MappingExports {
  memory: WebAssembly.Memory;
  __new(size: number, id: number): number;
  id_of_type(typeId: number): number;
  _start(): void;
  [handler: string]: unknown;
}

/** Little-endian two's complement bytes of `value`, as graph-node's `BigInt::to_signed_bytes_le`. */
export function bigIntToSignedBytes(value: bigint): Uint8Array {
  const bytes: number[] = [];
  let v = value;
  for (;;) {
    const byte = Number(v & 0xffn);
    bytes.push(byte);
    v >>= 8n;
    const signBitSet = (byte & 0x80) !== 0;
    if ((v === 0n && !signBitSet) || (v === -1n && signBitSet)) break;
  }
  return Uint8Array.from(bytes);
}

export function signedBytesToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  if ((bytes[bytes.length - 1] & 0x80) !== 0) value -= 1n << BigInt(bytes.length * 8);
  return value;
}

export class AscMemory {
  private readonly ids = new Map<number, number>();

  constructor(private readonly exports: MappingExports) {}

  /** A fresh view: memory can grow (and detach old views) on every allocation. */
  private get view(): DataView {
    return new DataView(this.exports.memory.buffer);
  }

  private get bytes(): Uint8Array {
    return new Uint8Array(this.exports.memory.buffer);
  }

  classId(typeId: number): number {
    let id = this.ids.get(typeId);
    if (id === undefined) {
      id = this.exports.id_of_type(typeId);
      this.ids.set(typeId, id);
    }
    return id;
  }

  alloc(size: number, typeId: number): number {
    return this.exports.__new(size, this.classId(typeId));
  }

  u32(ptr: number): number {
    return this.view.getUint32(ptr, true);
  }

  i32(ptr: number): number {
    return this.view.getInt32(ptr, true);
  }

  i64(ptr: number): bigint {
    return this.view.getBigInt64(ptr, true);
  }

  setU32(ptr: number, value: number): void {
    this.view.setUint32(ptr, value, true);
  }

  setU64(ptr: number, value: bigint): void {
    this.view.setBigUint64(ptr, value, true);
  }

  /** Payload size in bytes from the object header. */
  rtSize(ptr: number): number {
    return this.u32(ptr - 4);
  }

  // Strings: UTF-16LE code units.

  readString(ptr: number): string {
    if (ptr === 0) throw new Error("null string pointer");
    const length = this.rtSize(ptr);
    return Buffer.from(this.bytes.slice(ptr, ptr + length)).toString("utf16le");
  }

  newString(value: string): number {
    const data = Buffer.from(value, "utf16le");
    const ptr = this.alloc(data.length, TypeId.String);
    this.bytes.set(data, ptr);
    return ptr;
  }

  // Typed arrays (Bytes, Address, BigInt): { buffer, dataStart, byteLength }.

  readBytes(ptr: number): Uint8Array {
    if (ptr === 0) throw new Error("null bytes pointer");
    const dataStart = this.u32(ptr + 4);
    const length = this.i32(ptr + 8);
    return this.bytes.slice(dataStart, dataStart + length);
  }

  newBytes(data: Uint8Array): number {
    const buffer = this.alloc(data.length, TypeId.ArrayBuffer);
    this.bytes.set(data, buffer);
    const ptr = this.alloc(12, TypeId.Uint8Array);
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setU32(ptr + 8, data.length);
    return ptr;
  }

  readBigInt(ptr: number): bigint {
    return signedBytesToBigInt(this.readBytes(ptr));
  }

  newBigInt(value: bigint): number {
    return this.newBytes(bigIntToSignedBytes(value));
  }

  // Arrays of managed references: { buffer, dataStart, byteLength, length }.

  readArray(ptr: number): number[] {
    const dataStart = this.u32(ptr + 4);
    const length = this.i32(ptr + 12);
    const items: number[] = [];
    for (let i = 0; i < length; i++) items.push(this.u32(dataStart + 4 * i));
    return items;
  }

  newArray(items: number[], typeId: number): number {
    const buffer = this.alloc(items.length * 4, TypeId.ArrayBuffer);
    items.forEach((item, i) => this.setU32(buffer + 4 * i, item));
    const ptr = this.alloc(16, typeId);
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setU32(ptr + 8, items.length * 4);
    this.setU32(ptr + 12, items.length);
    return ptr;
  }

  /** An object whose fields are all 32-bit pointers (or null = 0), in declaration order. */
  newObject(fields: number[], typeId: number): number {
    const ptr = this.alloc(fields.length * 4, typeId);
    fields.forEach((field, i) => this.setU32(ptr + 4 * i, field));
    return ptr;
  }

  /** An enum-like `{ kind: i32, data: u64 }` object (store.Value, ethereum.Value): 16 bytes with padding. */
  newEnum(kind: number, data: bigint, typeId: number): number {
    const ptr = this.alloc(16, typeId);
    this.setU32(ptr, kind);
    this.setU64(ptr + 8, data);
    return ptr;
  }

  readEnum(ptr: number): { kind: number; data: bigint; dataI64: bigint } {
    return {
      kind: this.i32(ptr),
      data: this.view.getBigUint64(ptr + 8, true),
      dataI64: this.i64(ptr + 8),
    };
  }
}
