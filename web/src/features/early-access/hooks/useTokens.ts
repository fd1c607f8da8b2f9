import { useMemo } from "react";
import type { Address } from "viem";
import { useTokenMeta } from "../../../lib/useTokenMeta";
import type { Token } from "../rounds";

/** Symbol and decimals of each token (they do not change), by lower-case address. */
export function useTokens(tokens: readonly Address[]) {
  const key = [...new Set(tokens.map((t) => t.toLowerCase()))].join(",");
  const unique = useMemo(() => (key === "" ? [] : (key.split(",") as Address[])), [key]);
  const meta = useTokenMeta(unique);
  const data = useMemo(
    (): Record<string, Token> | undefined => meta.data && Object.fromEntries(meta.data.map((t) => [t.address, t])),
    [meta.data],
  );
  return { ...meta, data };
}
