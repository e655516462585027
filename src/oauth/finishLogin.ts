// The last steps shared by the browser flow, the paste-back and the device code flow: the
// workspace check (§3.4) and saving the tokens (§3.7). Nothing is written when a check fails.
import { JwtFormatError, parseIdTokenClaims } from '../credential/jwt.js';
import { maskApiKey } from '../credential/mask.js';
import { PLAN_UNKNOWN, planDisplayName, planFromClaim } from '../credential/plan.js';
import type { ChatgptTokens, TokenSink } from './flowDeps.js';
import { LoginError, type LoginSuccess } from './types.js';

/** The reason a forced workspace refuses these tokens, or null when they are allowed. */
export function workspaceRestriction(idToken: string, forced: readonly string[] | null): string | null {
  if (!forced || forced.length === 0) return null;
  let accountId: string | null = null;
  try {
    accountId = parseIdTokenClaims(idToken).accountId;
  } catch (error) {
    if (!(error instanceof JwtFormatError)) throw error;
  }
  if (!accountId) {
    return 'Login is restricted to a specific workspace, but the token did not include an chatgpt_account_id claim.';
  }
  return forced.includes(accountId) ? null : `Login is restricted to workspace id(s) ${forced.join(', ')}.`;
}

/** What the person sees after a ChatGPT sign-in (no secrets). */
export function chatgptSuccess(idToken: string, apiKey: string | null): LoginSuccess {
  let email: string | null = null;
  let plan: string | null = null;
  try {
    const claims = parseIdTokenClaims(idToken);
    email = claims.email;
    const known = planFromClaim(claims.rawPlan); // 'unknown' for a missing or unrecognised claim
    plan = known === 'unknown' ? PLAN_UNKNOWN : planDisplayName(known);
  } catch {
    // an ID token we cannot read still signs in; the identity shows as unknown
  }
  return { method: 'chatgpt', email, plan, maskedKey: apiKey ? maskApiKey(apiKey) : null };
}

/**
 * Saves the tokens unless the attempt was abandoned meanwhile (cancel, timeout): the last
 * check happens right before the write, so a cancelled attempt never replaces credentials.
 */
export async function saveTokens(
  sink: TokenSink,
  tokens: ChatgptTokens,
  apiKey: string | null,
  abandoned: () => LoginError | null,
): Promise<LoginSuccess> {
  const reason = abandoned();
  if (reason) throw reason;
  try {
    await sink.saveChatgptTokens({ ...tokens, apiKey });
  } catch (error) {
    throw new LoginError('persist_failed', `Sign-in completed but credentials could not be saved locally: ${(error as Error).message}`);
  }
  return chatgptSuccess(tokens.idToken, apiKey);
}
