import type { Address } from "viem";
import { useSignMessage } from "wagmi";
import { env } from "../../config";
import { AccessPanel } from "./AccessPanel";

/** The Stake page's "API access" section; a sentence instead when the app has no access service configured. */
export function AccessSection({ account, level }: { account: Address; level: number | undefined }) {
  const { signMessageAsync } = useSignMessage();
  if (!env.accessUrl) {
    return (
      <p className="card" data-testid="api-access-off">
        API access is not offered here: this app has no access service configured (VITE_ACCESS_URL).
      </p>
    );
  }
  return (
    <AccessPanel
      key={account}
      serviceUrl={env.accessUrl}
      account={account}
      level={level}
      sign={(message) => signMessageAsync({ account, message })}
    />
  );
}
