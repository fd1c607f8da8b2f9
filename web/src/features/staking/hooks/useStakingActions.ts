import { useCallback } from "react";
import { parseSignature } from "viem";
import { useSignTypedData } from "wagmi";
import { PERMIT_TYPES } from "../../../../../shared/eip712";
import { addresses } from "../../../config";
import {
  useWriteGovernanceTokenApprove,
  useWriteVotingEscrowCreateLock,
  useWriteVotingEscrowCreateLockWithPermit,
  useWriteVotingEscrowIncreaseAmount,
  useWriteVotingEscrowIncreaseUnlockTime,
  useWriteVotingEscrowSetAutoMax,
  useWriteVotingEscrowSetLockCreator,
  useWriteVotingEscrowWithdraw,
} from "../../../generated/contracts";

type Domain = { name: string; version: string; chainId: bigint; verifyingContract: `0x${string}` };

/** The escrow's write calls, each returning the transaction hash (the caller tracks it with useTx). */
export function useStakingActions() {
  const approve = useWriteGovernanceTokenApprove();
  const createLock = useWriteVotingEscrowCreateLock();
  const createLockWithPermit = useWriteVotingEscrowCreateLockWithPermit();
  const increaseAmount = useWriteVotingEscrowIncreaseAmount();
  const increaseUnlockTime = useWriteVotingEscrowIncreaseUnlockTime();
  const setAutoMax = useWriteVotingEscrowSetAutoMax();
  const setLockCreator = useWriteVotingEscrowSetLockCreator();
  const withdraw = useWriteVotingEscrowWithdraw();
  const sign = useSignTypedData();

  const signPermit = useCallback(
    async (owner: `0x${string}`, value: bigint, nonce: bigint, deadline: bigint, domain: Domain) => {
      const signature = await sign.mutateAsync({
        domain,
        types: PERMIT_TYPES,
        primaryType: "Permit",
        message: { owner, spender: addresses.escrow!, value, nonce, deadline },
      });
      const { v, r, s, yParity } = parseSignature(signature);
      return { v: Number(v ?? BigInt(yParity + 27)), r, s };
    },
    [sign],
  );

  return {
    approve: (amount: bigint) => approve.mutateAsync({ address: addresses.token!, args: [addresses.escrow!, amount] }),
    createLock: (amount: bigint, unlockTime: bigint) =>
      createLock.mutateAsync({ address: addresses.escrow!, args: [amount, unlockTime] }),
    createLockWithPermit: (
      amount: bigint,
      unlockTime: bigint,
      deadline: bigint,
      sig: { v: number; r: `0x${string}`; s: `0x${string}` },
    ) =>
      createLockWithPermit.mutateAsync({
        address: addresses.escrow!,
        args: [amount, unlockTime, deadline, sig.v, sig.r, sig.s],
      }),
    increaseAmount: (amount: bigint) => increaseAmount.mutateAsync({ address: addresses.escrow!, args: [amount] }),
    increaseUnlockTime: (unlockTime: bigint) =>
      increaseUnlockTime.mutateAsync({ address: addresses.escrow!, args: [unlockTime] }),
    setAutoMax: (enabled: boolean) => setAutoMax.mutateAsync({ address: addresses.escrow!, args: [enabled] }),
    setLockCreator: (creator: `0x${string}`, allowed: boolean) =>
      setLockCreator.mutateAsync({ address: addresses.escrow!, args: [creator, allowed] }),
    withdraw: () => withdraw.mutateAsync({ address: addresses.escrow! }),
    signPermit,
  };
}
