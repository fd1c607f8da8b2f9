/**
 * Every refusal of the access kit is an AccessError: an HTTP status, a stable machine-readable code and a
 * sentence a person can act on. Services answer with `{ error: code, message }`.
 */
export type AccessErrorCode =
  | "bad_request"
  | "bad_message"
  | "wrong_domain"
  | "wrong_uri"
  | "wrong_chain"
  | "message_expired"
  | "message_not_yet_valid"
  | "nonce_unknown"
  | "bad_signature"
  | "missing_token"
  | "bad_token"
  | "token_expired"
  | "level_dropped"
  | "quota_exceeded"
  | "not_found";

export class AccessError extends Error {
  readonly status: number;
  readonly code: AccessErrorCode;

  constructor(status: number, code: AccessErrorCode, message: string) {
    super(message);
    this.name = "AccessError";
    this.status = status;
    this.code = code;
  }
}
