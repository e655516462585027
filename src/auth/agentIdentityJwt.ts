// An Agent Identity JWT read without checking its signature (that is agentIdentityVerify.ts): the
// shape the real Codex CLI 0.171 insists on before it asks for the JWKS, with its messages (recorded
// against a loopback server). Every claim but `email` must be there with the right JSON type.
import { planFromClaim, type PlanType } from '../credential/plan.js';
import { safeClaim } from '../text/safeText.js';

/** What an Agent Identity JWT says (its claims, terminal-safe where they are shown). */
export interface AgentIdentityClaims {
  iss: string;
  aud: string;
  iat: number;
  /** Seconds since the epoch. */
  exp: number;
  agentRuntimeId: string;
  /** Base64 PKCS#8 Ed25519 key that signs task registrations. */
  agentPrivateKey: string;
  accountId: string;
  userId: string;
  email: string | null;
  /** Wire plan type (`hc` is `enterprise`, `education` is `edu`). */
  plan: PlanType;
  isFedramp: boolean;
}

export const DECODE_PREFIX = 'failed to decode agent identity JWT';
export const FORMAT_ERROR = `${DECODE_PREFIX}: invalid agent identity JWT format`;

/** The three non-empty parts, or null. */
export function jwtParts(token: string): [string, string, string] | null {
  const parts = token.split('.');
  return parts.length === 3 && parts.every((p) => p !== '') ? (parts as [string, string, string]) : null;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Unpadded base64url, as strictly as the real CLI decodes it (Node's decoder skips bad characters);
 * the reasons are worded as its decoder words them.
 */
export function decodeBase64UrlStrict(text: string): { bytes: Buffer } | { error: string } {
  if (text.length % 4 === 1) return { error: `Invalid input length: ${text.length}` };
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=') return { error: 'Invalid padding' };
    if (!B64URL.includes(text[i]!)) return { error: `Invalid symbol ${text.charCodeAt(i)}, offset ${i}.` };
  }
  // The bits past the last whole byte must be zero (a canonical encoding).
  const last = B64URL.indexOf(text[text.length - 1] ?? 'A');
  const spare = text.length % 4 === 2 ? 0x0f : text.length % 4 === 3 ? 0x03 : 0;
  if (last & spare) return { error: `Invalid last symbol ${text.charCodeAt(text.length - 1)}, offset ${text.length - 1}.` };
  return { bytes: Buffer.from(text, 'base64url') };
}

type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isCount: Check = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const REQUIRED: [string, Check, string][] = [
  ['iss', isString, 'a string'], ['aud', isString, 'a string'], ['iat', isCount, 'a whole number'], ['exp', isCount, 'a whole number'],
  ['agent_runtime_id', isString, 'a string'], ['agent_private_key', isString, 'a string'], ['account_id', isString, 'a string'],
  ['chatgpt_user_id', isString, 'a string'], ['plan_type', isString, 'a string'], ['chatgpt_account_is_fedramp', (v) => typeof v === 'boolean', 'true or false'],
];

/** The claims, or throws `failed to decode agent identity JWT: …`. */
export function decodeAgentIdentityJwt(token: string): AgentIdentityClaims {
  const parts = jwtParts(token);
  if (!parts) throw new Error(FORMAT_ERROR);
  const decoded = decodeBase64UrlStrict(parts[1]);
  if ('error' in decoded) throw new Error(`${DECODE_PREFIX}: agent identity JWT payload is not valid base64url: ${decoded.error}`);
  let payload: unknown;
  try {
    payload = JSON.parse(decoded.bytes.toString('utf8'));
  } catch (error) {
    // Only where: V8's message quotes the text around the fault, which may be the agent's private key.
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new Error(`${DECODE_PREFIX}: agent identity JWT payload is not valid JSON${at ? ` (at character ${at})` : ''}`);
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new Error(`${DECODE_PREFIX}: invalid credential JSON (the payload is not an object)`);
  }
  const claims = payload as Record<string, unknown>;
  for (const [name, check, what] of REQUIRED) {
    if (!check(claims[name])) throw new Error(`${DECODE_PREFIX}: invalid credential JSON (the "${name}" claim is missing or not ${what})`);
  }
  if (claims.email !== undefined && claims.email !== null && typeof claims.email !== 'string') {
    throw new Error(`${DECODE_PREFIX}: invalid credential JSON (the "email" claim is not a string)`);
  }
  const s = (name: string) => claims[name] as string;
  return {
    iss: s('iss'), aud: s('aud'), iat: claims.iat as number, exp: claims.exp as number,
    agentRuntimeId: s('agent_runtime_id'), agentPrivateKey: s('agent_private_key'),
    accountId: safeClaim(s('account_id')) ?? '', userId: safeClaim(s('chatgpt_user_id')) ?? '',
    email: typeof claims.email === 'string' && claims.email !== '' ? safeClaim(claims.email) : null,
    plan: planFromClaim(s('plan_type')), isFedramp: claims.chatgpt_account_is_fedramp as boolean,
  };
}

/** The claims, or null when the token is not a well-formed Agent Identity JWT (for display only). */
export function agentIdentityClaimsOrNull(token: string | undefined): AgentIdentityClaims | null {
  if (!token) return null;
  try {
    return decodeAgentIdentityJwt(token);
  } catch {
    return null;
  }
}
