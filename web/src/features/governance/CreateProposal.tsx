import { useState, type FormEvent } from "react";
import { encodeFunctionData, isHex, parseEther, type Address, type Hex } from "viem";
import { addresses, chain } from "../../config";
import { Field } from "../../components/Field";
import { TxStatus } from "../../components/TxStatus";
import { governanceTokenAbi, revenueDistributorAbi, votingEscrowAbi } from "../../generated/contracts";
import { formatAmount } from "../../lib/format";
import { href, navigate } from "../../lib/router";
import { useNetworkGuard } from "../../lib/useNetworkGuard";
import { useTx } from "../../lib/useTx";
import { parseAddress, parseAmount } from "../../lib/validation";
import { decodeAction } from "./decode";
import { useDelegation } from "./hooks/useDelegation";
import { useGovernanceActions } from "./hooks/useGovernanceActions";
import { useGovernorSettings } from "./hooks/useGovernorSettings";

type Kind = "transfer" | "addRewardToken" | "thresholds" | "raw";
type Draft = {
  kind: Kind;
  to: string;
  amount: string;
  token: string;
  thresholds: string;
  target: string;
  value: string;
  data: string;
};
const EMPTY: Draft = {
  kind: "transfer",
  to: "",
  amount: "",
  token: "",
  thresholds: "",
  target: "",
  value: "0",
  data: "0x",
};
type Built = { ok: true; action: { target: Address; value: bigint; data: Hex } } | { ok: false; error: string };

/** Turns one builder row into a governor action, or a sentence saying what is wrong. */
export function buildAction(draft: Draft): Built {
  if (draft.kind === "transfer") {
    const to = parseAddress(draft.to);
    if (!to.ok) return to;
    const amount = parseAmount(draft.amount, 18);
    if (!amount.ok) return amount;
    if (!addresses.token) return { ok: false, error: "The token is not deployed on this chain." };
    return {
      ok: true,
      action: {
        target: addresses.token,
        value: 0n,
        data: encodeFunctionData({ abi: governanceTokenAbi, functionName: "transfer", args: [to.value, amount.value] }),
      },
    };
  }
  if (draft.kind === "addRewardToken") {
    const token = parseAddress(draft.token);
    if (!token.ok) return token;
    return {
      ok: true,
      action: {
        target: addresses.distributor!,
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
    return {
      ok: true,
      action: {
        target: addresses.escrow!,
        value: 0n,
        data: encodeFunctionData({ abi: votingEscrowAbi, functionName: "setLevelThresholds", args: [values] }),
      },
    };
  }
  const target = parseAddress(draft.target);
  if (!target.ok) return target;
  if (!isHex(draft.data) || draft.data.length % 2 !== 0)
    return { ok: false, error: "Calldata must be 0x followed by an even number of hex digits." };
  let value: bigint;
  try {
    value = draft.value.trim() === "" ? 0n : parseEther(draft.value.trim());
    if (value < 0n) throw new Error();
  } catch {
    return { ok: false, error: "The ETH value must be a non-negative number." };
  }
  return { ok: true, action: { target: target.value, value, data: draft.data as Hex } };
}

export function CreateProposal() {
  const { address, wrongChain } = useNetworkGuard();
  const settings = useGovernorSettings();
  const delegation = useDelegation(address);
  const actions = useGovernanceActions();
  const tx = useTx();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [drafts, setDrafts] = useState<Draft[]>([{ ...EMPTY }]);
  const [submitted, setSubmitted] = useState(false);
  const built = drafts.map(buildAction);
  const threshold = settings.data?.proposalThreshold;
  const votes = delegation.data?.votes;
  const tooFewVotes = threshold !== undefined && votes !== undefined && votes < threshold;
  const blocked = wrongChain ? `Switch your wallet to ${chain.name} first.` : undefined;
  const update = (i: number, patch: Partial<Draft>) =>
    setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (blocked || tooFewVotes || title.trim() === "" || built.some((b) => !b.ok)) return;
    const list = built.map((b) => (b as Extract<Built, { ok: true }>).action);
    const receipt = await tx.run(() =>
      actions.propose({
        targets: list.map((a) => a.target),
        values: list.map((a) => a.value),
        calldatas: list.map((a) => a.data),
        description: `# ${title.trim()}\n\n${body.trim()}`,
      }),
    );
    if (receipt) navigate("govern");
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
          <label htmlFor="body">Description</label>
          <textarea id="body" rows={5} value={body} onChange={(e) => setBody(e.target.value)} />
        </div>
        {drafts.map((draft, i) => (
          <fieldset key={i} className="method">
            <legend>Action {i + 1}</legend>
            <label htmlFor={`kind-${i}`}>Type</label>{" "}
            <select id={`kind-${i}`} value={draft.kind} onChange={(e) => update(i, { kind: e.target.value as Kind })}>
              <option value="transfer">Token transfer from the treasury</option>
              <option value="addRewardToken">Add a reward token</option>
              <option value="thresholds">Change level thresholds</option>
              <option value="raw">Raw call</option>
            </select>
            {draft.kind === "transfer" ? (
              <>
                <Field
                  label="Recipient"
                  value={draft.to}
                  onChange={(e) => update(i, { to: e.target.value })}
                  placeholder="0x…"
                />
                <Field
                  label="Amount (governance tokens)"
                  inputMode="decimal"
                  value={draft.amount}
                  onChange={(e) => update(i, { amount: e.target.value })}
                />
              </>
            ) : null}
            {draft.kind === "addRewardToken" ? (
              <Field
                label="Token address"
                value={draft.token}
                onChange={(e) => update(i, { token: e.target.value })}
                placeholder="0x…"
              />
            ) : null}
            {draft.kind === "thresholds" ? (
              <Field
                label="Ten thresholds, in score (whole tokens), ascending"
                value={draft.thresholds}
                onChange={(e) => update(i, { thresholds: e.target.value })}
                placeholder="22000, 50000, 100000, …"
              />
            ) : null}
            {draft.kind === "raw" ? (
              <>
                <Field
                  label="Target contract"
                  value={draft.target}
                  onChange={(e) => update(i, { target: e.target.value })}
                  placeholder="0x…"
                />
                <Field label="ETH value" value={draft.value} onChange={(e) => update(i, { value: e.target.value })} />
                <Field label="Calldata" value={draft.data} onChange={(e) => update(i, { data: e.target.value })} />
              </>
            ) : null}
            {built[i].ok ? (
              <p className="hint">
                Will call{" "}
                <code>
                  {(() => {
                    const a = (built[i] as Extract<Built, { ok: true }>).action;
                    const d = decodeAction(a.target, a.value, a.data);
                    return `${d.target}.${d.call}`;
                  })()}
                </code>
              </p>
            ) : submitted ? (
              <p className="error" role="alert">
                {(built[i] as Extract<Built, { ok: false }>).error}
              </p>
            ) : null}
            {drafts.length > 1 ? (
              <button type="button" onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
                Remove action {i + 1}
              </button>
            ) : null}
          </fieldset>
        ))}
        <button type="button" onClick={() => setDrafts([...drafts, { ...EMPTY }])}>
          Add another action
        </button>
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
