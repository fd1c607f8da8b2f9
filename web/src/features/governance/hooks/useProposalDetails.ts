import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { lockstepGovernorAbi } from "../../../generated/contracts";

/** Snapshot, deadline, ETA and whether queuing is needed, read from the governor. */
export function useProposalDetails(id: bigint | undefined) {
  const governor = { address: addresses.governor, abi: lockstepGovernorAbi } as const;
  return useReadContracts({
    contracts: [
      { ...governor, functionName: "proposalSnapshot", args: [id!] },
      { ...governor, functionName: "proposalDeadline", args: [id!] },
      { ...governor, functionName: "proposalEta", args: [id!] },
      { ...governor, functionName: "proposalNeedsQueuing", args: [id!] },
    ] as const,
    allowFailure: false,
    query: {
      enabled: id !== undefined && !!addresses.governor,
      select: ([snapshot, deadline, eta, needsQueuing]) => ({ snapshot, deadline, eta, needsQueuing }),
    },
  });
}
