import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { lockstepGovernorAbi } from "../../../generated/contracts";

/** Voting delay, voting period and proposal threshold of the governor. */
export function useGovernorSettings() {
  const governor = { address: addresses.governor, abi: lockstepGovernorAbi } as const;
  return useReadContracts({
    contracts: [
      { ...governor, functionName: "votingDelay" },
      { ...governor, functionName: "votingPeriod" },
      { ...governor, functionName: "proposalThreshold" },
    ] as const,
    allowFailure: false,
    query: {
      enabled: !!addresses.governor,
      staleTime: 60_000,
      select: ([votingDelay, votingPeriod, proposalThreshold]) => ({ votingDelay, votingPeriod, proposalThreshold }),
    },
  });
}
