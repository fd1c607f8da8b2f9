import { useBlock, useReadContract } from "wagmi";
import { addresses } from "../../../config";
import { timelockControllerAbi } from "../../../generated/contracts";
import { earliestExecution } from "../roundTemplate";
import { useGovernorSettings } from "./useGovernorSettings";

export type RoundTiming = { latestBlockTime: bigint | undefined; earliestExecution: bigint | undefined };

/**
 * The chain's time (the latest block, refreshed with each block) and the earliest time a proposal made now can
 * execute: now + voting delay + voting period + the timelock's minimum delay. Read only while `enabled`.
 */
export function useRoundTiming(enabled: boolean): RoundTiming {
  const settings = useGovernorSettings();
  const block = useBlock({ watch: enabled, query: { enabled, select: (b) => b.timestamp } });
  const delay = useReadContract({
    address: addresses.timelock,
    abi: timelockControllerAbi,
    functionName: "getMinDelay",
    query: { enabled: enabled && !!addresses.timelock, staleTime: 60_000 },
  });
  const now = block.data;
  return {
    latestBlockTime: now,
    earliestExecution:
      now !== undefined && settings.data && delay.data !== undefined
        ? earliestExecution(now, settings.data.votingDelay, settings.data.votingPeriod, delay.data)
        : undefined,
  };
}
