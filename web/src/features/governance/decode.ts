import { decodeFunctionData, formatEther, getAbiItem, type Abi, type AbiFunction, type Address, type Hex } from "viem";
import { addresses } from "../../config";
import {
  governanceTokenAbi,
  lockstepGovernorAbi,
  revenueDistributorAbi,
  timelockControllerAbi,
  votingEscrowAbi,
} from "../../generated/contracts";
import { formatAmount, shortAddress } from "../../lib/format";

const KNOWN: { name: string; address: Address | undefined; abi: Abi }[] = [
  { name: "GovernanceToken", address: addresses.token, abi: governanceTokenAbi },
  { name: "VotingEscrow", address: addresses.escrow, abi: votingEscrowAbi },
  { name: "RevenueDistributor", address: addresses.distributor, abi: revenueDistributorAbi },
  { name: "LockstepGovernor", address: addresses.governor, abi: lockstepGovernorAbi },
  { name: "TimelockController", address: addresses.timelock, abi: timelockControllerAbi },
];

export type DecodedAction = { target: string; call: string; value: string; raw: Hex };

/** Token-sized integers (amounts, scores) read best in whole tokens ("250,000e18"); small ones stay exact. */
function formatArg(value: unknown): string {
  if (typeof value === "bigint") return value >= 10n ** 15n ? `${formatAmount(value, 18, 4)}e18` : value.toString();
  if (Array.isArray(value)) return `[${value.map(formatArg).join(", ")}]`;
  if (typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value)) {
    const known = KNOWN.find((k) => k.address?.toLowerCase() === value.toLowerCase());
    return known ? known.name : shortAddress(value);
  }
  return String(value);
}

/** Decodes one proposal action with the ABIs of the system's contracts; unknown calls stay raw. */
export function decodeAction(target: Address, value: bigint, calldata: Hex): DecodedAction {
  const known = KNOWN.find((k) => k.address?.toLowerCase() === target.toLowerCase());
  const targetName = known ? known.name : shortAddress(target);
  const valueText = value > 0n ? `${formatEther(value)} ETH` : "";
  if (calldata === "0x") return { target: targetName, call: "(plain ETH transfer)", value: valueText, raw: calldata };
  for (const abi of known ? [known.abi] : KNOWN.map((k) => k.abi)) {
    try {
      const { functionName, args = [] } = decodeFunctionData({ abi, data: calldata });
      const item = getAbiItem({ abi, name: functionName, args: args as unknown[] }) as AbiFunction | undefined;
      const parts = args.map((arg, i) => {
        const name = item?.inputs[i]?.name;
        return name ? `${name}: ${formatArg(arg)}` : formatArg(arg);
      });
      return {
        target: targetName,
        call: `${functionName}(${parts.join(", ")})`,
        value: valueText,
        raw: calldata,
      };
    } catch {
      // try the next ABI
    }
  }
  return { target: targetName, call: `raw call ${calldata.slice(0, 10)}…`, value: valueText, raw: calldata };
}

export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
