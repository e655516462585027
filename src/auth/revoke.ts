// Token revocation at logout and after a re-login (§5.5): best effort, 10 s at most, managed
// ChatGPT tokens only. The refresh token is preferred (it ends the whole lineage).
import type { AuthDotJson } from '../storage/authSchema.js';
import { resolvedMode } from '../storage/authSchema.js';
import type { HttpClient } from '../http/client.js';
import { describeNetworkError } from '../http/networkErrors.js';
import type { AuthEndpoints } from './endpoints.js';
import { extractErrorMessage } from './refreshErrors.js';

export const REVOKE_TIMEOUT_MS = 10_000;

export interface RevokeTarget {
  token: string;
  kind: 'refresh_token' | 'access_token';
}

/** What would be revoked for this auth, or null when it holds no managed ChatGPT token. */
export function revokeTarget(auth: AuthDotJson | null | undefined): RevokeTarget | null {
  if (!auth?.tokens || resolvedMode(auth) !== 'chatgpt') return null;
  if (auth.tokens.refresh_token) return { token: auth.tokens.refresh_token, kind: 'refresh_token' };
  if (auth.tokens.access_token) return { token: auth.tokens.access_token, kind: 'access_token' };
  return null;
}

export interface RevokeDeps {
  http: HttpClient;
  endpoints: AuthEndpoints;
  timeoutSignal: (ms: number) => AbortSignal;
}

/** POSTs the revocation; throws Error(`failed to revoke <kind>: …`) on any failure. */
export async function revokeToken(deps: RevokeDeps, target: RevokeTarget): Promise<void> {
  const kind = target.kind === 'refresh_token' ? 'refresh token' : 'access token';
  const body: Record<string, string> = { token: target.token, token_type_hint: target.kind };
  if (target.kind === 'refresh_token') body.client_id = deps.endpoints.clientId;
  let response: Response;
  try {
    response = await deps.http.fetch(deps.endpoints.revokeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: deps.timeoutSignal(REVOKE_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(`failed to revoke ${kind}: ${describeNetworkError(error, deps.endpoints.revokeUrl)}`);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw new Error(`failed to revoke ${kind}: ${response.status}: ${extractErrorMessage(text, [target.token])}`);
}
