import { describeError } from "../../lib/errors";

/** A read that failed, as a sentence with a retry button: never an empty list or a zero in its place. */
export function Failure({ what, error, retry }: { what: string; error: unknown; retry: () => unknown }) {
  return (
    <p className="error" role="alert">
      {what} could not be loaded: {describeError(error)}{" "}
      <button type="button" className="link" onClick={() => void retry()}>
        Try again
      </button>
    </p>
  );
}
