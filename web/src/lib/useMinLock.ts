import { addresses } from "../config";
import { useReadVotingEscrowMinLock } from "../generated/contracts";

/**
 * VotingEscrow.MIN_LOCK in seconds: how long a lock must still run to receive tokens (create, add, re-lock).
 * A constant of the contract, so it is read once per session.
 */
export function useMinLock() {
  return useReadVotingEscrowMinLock({ address: addresses.escrow, query: { staleTime: Infinity, gcTime: Infinity } });
}
