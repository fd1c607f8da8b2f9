import { useState } from "react";
import { size, type Address, type Hex } from "viem";
import { explorerAddressUrl } from "../../config";
import { QueryValue } from "../../components/QueryValue";
import { describeAction, type ActionRegistry, type ActionView } from "./actions";
import type { SimulationResult } from "./simulate";
import { useActionRegistry } from "./hooks/useActionRegistry";

export type ActionInput = { target: Address; value: bigint; data: Hex };

/** Every action of a proposal in a form a voter can check, with the simulation's verdict when given. */
export function ActionList({ actions, simulation }: { actions: ActionInput[]; simulation?: SimulationResult[] }) {
  const registry = useActionRegistry();
  return (
    <QueryValue query={registry} label="contract names">
      {(known) => (
        <ol className="action-list">
          {actions.map((a, i) => (
            <li key={i} data-testid="action">
              <ActionItem view={describeAction(known, a.target, a.value, a.data)} result={simulation?.[i]} />
            </li>
          ))}
        </ol>
      )}
    </QueryValue>
  );
}

export function ActionItem({ view, result }: { view: ActionView; result?: SimulationResult }) {
  const [copied, setCopied] = useState(false);
  const link = explorerAddressUrl(view.target);
  return (
    <div className="action">
      <p className="action-target">
        <span className="action-label">{view.label ?? <strong className="warning">unknown contract</strong>}</span>{" "}
        <code className="address" data-testid="action-target">
          {view.target}
        </code>{" "}
        <button
          type="button"
          className="link"
          onClick={() =>
            void navigator.clipboard?.writeText(view.target).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? "Copied" : "Copy address"}
        </button>
        {link ? (
          <>
            {" "}
            <a href={link} target="_blank" rel="noreferrer">
              Explorer
            </a>
          </>
        ) : null}
      </p>
      {view.call ? (
        <div className="action-call">
          <code>{view.call.functionName}</code>
          {view.call.args.length > 0 ? (
            <dl className="args">
              {view.call.args.map((arg, j) => (
                <div key={j}>
                  <dt>
                    {arg.name} <span className="hint">({arg.type})</span>
                  </dt>
                  <dd>{arg.text}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </div>
      ) : (
        <p className={size(view.data) === 0 ? undefined : "notice"}>{view.note}</p>
      )}
      <p>
        Value: <strong>{view.valueText}</strong>
      </p>
      <details>
        <summary>
          Raw calldata ({size(view.data)} bytes{view.selector ? `, selector ${view.selector}` : ""})
        </summary>
        <code className="raw" data-testid="raw-calldata">
          {view.data}
        </code>
      </details>
      {result ? <SimulationVerdict result={result} /> : null}
    </div>
  );
}

export function SimulationVerdict({ result }: { result: SimulationResult }) {
  const alone = result.alone ? (
    <span className="hint">
      {" "}
      (simulated alone: this RPC cannot run the actions in sequence, so effects of earlier actions are not included)
    </span>
  ) : null;
  if (result.status === "ok" && result.note)
    return (
      <p className="sim sim-revert" data-testid="simulation">
        Simulated as the timelock: would not revert, but <strong>{result.note}</strong>.{alone}
      </p>
    );
  if (result.status === "ok")
    return (
      <p className="sim sim-ok" data-testid="simulation">
        Simulated as the timelock: would succeed.{alone}
      </p>
    );
  return (
    <p className="sim sim-revert" data-testid="simulation">
      Simulated as the timelock: <strong>would revert</strong>: {result.reason}
      {alone}
    </p>
  );
}

/** The registry, for components that format outside the list. */
export type { ActionRegistry };
