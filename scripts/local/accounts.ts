import { mnemonicToAccount } from "viem/accounts";

/** The well-known Hardhat development mnemonic: these keys only ever hold value on a local chain. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

export const devAccount = (index: number) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
