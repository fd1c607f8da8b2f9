import { useBlock } from "wagmi";

/** The timestamp of one past block (it never changes, so it is read once). */
export function useBlockTime(blockNumber: bigint | undefined) {
  return useBlock({
    blockNumber,
    query: {
      enabled: blockNumber !== undefined,
      staleTime: Infinity,
      meta: { immutable: true },
      select: (block) => block.timestamp,
    },
  });
}
