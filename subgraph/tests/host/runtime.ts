// A minimal graph-node for tests: loads the built subgraph (build/subgraph.yaml and its WASM mappings),
// implements the host functions the mappings import, and runs the event handlers for raw JSON-RPC logs in
// chain order, each in a fresh WASM instance as graph-node does.
//
// Contract calls (`ethereum.call`) are answered by `eth_call` at the event's block, as graph-node does. Host
// functions are synchronous and JSON-RPC is not, so a handler that makes a call not answered yet is undone
// (its store writes rolled back), the call is made, and the handler runs again from the start.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  FunctionFragment,
  getAddress,
  Indexed,
  Interface,
  keccak256,
  ParamType,
  type EventFragment,
  type Result,
} from "ethers";
import { parse as parseYaml } from "yaml";
import { AscMemory, type MappingExports, TypeId } from "./memory.ts";
import { EntityStore, type Fields, type StoreValue } from "./store.ts";

/** A log as returned by eth_getLogs. */
export interface RpcLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string;
  blockHash: string;
  transactionHash: string;
  transactionIndex: string;
  logIndex: string;
}

/** The fields of eth_getBlockByNumber the Block object needs. */
export interface RpcBlock {
  hash: string;
  parentHash: string;
  sha3Uncles: string;
  miner: string;
  stateRoot: string;
  transactionsRoot: string;
  receiptsRoot: string;
  number: string;
  gasUsed: string;
  gasLimit: string;
  timestamp: string;
  difficulty?: string;
  totalDifficulty?: string;
  size?: string;
  baseFeePerGas?: string;
}

/** The fields of eth_getTransactionByHash the Transaction object needs. */
export interface RpcTransaction {
  hash: string;
  transactionIndex: string;
  from: string;
  to: string | null;
  value: string;
  gas: string;
  gasPrice?: string;
  input: string;
  nonce: string;
}

interface Handler {
  dataSource: string;
  event: string;
  handler: string;
  fragment: EventFragment;
}

interface DataSource {
  name: string;
  address: string;
  startBlock: number;
  module: WebAssembly.Module;
  iface: Interface;
  handlers: Map<string, Handler>;
}

export interface LogLine {
  level: number;
  message: string;
}

// ethereum.ValueKind
const EthKind = {
  ADDRESS: 0,
  FIXED_BYTES: 1,
  BYTES: 2,
  INT: 3,
  UINT: 4,
  BOOL: 5,
  STRING: 6,
  FIXED_ARRAY: 7,
  ARRAY: 8,
  TUPLE: 9,
} as const;

// store ValueKind
const StoreKind = {
  String: 0,
  Int: 1,
  BigDecimal: 2,
  Bool: 3,
  Array: 4,
  Null: 5,
  Bytes: 6,
  BigInt: 7,
  Int8: 8,
  Timestamp: 9,
} as const;

const LOG_LEVELS = ["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"];

/** A contract call a handler made: `eth_call` of `data` to `to` at `blockNumber`. */
export interface ContractCall {
  key: string;
  to: string;
  data: string;
  blockNumber: number;
}

/** Thrown by `handleLog` when the handler needs calls that were not made yet; it left no trace in the store. */
export class PendingCallsError extends Error {
  constructor(readonly calls: ContractCall[]) {
    super(`the handler needs ${calls.length} contract call(s) first`);
  }
}

/** A graph-ts function signature (`decimals():(uint8)`, `balanceOf(address):(uint256)`) as an ABI fragment. */
function callFragment(signature: string): FunctionFragment {
  const match = /^(\w+)\((.*)\):\((.*)\)$/.exec(signature) ?? /^(\w+)\((.*)\)()$/.exec(signature);
  if (match === null) throw new Error(`Unsupported function signature ${signature}`);
  const [, name, inputs, outputs] = match;
  return FunctionFragment.from(`function ${name}(${inputs}) view${outputs ? ` returns (${outputs})` : ""}`);
}

function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.replace(/^0x/, ""), "hex"));
}

function bytesToHex(bytes: Uint8Array): string {
  return "0x" + Buffer.from(bytes).toString("hex");
}

function q(hex: string | undefined | null): bigint {
  return hex === undefined || hex === null ? 0n : BigInt(hex);
}

/** The canonical signature of a manifest event (`Foo(indexed address,uint256)` -> `Foo(address,uint256)`). */
function canonicalSignature(event: string): string {
  return event.replace(/indexed /g, "");
}

export class SubgraphRuntime {
  readonly store: EntityStore;
  readonly dataSources: DataSource[] = [];
  readonly logs: LogLine[] = [];
  /** Handler invocations, per handler name. */
  readonly calls = new Map<string, number>();
  private blockNumber = -1;
  private readonly setInBlock = new Set<string>();
  /** Answers of `eth_call`, by ContractCall.key; null for a call that reverted. */
  private readonly callResults = new Map<string, string | null>();
  private pendingCalls: ContractCall[] = [];

  /** `manifestFile`: the built manifest (subgraph/build/subgraph.yaml). */
  constructor(manifestFile: string) {
    const dir = dirname(manifestFile);
    const manifest = parseYaml(readFileSync(manifestFile, "utf8"));
    this.store = new EntityStore(join(dir, manifest.schema.file));
    for (const source of manifest.dataSources) {
      const abi = source.mapping.abis.find((a: { name: string }) => a.name === source.source.abi);
      const iface = new Interface(JSON.parse(readFileSync(join(dir, abi.file), "utf8")));
      const handlers = new Map<string, Handler>();
      for (const { event, handler } of source.mapping.eventHandlers) {
        const fragment = iface.getEvent(canonicalSignature(event));
        if (fragment === null) throw new Error(`${source.name}: ${event} is not in the ABI`);
        const indexed = event
          .slice(event.indexOf("(") + 1, -1)
          .split(",")
          .filter((p: string) => p.length > 0)
          .map((p: string) => p.startsWith("indexed "));
        fragment.inputs.forEach((input, i) => {
          if (input.indexed !== indexed[i]) throw new Error(`${source.name}: ${event} disagrees with the ABI`);
        });
        handlers.set(fragment.topicHash, { dataSource: source.name, event, handler, fragment });
      }
      this.dataSources.push({
        name: source.name,
        address: getAddress(source.source.address),
        startBlock: source.source.startBlock ?? 0,
        module: new WebAssembly.Module(readFileSync(join(dir, source.mapping.file))),
        iface,
        handlers,
      });
    }
  }

  /** The data source and handler a log triggers, if any. */
  match(log: RpcLog): { source: DataSource; handler: Handler } | undefined {
    const address = getAddress(log.address);
    for (const source of this.dataSources) {
      if (source.address !== address || Number(log.blockNumber) < source.startBlock) continue;
      const handler = source.handlers.get(log.topics[0]);
      if (handler !== undefined) return { source, handler };
    }
    return undefined;
  }

  /** Runs the handler of `log` (a no-op for logs no data source handles). Returns whether one ran. */
  handleLog(log: RpcLog, block: RpcBlock, transaction: RpcTransaction, transactionLogIndex: number): boolean {
    const matched = this.match(log);
    if (matched === undefined) return false;
    const { source, handler } = matched;
    if (Number(log.blockNumber) !== this.blockNumber) {
      this.blockNumber = Number(log.blockNumber);
      this.store.block = this.blockNumber;
      this.setInBlock.clear();
    }
    const decoded = source.iface.decodeEventLog(handler.fragment, log.data, log.topics);

    let memory: AscMemory | undefined;
    const mem = () => {
      if (memory === undefined) throw new Error("host function called before instantiation");
      return memory;
    };
    const instance = new WebAssembly.Instance(source.module, this.imports(source.module, mem, handler.handler));
    const exports = instance.exports as unknown as MappingExports;
    memory = new AscMemory(exports);
    exports._start();

    const event = this.newEvent(mem(), log, block, transaction, transactionLogIndex, handler.fragment, decoded);
    const fn = exports[handler.handler];
    if (typeof fn !== "function") throw new Error(`${source.name} exports no ${handler.handler}`);
    const before = this.store.snapshot();
    const setInBlock = new Set(this.setInBlock);
    try {
      (fn as (ptr: number) => void)(event);
    } catch (error) {
      if (this.pendingCalls.length > 0) {
        // Undo the partial run, as if the handler had not started.
        this.store.restore(before);
        this.setInBlock.clear();
        for (const key of setInBlock) this.setInBlock.add(key);
        const calls = this.pendingCalls;
        this.pendingCalls = [];
        throw new PendingCallsError(calls);
      }
      const where = `${handler.handler} for ${handler.event} in tx ${log.transactionHash}`;
      throw new Error(`${where} failed: ${(error as Error).message}`, { cause: error });
    }
    this.calls.set(handler.handler, (this.calls.get(handler.handler) ?? 0) + 1);
    return true;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Building ethereum.Event
  // ---------------------------------------------------------------------------------------------------------

  private newEvent(
    m: AscMemory,
    log: RpcLog,
    block: RpcBlock,
    tx: RpcTransaction,
    transactionLogIndex: number,
    fragment: EventFragment,
    decoded: Result,
  ): number {
    const params = fragment.inputs.map((input, i) =>
      m.newObject([m.newString(input.name), this.newEthValue(m, input, decoded[i])], TypeId.EventParam),
    );
    const blockPtr = m.newObject(
      [
        m.newBytes(hexToBytes(block.hash)),
        m.newBytes(hexToBytes(block.parentHash)),
        m.newBytes(hexToBytes(block.sha3Uncles)),
        m.newBytes(hexToBytes(block.miner)),
        m.newBytes(hexToBytes(block.stateRoot)),
        m.newBytes(hexToBytes(block.transactionsRoot)),
        m.newBytes(hexToBytes(block.receiptsRoot)),
        m.newBigInt(q(block.number)),
        m.newBigInt(q(block.gasUsed)),
        m.newBigInt(q(block.gasLimit)),
        m.newBigInt(q(block.timestamp)),
        m.newBigInt(q(block.difficulty)),
        m.newBigInt(q(block.totalDifficulty)),
        block.size === undefined ? 0 : m.newBigInt(q(block.size)),
        block.baseFeePerGas === undefined ? 0 : m.newBigInt(q(block.baseFeePerGas)),
      ],
      TypeId.EthereumBlock,
    );
    const txPtr = m.newObject(
      [
        m.newBytes(hexToBytes(tx.hash)),
        m.newBigInt(q(tx.transactionIndex)),
        m.newBytes(hexToBytes(tx.from)),
        tx.to === null ? 0 : m.newBytes(hexToBytes(tx.to)),
        m.newBigInt(q(tx.value)),
        m.newBigInt(q(tx.gas)),
        m.newBigInt(q(tx.gasPrice)),
        m.newBytes(hexToBytes(tx.input)),
        m.newBigInt(q(tx.nonce)),
      ],
      TypeId.EthereumTransaction,
    );
    return m.newObject(
      [
        m.newBytes(hexToBytes(log.address)),
        m.newBigInt(q(log.logIndex)),
        m.newBigInt(BigInt(transactionLogIndex)),
        0, // logType: null on Ethereum JSON-RPC
        blockPtr,
        txPtr,
        m.newArray(params, TypeId.ArrayEventParam),
        0, // receipt: only with `receipt: true` in the manifest
      ],
      TypeId.EthereumEvent,
    );
  }

  private newEthValue(m: AscMemory, type: ParamType, value: unknown): number {
    const make = (kind: number, data: number | bigint) => m.newEnum(kind, BigInt(data), TypeId.EthereumValue);
    if (Indexed.isIndexed(value)) {
      // A dynamic indexed parameter is only its topic (the hash of its encoding).
      return make(EthKind.FIXED_BYTES, m.newBytes(hexToBytes(value.hash!)));
    }
    const base = type.baseType;
    if (base === "address") return make(EthKind.ADDRESS, m.newBytes(hexToBytes(value as string)));
    if (base === "bool") return make(EthKind.BOOL, value ? 1 : 0);
    if (base === "string") return make(EthKind.STRING, m.newString(value as string));
    if (base === "bytes") return make(EthKind.BYTES, m.newBytes(hexToBytes(value as string)));
    if (/^bytes\d+$/.test(base)) return make(EthKind.FIXED_BYTES, m.newBytes(hexToBytes(value as string)));
    if (/^uint\d*$/.test(base)) return make(EthKind.UINT, m.newBigInt(value as bigint));
    if (/^int\d*$/.test(base)) return make(EthKind.INT, m.newBigInt(value as bigint));
    if (base === "array") {
      const items = (value as unknown[]).map((item) => this.newEthValue(m, type.arrayChildren!, item));
      const kind = type.arrayLength === -1 ? EthKind.ARRAY : EthKind.FIXED_ARRAY;
      return make(kind, m.newArray(items, TypeId.ArrayEthereumValue));
    }
    if (base === "tuple") {
      const items = type.components!.map((component, i) => this.newEthValue(m, component, (value as unknown[])[i]));
      return make(EthKind.TUPLE, m.newArray(items, TypeId.ArrayEthereumValue));
    }
    throw new Error(`Unsupported event parameter type ${type.type}`);
  }

  /** The value of an ethereum.Value (call parameters): the scalar kinds. */
  private readEthValue(m: AscMemory, ptr: number): unknown {
    const { kind, data } = m.readEnum(ptr);
    const p = Number(data & 0xffffffffn);
    switch (kind) {
      case EthKind.ADDRESS:
      case EthKind.FIXED_BYTES:
      case EthKind.BYTES:
        return bytesToHex(m.readBytes(p));
      case EthKind.INT:
      case EthKind.UINT:
        return m.readBigInt(p);
      case EthKind.BOOL:
        return data !== 0n;
      case EthKind.STRING:
        return m.readString(p);
      default:
        throw new Error(`Unsupported call parameter kind ${kind}`);
    }
  }

  /** ethereum.call: the answer of an earlier `eth_call`, or a PendingCallsError that makes it. */
  private contractCall(m: AscMemory, callPtr: number): number {
    // SmartContractCall { contractName, contractAddress, functionName, functionSignature, functionParams }
    const to = getAddress(bytesToHex(m.readBytes(m.u32(callPtr + 4))));
    const fragment = callFragment(m.readString(m.u32(callPtr + 12)));
    const params = m.readArray(m.u32(callPtr + 16)).map((p) => this.readEthValue(m, p));
    const iface = new Interface([fragment]);
    const data = iface.encodeFunctionData(fragment, params);
    const key = `${this.blockNumber}:${to}:${data}`;
    if (!this.callResults.has(key)) {
      this.pendingCalls.push({ key, to, data, blockNumber: this.blockNumber });
      throw new Error(`call to ${to} not answered yet`);
    }
    const result = this.callResults.get(key)!;
    if (result === null) return 0;
    const decoded = iface.decodeFunctionResult(fragment, result);
    const values = fragment.outputs.map((output, i) => this.newEthValue(m, output, decoded[i]));
    return m.newArray(values, TypeId.ArrayEthereumValue);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Store values
  // ---------------------------------------------------------------------------------------------------------

  private readStoreValue(m: AscMemory, ptr: number): StoreValue {
    const { kind, data, dataI64 } = m.readEnum(ptr);
    const p = Number(data & 0xffffffffn);
    switch (kind) {
      case StoreKind.String:
        return { kind: "String", value: m.readString(p) };
      case StoreKind.Int:
        return { kind: "Int", value: Number(BigInt.asIntN(32, data)) };
      case StoreKind.BigDecimal: {
        const digits = m.readBigInt(m.u32(p));
        const exp = Number(m.readBigInt(m.u32(p + 4)));
        return { kind: "BigDecimal", value: decimalString(digits, exp) };
      }
      case StoreKind.Bool:
        return { kind: "Bool", value: data !== 0n };
      case StoreKind.Array:
        return { kind: "Array", value: m.readArray(p).map((item) => this.readStoreValue(m, item)) };
      case StoreKind.Null:
        return { kind: "Null" };
      case StoreKind.Bytes:
        return { kind: "Bytes", value: bytesToHex(m.readBytes(p)) };
      case StoreKind.BigInt:
        return { kind: "BigInt", value: m.readBigInt(p) };
      case StoreKind.Int8:
        return { kind: "Int8", value: dataI64 };
      case StoreKind.Timestamp:
        return { kind: "Timestamp", value: dataI64 };
      default:
        throw new Error(`Unknown store value kind ${kind}`);
    }
  }

  private newStoreValue(m: AscMemory, value: StoreValue): number {
    const make = (kind: number, data: number | bigint) =>
      m.newEnum(kind, BigInt.asUintN(64, BigInt(data)), TypeId.StoreValue);
    switch (value.kind) {
      case "String":
        return make(StoreKind.String, m.newString(value.value));
      case "Int":
        return make(StoreKind.Int, BigInt.asUintN(32, BigInt(value.value)));
      case "BigDecimal":
        throw new Error("BigDecimal values are not used by this subgraph");
      case "Bool":
        return make(StoreKind.Bool, value.value ? 1 : 0);
      case "Array":
        return make(
          StoreKind.Array,
          m.newArray(
            value.value.map((item) => this.newStoreValue(m, item)),
            TypeId.ArrayStoreValue,
          ),
        );
      case "Null":
        return make(StoreKind.Null, 0);
      case "Bytes":
        return make(StoreKind.Bytes, m.newBytes(hexToBytes(value.value)));
      case "BigInt":
        return make(StoreKind.BigInt, m.newBigInt(value.value));
      case "Int8":
        return make(StoreKind.Int8, value.value);
      case "Timestamp":
        return make(StoreKind.Timestamp, value.value);
    }
  }

  private readEntity(m: AscMemory, ptr: number): Fields {
    const fields: Fields = new Map();
    for (const entry of m.readArray(m.u32(ptr))) {
      fields.set(m.readString(m.u32(entry)), this.readStoreValue(m, m.u32(entry + 4)));
    }
    return fields;
  }

  private newEntity(m: AscMemory, fields: Fields): number {
    const entries = [...fields].map(([name, value]) =>
      m.newObject([m.newString(name), this.newStoreValue(m, value)], TypeId.TypedMapEntryStringStoreValue),
    );
    return m.newObject(
      [m.newArray(entries, TypeId.ArrayTypedMapEntryStringStoreValue)],
      TypeId.TypedMapStringStoreValue,
    );
  }

  // ---------------------------------------------------------------------------------------------------------
  // Host functions
  // ---------------------------------------------------------------------------------------------------------

  private imports(module: WebAssembly.Module, mem: () => AscMemory, handler: string): WebAssembly.Imports {
    const bigInt2 = (f: (x: bigint, y: bigint) => bigint) => (x: number, y: number) =>
      mem().newBigInt(f(mem().readBigInt(x), mem().readBigInt(y)));
    const host: Record<string, Record<string, (...args: number[]) => number | void>> = {
      env: {
        abort: (message, file, line, column) => {
          const m = mem();
          const text = message === 0 ? "abort" : m.readString(message);
          const at = file === 0 ? "" : ` at ${m.readString(file)}:${line}:${column}`;
          throw new Error(`Mapping aborted: ${text}${at}`);
        },
      },
      index: {
        "store.get": (entity, id) => {
          const fields = this.store.get(mem().readString(entity), mem().readString(id));
          return fields === undefined ? 0 : this.newEntity(mem(), fields);
        },
        "store.get_in_block": (entity, id) => {
          const type = mem().readString(entity);
          const key = mem().readString(id);
          const fields = this.setInBlock.has(`${type}/${key}`) ? this.store.get(type, key) : undefined;
          return fields === undefined ? 0 : this.newEntity(mem(), fields);
        },
        "store.set": (entity, id, data) => {
          const type = mem().readString(entity);
          const key = mem().readString(id);
          this.store.set(type, key, this.readEntity(mem(), data));
          this.setInBlock.add(`${type}/${key}`);
        },
        "store.remove": (entity, id) => {
          this.store.remove(mem().readString(entity), mem().readString(id));
        },
        "log.log": (level, message) => {
          const text = mem().readString(message);
          this.logs.push({ level, message: `${handler}: ${text}` });
          if (level === 0) throw new Error(`Critical log in ${handler}: ${text}`);
        },
        "crypto.keccak256": (input) => mem().newBytes(hexToBytes(keccak256(mem().readBytes(input)))),
      },
      ethereum: {
        "ethereum.call": (call) => this.contractCall(mem(), call),
      },
      conversion: {
        "typeConversion.bytesToHex": (bytes) => mem().newString(bytesToHex(mem().readBytes(bytes))),
        "typeConversion.bytesToString": (bytes) =>
          mem().newString(Buffer.from(mem().readBytes(bytes)).toString("utf8").replaceAll("\u0000", "")),
        "typeConversion.bigIntToString": (bigInt) => mem().newString(mem().readBigInt(bigInt).toString()),
        "typeConversion.bigIntToHex": (bigInt) => {
          const value = mem().readBigInt(bigInt);
          return mem().newString(value < 0n ? "-0x" + (-value).toString(16) : "0x" + value.toString(16));
        },
        "typeConversion.stringToH160": (s) => mem().newBytes(hexToBytes(getAddress(mem().readString(s)))),
      },
      numbers: {
        "bigInt.plus": bigInt2((x, y) => x + y),
        "bigInt.minus": bigInt2((x, y) => x - y),
        "bigInt.times": bigInt2((x, y) => x * y),
        "bigInt.dividedBy": bigInt2((x, y) => {
          if (y === 0n) throw new Error("attempted to divide BigInt by zero");
          return x / y;
        }),
        "bigInt.mod": bigInt2((x, y) => {
          if (y === 0n) throw new Error("attempted to calculate the remainder of BigInt by zero");
          return x % y;
        }),
        "bigInt.bitOr": bigInt2((x, y) => x | y),
        "bigInt.bitAnd": bigInt2((x, y) => x & y),
        "bigInt.pow": (x, exp) => mem().newBigInt(mem().readBigInt(x) ** BigInt(exp)),
        "bigInt.leftShift": (x, bits) => mem().newBigInt(mem().readBigInt(x) << BigInt(bits)),
        "bigInt.rightShift": (x, bits) => mem().newBigInt(mem().readBigInt(x) >> BigInt(bits)),
        "bigInt.fromString": (s) => mem().newBigInt(BigInt(mem().readString(s))),
        "bigDecimal.toString": (ptr) => {
          const m = mem();
          return m.newString(decimalString(m.readBigInt(m.u32(ptr)), Number(m.readBigInt(m.u32(ptr + 4)))));
        },
      },
    };
    const imports: WebAssembly.Imports = {};
    for (const { module: name, name: field } of WebAssembly.Module.imports(module)) {
      const fn = host[name]?.[field];
      if (fn === undefined) throw new Error(`The test host does not implement ${name}.${field}`);
      (imports[name] ??= {})[field] = fn;
    }
    return imports;
  }

  /**
   * Indexes a chain like graph-node: every log of the data sources' addresses from their start blocks to
   * `toBlock`, in block and log order. `send` is a JSON-RPC call (e.g. ethers' `provider.send`).
   */
  async indexChain(send: (method: string, params: unknown[]) => Promise<unknown>, toBlock?: number): Promise<number> {
    // A second call continues after the last indexed block, like graph-node following the chain.
    const fromBlock =
      this.store.head >= 0 ? this.store.head + 1 : Math.min(...this.dataSources.map((s) => s.startBlock));
    const to = toBlock ?? Number(await send("eth_blockNumber", []));
    if (to < fromBlock) return 0;
    const logs = (await send("eth_getLogs", [
      {
        fromBlock: "0x" + fromBlock.toString(16),
        toBlock: "0x" + to.toString(16),
        address: this.dataSources.map((s) => s.address),
      },
    ])) as RpcLog[];
    logs.sort((a, b) => Number(a.blockNumber) - Number(b.blockNumber) || Number(a.logIndex) - Number(b.logIndex));
    const blocks = new Map<string, RpcBlock>();
    const transactions = new Map<string, RpcTransaction>();
    const receipts = new Map<string, { logs: { logIndex: string }[] }>();
    let handled = 0;
    for (const log of logs) {
      if (this.match(log) === undefined) continue;
      if (!blocks.has(log.blockHash)) {
        blocks.set(log.blockHash, (await send("eth_getBlockByHash", [log.blockHash, false])) as RpcBlock);
      }
      if (!transactions.has(log.transactionHash)) {
        transactions.set(
          log.transactionHash,
          (await send("eth_getTransactionByHash", [log.transactionHash])) as RpcTransaction,
        );
        receipts.set(
          log.transactionHash,
          (await send("eth_getTransactionReceipt", [log.transactionHash])) as { logs: { logIndex: string }[] },
        );
      }
      const receiptLogs = receipts.get(log.transactionHash)!.logs;
      const transactionLogIndex = receiptLogs.findIndex((l) => l.logIndex === log.logIndex);
      for (;;) {
        try {
          const block = blocks.get(log.blockHash)!;
          if (this.handleLog(log, block, transactions.get(log.transactionHash)!, transactionLogIndex)) handled += 1;
          break;
        } catch (error) {
          if (!(error instanceof PendingCallsError)) throw error;
          for (const call of error.calls) {
            const blockTag = "0x" + call.blockNumber.toString(16);
            const result = await send("eth_call", [{ to: call.to, data: call.data }, blockTag]).then(
              (r) => r as string,
              () => null, // a reverted call: graph-ts `try_` functions see it as reverted
            );
            this.callResults.set(call.key, result);
          }
        }
      }
    }
    this.store.head = to;
    return handled;
  }

  /** Log lines at `level` or more severe (0 = critical, 1 = error, 2 = warning). */
  logsAtLeast(level: number): string[] {
    return this.logs.filter((l) => l.level <= level).map((l) => `${LOG_LEVELS[l.level]} ${l.message}`);
  }
}

function decimalString(digits: bigint, exp: number): string {
  if (exp >= 0) return (digits * 10n ** BigInt(exp)).toString();
  const negative = digits < 0n;
  const s = (negative ? -digits : digits).toString().padStart(-exp + 1, "0");
  const point = s.length + exp;
  const text = `${s.slice(0, point)}.${s.slice(point)}`.replace(/\.?0+$/, "");
  return (negative ? "-" : "") + text;
}
