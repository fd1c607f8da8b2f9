import { erc20Abi, type Address } from "viem";
import { useWriteContract } from "wagmi";
import { addresses } from "../../../config";
import {
  useWriteEarlyAccessClaim,
  useWriteEarlyAccessCommit,
  useWriteEarlyAccessFinalize,
} from "../../../generated/contracts";

/** EarlyAccess's write calls and the payment-token approval, each returning the transaction hash. */
export function useEarlyAccessActions() {
  const approve = useWriteContract();
  const commit = useWriteEarlyAccessCommit();
  const claim = useWriteEarlyAccessClaim();
  const finalize = useWriteEarlyAccessFinalize();
  return {
    approve: (token: Address, amount: bigint) =>
      approve.mutateAsync({
        address: token,
        abi: erc20Abi,
        functionName: "approve",
        args: [addresses.earlyAccess!, amount],
      }),
    commit: (roundId: bigint, amount: bigint) =>
      commit.mutateAsync({ address: addresses.earlyAccess!, args: [roundId, amount] }),
    claim: (roundId: bigint) => claim.mutateAsync({ address: addresses.earlyAccess!, args: [roundId] }),
    finalize: (roundId: bigint) => finalize.mutateAsync({ address: addresses.earlyAccess!, args: [roundId] }),
  };
}
