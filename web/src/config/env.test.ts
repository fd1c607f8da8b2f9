import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("defaults to the local Hardhat chain", () => {
    expect(parseEnv({})).toEqual({
      chainId: 31337,
      rpcUrl: "http://127.0.0.1:8545",
      subgraphUrl: undefined,
      explorerUrl: undefined,
      accessUrl: undefined,
      isLocal: true,
    });
  });
  it("reads a real network, the subgraph and the explorer (explorer links only off local chains)", () => {
    const env = parseEnv({
      VITE_CHAIN_ID: "11155111",
      VITE_RPC_URL: "https://rpc.example/",
      VITE_SUBGRAPH_URL: "https://graph.example/subgraphs/name/lockstep",
      VITE_EXPLORER_URL: "https://sepolia.etherscan.io",
    });
    expect(env).toEqual({
      chainId: 11155111,
      rpcUrl: "https://rpc.example",
      subgraphUrl: "https://graph.example/subgraphs/name/lockstep",
      explorerUrl: "https://sepolia.etherscan.io",
      accessUrl: undefined,
      isLocal: false,
    });
    expect(parseEnv({ VITE_EXPLORER_URL: "https://x.example" }).explorerUrl).toBeUndefined();
  });
  it("rejects bad values with a message naming the variable", () => {
    expect(() => parseEnv({ VITE_CHAIN_ID: "abc" })).toThrow(/VITE_CHAIN_ID/);
    expect(() => parseEnv({ VITE_CHAIN_ID: "1" })).toThrow(/VITE_RPC_URL is required/);
    expect(() => parseEnv({ VITE_RPC_URL: "ftp://x" })).toThrow(/VITE_RPC_URL must be an http/);
    expect(() => parseEnv({ VITE_SUBGRAPH_URL: "not a url" })).toThrow(/VITE_SUBGRAPH_URL/);
  });
  it("reads the optional access service URL", () => {
    expect(parseEnv({ VITE_ACCESS_URL: "https://api.example.org/" }).accessUrl).toBe("https://api.example.org");
    expect(() => parseEnv({ VITE_ACCESS_URL: "api.example.org" })).toThrow(
      'VITE_ACCESS_URL must be an http(s) URL, got "api.example.org"',
    );
  });
});
