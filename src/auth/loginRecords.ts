// The auth.json records written by a new sign-in (§1.2, §3.7), and the workspace restriction (§3.4).
import { workspaceRestriction } from '../oauth/finishLogin.js';
import type { ChatgptTokens } from '../oauth/flowDeps.js';
import type { AuthDotJson } from '../storage/authSchema.js';
import { parseIdTokenClaims } from '../credential/jwt.js';

/** What a ChatGPT sign-in hands over: the tokens, and the API key the browser flow may have exchanged. */
export type SignInTokens = ChatgptTokens & { apiKey?: string | null };

export function apiKeyRecord(key: string): AuthDotJson {
  const trimmed = key.trim();
  if (!trimmed) throw new Error('No API key provided.');
  return { auth_mode: 'apikey', OPENAI_API_KEY: trimmed };
}

export { accessTokenRecord, isPersonalAccessToken } from './accessTokenRecord.js';

/** Throws the real CLI's messages when the id_token's workspace is not an allowed one. */
export function chatgptRecord(t: SignInTokens, now: number, forcedWorkspaceIds: string[] | null | undefined): AuthDotJson {
  const restriction = workspaceRestriction(t.idToken, forcedWorkspaceIds?.filter(Boolean) ?? null);
  if (restriction) throw new Error(restriction);
  const claims = parseIdTokenClaims(t.idToken);
  return {
    auth_mode: 'chatgpt',
    OPENAI_API_KEY: t.apiKey ?? null,
    tokens: { id_token: t.idToken, access_token: t.accessToken, refresh_token: t.refreshToken, account_id: claims.accountId },
    last_refresh: new Date(now).toISOString(),
  };
}
