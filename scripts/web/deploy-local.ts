import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createPublicClient, createWalletClient, http, parseEther, type Address } from "viem";
import { hardhat } from "viem/chains";
import { devAccount } from "./accounts.ts";
import { readArtifact } from "./artifacts.ts";
import { BIN, ROOT, run } from "./chain.ts";

export type Deployment = {
  chainId: number;
  network: string;
  contracts: Record<string, { address: Address; blockNumber: number }>;
};

export const deploymentFile = (chainId: number) => path.join(ROOT, "deployments", `${chainId}.json`);

export function readDeployment(chainId = 31337): Deployment {
  return JSON.parse(readFileSync(deploymentFile(chainId), "utf8")) as Deployment;
}

/**
 * Deploys the whole system with the project's deploy script (local profile) when it exists; until then a
 * minimal token + escrow deployment keeps the app usable. Both write deployments/<chainId>.json.
 */
export async function deploySystem(url: string): Promise<Deployment> {
  if (existsSync(path.join(ROOT, "scripts", "lib", "deployment.ts"))) {
    await run(BIN("hardhat"), ["run", "--no-compile", "scripts/web/deploy-node.ts"], {
      env: { ...process.env, LOCKSTEP_RPC_URL: url },
    });
    return readDeployment(31337);
  }
  return deployMinimal(url);
}

async function deployMinimal(url: string): Promise<Deployment> {
  const account = devAccount(0);
  const transport = http(url);
  const chain = { ...hardhat, rpcUrls: { default: { http: [url] } } };
  const wallet = createWalletClient({ account, chain, transport });
  const client = createPublicClient({ chain, transport });
  const contracts: Deployment["contracts"] = {};

  const deploy = async (name: string, args: unknown[]) => {
    const artifact = readArtifact(name);
    const hash = await wallet.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args });
    const receipt = await client.waitForTransactionReceipt({ hash });
    contracts[name] = { address: receipt.contractAddress!, blockNumber: Number(receipt.blockNumber) };
    return receipt.contractAddress!;
  };

  const token = await deploy("GovernanceToken", ["Lockstep", "LOCK", account.address, parseEther("100000000")]);
  await deploy("VotingEscrow", [token, account.address]);

  const deployment: Deployment = { chainId: 31337, network: "localhost", contracts };
  mkdirSync(path.dirname(deploymentFile(31337)), { recursive: true });
  writeFileSync(deploymentFile(31337), JSON.stringify(deployment, null, 2) + "\n");
  return deployment;
}
