import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { Address, Hex } from "viem";
import { formatDate } from "../../lib/format";
import {
  AccessServiceError,
  readAccess,
  signInToService,
  type AccessStatus,
  type SignedIn,
  type TierView,
} from "./api";

const count = (n: number) => n.toLocaleString("en-US");
const calls = (tier: TierView) =>
  tier.callsPerMonth === "unlimited" ? "unlimited calls" : `${count(tier.callsPerMonth)} calls a month`;

const tokenEnded = (error: Error) => error instanceof AccessServiceError && error.status === 401;

type Props = {
  serviceUrl: string;
  account: Address;
  /** The account's level on chain now (to notice a level that changed since sign-in). */
  level: number | undefined;
  sign: (message: string) => Promise<Hex>;
};

/**
 * Sign in to the DAO's API with the wallet and see the tier the level earns, the calls left this month, what the
 * next level unlocks and when the tier ends if the lock decays. Mounted per account (keyed by the parent).
 */
export function AccessPanel({ serviceUrl, account, level, sign }: Props) {
  const [session, setSession] = useState<SignedIn>();
  const [status, setStatus] = useState<AccessStatus>();
  const [ended, setEnded] = useState<string>();

  const signIn = useMutation({
    mutationFn: async () => {
      const signed = await signInToService(serviceUrl, account, sign);
      return { signed, status: await readAccess(serviceUrl, signed.token) };
    },
    onSuccess: ({ signed, status }) => {
      setSession(signed);
      setStatus(status);
      setEnded(undefined);
    },
  });
  const refresh = useMutation({
    mutationFn: () => readAccess(serviceUrl, session!.token),
    onSuccess: setStatus,
    onError: (error) => {
      // The token ended (its lifetime, or the level it was granted for dropped): sign in again.
      if (tokenEnded(error)) {
        setSession(undefined);
        setStatus(undefined);
        setEnded(error.message);
      }
    },
  });
  const error = signIn.error ?? (refresh.error && !tokenEnded(refresh.error) ? refresh.error : null);
  const levelChanged = session && level !== undefined && level !== session.level;

  return (
    <section aria-labelledby="access-title" className="card" data-testid="api-access">
      <h2 id="access-title">API access</h2>
      {!session || !status ? (
        <>
          <p>
            The DAO&apos;s API serves a monthly number of calls by level. Sign in with your wallet (a signature, no
            transaction) to get an access token for the tier your level earns.
          </p>
          {ended ? (
            <p className="notice" role="status">
              {ended}
            </p>
          ) : null}
          <button type="button" onClick={() => signIn.mutate()} disabled={signIn.isPending}>
            {signIn.isPending ? "Signing in…" : "Sign in to the API"}
          </button>
        </>
      ) : (
        <>
          <dl className="stats">
            <div>
              <dt>Tier</dt>
              <dd data-testid="access-tier">
                {status.tier.name} (level {status.level}): {calls(status.tier)}
              </dd>
            </div>
            <div>
              <dt>Calls left this month</dt>
              <dd data-testid="access-quota">
                {status.remaining === null
                  ? `Unlimited (${count(status.used)} used)`
                  : `${count(status.remaining)} of ${count(status.limit!)}, renews ${formatDate(status.resetsAt)}`}
              </dd>
            </div>
            <div>
              <dt>Next level</dt>
              <dd data-testid="access-next">
                {status.nextTier
                  ? `Level ${status.nextTier.minLevel} unlocks ${status.nextTier.name}: ${calls(status.nextTier)}`
                  : "You have the top tier"}
              </dd>
            </div>
            <div>
              <dt>Tier ends</dt>
              <dd data-testid="access-ends">
                {status.levelDropsAt !== null
                  ? `${formatDate(status.levelDropsAt)}, when decay drops you below level ${status.level}`
                  : status.level === 0
                    ? "Never (the free tier)"
                    : "Not while your lock keeps this level (auto-max)"}
              </dd>
            </div>
          </dl>
          {levelChanged ? (
            <p className="notice" role="status" data-testid="access-level-changed">
              Your level is now {level}; this token was issued for level {session.level}. Sign in again to get the tier
              level {level} earns.
            </p>
          ) : null}
          <div className="actions">
            <button type="button" onClick={() => signIn.mutate()} disabled={signIn.isPending}>
              {signIn.isPending ? "Signing in…" : "Sign in again"}
            </button>
            <button type="button" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
              Refresh (uses a call)
            </button>
          </div>
        </>
      )}
      {error ? (
        <p className="error" role="alert">
          {error.message}
        </p>
      ) : null}
    </section>
  );
}
