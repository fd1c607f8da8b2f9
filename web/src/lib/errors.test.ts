import { describe, expect, it } from "vitest";
import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  UserRejectedRequestError,
  type Abi,
} from "viem";

type AbiError = Extract<Abi[number], { type: "error" }>;
import * as generated from "../generated/contracts";
import { describeError, errorSentences, sentenceFor } from "./errors";

const abis = Object.entries(generated)
  .filter(([name]) => name.endsWith("Abi") && name !== "allErrorsAbi")
  .map(([name, abi]) => [name, abi as Abi] as const);
const allErrors = abis.flatMap(([contract, abi]) =>
  abi.filter((item): item is AbiError => item.type === "error").map((error) => ({ contract, error })),
);

describe("error sentences", () => {
  it("covers the contracts the app uses", () => {
    expect(abis.map(([name]) => name)).toEqual(expect.arrayContaining(["votingEscrowAbi", "governanceTokenAbi"]));
    expect(allErrors.length).toBeGreaterThan(20);
  });

  it.each(allErrors.map(({ contract, error }) => [`${contract}.${error.name}`, error] as const))(
    "%s has a plain sentence",
    (_, error) => {
      expect(errorSentences[error.name], `missing sentence for ${error.name}`).toBeTypeOf("function");
      const args = error.inputs.map((input) =>
        input.type.startsWith("uint") || input.type.startsWith("int")
          ? 1_700_000_000n
          : input.type === "address"
            ? "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
            : input.type === "bool"
              ? true
              : input.type === "bytes32"
                ? "0x" + "ab".repeat(32)
                : "text",
      );
      const sentence = sentenceFor(error.name, args);
      expect(sentence).toMatch(/^[A-Z].*[.!]$/);
      expect(sentence).not.toContain("undefined");
      expect(sentence).not.toContain(error.name);
    },
  );

  it("falls back to naming an unknown error", () => {
    expect(sentenceFor("SomethingNew")).toBe("The contract refused the transaction (SomethingNew).");
  });
});

describe("describeError", () => {
  const escrowAbi = (generated as Record<string, unknown>).votingEscrowAbi as Abi;

  it("decodes a revert with arguments from viem's error into a sentence", () => {
    const data = encodeErrorResult({
      abi: escrowAbi,
      errorName: "VotingEscrowUnlockTooLate",
      args: [0n, 1_700_000_000n],
    });
    const reverted = new ContractFunctionRevertedError({ abi: escrowAbi, data, functionName: "createLock" });
    const error = new ContractFunctionExecutionError(reverted as unknown as BaseError, {
      abi: escrowAbi,
      functionName: "createLock",
      args: [],
    });
    expect(describeError(error)).toBe("The unlock date can be at most 52 weeks away (latest: 14 Nov 2023 UTC).");
  });

  it("decodes raw revert data nested in a wallet error, whichever contract raised it", () => {
    const data = encodeErrorResult({
      abi: escrowAbi,
      errorName: "VotingEscrowLockExists",
      args: ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8"],
    });
    const walletError = { message: "execution reverted", cause: { code: 3, data: { data } } };
    expect(describeError(walletError)).toMatch(/^You already have a lock/);
  });

  it("recognises a rejected request", () => {
    expect(describeError(new UserRejectedRequestError(new Error("no")))).toBe(
      "You rejected the request in your wallet.",
    );
    expect(describeError({ code: 4001, message: "User denied transaction signature" })).toBe(
      "You rejected the request in your wallet.",
    );
  });

  it("keeps other messages readable", () => {
    expect(describeError(new Error("boom"))).toBe("boom");
    expect(describeError("weird")).toBe("Something went wrong.");
  });
});
