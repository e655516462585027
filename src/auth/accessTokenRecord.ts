// The auth.json record of an access token, kept apart from the sign-in records so the credential
// store (which builds one for CODEX_ACCESS_TOKEN) loads nothing else.
import type { AuthDotJson } from '../storage/authSchema.js';

/**
 * An access token as the real CLI 0.171 writes it: an `at-…` personal access token without auth_mode
 * (so that older builds still read the file), any other token as an Agent Identity JWT.
 */
export function accessTokenRecord(token: string): AuthDotJson {
  return isPersonalAccessToken(token)
    ? { OPENAI_API_KEY: null, personal_access_token: token }
    : { auth_mode: 'agentIdentity', OPENAI_API_KEY: null, agent_identity: token };
}

/** `at-…` is a personal access token; anything else is an Agent Identity JWT (§6.1). */
export const isPersonalAccessToken = (token: string): boolean => token.startsWith('at-');
