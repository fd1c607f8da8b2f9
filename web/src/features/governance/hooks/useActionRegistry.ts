import { useMemo } from "react";
import { erc20Abi, type Abi, type Address } from "viem";
import { useReadContract, useReadContracts } from "wagmi";
import { addresses } from "../../../config";
import {
  earlyAccessAbi,
  governanceTokenAbi,
  lockstepGovernorAbi,
  revenueDistributorAbi,
  timelockControllerAbi,
  votingEscrowAbi,
} from "../../../generated/contracts";
import type { ActionRegistry, KnownContract, KnownToken } from "../actions";

/** Lockstep's own contracts on this chain, with their ABIs. */
export const LOCKSTEP_CONTRACTS: KnownContract[] = (
  [
    ["GovernanceToken", addresses.token, governanceTokenAbi],
    ["VotingEscrow", addresses.escrow, votingEscrowAbi],
    ["RevenueDistributor", addresses.distributor, revenueDistributorAbi],
    ["LockstepGovernor", addresses.governor, lockstepGovernorAbi],
    ["TimelockController", addresses.timelock, timelockControllerAbi],
    ["EarlyAccess", addresses.earlyAccess, earlyAccessAbi],
  ] as [string, Address | undefined, Abi][]
).flatMap(([name, address, abi]) => (address ? [{ name, address, abi }] : []));

/**
 * The contracts and tokens the app can name: Lockstep's contracts, the governance token and every reward token
 * the DAO allowlisted (with symbol and decimals read from the chain). Anything else is an unknown contract.
 */
export function useActionRegistry() {
  const rewardTokens = useReadContract({
    address: addresses.distributor,
    abi: revenueDistributorAbi,
    functionName: "rewardTokens",
    query: { enabled: !!addresses.distributor },
  });
  const tokenAddresses = useMemo(() => {
    const list = [...(addresses.token ? [addresses.token] : []), ...(rewardTokens.data ?? [])];
    return list.filter((a, i) => list.findIndex((b) => b.toLowerCase() === a.toLowerCase()) === i);
  }, [rewardTokens.data]);
  const metadata = useReadContracts({
    contracts: tokenAddresses.flatMap((address) => [
      { address, abi: erc20Abi, functionName: "symbol" } as const,
      { address, abi: erc20Abi, functionName: "decimals" } as const,
    ]),
    allowFailure: true,
    query: { enabled: rewardTokens.isSuccess || !addresses.distributor, staleTime: 60_000 },
  });
  const data = useMemo((): ActionRegistry | undefined => {
    if (!metadata.data) return undefined;
    const tokens: KnownToken[] = tokenAddresses.flatMap((address, i) => {
      const symbol = metadata.data[2 * i]?.result;
      const decimals = metadata.data[2 * i + 1]?.result;
      return typeof symbol === "string" && typeof decimals === "number" ? [{ address, symbol, decimals }] : [];
    });
    return { contracts: LOCKSTEP_CONTRACTS, tokens };
  }, [metadata.data, tokenAddresses]);
  return {
    data,
    isError: rewardTokens.isError || metadata.isError,
    isPending: rewardTokens.isPending || metadata.isPending,
    refetch: () => Promise.all([rewardTokens.refetch(), metadata.refetch()]),
  };
}
