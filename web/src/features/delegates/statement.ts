/** Checks of a delegate statement before it is sent, matching DelegateRegistry's limits (docs/spec.md §10). */

export const MAX_NAME_BYTES = 64;
export const MAX_STATEMENT_BYTES = 1024;
export const MAX_LINK_BYTES = 256;

export type StatementInput = { name: string; statement: string; link: string };
export type StatementErrors = Partial<Record<keyof StatementInput, string>>;

const encoder = new TextEncoder();

/** The length the contract counts: bytes of UTF-8, not characters. */
export const byteLength = (text: string) => encoder.encode(text).length;

/**
 * Bidi controls and invisible characters. In a name they reorder or hide text: "\u202Ehte.kilativ" displays as
 * "vitalik.eth", and a zero-width space makes a copy that looks identical.
 */
const HIDDEN_CHARACTERS = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * A delegate's name as the pages show it: without bidi controls or invisible characters, so its characters show
 * in the order they are stored. A name is anyone's claim (a lookalike of another delegate's is allowed on chain),
 * so the pages always show the address with it. Empty when nothing visible is left.
 */
export function displayName(name: string): string {
  return name.replace(HIDDEN_CHARACTERS, "").trim();
}

/** The link as a URL when it is an http(s) address; anything else (javascript:, data:, no scheme) is refused. */
export function safeLink(link: string): string | undefined {
  try {
    const url = new URL(link.trim());
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** One sentence per field that the contract would refuse, or that the app would not show (a non-web link). */
export function validateStatement({ name, statement, link }: StatementInput): StatementErrors {
  const errors: StatementErrors = {};
  if (name.trim() === "") errors.name = "Enter the name people will see.";
  else if (byteLength(name) > MAX_NAME_BYTES)
    errors.name = `The name is ${byteLength(name)} bytes long; the most is ${MAX_NAME_BYTES}.`;
  if (statement.trim() === "") errors.statement = "Write a statement: what you stand for and how you will vote.";
  else if (byteLength(statement) > MAX_STATEMENT_BYTES)
    errors.statement = `The statement is ${byteLength(statement)} bytes long; the most is ${MAX_STATEMENT_BYTES}.`;
  if (link.trim() !== "") {
    if (byteLength(link.trim()) > MAX_LINK_BYTES)
      errors.link = `The link is ${byteLength(link.trim())} bytes long; the most is ${MAX_LINK_BYTES}.`;
    else if (safeLink(link) === undefined) errors.link = "The link must be a web address starting with https://.";
  }
  return errors;
}
