import { useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import { lockstepGovernorAbi } from "../../../generated/contracts";

/** `deadline` is the governor's, which a late quorum extends past the `voteEnd` of the proposal's event. */
export type Tally = { state: number; against: bigint; for: bigint; abstain: bigint; deadline: bigint };

/** State, For/Against/Abstain totals and voting deadline of each proposal, read from the governor. */
export function useProposalTallies(ids: readonly bigint[] | undefined) {
  const governor = { address: addresses.governor, abi: lockstepGovernorAbi } as const;
  return useReadContracts({
    contracts: (ids ?? []).flatMap((id) => [
      { ...governor, functionName: "state", args: [id] } as const,
      { ...governor, functionName: "proposalVotes", args: [id] } as const,
      { ...governor, functionName: "proposalDeadline", args: [id] } as const,
    ]),
    allowFailure: false,
    query: {
      enabled: !!ids && ids.length > 0 && !!addresses.governor,
      select: (results): Tally[] =>
        (ids ?? []).map((_, i) => {
          const [against, forVotes, abstain] = results[3 * i + 1] as readonly [bigint, bigint, bigint];
          return {
            state: Number(results[3 * i]),
            against,
            for: forVotes,
            abstain,
            deadline: BigInt(results[3 * i + 2] as bigint),
          };
        }),
    },
  });
}
