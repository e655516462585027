// The auth.json records written by a new sign-in (§1.2, §3.7), and the workspace restriction (§3.4).
import type { AuthDotJson } from '../storage/authSchema.js';
import { parseIdTokenClaims } from './jwt.js';

export interface ChatgptTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  apiKey?: string | null;
}

export function apiKeyRecord(key: string): AuthDotJson {
  const trimmed = key.trim();
  if (!trimmed) throw new Error('No API key provided.');
  return { auth_mode: 'apikey', OPENAI_API_KEY: trimmed };
}

/** Throws the real CLI's messages when the id_token's workspace is not an allowed one. */
export function chatgptRecord(t: ChatgptTokens, now: number, forcedWorkspaceIds: string[] | null | undefined): AuthDotJson {
  const claims = parseIdTokenClaims(t.idToken);
  const forced = forcedWorkspaceIds?.filter(Boolean) ?? [];
  if (forced.length && !claims.accountId) {
    throw new Error('Login is restricted to a specific workspace, but the token did not include an chatgpt_account_id claim.');
  }
  if (forced.length && !forced.includes(claims.accountId!)) throw new Error(`Login is restricted to workspace id(s) ${forced.join(', ')}.`);
  return {
    auth_mode: 'chatgpt',
    OPENAI_API_KEY: t.apiKey ?? null,
    tokens: { id_token: t.idToken, access_token: t.accessToken, refresh_token: t.refreshToken, account_id: claims.accountId },
    last_refresh: new Date(now).toISOString(),
  };
}
