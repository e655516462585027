// Reads claims from ID and access tokens without verifying signatures (§7.1): the tokens came
// from the authority over TLS or from our own file; we only need to know who and which plan.
// Every claim is made terminal-safe here (no control characters, capped), the one place a claim
// becomes part of an identity, so no printer can pass an escape sequence from a token on.
import { safeClaim } from '../text/safeText.js';
import { asRecord, parseJsonObject } from '../text/json.js';

export class JwtFormatError extends Error {
  constructor(what = 'token') {
    super(`invalid ID token format: the ${what} is not a JWT`);
  }
}

const AUTH_CLAIM = 'https://api.openai.com/auth';
const PROFILE_CLAIM = 'https://api.openai.com/profile';

export function decodeJwtPayload(token: string, what = 'token'): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => part.length === 0)) throw new JwtFormatError(what);
  const payload = parseJsonObject(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  if (!payload) throw new JwtFormatError(what);
  return payload;
}

export interface IdTokenClaims {
  email: string | null;
  /** Raw chatgpt_plan_type, or null when the claim is missing. */
  rawPlan: string | null;
  accountId: string | null;
  userId: string | null;
  isFedramp: boolean;
  organizationId: string | null;
  projectId: string | null;
  completedPlatformOnboarding: boolean;
  isOrgOwner: boolean;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? safeClaim(value) : null);
/** A claim that should hold an object: it, or an empty one. */
const claimObject = (value: unknown): Record<string, unknown> => asRecord(value) ?? {};

export function parseIdTokenClaims(idToken: string): IdTokenClaims {
  const payload = decodeJwtPayload(idToken, 'ID token');
  const auth = claimObject(payload[AUTH_CLAIM]);
  const profile = claimObject(payload[PROFILE_CLAIM]);
  return {
    email: str(payload.email) ?? str(profile.email),
    rawPlan: str(auth.chatgpt_plan_type),
    accountId: str(auth.chatgpt_account_id),
    userId: str(auth.chatgpt_user_id) ?? str(auth.user_id),
    isFedramp: auth.chatgpt_account_is_fedramp === true,
    organizationId: str(auth.organization_id),
    projectId: str(auth.project_id),
    completedPlatformOnboarding: auth.completed_platform_onboarding === true,
    isOrgOwner: auth.is_org_owner === true,
  };
}

/** The latest instant a JavaScript Date holds (±100,000,000 days around 1970), in ms. */
const MAX_DATE_MS = 8.64e15;

/**
 * The `exp` of a JWT as epoch milliseconds, or null when there is no usable expiry: not a JWT, no
 * exp, or an exp outside the range of a date (which `new Date(…).toISOString()` would throw on).
 */
export function jwtExpiry(token: string): number | null {
  try {
    const exp = decodeJwtPayload(token).exp;
    return typeof exp === 'number' && Number.isFinite(exp) && Math.abs(exp * 1000) <= MAX_DATE_MS ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** chatgpt_plan_type from an access token's auth claim (used by the success redirect). */
export function accessTokenPlan(accessToken: string): string | null {
  try {
    return str(claimObject(decodeJwtPayload(accessToken)[AUTH_CLAIM]).chatgpt_plan_type);
  } catch {
    return null;
  }
}
