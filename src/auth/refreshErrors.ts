import { scrubSecrets } from '../credential/mask.js';
import { asRecord, parseJsonObject } from '../text/json.js';

// Refresh failures, classified exactly like the real CLI (§5.3, §5.4): permanent ones need a new
// sign-in and are remembered; transient ones are retried later and never log anyone out.
export type RefreshFailureReason = 'expired' | 'exhausted' | 'revoked' | 'other';

export const REFRESH_MESSAGES: Record<RefreshFailureReason, string> = {
  expired:
    'Your access token could not be refreshed because your refresh token has expired. Please log out and sign in again.',
  exhausted:
    'Your access token could not be refreshed because your refresh token was already used. Please log out and sign in again.',
  revoked:
    'Your access token could not be refreshed because your refresh token was revoked. Please log out and sign in again.',
  other: 'Your access token could not be refreshed. Please log out and sign in again.',
};
export const ACCOUNT_MISMATCH_MESSAGE =
  'Your access token could not be refreshed because you have since logged out or signed in to another account. Please sign in again.';
export const NO_MORE_RECOVERY_MESSAGE = 'No more recovery steps available.';
export const TOKEN_DATA_UNAVAILABLE = 'Token data is not available.';

export class RefreshTokenError extends Error {
  override readonly name = 'RefreshTokenError';
  constructor(
    readonly permanent: boolean,
    readonly reason: RefreshFailureReason | 'transient',
    message: string,
    /** Transient only: worth retrying at once (5xx, connection never made), not after a lost answer. */
    readonly retryable = false,
  ) {
    super(message);
  }

  static permanentFor(reason: RefreshFailureReason, message = REFRESH_MESSAGES[reason]): RefreshTokenError {
    return new RefreshTokenError(true, reason, message);
  }
  static transient(message: string, retryable = false): RefreshTokenError {
    return new RefreshTokenError(false, 'transient', message, retryable);
  }
}

export class NotSignedInError extends Error {
  override readonly name = 'NotSignedInError';
  constructor(message = 'Not signed in. Run `codex login` to sign in.') {
    super(message);
  }
}

/** `error.code` when error is an object, `error` when it is a string, else top-level `code`; lowercase. */
export function extractErrorCode(body: string): string | null {
  const json = parseJsonObject(body);
  if (!json) return null;
  const error = json.error;
  const errorObject = asRecord(error);
  const code = errorObject ? errorObject.code : typeof error === 'string' ? error : json.code;
  return typeof code === 'string' && code !== '' ? code.toLowerCase() : null;
}

/** `error.message`, else the raw body, else `Unknown error` (util.rs); secrets (`known`, JWTs, keys) scrubbed. */
export function extractErrorMessage(body: string, known: readonly string[] = []): string {
  const message = asRecord(parseJsonObject(body)?.error)?.message;
  if (typeof message === 'string' && scrubSecrets(message, known).trim() !== '') return scrubSecrets(message, known);
  const raw = scrubSecrets(body.trim(), known, 300);
  return raw === '' ? 'Unknown error' : raw;
}

const REASON_BY_CODE: Record<string, RefreshFailureReason> = {
  refresh_token_expired: 'expired',
  refresh_token_reused: 'exhausted',
  refresh_token_invalidated: 'revoked',
};

/** Classifies a non-2xx answer of the refresh endpoint. */
export function classifyRefreshFailure(status: number, body: string, secrets: readonly string[] = []): RefreshTokenError {
  const code = extractErrorCode(body);
  const known = code && Object.hasOwn(REASON_BY_CODE, code) ? REASON_BY_CODE[code] : undefined;
  if (known) return RefreshTokenError.permanentFor(known);
  if (status === 401) return RefreshTokenError.permanentFor('other');
  const retryable = status >= 500 || status === 429 || status === 408;
  return RefreshTokenError.transient(`Failed to refresh token: ${status}: ${extractErrorMessage(body, secrets)}`, retryable);
}
