import type { Address, Hash, Hex } from "viem";

/** One log as eth_getLogs returns it, with numbers decoded. */
export type RawLog = {
  address: Address;
  topics: Hex[];
  data: Hex;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hash;
};

/** The logs of one stream over [from, to] (inclusive): the block range is what makes it reusable. */
export type Segment = { from: bigint; to: bigint; logs: RawLog[] };
