import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

// Hardhat cannot download compilers on every machine we build on, so it uses the
// pinned solc-js from npm (see package.json) instead.
const require = createRequire(import.meta.url);
const SOLC_PATH = require.resolve("solc/soljson.js");

const compiler = {
  version: "0.8.30",
  path: SOLC_PATH,
  settings: {
    optimizer: { enabled: true, runs: 1_000_000 },
    evmVersion: "cancun",
    viaIR: true,
  },
};

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    // OpenZeppelin's TimelockController is deployed as is; Hardhat emits artifacts for npm files only on request.
    npmFilesToBuild: ["@openzeppelin/contracts/governance/TimelockController.sol"],
    profiles: {
      default: compiler,
      production: compiler,
    },
  },
  typechain: {
    // The generated classes are not type-checked: TypeChain's own `target` member clashes with the public `target`
    // of contracts/test/ReentrantToken.sol. Code that uses the generated types is still checked against them.
    tsNocheck: true,
  },
  test: {
    solidity: {
      // Fixed seed by default, so CI runs are reproducible; keeps the whole Solidity suite to a few minutes.
      fuzz: { runs: 256 },
      invariant: { runs: 24, depth: 96 },
    },
  },
  // Secrets never live in this file: `configVariable` reads them from the encrypted hardhat-keystore
  // (`npm run keystore -- set SEPOLIA_RPC_URL`) or from environment variables of the same name.
  networks: {
    hardhat: {
      type: "edr-simulated",
      chainType: "l1",
      allowBlocksWithSameTimestamp: true,
    },
    localhost: {
      type: "http",
      chainType: "l1",
      // Scripts that start their own node on another port (web e2e) pass its URL.
      url: process.env.LOCKSTEP_RPC_URL ?? "http://127.0.0.1:8545",
    },
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("SEPOLIA_PRIVATE_KEY")],
    },
    mainnet: {
      type: "http",
      chainType: "l1",
      url: configVariable("MAINNET_RPC_URL"),
      accounts: [configVariable("MAINNET_PRIVATE_KEY")],
    },
    // Any other EVM chain (L2s, sidechains, private networks): set EVM_RPC_URL and EVM_PRIVATE_KEY.
    evm: {
      type: "http",
      chainType: "generic",
      url: configVariable("EVM_RPC_URL"),
      accounts: [configVariable("EVM_PRIVATE_KEY")],
    },
  },
});
