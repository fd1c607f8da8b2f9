/**
 * Sign-In with Ethereum (EIP-4361) on viem's `viem/siwe`: the service builds the message, the person signs it,
 * and `checkSignInMessage` refuses anything not meant for this service (domain, URI, chain id, expiry) with a
 * sentence before the signature is checked through the chain (`verifySiweMessage`), which also accepts EIP-1271
 * smart-contract wallets and EIP-6492 wallets not deployed yet.
 */
import type { Address, Hex, PublicClient } from "viem";
import { createSiweMessage, parseSiweMessage, validateSiweMessage, type SiweMessage } from "viem/siwe";
import { AccessError } from "./errors.ts";

export type SignInConfig = {
  /** The RFC 3986 authority of the app that asks for the signature ("app.example.org", "127.0.0.1:5173"). */
  domain: string;
  /** The URI the sign-in is for (the app's origin). */
  uri: string;
  /** The chain whose escrow grants the levels. */
  chainId: number;
  /** The sentence wallets show above the message. */
  statement: string;
  /** How long a built message (and its nonce) stays valid, in seconds. */
  messageLifetime: number;
};

export const DEFAULT_STATEMENT = "Sign in to use the API with the tier your Lockstep level earns.";

/** The EIP-4361 message for `address` with the server's `nonce`, valid from `now` for `messageLifetime`. */
export function buildSignInMessage(
  config: SignInConfig,
  { address, nonce, now = new Date() }: { address: Address; nonce: string; now?: Date },
): string {
  return createSiweMessage({
    domain: config.domain,
    uri: config.uri,
    chainId: config.chainId,
    address,
    nonce,
    version: "1",
    statement: config.statement,
    issuedAt: now,
    expirationTime: new Date(now.getTime() + config.messageLifetime * 1000),
  });
}

export type CheckedMessage = SiweMessage & { expirationTime: Date };

/**
 * Parses `message` and checks it was made for this service and is valid at `now`; throws an AccessError that
 * says what is wrong. The signature is not checked here (see `verifySignIn`).
 */
export function checkSignInMessage(config: SignInConfig, message: string, now = new Date()): CheckedMessage {
  const parsed = parseSiweMessage(message);
  if (!parsed.address || !parsed.domain || !parsed.nonce || !parsed.uri || !parsed.chainId || parsed.version !== "1") {
    throw new AccessError(
      400,
      "bad_message",
      "This is not a complete Sign-In with Ethereum message (it needs a domain, address, URI, version 1, chain id and nonce): sign the message /auth/nonce returns.",
    );
  }
  if (parsed.domain !== config.domain) {
    throw new AccessError(
      401,
      "wrong_domain",
      `The message signs in to ${parsed.domain}, but this service accepts sign-ins for ${config.domain} only.`,
    );
  }
  if (parsed.uri !== config.uri) {
    throw new AccessError(
      401,
      "wrong_uri",
      `The message is for ${parsed.uri}, but this service accepts sign-ins for ${config.uri} only.`,
    );
  }
  if (parsed.chainId !== config.chainId) {
    throw new AccessError(
      401,
      "wrong_chain",
      `The message is for chain ${parsed.chainId}, but this service reads levels on chain ${config.chainId}.`,
    );
  }
  if (!parsed.expirationTime) {
    throw new AccessError(
      400,
      "bad_message",
      "The message has no expiration time, so it could be replayed forever: sign the message /auth/nonce returns.",
    );
  }
  if (now.getTime() >= parsed.expirationTime.getTime()) {
    throw new AccessError(
      401,
      "message_expired",
      `The message expired at ${parsed.expirationTime.toISOString()}: ask for a new nonce and sign again.`,
    );
  }
  if (parsed.notBefore && now.getTime() < parsed.notBefore.getTime()) {
    throw new AccessError(
      401,
      "message_not_yet_valid",
      `The message is not valid before ${parsed.notBefore.toISOString()}.`,
    );
  }
  // viem's own rules on top (address format, domain, time), in case it ever checks more than the lines above.
  if (!validateSiweMessage({ message: parsed, domain: config.domain, time: now })) {
    throw new AccessError(401, "bad_message", "The message failed Sign-In with Ethereum validation.");
  }
  return parsed as CheckedMessage;
}

/**
 * Checks the signature of `message` through the chain: an account's own key, an EIP-1271 smart-contract wallet
 * or an EIP-6492 wallet not deployed yet. Throws an AccessError when it does not match the message's address.
 */
export async function verifySignIn(
  client: PublicClient,
  config: SignInConfig,
  { message, signature, now = new Date() }: { message: string; signature: Hex; now?: Date },
): Promise<CheckedMessage> {
  const checked = checkSignInMessage(config, message, now);
  let valid = false;
  try {
    valid = await client.verifySiweMessage({ message, signature, domain: config.domain, time: now });
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new AccessError(
      401,
      "bad_signature",
      `The signature does not match ${checked.address}: sign the message with that account (or its smart wallet's owner key).`,
    );
  }
  return checked;
}
