/**
 * Where a service on this repository finds the escrow: the address in deployments/<chainId>.json (written by
 * `npm run deploy`) and the ABI in the compiled Hardhat artifacts (`npm run build`), as the scripts read them.
 */
import type { Abi, Address } from "viem";
import { readDeployment } from "../../scripts/lib/deployment-file.ts";
import { readArtifact } from "../../scripts/local/artifacts.ts";

export function escrowFromDeployment(chainId: number): { address: Address; abi: Abi } {
  return { address: readDeployment(chainId).contracts.VotingEscrow.address, abi: readArtifact("VotingEscrow").abi };
}
