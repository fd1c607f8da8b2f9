import { QueryValue } from "../../components/QueryValue";
import { formatAmount, shortAddress } from "../../lib/format";
import { href } from "../../lib/router";
import { useChainNow } from "../../lib/useChainNow";
import { addresses } from "../../config";
import { RoundPage } from "./RoundPage";
import { useEarlyAccessAdmin } from "./hooks/useEarlyAccessAdmin";
import { useRounds } from "./hooks/useRounds";
import { useTokens } from "./hooks/useTokens";
import { Countdown, StateBadge } from "./RoundBits";
import { roundState, type Round, type Token } from "./rounds";

/** #/early lists the rounds; #/early/<id> shows one. */
export default function RoundsPage({ route }: { route: string[] }) {
  if (!addresses.earlyAccess) {
    return (
      <>
        <h1>Early access</h1>
        <p className="card">Early access is not deployed on this network.</p>
      </>
    );
  }
  const id = route[0];
  if (id !== undefined) {
    if (!/^\d+$/.test(id) || id === "0") {
      return (
        <p>
          There is no round “{id}”. <a href={href("early")}>See every round</a>.
        </p>
      );
    }
    return <RoundPage id={BigInt(id)} />;
  }
  return <RoundList />;
}

function RoundList() {
  const rounds = useRounds();
  const now = useChainNow();
  const tokens = useTokens(rounds.data?.flatMap((r) => [r.saleToken, r.paymentToken]) ?? []);
  return (
    <>
      <h1>Early access</h1>
      <p className="lead">
        Stakers buy new tokens before the public. Your level at a round&apos;s snapshot sets how much you may commit; if
        a round is oversubscribed, everyone is filled pro rata and refunded the rest.
      </p>
      <AdminFacts />
      <section aria-labelledby="rounds-title">
        <h2 id="rounds-title">Rounds</h2>
        <QueryValue query={rounds} label="the rounds" block>
          {(list) =>
            list.length === 0 ? (
              <p className="card">No rounds yet. The DAO creates them through a proposal.</p>
            ) : (
              <ul className="round-list">
                {list.map((round) => (
                  <RoundSummary
                    key={round.id.toString()}
                    round={round}
                    now={now}
                    sale={tokens.data?.[round.saleToken.toLowerCase()]}
                    payment={tokens.data?.[round.paymentToken.toLowerCase()]}
                  />
                ))}
              </ul>
            )
          }
        </QueryValue>
      </section>
    </>
  );
}

function AdminFacts() {
  const admin = useEarlyAccessAdmin();
  return (
    <div className="hint" data-testid="early-admin">
      <QueryValue query={admin} label="who creates the rounds" block>
        {({ admin: address, isTimelock }) => (
          <p>
            {isTimelock
              ? `Rounds are created and cancelled by the DAO: the admin is the timelock (${shortAddress(address)}), so every round passes a vote first.`
              : `Rounds are created and cancelled by ${shortAddress(address)}, which is not the DAO's timelock.`}
          </p>
        )}
      </QueryValue>
    </div>
  );
}

function RoundSummary({
  round,
  now,
  sale,
  payment,
}: {
  round: Round;
  now: bigint | undefined;
  sale: Token | undefined;
  payment: Token | undefined;
}) {
  const state = now === undefined ? undefined : roundState(round, now);
  return (
    <li className="card" data-testid="round-item" data-round={round.id.toString()}>
      <h3>
        <a href={href("early", round.id.toString())}>
          Round #{round.id.toString()}: {sale?.symbol ?? "…"} for {payment?.symbol ?? "…"}
        </a>{" "}
        <StateBadge state={state} />
      </h3>
      <dl className="stats">
        <div>
          <dt>Price</dt>
          <dd>
            {payment && sale
              ? `${formatAmount(round.price, payment.decimals, 6)} ${payment.symbol} per ${sale.symbol}`
              : "…"}
          </dd>
        </div>
        <div>
          <dt>Offered</dt>
          <dd>{sale ? `${formatAmount(round.saleAmount, sale.decimals)} ${sale.symbol}` : "…"}</dd>
        </div>
        <div>
          <dt>Committed</dt>
          <dd>{payment ? `${formatAmount(round.totalCommitted, payment.decimals)} ${payment.symbol}` : "…"}</dd>
        </div>
        <div>
          <dt>Window</dt>
          <dd>
            <Countdown round={round} />
          </dd>
        </div>
      </dl>
    </li>
  );
}
