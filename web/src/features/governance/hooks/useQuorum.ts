import { addresses } from "../../../config";
import { useReadLockstepGovernorQuorum } from "../../../generated/contracts";

/** The quorum at a proposal's snapshot (only known once the snapshot is in the past). */
export function useQuorum(snapshot: bigint | undefined, now: bigint | undefined) {
  const past = snapshot !== undefined && now !== undefined && snapshot < now;
  return useReadLockstepGovernorQuorum({
    address: addresses.governor,
    args: past ? [snapshot] : undefined,
    query: { enabled: past },
  });
}
