import path from "node:path";
import { fileURLToPath } from "node:url";

// From import.meta.url rather than import.meta.dirname: @wagmi/cli bundles its config with the files it imports
// and rewrites only import.meta.url to each file's own location.
/** The repository root. */
export const ROOT = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** A tool installed in node_modules/.bin. */
export const BIN = (tool: string) => path.join(ROOT, "node_modules", ".bin", tool);
