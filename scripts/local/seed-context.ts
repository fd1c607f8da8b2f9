import {
  createPublicClient,
  createWalletClient,
  http,
  type Abi,
  type Address,
  type Hash,
  type PublicClient,
  type WalletClient,
} from "viem";
import { hardhat } from "viem/chains";
import type { Deployment } from "../lib/deployment-file.ts";
import { devAccount } from "./accounts.ts";
import { readArtifact } from "./artifacts.ts";
import { rpc } from "./chain.ts";

/** What seeding and the end-to-end tests need of a local chain: reads, writes from dev accounts, time travel. */
export type SeedContext = {
  url: string;
  deployment: Deployment;
  client: PublicClient;
  /** Sends a contract call from dev account `from` and waits for it to succeed. */
  write: (from: number, address: Address, abi: Abi, functionName: string, args?: unknown[]) => Promise<Hash>;
  /** Deploys a compiled contract from dev account `from` and returns its address. */
  deploy: (from: number, contract: string, args: unknown[]) => Promise<Address>;
  now: () => Promise<bigint>;
  travel: (seconds: bigint) => Promise<void>;
  log: (message: string) => void;
};

export function seedContext(url: string, deployment: Deployment, quiet = false): SeedContext {
  const chain = { ...hardhat, rpcUrls: { default: { http: [url] } } };
  const transport = http(url);
  const client = createPublicClient({ chain, transport }) as PublicClient;
  const wallets = new Map<number, WalletClient>();
  const wallet = (index: number) => {
    if (!wallets.has(index)) wallets.set(index, createWalletClient({ account: devAccount(index), chain, transport }));
    return wallets.get(index)!;
  };
  const confirm = async (hash: Hash, what: string) => {
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${what} reverted`);
    return receipt;
  };
  return {
    url,
    deployment,
    client,
    async write(from, address, abi, functionName, args = []) {
      const w = wallet(from);
      const hash = await w.writeContract({ address, abi, functionName, args, account: w.account!, chain });
      await confirm(hash, `${functionName} from #${from}`);
      return hash;
    },
    async deploy(from, contract, args) {
      const w = wallet(from);
      const { abi, bytecode } = readArtifact(contract);
      const hash = await w.deployContract({ abi, bytecode, args, account: w.account!, chain });
      return (await confirm(hash, `deploying ${contract} from #${from}`)).contractAddress!;
    },
    async now() {
      return (await client.getBlock()).timestamp;
    },
    async travel(seconds) {
      await rpc(url, "evm_increaseTime", [Number(seconds)]);
      await rpc(url, "evm_mine", []);
    },
    log: (message) => {
      if (!quiet) console.log(`  seed: ${message}`);
    },
  };
}
