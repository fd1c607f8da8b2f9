import { createWalletClient, http } from "viem";
import { hardhat } from "viem/chains";
import { devAccount } from "./accounts.ts";
import type { SeedContext } from "../seed.ts";

export function seedWallet(ctx: SeedContext, index: number) {
  const chain = { ...hardhat, rpcUrls: { default: { http: [ctx.url] } } };
  return { wallet: createWalletClient({ account: devAccount(index), chain, transport: http(ctx.url) }) };
}
