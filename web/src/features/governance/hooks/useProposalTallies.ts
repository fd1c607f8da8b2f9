import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { lockstepGovernorAbi } from "../../../generated/contracts";

export type Tally = { state: number; against: bigint; for: bigint; abstain: bigint };

/** State and For/Against/Abstain totals of each proposal, read from the governor. */
export function useProposalTallies(ids: readonly bigint[] | undefined) {
  const governor = { address: addresses.governor, abi: lockstepGovernorAbi } as const;
  return useReadContracts({
    contracts: (ids ?? []).flatMap((id) => [
      { ...governor, functionName: "state", args: [id] } as const,
      { ...governor, functionName: "proposalVotes", args: [id] } as const,
    ]),
    allowFailure: false,
    query: {
      enabled: !!ids && ids.length > 0 && !!addresses.governor,
      select: (results): Tally[] =>
        (ids ?? []).map((_, i) => {
          const [against, forVotes, abstain] = results[2 * i + 1] as readonly [bigint, bigint, bigint];
          return { state: Number(results[2 * i]), against, for: forVotes, abstain };
        }),
    },
  });
}
