import { addresses } from "../../../config";
import { useReadVotingEscrowLevelThresholds } from "../../../generated/contracts";

/** The ten score thresholds of levels 1-10. */
export function useLevelThresholds() {
  return useReadVotingEscrowLevelThresholds({ address: addresses.escrow, query: { staleTime: 60_000 } });
}
