// The OAuth refresh itself (§5.1, §5.2): when it is due, the request, the retry on transient
// failures, and how an answer is merged into the stored auth. No locking here: see AuthManager.
import type { AuthDotJson } from '../storage/authSchema.js';
import { resolvedMode } from '../storage/authSchema.js';
import type { HttpClient } from '../http/client.js';
import { describeNetworkError } from '../http/networkErrors.js';
import type { AuthEndpoints } from './endpoints.js';
import { jwtExpiry } from '../credential/jwt.js';
import { RefreshTokenError, classifyRefreshFailure } from './refreshErrors.js';
import { decodeJwtPayload } from '../credential/jwt.js';

export const REFRESH_WINDOW_MS = 5 * 60_000;
export const REFRESH_INTERVAL_MS = 8 * 24 * 60 * 60_000;
/** Delays before the 2nd and 3rd attempt of a refresh that failed transiently. */
export const REFRESH_RETRY_DELAYS_MS = [500, 2_000];
export const REFRESH_TIMEOUT_MS = 30_000;

/** Only managed ChatGPT tokens: exp within 5 minutes, else last_refresh older than 8 days. */
export function shouldRefreshProactively(auth: AuthDotJson | null | undefined, now: number): boolean {
  if (!auth?.tokens || resolvedMode(auth) !== 'chatgpt') return false;
  const exp = jwtExpiry(auth.tokens.access_token);
  if (exp !== null) return exp <= now + REFRESH_WINDOW_MS;
  const last = auth.last_refresh ? Date.parse(auth.last_refresh) : Number.NaN;
  return Number.isFinite(last) && last < now - REFRESH_INTERVAL_MS;
}

/** True while the access token can still be sent (a JWT not yet expired, or an opaque token). */
export function accessTokenUsable(auth: AuthDotJson | null | undefined, now: number): boolean {
  if (!auth?.tokens) return false;
  const exp = jwtExpiry(auth.tokens.access_token);
  return exp === null || exp > now;
}

export interface RefreshedTokens {
  id_token?: string;
  access_token?: string;
  refresh_token?: string;
}

export interface RefreshDeps {
  http: HttpClient;
  endpoints: AuthEndpoints;
  sleep: (ms: number) => Promise<void>;
  timeoutSignal: (ms: number) => AbortSignal;
}

// Errors raised before the request reached the server: safe to try again (nothing was rotated).
const CONNECT_PHASE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|UND_ERR_CONNECT_TIMEOUT|ENETUNREACH|EHOSTUNREACH/;

function causeCodes(error: unknown, depth = 0): string {
  if (!error || typeof error !== 'object' || depth > 5) return '';
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown[] };
  const own = typeof e.code === 'string' ? e.code : '';
  const inner = Array.isArray(e.errors) ? e.errors.map((x) => causeCodes(x, depth + 1)).join(' ') : '';
  return `${own} ${inner} ${causeCodes(e.cause, depth + 1)}`;
}

/** One POST to the refresh endpoint. Throws a classified RefreshTokenError. */
export async function requestTokenRefresh(deps: RefreshDeps, refreshToken: string): Promise<RefreshedTokens> {
  const url = deps.endpoints.refreshUrl;
  let response: Response;
  try {
    response = await deps.http.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ client_id: deps.endpoints.clientId, grant_type: 'refresh_token', refresh_token: refreshToken }),
      signal: deps.timeoutSignal(REFRESH_TIMEOUT_MS),
    });
  } catch (error) {
    const retryable = CONNECT_PHASE.test(causeCodes(error));
    throw RefreshTokenError.transient(`Failed to refresh token: ${describeNetworkError(error, url)}`, retryable);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw classifyRefreshFailure(response.status, text, [refreshToken]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw RefreshTokenError.transient(`Failed to refresh token: ${response.status}: the answer was not JSON`);
  }
  const out: RefreshedTokens = {};
  const record = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  for (const key of ['id_token', 'access_token', 'refresh_token'] as const) {
    if (typeof record[key] === 'string' && record[key] !== '') out[key] = record[key];
  }
  // A new ID token that is not a JWT is refused before anything is saved (as the real CLI parses it
  // first): saving it would leave auth.json with credentials no reader can use.
  if (out.id_token !== undefined) {
    try {
      decodeJwtPayload(out.id_token, 'ID token');
    } catch {
      throw RefreshTokenError.transient(`Failed to refresh token: ${response.status}: the new ID token is not a JWT`);
    }
  }
  return out;
}

/** requestTokenRefresh with a few attempts for transient failures that are safe to repeat. */
export async function refreshWithRetry(deps: RefreshDeps, refreshToken: string): Promise<RefreshedTokens> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await requestTokenRefresh(deps, refreshToken);
    } catch (error) {
      const delay = REFRESH_RETRY_DELAYS_MS[attempt];
      if (!(error instanceof RefreshTokenError) || error.permanent || !error.retryable || delay === undefined) throw error;
      await deps.sleep(delay);
    }
  }
}

/** The stored auth with the returned fields replaced and last_refresh = now; everything else kept. */
export function applyRefresh(stored: AuthDotJson, refreshed: RefreshedTokens, now: number): AuthDotJson {
  if (!stored.tokens) throw new Error('Token data is not available.');
  return {
    ...stored,
    tokens: {
      ...stored.tokens,
      id_token: refreshed.id_token ?? stored.tokens.id_token,
      access_token: refreshed.access_token ?? stored.tokens.access_token,
      refresh_token: refreshed.refresh_token ?? stored.tokens.refresh_token,
    },
    last_refresh: new Date(now).toISOString(),
  };
}
