import type { ReactNode } from "react";

type QueryLike<T> = { data: T | undefined; isError: boolean; isPending: boolean; refetch: () => unknown };

/**
 * Renders a chain read: a placeholder while loading, "unknown" with a retry button when it failed (never a
 * misleading zero), the value otherwise. A `block` read stands for a whole section (a list, a table): its
 * failure is a sentence, "Could not load the proposals.", not a lone "unknown" under the heading.
 */
export function QueryValue<T>({
  query,
  children,
  label,
  block = false,
}: {
  query: QueryLike<T>;
  children: (value: T) => ReactNode;
  label?: string;
  block?: boolean;
}) {
  if (query.isError && block) {
    return (
      <p className="unknown">
        Could not load {label ?? "this section"}.{" "}
        <button
          type="button"
          className="link"
          onClick={() => void query.refetch()}
          aria-label={`Retry loading ${label ?? "this section"}`}
        >
          Retry
        </button>
      </p>
    );
  }
  if (query.isError) {
    return (
      <span className="unknown">
        unknown{" "}
        <button
          type="button"
          className="link"
          onClick={() => void query.refetch()}
          aria-label={`Retry loading ${label ?? "value"}`}
        >
          Retry
        </button>
      </span>
    );
  }
  if (query.isPending || query.data === undefined) {
    return (
      <span className="loading" aria-busy="true">
        …<span className="sr-only">Loading {label ?? ""}</span>
      </span>
    );
  }
  return <>{children(query.data)}</>;
}

/** Combines several reads into one for QueryValue. */
export function combine<T extends readonly QueryLike<unknown>[]>(
  ...queries: T
): QueryLike<{ [K in keyof T]: NonNullable<T[K]["data"]> }> {
  return {
    data: queries.every((q) => q.data !== undefined)
      ? (queries.map((q) => q.data) as { [K in keyof T]: NonNullable<T[K]["data"]> })
      : undefined,
    isError: queries.some((q) => q.isError),
    isPending: queries.some((q) => q.isPending),
    refetch: () => Promise.all(queries.filter((q) => q.isError).map((q) => q.refetch())),
  };
}
