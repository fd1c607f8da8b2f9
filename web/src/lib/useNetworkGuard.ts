import { useConnection } from "wagmi";
import { env } from "../config";

/** Whether a wallet is connected, and whether it is on the chain the app is deployed to. */
export function useNetworkGuard() {
  const { address, chainId, isConnected } = useConnection();
  const wrongChain = isConnected && chainId !== env.chainId;
  return { address, isConnected, wrongChain, canSend: isConnected && !wrongChain };
}
