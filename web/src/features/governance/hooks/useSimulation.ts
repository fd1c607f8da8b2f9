import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import { addresses } from "../../../config";
import { simulateActions, type SimulatedAction } from "../simulate";

/** The actions simulated in order as the timelock on the latest block; refetched with each new block. */
export function useSimulation(actions: readonly SimulatedAction[] | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: [
      "simulate",
      addresses.timelock,
      (actions ?? []).map((a) => [a.target, a.value.toString(), a.data].join(":")).join("|"),
    ],
    enabled: !!client && !!addresses.timelock && !!actions && actions.length > 0,
    queryFn: () => simulateActions(client!, addresses.timelock!, actions!),
  });
}
