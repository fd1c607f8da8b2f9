import { Fragment, lazy, Suspense, useEffect, useRef } from "react";
import { NetworkBanner, TestWalletPrompt, WalletButton, type TestWalletModule } from "./components/Wallet";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { HealthBanner, useChainHeartbeat, useStale } from "./components/NetworkHealth";
const IndexerStatus = lazy(() => import("./components/IndexerStatus").then((m) => ({ default: m.IndexerStatus })));
import { env, chain } from "./config";
import { href, useRoute } from "./lib/router";
import { useAccountKey } from "./lib/useAccountKey";

const StakePage = lazy(() => import("./features/staking/StakePage"));
const RewardsPage = lazy(() => import("./features/rewards/RewardsPage"));
const GovernPage = lazy(() => import("./features/governance/GovernPage"));
const OverviewPage = lazy(() => import("./features/overview/OverviewPage"));
const DelegatesPage = lazy(() => import("./features/delegates/DelegatesPage"));
const RoundsPage = lazy(() => import("./features/early-access/RoundsPage"));

const NAV = [
  { path: "stake", label: "Stake" },
  { path: "rewards", label: "Rewards" },
  { path: "govern", label: "Govern" },
  { path: "delegates", label: "Delegates" },
  { path: "early", label: "Early access" },
  { path: "overview", label: "Overview" },
];

export function App({ testWallet }: { testWallet?: TestWalletModule }) {
  useChainHeartbeat();
  const stale = useStale();
  const accountKey = useAccountKey();
  const route = useRoute();
  const section = route[0] ?? "stake";
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // Move focus to the new page after in-app navigation, so keyboard and screen-reader users start there.
  const path = route.join("/");
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);
  const page = {
    stake: <StakePage />,
    rewards: <RewardsPage />,
    govern: <GovernPage route={route.slice(1)} />,
    delegates: <DelegatesPage route={route.slice(1)} />,
    early: <RoundsPage route={route.slice(1)} />,
    overview: <OverviewPage />,
  }[section] ?? (
    <p>
      Page not found. <a href={href("stake")}>Go to Stake</a>.
    </p>
  );

  return (
    <>
      {/* The hash router owns location.hash: the skip link moves focus itself instead of navigating to "#main". */}
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
          main.current?.scrollIntoView();
        }}
      >
        Skip to content
      </a>
      <header className="header">
        <a className="brand" href={href("stake")}>
          Lockstep
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.path}>
                <a href={href(item.path)} aria-current={section === item.path ? "page" : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <WalletButton testWallet={testWallet} />
      </header>
      <NetworkBanner />
      <HealthBanner />
      <main
        id="main"
        tabIndex={-1}
        ref={main}
        className={stale ? "stale" : undefined}
        aria-describedby={stale ? "health-banner" : undefined}
      >
        {/* Keyed by account and chain: forms and transaction statuses never outlive the account they belong to. */}
        <Fragment key={accountKey}>
          <ErrorBoundary resetKey={route.join("/")}>
            <Suspense fallback={<p aria-busy="true">Loading…</p>}>{page}</Suspense>
          </ErrorBoundary>
        </Fragment>
      </main>
      <footer className="footer">
        <span>
          {chain.name} (chain {env.chainId})
        </span>
        <Suspense fallback={null}>
          <IndexerStatus />
        </Suspense>
      </footer>
      {testWallet ? <TestWalletPrompt module={testWallet} /> : null}
    </>
  );
}
