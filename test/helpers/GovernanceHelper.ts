import type { BaseContract, ContractTransactionResponse, Signer, TypedDataDomain } from "ethers";
import { id } from "ethers";
import { signBallot } from "../../scripts/lib/eip712.ts";

/** Governor proposal states (IGovernor.ProposalState). */
export enum ProposalState {
  Pending,
  Active,
  Canceled,
  Defeated,
  Succeeded,
  Queued,
  Expired,
  Executed,
}

/** GovernorCountingSimple vote types. */
export enum VoteType {
  Against,
  For,
  Abstain,
}

export interface Action {
  target: string | { getAddress(): Promise<string> };
  value?: bigint;
  data?: string;
}

interface Time {
  increaseTo(timestamp: number | bigint): Promise<void>;
}

// The governor as the tests use it: an ethers Contract with the Governor ABI.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Governor = BaseContract & Record<string, any>;

/**
 * Drives one proposal through the Governor lifecycle, in the manner of OpenZeppelin's
 * test/helpers/governance.js: set the actions and description once, then propose, wait for the snapshot,
 * vote, wait for the deadline, queue, wait for the ETA and execute. The governor clock is timestamps, so
 * every wait moves block time; `wait*` mine a block one second after the boundary by default so the next
 * transaction is on the far side of it.
 */
export class GovernanceHelper {
  targets: string[] = [];
  values: bigint[] = [];
  calldatas: string[] = [];
  description = "";

  constructor(
    readonly governor: Governor,
    private readonly time: Time,
  ) {}

  /** Sets the proposal; the description may carry a `#proposer=0x...` suffix. */
  async setProposal(actions: Action[], description: string): Promise<this> {
    this.targets = await Promise.all(
      actions.map((a) => (typeof a.target === "string" ? a.target : a.target.getAddress())),
    );
    this.values = actions.map((a) => a.value ?? 0n);
    this.calldatas = actions.map((a) => a.data ?? "0x");
    this.description = description;
    return this;
  }

  get descriptionHash(): string {
    return id(this.description);
  }

  /** The proposal as `(targets, values, calldatas, descriptionHash)`, for queue/execute/cancel. */
  get shortProposal(): [string[], bigint[], string[], string] {
    return [this.targets, this.values, this.calldatas, this.descriptionHash];
  }

  async id(): Promise<bigint> {
    return this.governor.hashProposal(...this.shortProposal);
  }

  private as(signer?: Signer): Governor {
    return (signer ? this.governor.connect(signer) : this.governor) as Governor;
  }

  propose(signer?: Signer): Promise<ContractTransactionResponse> {
    return this.as(signer).propose(this.targets, this.values, this.calldatas, this.description);
  }

  async state(): Promise<ProposalState> {
    return Number(await this.governor.state(await this.id()));
  }

  async snapshot(): Promise<bigint> {
    return this.governor.proposalSnapshot(await this.id());
  }

  async deadline(): Promise<bigint> {
    return this.governor.proposalDeadline(await this.id());
  }

  /** Mines a block at `snapshot + offset`; the default offset 1 makes the proposal Active. */
  async waitForSnapshot(offset = 1n): Promise<void> {
    await this.time.increaseTo((await this.snapshot()) + offset);
  }

  async vote(
    { support, reason, params }: { support: VoteType; reason?: string; params?: string },
    signer?: Signer,
  ): Promise<ContractTransactionResponse> {
    const governor = this.as(signer);
    const proposalId = await this.id();
    if (params !== undefined) {
      return governor.castVoteWithReasonAndParams(proposalId, support, reason ?? "", params);
    }
    if (reason !== undefined) return governor.castVoteWithReason(proposalId, support, reason);
    return governor.castVote(proposalId, support);
  }

  /** Signs an EIP-712 Ballot for `voter`; `domain` overrides (another chain, another governor) are for attacks. */
  async signBallot(voter: Signer, support: VoteType, domain: Partial<TypedDataDomain> = {}): Promise<string> {
    return signBallot(this.governor, voter, await this.id(), support, domain);
  }

  /** Submits a signed ballot from `relayer` (anyone). */
  async voteBySig(voter: string, support: VoteType, signature: string, relayer?: Signer) {
    return this.as(relayer).castVoteBySig(await this.id(), support, voter, signature);
  }

  /** Mines a block at `deadline + offset`; the default offset 1 ends the voting period. */
  async waitForDeadline(offset = 1n): Promise<void> {
    await this.time.increaseTo((await this.deadline()) + offset);
  }

  queue(signer?: Signer): Promise<ContractTransactionResponse> {
    return this.as(signer).queue(...this.shortProposal);
  }

  /** Mines a block at `eta + offset` (the timelock operation is ready from `eta`). */
  async waitForEta(offset = 0n): Promise<void> {
    await this.time.increaseTo((await this.governor.proposalEta(await this.id())) + offset);
  }

  execute(signer?: Signer): Promise<ContractTransactionResponse> {
    return this.as(signer).execute(...this.shortProposal);
  }

  cancel(signer?: Signer): Promise<ContractTransactionResponse> {
    return this.as(signer).cancel(...this.shortProposal);
  }

  /** propose → snapshot → each voter votes For → deadline → queue → ETA → execute. */
  async passAndExecute(proposer: Signer, voters: Signer[]): Promise<ContractTransactionResponse> {
    await this.propose(proposer);
    await this.waitForSnapshot();
    for (const voter of voters) await this.vote({ support: VoteType.For }, voter);
    await this.waitForDeadline();
    await this.queue();
    await this.waitForEta();
    return this.execute();
  }
}
