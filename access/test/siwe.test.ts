import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createSiweMessage, parseSiweMessage } from "viem/siwe";
import { describe, expect, it } from "vitest";
import { AccessError } from "../src/errors.ts";
import {
  buildSignInMessage,
  checkSignInMessage,
  DEFAULT_STATEMENT,
  verifySignIn,
  type SignInConfig,
} from "../src/siwe.ts";
import { offlineClient } from "./helpers.ts";

const config: SignInConfig = {
  domain: "app.example.org",
  uri: "https://app.example.org",
  chainId: 31337,
  statement: DEFAULT_STATEMENT,
  messageLifetime: 600,
};
const signer = privateKeyToAccount(generatePrivateKey());
const other = privateKeyToAccount(generatePrivateKey());
const now = new Date("2026-11-30T10:00:00.000Z");
const message = (fields: Partial<Parameters<typeof createSiweMessage>[0]> = {}) =>
  createSiweMessage({
    domain: config.domain,
    uri: config.uri,
    chainId: config.chainId,
    address: signer.address,
    nonce: "abcdef123456",
    version: "1",
    issuedAt: now,
    expirationTime: new Date(now.getTime() + 600_000),
    ...fields,
  });

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as AccessError;
  }
  throw new Error("expected a refusal");
};

describe("sign-in message", () => {
  it("test_BuildsAnEip4361MessageForThisService", () => {
    const text = buildSignInMessage(config, { address: signer.address, nonce: "abcdef123456", now });
    expect(text.split("\n")[0]).toBe("app.example.org wants you to sign in with your Ethereum account:");
    const parsed = parseSiweMessage(text);
    expect(parsed).toMatchObject({
      domain: config.domain,
      address: signer.address,
      uri: config.uri,
      chainId: 31337,
      nonce: "abcdef123456",
      version: "1",
      statement: DEFAULT_STATEMENT,
    });
    expect(parsed.issuedAt?.toISOString()).toBe(now.toISOString());
    expect(parsed.expirationTime?.toISOString()).toBe("2026-11-30T10:10:00.000Z");
    expect(checkSignInMessage(config, text, now).nonce).toBe("abcdef123456");
  });

  it("test_VerifiesTheSignersSignature", async () => {
    const text = message();
    const checked = await verifySignIn(offlineClient(), config, {
      message: text,
      signature: await signer.signMessage({ message: text }),
      now,
    });
    expect(checked.address).toBe(signer.address);
  });

  it("test_RevertWhen_AnotherKeySigned", async () => {
    const text = message();
    await expect(
      verifySignIn(offlineClient(), config, {
        message: text,
        signature: await other.signMessage({ message: text }),
        now,
      }),
    ).rejects.toMatchObject({ code: "bad_signature", status: 401, message: expect.stringContaining(signer.address) });
  });

  it("test_RevertWhen_TheSignedMessageWasAltered", async () => {
    const signed = message();
    const signature = await signer.signMessage({ message: signed });
    const altered = message({ expirationTime: new Date(now.getTime() + 86_400_000) });
    await expect(verifySignIn(offlineClient(), config, { message: altered, signature, now })).rejects.toMatchObject({
      code: "bad_signature",
    });
  });

  it("test_RevertWhen_DomainIsAnotherSite", () => {
    const error = refusal(() => checkSignInMessage(config, message({ domain: "evil.example.com" }), now));
    expect(error).toBeInstanceOf(AccessError);
    expect(error.code).toBe("wrong_domain");
    expect(error.message).toBe(
      "The message signs in to evil.example.com, but this service accepts sign-ins for app.example.org only.",
    );
  });

  it("test_RevertWhen_UriIsAnotherSite", () => {
    expect(refusal(() => checkSignInMessage(config, message({ uri: "https://evil.example.com" }), now)).code).toBe(
      "wrong_uri",
    );
  });

  it("test_RevertWhen_ChainIdIsAnotherChain", () => {
    const error = refusal(() => checkSignInMessage(config, message({ chainId: 1 }), now));
    expect(error.code).toBe("wrong_chain");
    expect(error.message).toBe("The message is for chain 1, but this service reads levels on chain 31337.");
  });

  it("test_RevertWhen_MessageExpired", () => {
    const error = refusal(() => checkSignInMessage(config, message(), new Date(now.getTime() + 600_000)));
    expect(error.code).toBe("message_expired");
    expect(error.message).toBe("The message expired at 2026-11-30T10:10:00.000Z: ask for a new nonce and sign again.");
    // One millisecond earlier it is still valid.
    expect(checkSignInMessage(config, message(), new Date(now.getTime() + 599_999)).address).toBe(signer.address);
  });

  it("test_RevertWhen_MessageHasNoExpiry", () => {
    expect(refusal(() => checkSignInMessage(config, message({ expirationTime: undefined }), now)).message).toMatch(
      /no expiration time/,
    );
  });

  it("test_RevertWhen_MessageIsNotValidYet", () => {
    const error = refusal(() =>
      checkSignInMessage(config, message({ notBefore: new Date(now.getTime() + 60_000) }), now),
    );
    expect(error.code).toBe("message_not_yet_valid");
  });

  it("test_RevertWhen_TextIsNotASiweMessage", () => {
    const error = refusal(() => checkSignInMessage(config, "please sign in", now));
    expect(error.code).toBe("bad_message");
    expect(error.status).toBe(400);
  });
});
