/**
 * EIP-712 signatures the contracts accept, signed with ethers: a Governor ballot (castVoteBySig), an ERC-2612
 * permit (createLockWithPermit) and an ERC-5805 delegation (delegateBySig). Shared by the tests and the benches;
 * the struct types come from shared/eip712.ts, which the app uses too.
 */
import { type BaseContract, Signature, type Signer, type TypedDataDomain } from "ethers";

import { BALLOT_TYPES, DELEGATION_TYPES, PERMIT_TYPES } from "../../shared/eip712.ts";

/** ethers wants mutable field lists; the shared definitions are readonly for viem's type inference. */
type Fields = Record<string, readonly { name: string; type: string }[]>;
const forEthers = (types: Fields) => Object.fromEntries(Object.entries(types).map(([k, v]) => [k, [...v]]));

/**
 * The contract's EIP-712 domain on the signer's chain; `overrides` (another chain, another contract, another
 * version) are for signatures the contract must refuse.
 */
async function domainOf(
  contract: BaseContract,
  signer: Signer,
  version: string,
  overrides: Partial<TypedDataDomain>,
): Promise<TypedDataDomain> {
  return {
    name: (await contract.getFunction("name")()) as string,
    version,
    chainId: (await signer.provider!.getNetwork()).chainId,
    verifyingContract: await contract.getAddress(),
    ...overrides,
  };
}

const nonceOf = async (contract: BaseContract, owner: string) =>
  (await contract.getFunction("nonces")(owner)) as bigint;

/** Signs a Governor Ballot for `voter` with its current nonce; returns the serialized signature. */
export async function signBallot(
  governor: BaseContract,
  voter: Signer,
  proposalId: bigint,
  support: number,
  overrides: Partial<TypedDataDomain> = {},
): Promise<string> {
  const address = await voter.getAddress();
  const version = (await governor.getFunction("version")()) as string;
  const domain = await domainOf(governor, voter, version, overrides);
  const message = { proposalId, support, voter: address, nonce: await nonceOf(governor, address) };
  return Signature.from(await voter.signTypedData(domain, forEthers(BALLOT_TYPES), message)).serialized;
}

/** Signs an ERC-2612 permit of `owner`'s tokens to `spender`, with the owner's current nonce. */
export async function signPermit(
  token: BaseContract,
  signer: Signer,
  permit: { owner: string; spender: string; value: bigint; deadline: bigint },
  overrides: Partial<TypedDataDomain> = {},
): Promise<Signature> {
  const domain = await domainOf(token, signer, "1", overrides);
  const message = { ...permit, nonce: await nonceOf(token, permit.owner) };
  return Signature.from(await signer.signTypedData(domain, forEthers(PERMIT_TYPES), message));
}

/** Signs an ERC-5805 delegation to `delegatee` with an explicit nonce (tests replay and skip nonces). */
export async function signDelegation(
  votes: BaseContract,
  signer: Signer,
  delegation: { delegatee: string; nonce: bigint; expiry: bigint },
  overrides: Partial<TypedDataDomain> = {},
): Promise<Signature> {
  const domain = await domainOf(votes, signer, "1", overrides);
  return Signature.from(await signer.signTypedData(domain, forEthers(DELEGATION_TYPES), delegation));
}
