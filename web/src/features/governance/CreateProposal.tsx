import { lazy, Suspense, useMemo, useState, type FormEvent } from "react";
import {
  encodeFunctionData,
  erc20Abi,
  formatUnits,
  getAddress,
  isHex,
  parseEventLogs,
  parseUnits,
  type Abi,
  type AbiFunction,
  type AbiParameter,
  type Address,
  type Hex,
} from "viem";
import { addresses, chain } from "../../config";
import { Field } from "../../components/Field";
import { TxStatus } from "../../components/TxStatus";
import { lockstepGovernorAbi, revenueDistributorAbi, votingEscrowAbi } from "../../generated/contracts";
import { formatAmount, formatPercent } from "../../lib/format";
import { href, navigate } from "../../lib/router";
import { useNetworkGuard } from "../../lib/useNetworkGuard";
import { useTx } from "../../lib/useTx";
import { parseAddress, parseAmount, type Validation } from "../../lib/validation";
import { ActionList } from "./ActionList";
import type { SimulationResult } from "./simulate";
import { describeAction } from "./actions";
import { LOCKSTEP_CONTRACTS, useActionRegistry } from "./hooks/useActionRegistry";
import { useDelegation } from "./hooks/useDelegation";
import { useGovernanceActions } from "./hooks/useGovernanceActions";
import { useGovernorSettings } from "./hooks/useGovernorSettings";
import { useSimulation } from "./hooks/useSimulation";
import { useTreasury, type TreasuryAsset } from "./hooks/useTreasury";
import { useRoundTiming, type RoundTiming } from "./hooks/useRoundTiming";
import {
  buildRoundActions,
  EMPTY_ROUND,
  parseUtcDate,
  utcText,
  type RoundContext,
  type RoundDraft,
} from "./roundTemplate";

const Markdown = lazy(() => import("./Markdown"));

/** A transfer above this share of what the treasury holds of that asset is flagged before proposing. */
export const TREASURY_SHARE_WARNING = 10n; // percent

type Kind = "transfer" | "addRewardToken" | "thresholds" | "call" | "raw" | "earlyAccessRound";
export type Draft = {
  kind: Kind;
  /** Transfer: "ETH", a token address, or "other" (then `otherToken`). */
  asset: string;
  otherToken: string;
  to: string;
  amount: string;
  token: string;
  thresholds: string;
  /** Function picker: a Lockstep contract's name and a function signature, with one text per input. */
  contract: string;
  fn: string;
  args: string[];
  target: string;
  value: string;
  data: string;
  /** The "Create an early-access round" template: two actions (approve, then createRound). */
  round: RoundDraft;
};
export const EMPTY: Draft = {
  kind: "transfer",
  asset: "",
  otherToken: "",
  to: "",
  amount: "",
  token: "",
  thresholds: "",
  contract: "",
  fn: "",
  args: [],
  target: "",
  value: "0",
  data: "0x",
  round: EMPTY_ROUND,
};
export type Action = { target: Address; value: bigint; data: Hex };
export type Built = { ok: true; action: Action } | { ok: false; error: string };
/** One builder row as proposal actions: one for most types, two for the early-access round template. */
export type BuiltRow = { ok: true; actions: Action[] } | { ok: false; error: string };
type AssetInfo = { asset: Address | "ETH"; symbol: string; decimals: number };

export const signatureOf = (f: AbiFunction) => `${f.name}(${f.inputs.map((i) => i.type).join(",")})`;

/** State-changing functions of a Lockstep contract: what a proposal can call. */
export function writableFunctions(abi: Abi): AbiFunction[] {
  return abi.filter(
    (item): item is AbiFunction =>
      item.type === "function" && (item.stateMutability === "nonpayable" || item.stateMutability === "payable"),
  );
}

/** Parses one typed argument for the function picker; the error names the parameter. */
export function parseArg(text: string, param: AbiParameter): Validation<unknown> {
  const name = param.name || param.type;
  const array = /^(.*)\[(\d*)\]$/.exec(param.type);
  if (array) {
    const trimmed = text.trim().replace(/^\[|\]$/g, "");
    const parts = trimmed === "" ? [] : trimmed.split(/[\s,;]+/).filter(Boolean);
    if (array[2] !== "" && parts.length !== Number(array[2]))
      return { ok: false, error: `${name}: enter exactly ${array[2]} values.` };
    const values: unknown[] = [];
    for (const [i, part] of parts.entries()) {
      const parsed = parseArg(part, { ...param, type: array[1] } as AbiParameter);
      if (!parsed.ok) return { ok: false, error: `${name} #${i + 1}: ${parsed.error}` };
      values.push(parsed.value);
    }
    return { ok: true, value: values };
  }
  const value = text.trim();
  if (param.type === "address") {
    const parsed = parseAddress(value);
    return parsed.ok ? parsed : { ok: false, error: `${name}: ${parsed.error}` };
  }
  if (param.type === "bool") {
    if (value === "true" || value === "false") return { ok: true, value: value === "true" };
    return { ok: false, error: `${name}: enter true or false.` };
  }
  if (/^u?int\d*$/.test(param.type)) {
    if (!/^-?\d+$/.test(value.replace(/[_,]/g, "")))
      return { ok: false, error: `${name}: enter a whole number (in the contract's own units).` };
    const n = BigInt(value.replace(/[_,]/g, ""));
    if (param.type.startsWith("uint") && n < 0n) return { ok: false, error: `${name}: can't be negative.` };
    return { ok: true, value: n };
  }
  if (param.type.startsWith("bytes")) {
    if (!isHex(value) || value.length % 2 !== 0)
      return { ok: false, error: `${name}: enter 0x followed by an even number of hex digits.` };
    return { ok: true, value };
  }
  if (param.type === "string") return { ok: true, value: text };
  return { ok: false, error: `${name}: ${param.type} is not supported here; use a raw call.` };
}

/** Turns one builder row into a governor action, or a sentence saying what is wrong. */
export function buildAction(draft: Draft, assets: readonly AssetInfo[] = []): Built {
  if (draft.kind === "transfer") {
    const to = parseAddress(draft.to);
    if (!to.ok) return { ok: false, error: `Recipient: ${to.error}` };
    let asset: AssetInfo | undefined;
    if (draft.asset === "other") {
      const token = parseAddress(draft.otherToken);
      if (!token.ok) return { ok: false, error: `Token: ${token.error}` };
      asset = assets.find((a) => a.asset !== "ETH" && a.asset.toLowerCase() === token.value.toLowerCase());
      if (!asset) return { ok: false, error: "Token: that address does not answer as an ERC-20 token (yet)." };
    } else {
      asset = assets.find((a) => a.asset === draft.asset || a.asset.toLowerCase() === draft.asset.toLowerCase());
      if (!asset) return { ok: false, error: "Choose what to send." };
    }
    const amount = parseAmount(draft.amount, asset.decimals);
    if (!amount.ok) return { ok: false, error: `Amount: ${amount.error}` };
    if (asset.asset === "ETH") return { ok: true, action: { target: to.value, value: amount.value, data: "0x" } };
    return {
      ok: true,
      action: {
        target: asset.asset,
        value: 0n,
        data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to.value, amount.value] }),
      },
    };
  }
  if (draft.kind === "addRewardToken") {
    const token = parseAddress(draft.token);
    if (!token.ok) return { ok: false, error: `Token address: ${token.error}` };
    if (!addresses.distributor) return { ok: false, error: "The revenue distributor is not deployed on this chain." };
    return {
      ok: true,
      action: {
        target: addresses.distributor,
        value: 0n,
        data: encodeFunctionData({ abi: revenueDistributorAbi, functionName: "addRewardToken", args: [token.value] }),
      },
    };
  }
  if (draft.kind === "thresholds") {
    const parts = draft.thresholds.split(/[\s,;]+/).filter(Boolean);
    if (parts.length !== 10) return { ok: false, error: `Enter exactly 10 thresholds (you entered ${parts.length}).` };
    const values: bigint[] = [];
    for (const [i, part] of parts.entries()) {
      const parsed = parseAmount(part, 18);
      if (!parsed.ok) return { ok: false, error: `Level ${i + 1}: ${parsed.error}` };
      if (i > 0 && parsed.value <= values[i - 1])
        return { ok: false, error: `Level ${i + 1} must be above level ${i}.` };
      values.push(parsed.value);
    }
    if (!addresses.escrow) return { ok: false, error: "The escrow is not deployed on this chain." };
    return {
      ok: true,
      action: {
        target: addresses.escrow,
        value: 0n,
        data: encodeFunctionData({ abi: votingEscrowAbi, functionName: "setLevelThresholds", args: [values] }),
      },
    };
  }
  if (draft.kind === "call") {
    const contract = LOCKSTEP_CONTRACTS.find((c) => c.name === draft.contract);
    if (!contract) return { ok: false, error: "Choose a contract." };
    const fn = writableFunctions(contract.abi).find((f) => signatureOf(f) === draft.fn);
    if (!fn) return { ok: false, error: "Choose a function." };
    const args: unknown[] = [];
    for (const [i, input] of fn.inputs.entries()) {
      const parsed = parseArg(draft.args[i] ?? "", input);
      if (!parsed.ok) return parsed;
      args.push(parsed.value);
    }
    return {
      ok: true,
      action: { target: contract.address, value: 0n, data: encodeFunctionData({ abi: [fn], args }) },
    };
  }
  const target = parseAddress(draft.target);
  if (!target.ok) return { ok: false, error: `Target contract: ${target.error}` };
  if (!isHex(draft.data) || draft.data.length % 2 !== 0)
    return { ok: false, error: "Calldata must be 0x followed by an even number of hex digits." };
  let value: bigint;
  try {
    value = draft.value.trim() === "" ? 0n : parseUnits(draft.value.trim(), 18);
    if (value < 0n) throw new Error();
  } catch {
    return { ok: false, error: "The ETH value must be a non-negative number." };
  }
  return { ok: true, action: { target: target.value, value, data: draft.data as Hex } };
}

/** Builds one row: the round template through buildRoundActions, every other type through buildAction. */
export function buildRow(draft: Draft, assets: readonly AssetInfo[], round: Omit<RoundContext, "tokens">): BuiltRow {
  if (draft.kind === "earlyAccessRound") {
    const built = buildRoundActions(draft.round, { ...round, tokens: assets });
    return built.ok ? { ok: true, actions: built.actions } : built;
  }
  const built = buildAction(draft, assets);
  return built.ok ? { ok: true, actions: [built.action] } : built;
}

/** Transfers that take more than TREASURY_SHARE_WARNING percent of an asset the treasury holds, as sentences. */
export function treasuryWarnings(
  outflows: { asset: Address | "ETH"; amount: bigint }[],
  treasury: readonly TreasuryAsset[],
): string[] {
  const totals = new Map<string, bigint>();
  for (const o of outflows) {
    const key = o.asset === "ETH" ? "ETH" : o.asset.toLowerCase();
    totals.set(key, (totals.get(key) ?? 0n) + o.amount);
  }
  const warnings: string[] = [];
  for (const [key, amount] of totals) {
    const held = treasury.find((t) => (t.asset === "ETH" ? "ETH" : t.asset.toLowerCase()) === key);
    if (!held) continue;
    const text = (v: bigint) => `${formatAmount(v, held.decimals, held.decimals)} ${held.symbol}`;
    if (amount > held.balance) {
      warnings.push(`This proposal sends ${text(amount)}, more than the treasury holds (${text(held.balance)}).`);
    } else if (amount * 100n > held.balance * TREASURY_SHARE_WARNING) {
      warnings.push(
        `This proposal sends ${text(amount)}: ${formatPercent(amount, held.balance)} of the treasury's ${held.symbol} (${text(held.balance)}).`,
      );
    }
  }
  return warnings;
}

export function CreateProposal() {
  const { address, wrongChain } = useNetworkGuard();
  const settings = useGovernorSettings();
  const delegation = useDelegation(address);
  const actions = useGovernanceActions();
  const registry = useActionRegistry();
  const tx = useTx();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [preview, setPreview] = useState(false);
  const [drafts, setDrafts] = useState<Draft[]>([{ ...EMPTY }]);
  const [submitted, setSubmitted] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  // Tokens typed as "another ERC-20" join the treasury reads (a string key: a new array each render must not refetch).
  const otherKey = drafts
    .flatMap((d) => {
      const typed =
        d.kind === "transfer" && d.asset === "other"
          ? [d.otherToken]
          : d.kind === "earlyAccessRound"
            ? [d.round.saleToken, d.round.paymentToken]
            : [];
      return typed.map(parseAddress).flatMap((parsed) => (parsed.ok ? [getAddress(parsed.value)] : []));
    })
    .join(",");
  const known = registry.data?.tokens;
  const tokenList = useMemo(
    () => [
      ...new Set([...(known?.map((t) => t.address) ?? []), ...(otherKey ? (otherKey.split(",") as Address[]) : [])]),
    ],
    [known, otherKey],
  );
  const treasury = useTreasury(tokenList);
  const assets = treasury.data ?? [];
  const timing = useRoundTiming(drafts.some((d) => d.kind === "earlyAccessRound"));
  const roundContext = {
    earlyAccess: addresses.earlyAccess,
    timelock: addresses.timelock,
    latestBlockTime: timing.latestBlockTime,
    earliestExecution: timing.earliestExecution,
  };
  const built = drafts.map((d) => buildRow(d, assets, roundContext));
  const ready = built.flatMap((b) => (b.ok ? b.actions : []));
  // Where each row's actions start in the proposal, to hand each row its share of the simulation.
  const offsets = built.map((_, i) => built.slice(0, i).reduce((n, b) => n + (b.ok ? b.actions.length : 0), 0));
  const simulation = useSimulation(built.every((b) => b.ok) ? ready : undefined);
  const threshold = settings.data?.proposalThreshold;
  const votes = delegation.data?.votes;
  const tooFewVotes = threshold !== undefined && votes !== undefined && votes < threshold;
  const blocked = wrongChain ? `Switch your wallet to ${chain.name} first.` : undefined;
  const rowSimulation = (i: number) => {
    const row = built[i];
    return row.ok ? simulation.data?.slice(offsets[i], offsets[i] + row.actions.length) : undefined;
  };
  const update = (i: number, patch: Partial<Draft>) =>
    setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  const outflows = registry.data
    ? ready.flatMap((a) => describeAction(registry.data!, a.target, a.value, a.data).outflow)
    : [];
  const warnings = [
    ...treasuryWarnings(outflows, assets),
    ...(simulation.data ?? []).flatMap((r, i) =>
      r.status === "revert"
        ? [`Action ${i + 1} would revert if executed now: ${r.reason}`]
        : r.note
          ? [`Action ${i + 1}: ${r.note}.`]
          : [],
    ),
  ];
  const simulationPending = ready.length > 0 && built.every((b) => b.ok) && simulation.isPending;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (blocked || tooFewVotes || title.trim() === "" || built.some((b) => !b.ok)) return;
    if (simulationPending || (warnings.length > 0 && !acknowledged)) return;
    const receipt = await tx.run(() =>
      actions.propose({
        targets: ready.map((a) => a.target),
        values: ready.map((a) => a.value),
        calldatas: ready.map((a) => a.data),
        description: `# ${title.trim()}\n\n${body.trim()}`,
      }),
    );
    // Open the new proposal: its id is in the governor's ProposalCreated event of this transaction.
    if (receipt) {
      const [created] = parseEventLogs({ abi: lockstepGovernorAbi, eventName: "ProposalCreated", logs: receipt.logs });
      navigate("govern", ...(created ? [created.args.proposalId.toString()] : []));
    }
  }

  return (
    <>
      <p>
        <a href={href("govern")}>← All proposals</a>
      </p>
      <h1>New proposal</h1>
      {!address ? <p className="card">Connect a wallet to create a proposal.</p> : null}
      {tooFewVotes ? (
        <p className="notice" role="status">
          Creating a proposal needs {formatAmount(threshold!)} votes; you have {formatAmount(votes!)}. Lock more tokens
          or ask others to delegate to you.
        </p>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="card">
        <Field
          label="Title"
          name="title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={submitted && title.trim() === "" ? "Give the proposal a title." : undefined}
        />
        <div className="field">
          <label htmlFor="body">Description (Markdown)</label>
          <textarea id="body" rows={6} value={body} onChange={(e) => setBody(e.target.value)} />
          <button type="button" className="link" aria-expanded={preview} onClick={() => setPreview(!preview)}>
            {preview ? "Hide preview" : "Preview description"}
          </button>
          {preview ? (
            <div className="preview" aria-label="Description preview" role="region">
              <h2>{title.trim() || "Untitled"}</h2>
              <Suspense fallback={<pre className="wrap">{body}</pre>}>
                <Markdown source={body} />
              </Suspense>
            </div>
          ) : null}
        </div>
        {drafts.map((draft, i) => (
          <ActionEditor
            key={i}
            index={i}
            draft={draft}
            built={built[i]}
            showError={submitted}
            assets={assets}
            simulation={rowSimulation(i)}
            timing={timing}
            onChange={(patch) => update(i, patch)}
            onRemove={drafts.length > 1 ? () => setDrafts(drafts.filter((_, j) => j !== i)) : undefined}
          />
        ))}
        <button type="button" onClick={() => setDrafts([...drafts, { ...EMPTY }])}>
          Add another action
        </button>
        {simulationPending ? <p aria-busy="true">Simulating the actions as the timelock…</p> : null}
        {warnings.length > 0 ? (
          <div className="notice warning-list" role="alert" data-testid="builder-warnings">
            <h2>Check before proposing</h2>
            <ul>
              {warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
            <label className="inline">
              <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} />I have
              read these warnings and still want to propose
            </label>
            {submitted && !acknowledged ? (
              <p className="error">Tick the box above to propose despite the warnings.</p>
            ) : null}
          </div>
        ) : null}
        {blocked ? <p className="notice">{blocked}</p> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={tx.busy || !!blocked || !address || tooFewVotes}>
            Create proposal
          </button>
        </div>
        <TxStatus state={tx.state} label="Proposal" />
      </form>
    </>
  );
}

/** The address error to show in a field as soon as something is typed (checksum included). */
function addressError(text: string): string | undefined {
  if (text === "") return undefined;
  const parsed = parseAddress(text);
  return parsed.ok ? undefined : parsed.error;
}

function ActionEditor({
  index: i,
  draft,
  built,
  showError,
  assets,
  simulation,
  timing,
  onChange,
  onRemove,
}: {
  index: number;
  draft: Draft;
  built: BuiltRow;
  showError: boolean;
  assets: readonly TreasuryAsset[];
  simulation: SimulationResult[] | undefined;
  timing: RoundTiming;
  onChange: (patch: Partial<Draft>) => void;
  onRemove?: () => void;
}) {
  const contract = LOCKSTEP_CONTRACTS.find((c) => c.name === draft.contract);
  const functions = contract ? writableFunctions(contract.abi) : [];
  const fn = functions.find((f) => signatureOf(f) === draft.fn);
  const held = assets.find((a) => a.asset === draft.asset || (a.asset !== "ETH" && a.asset === draft.otherToken));
  return (
    <fieldset className="method">
      <legend>Action {i + 1}</legend>
      <label htmlFor={`kind-${i}`}>Type</label>{" "}
      <select id={`kind-${i}`} value={draft.kind} onChange={(e) => onChange({ kind: e.target.value as Kind })}>
        <option value="transfer">Transfer from the treasury (ETH or a token)</option>
        <option value="addRewardToken">Add a reward token</option>
        <option value="thresholds">Change level thresholds</option>
        <option value="call">Call a Lockstep contract function</option>
        <option value="raw">Raw call (any contract)</option>
        <option value="earlyAccessRound">Create an early-access round (approve + createRound)</option>
      </select>
      {draft.kind === "transfer" ? (
        <>
          <div className="field">
            <label htmlFor={`asset-${i}`}>Asset</label>
            <select id={`asset-${i}`} value={draft.asset} onChange={(e) => onChange({ asset: e.target.value })}>
              <option value="">Choose…</option>
              {assets.map((a) => (
                <option key={a.asset} value={a.asset}>
                  {a.symbol} (treasury holds {formatAmount(a.balance, a.decimals)})
                </option>
              ))}
              <option value="other">Another ERC-20 (enter its address)</option>
            </select>
          </div>
          {draft.asset === "other" ? (
            <Field
              label="Token address"
              value={draft.otherToken}
              onChange={(e) => onChange({ otherToken: e.target.value })}
              placeholder="0x…"
              error={addressError(draft.otherToken)}
            />
          ) : null}
          <Field
            label="Recipient"
            value={draft.to}
            onChange={(e) => onChange({ to: e.target.value })}
            placeholder="0x…"
            error={addressError(draft.to)}
          />
          <Field
            label={`Amount${held ? ` (${held.symbol})` : ""}`}
            inputMode="decimal"
            value={draft.amount}
            onChange={(e) => onChange({ amount: e.target.value })}
            hint={held ? `The treasury holds ${formatUnits(held.balance, held.decimals)} ${held.symbol}.` : undefined}
          />
        </>
      ) : null}
      {draft.kind === "addRewardToken" ? (
        <Field
          label="Token address"
          value={draft.token}
          onChange={(e) => onChange({ token: e.target.value })}
          placeholder="0x…"
          error={addressError(draft.token)}
        />
      ) : null}
      {draft.kind === "thresholds" ? (
        <Field
          label="Ten thresholds, in score (whole tokens), ascending"
          value={draft.thresholds}
          onChange={(e) => onChange({ thresholds: e.target.value })}
          placeholder="22000, 50000, 100000, …"
        />
      ) : null}
      {draft.kind === "call" ? (
        <>
          <div className="field">
            <label htmlFor={`contract-${i}`}>Contract</label>
            <select
              id={`contract-${i}`}
              value={draft.contract}
              onChange={(e) => onChange({ contract: e.target.value, fn: "", args: [] })}
            >
              <option value="">Choose…</option>
              {LOCKSTEP_CONTRACTS.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          {contract ? (
            <div className="field">
              <label htmlFor={`fn-${i}`}>Function</label>
              <select id={`fn-${i}`} value={draft.fn} onChange={(e) => onChange({ fn: e.target.value, args: [] })}>
                <option value="">Choose…</option>
                {functions.map((f) => (
                  <option key={signatureOf(f)} value={signatureOf(f)}>
                    {signatureOf(f)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {fn?.inputs.map((input, j) => (
            <Field
              key={`${draft.fn}-${j}`}
              label={`${input.name || `argument ${j + 1}`} (${input.type})`}
              value={draft.args[j] ?? ""}
              onChange={(e) => {
                const args = [...draft.args];
                args[j] = e.target.value;
                onChange({ args });
              }}
              hint={
                input.type.endsWith("]")
                  ? "Values separated by commas."
                  : /int/.test(input.type)
                    ? "A whole number in the contract's units (token amounts have 18 decimals)."
                    : undefined
              }
            />
          ))}
        </>
      ) : null}
      {draft.kind === "raw" ? (
        <>
          <Field
            label="Target contract"
            value={draft.target}
            onChange={(e) => onChange({ target: e.target.value })}
            placeholder="0x…"
            error={addressError(draft.target)}
          />
          <Field label="ETH value" value={draft.value} onChange={(e) => onChange({ value: e.target.value })} />
          <Field label="Calldata" value={draft.data} onChange={(e) => onChange({ data: e.target.value })} />
        </>
      ) : null}
      {draft.kind === "earlyAccessRound" ? (
        <RoundFields
          index={i}
          draft={draft.round}
          assets={assets}
          timing={timing}
          onChange={(patch) => onChange({ round: { ...draft.round, ...patch } })}
        />
      ) : null}
      {draft.kind === "earlyAccessRound" && simulation?.some((r) => r.alone) ? (
        <p className="hint" data-testid="round-alone-note">
          This network simulates each action alone, at the current time: createRound does not see the approval before
          it, so it may read as reverting here. Execution runs both in order, after the vote.
        </p>
      ) : null}
      {built.ok ? (
        <div className="preview" data-testid="action-preview">
          <h3>Will call</h3>
          <ActionList actions={built.actions} simulation={simulation} />
        </div>
      ) : showError || (draft.kind === "earlyAccessRound" && draft.round.start.trim() !== "") ? (
        <p className="error" role="alert" data-testid="row-error">
          {built.error}
        </p>
      ) : null}
      {onRemove ? (
        <button type="button" onClick={onRemove}>
          Remove action {i + 1}
        </button>
      ) : null}
    </fieldset>
  );
}

/** The fields of the "Create an early-access round" template; every amount in human units of its token. */
function RoundFields({
  index: i,
  draft,
  assets,
  timing,
  onChange,
}: {
  index: number;
  draft: RoundDraft;
  assets: readonly TreasuryAsset[];
  timing: RoundTiming;
  onChange: (patch: Partial<RoundDraft>) => void;
}) {
  const tokenOf = (text: string) => {
    const parsed = parseAddress(text);
    return parsed.ok
      ? assets.find((a) => a.asset !== "ETH" && a.asset.toLowerCase() === parsed.value.toLowerCase())
      : undefined;
  };
  const sale = tokenOf(draft.saleToken);
  const payment = tokenOf(draft.paymentToken);
  const describe = (token: TreasuryAsset | undefined) =>
    token
      ? `${token.symbol}, ${token.decimals} decimals; the treasury holds ${formatUnits(token.balance, token.decimals)} ${token.symbol}.`
      : undefined;
  const dateError = (text: string) => {
    if (text.trim() === "") return undefined;
    const parsed = parseUtcDate(text);
    return parsed.ok ? undefined : `Enter a UTC date: ${parsed.error}`;
  };
  const paySymbol = payment?.symbol ?? "payment tokens";
  const saleSymbol = sale?.symbol ?? "sale tokens";
  return (
    <div className="round-template" data-testid={`round-template-${i}`}>
      <p className="hint">
        Two actions from the treasury: approve the early-access contract to take the sale tokens, then create the round.
        Dates are UTC and checked when the proposal executes.
      </p>
      <Field
        label="Sale token address"
        value={draft.saleToken}
        onChange={(e) => onChange({ saleToken: e.target.value })}
        placeholder="0x…"
        error={addressError(draft.saleToken)}
        hint={describe(sale)}
      />
      <Field
        label="Payment token address"
        value={draft.paymentToken}
        onChange={(e) => onChange({ paymentToken: e.target.value })}
        placeholder="0x…"
        error={addressError(draft.paymentToken)}
        hint={payment ? `${payment.symbol}, ${payment.decimals} decimals.` : undefined}
      />
      <Field
        label={`Price (${paySymbol} per ${saleSymbol})`}
        inputMode="decimal"
        value={draft.price}
        onChange={(e) => onChange({ price: e.target.value })}
      />
      <Field
        label={`Sale amount (${saleSymbol})`}
        inputMode="decimal"
        value={draft.saleAmount}
        onChange={(e) => onChange({ saleAmount: e.target.value })}
      />
      <Field
        label="Snapshot (UTC)"
        value={draft.snapshot}
        onChange={(e) => onChange({ snapshot: e.target.value })}
        placeholder={timing.latestBlockTime !== undefined ? utcText(timing.latestBlockTime) : "YYYY-MM-DD HH:MM"}
        error={dateError(draft.snapshot)}
        hint={
          timing.latestBlockTime !== undefined
            ? `Levels are read at this time. Leave empty for the latest block's time, ${utcText(timing.latestBlockTime)} UTC.`
            : undefined
        }
      />
      <Field
        label="Start (UTC)"
        value={draft.start}
        onChange={(e) => onChange({ start: e.target.value })}
        placeholder="YYYY-MM-DD HH:MM"
        error={dateError(draft.start)}
        hint={
          timing.earliestExecution !== undefined
            ? `The proposal can execute on ${utcText(timing.earliestExecution)} UTC at the earliest (voting delay + voting period + timelock delay); start after that.`
            : undefined
        }
      />
      <Field
        label="End (UTC)"
        value={draft.end}
        onChange={(e) => onChange({ end: e.target.value })}
        placeholder="YYYY-MM-DD HH:MM"
        error={dateError(draft.end)}
      />
      <Field
        label={`Caps for levels 1 to 10 (${paySymbol})`}
        value={draft.caps}
        onChange={(e) => onChange({ caps: e.target.value })}
        placeholder="100, 200, 300, …"
        hint="Ten amounts separated by commas, one per level, each at least the one before."
      />
      <Field
        label="Recipient of proceeds and unsold tokens"
        value={draft.recipient}
        onChange={(e) => onChange({ recipient: e.target.value })}
        placeholder={addresses.timelock ?? "0x…"}
        error={addressError(draft.recipient)}
        hint="Leave empty for the treasury (the timelock)."
      />
    </div>
  );
}
