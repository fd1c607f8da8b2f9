import { addresses } from "../../../config";
import { useReadEarlyAccessRound } from "../../../generated/contracts";
import { toRound } from "../rounds";

/** One round's parameters, total and flags (`EarlyAccess.round(id)`), refreshed on every block. */
export function useRound(id: bigint | undefined) {
  return useReadEarlyAccessRound({
    address: addresses.earlyAccess,
    args: id !== undefined ? [id] : undefined,
    query: { enabled: id !== undefined && !!addresses.earlyAccess, select: (result) => toRound(id!, result) },
  });
}
