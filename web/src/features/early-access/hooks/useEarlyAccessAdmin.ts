import { addresses } from "../../../config";
import { useReadEarlyAccessAdmin } from "../../../generated/contracts";

/** Who creates and cancels rounds, and whether that is the DAO's timelock. */
export function useEarlyAccessAdmin() {
  return useReadEarlyAccessAdmin({
    address: addresses.earlyAccess,
    query: {
      enabled: !!addresses.earlyAccess,
      staleTime: Infinity,
      select: (admin) => ({
        admin,
        isTimelock: !!addresses.timelock && admin.toLowerCase() === addresses.timelock.toLowerCase(),
      }),
    },
  });
}
