import type { Address } from "viem";
import { useWriteContract } from "wagmi";
import { addresses } from "../../../config";
import { delegateRegistryAbi, votingEscrowAbi } from "../../../generated/contracts";

/** Delegation and statement writes; each returns the transaction hash (copied from the Govern page's pattern). */
export function useDelegateActions() {
  const write = useWriteContract();
  return {
    delegate: (to: Address) =>
      write.mutateAsync({ address: addresses.escrow!, abi: votingEscrowAbi, functionName: "delegate", args: [to] }),
    publish: (name: string, statement: string, link: string) =>
      write.mutateAsync({
        address: addresses.delegateRegistry!,
        abi: delegateRegistryAbi,
        functionName: "publishStatement",
        args: [name, statement, link],
      }),
    clear: () =>
      write.mutateAsync({
        address: addresses.delegateRegistry!,
        abi: delegateRegistryAbi,
        functionName: "clearStatement",
      }),
  };
}
