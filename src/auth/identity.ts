// Who a stored credential belongs to. The account identity pins refresh and 401 recovery to the
// account this process signed in with, so it never adopts another account's tokens (§1.4, §6.2).
import { type AuthDotJson, resolvedMode, unknownMode } from '../storage/authSchema.js';
import { parseIdTokenClaims, type IdTokenClaims, jwtExpiry } from '../credential/jwt.js';
import { maskApiKey } from '../credential/mask.js';
import { agentIdentityClaimsOrNull } from './agentIdentityJwt.js';
import { planFromClaim } from '../credential/plan.js';
import { safeClaim } from '../text/safeText.js';
import type { ChatgptDetails, Identity } from './types.js';

export function safeClaims(idToken: string | undefined): IdTokenClaims | null {
  if (!idToken) return null;
  try {
    return parseIdTokenClaims(idToken);
  } catch {
    return null;
  }
}

/** tokens.account_id, else the id_token's chatgpt_account_id, else its user id; null without tokens. */
export function accountKey(auth: AuthDotJson | null | undefined): string | null {
  if (!auth?.tokens) return null;
  const claims = safeClaims(auth.tokens.id_token);
  return auth.tokens.account_id || claims?.accountId || claims?.userId || null;
}

/**
 * Same sign-in as far as adopting goes: the same ChatGPT account, or the same non-ChatGPT method
 * (a replaced API key is still "this process's API key"). Nothing stored is never the same.
 */
export function sameAccount(a: AuthDotJson | null | undefined, b: AuthDotJson | null | undefined): boolean {
  if (!a || !b) return false;
  const mode = resolvedMode(a);
  if (mode !== resolvedMode(b)) return false;
  if (mode !== 'chatgpt' && mode !== 'chatgptAuthTokens') return true;
  const key = accountKey(a);
  return key !== null && key === accountKey(b);
}

/** Compares the credential material (not last_refresh or unknown fields). */
export function fingerprint(auth: AuthDotJson | null | undefined): string {
  if (!auth) return 'none';
  const t = auth.tokens;
  return JSON.stringify([
    unknownMode(auth) ?? resolvedMode(auth), auth.OPENAI_API_KEY ?? null, t?.id_token ?? null, t?.access_token ?? null,
    t?.refresh_token ?? null, t?.account_id ?? null, auth.agent_identity ?? null, auth.personal_access_token ?? null,
    auth.bedrock_api_key?.api_key ?? null,
  ]);
}

/** The identity a stored record stands for (one variant per auth_mode, src/auth/types.ts). */
export function identityOf(auth: AuthDotJson): Identity {
  const mode = resolvedMode(auth);
  switch (mode) {
    case 'apikey':
      return { kind: 'apiKey', maskedKey: maskApiKey(auth.OPENAI_API_KEY ?? '') };
    case 'personalAccessToken':
      return { kind: 'accessToken', maskedToken: maskApiKey(auth.personal_access_token ?? '') };
    case 'agentIdentity': {
      const claims = agentIdentityClaimsOrNull(auth.agent_identity);
      return {
        kind: 'agentIdentity', maskedToken: maskApiKey(auth.agent_identity ?? ''), accountId: claims?.accountId ?? null,
        email: claims?.email ?? null, plan: claims?.plan ?? 'unknown', userId: claims?.userId || null,
      };
    }
    case 'chatgpt':
      return { kind: 'chatgpt', ...chatgptDetails(auth) };
    case 'chatgptAuthTokens':
      return { kind: 'externalTokens', ...chatgptDetails(auth) };
    case 'bedrockApiKey': {
      const key = auth.bedrock_api_key;
      return { kind: 'bedrock', region: key?.region || null, maskedKey: key?.api_key ? maskApiKey(key.api_key) : null };
    }
    case 'unknown':
      return { kind: 'unknown', mode: safeClaim(unknownMode(auth)) ?? 'unknown' }; // the file's own words: made terminal-safe
  }
}

function chatgptDetails(auth: AuthDotJson): ChatgptDetails {
  const claims = safeClaims(auth.tokens?.id_token);
  return {
    email: claims?.email ?? null,
    plan: planFromClaim(claims?.rawPlan ?? null),
    accountId: safeClaim(auth.tokens?.account_id || null) || claims?.accountId || null,
    userId: claims?.userId ?? null,
    accessTokenExpiresAt: auth.tokens ? jwtExpiry(auth.tokens.access_token) : null,
    lastRefresh: auth.last_refresh ?? null,
    maskedApiKey: auth.OPENAI_API_KEY ? maskApiKey(auth.OPENAI_API_KEY) : null,
  };
}

/** Email and account of a stored credential, for the "signed in elsewhere" notice. */
export function describeAccount(auth: AuthDotJson | null): { email: string | null; accountId: string | null } {
  if (!auth) return { email: null, accountId: null };
  const claims = safeClaims(auth.tokens?.id_token);
  return { email: claims?.email ?? null, accountId: safeClaim(auth.tokens?.account_id || null) || claims?.accountId || null };
}

/** The bearer credential to send, by mode. */
export function bearerOf(auth: AuthDotJson): string | null {
  switch (resolvedMode(auth)) {
    case 'apikey':
      return auth.OPENAI_API_KEY ?? null;
    case 'personalAccessToken':
      return auth.personal_access_token ?? null;
    case 'agentIdentity':
      return auth.agent_identity ?? null;
    default:
      return auth.tokens?.access_token ?? null;
  }
}

/** Request headers with the bearer and, for ChatGPT, the account and FedRAMP headers (§7.1). */
export function authHeaders(auth: AuthDotJson | null, given: RequestInit['headers'], bearer: string): Record<string, string> {
  const headers = new Headers(given);
  headers.set('authorization', `Bearer ${bearer}`);
  if (auth && resolvedMode(auth) === 'chatgpt') {
    const account = describeAccount(auth).accountId;
    if (account) headers.set('chatgpt-account-id', account);
    if (safeClaims(auth.tokens?.id_token)?.isFedramp) headers.set('x-openai-fedramp', 'true');
  }
  return Object.fromEntries(headers.entries());
}
