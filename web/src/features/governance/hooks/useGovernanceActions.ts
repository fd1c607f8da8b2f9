import { keccak256, toHex, type Address, type Hex } from "viem";
import { addresses } from "../../../config";
import {
  useWriteLockstepGovernorCastVoteWithReason,
  useWriteLockstepGovernorExecute,
  useWriteLockstepGovernorPropose,
  useWriteLockstepGovernorQueue,
  useWriteVotingEscrowDelegate,
} from "../../../generated/contracts";

export type ProposalActions = { targets: Address[]; values: bigint[]; calldatas: Hex[]; description: string };

/** Governor and delegation writes; each returns the transaction hash. */
export function useGovernanceActions() {
  const vote = useWriteLockstepGovernorCastVoteWithReason();
  const queue = useWriteLockstepGovernorQueue();
  const execute = useWriteLockstepGovernorExecute();
  const propose = useWriteLockstepGovernorPropose();
  const delegate = useWriteVotingEscrowDelegate();
  const args = (p: ProposalActions) => [p.targets, p.values, p.calldatas, keccak256(toHex(p.description))] as const;
  return {
    vote: (id: bigint, support: number, reason: string) =>
      vote.mutateAsync({ address: addresses.governor!, args: [id, support, reason] }),
    queue: (p: ProposalActions) => queue.mutateAsync({ address: addresses.governor!, args: args(p) }),
    execute: (p: ProposalActions) => execute.mutateAsync({ address: addresses.governor!, args: args(p) }),
    propose: (p: ProposalActions) =>
      propose.mutateAsync({ address: addresses.governor!, args: [p.targets, p.values, p.calldatas, p.description] }),
    delegate: (to: Address) => delegate.mutateAsync({ address: addresses.escrow!, args: [to] }),
  };
}
