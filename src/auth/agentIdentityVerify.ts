// Checks an Agent Identity JWT's signature against the ChatGPT backend's JWKS, as the real Codex
// CLI 0.171 does (recorded against a loopback server): the key is the one the header's `kid` names,
// only RS256 is accepted, `iss` and `aud` must be the backend's, and `exp` may be at most 60 s past
// (the leeway of its JWT library; `nbf` is not checked). Commands load this module (and node:crypto
// with it) only when they check a token, so `login status` with anything else never pays for it.
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { decodeBase64UrlStrict, jwtParts } from './agentIdentityJwt.js';
import { safeClaim } from '../text/safeText.js';
import { describeNetworkError } from '../http/networkErrors.js';

export const AGENT_IDENTITY_ISSUER = 'https://chatgpt.com/codex-backend/agent-identity';
export const AGENT_IDENTITY_AUDIENCE = 'codex-app-server';
const LEEWAY_SECONDS = 60;
const JWKS_TIMEOUT_MS = 10_000;
const VERIFY_FAILED = 'failed to verify agent identity JWT';
/** The signing algorithms its JWT library knows; any other `alg` (such as `none`) is a header it cannot decode. */
const KNOWN_ALGS = new Set(['HS256', 'HS384', 'HS512', 'ES256', 'ES384', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA']);

export type Jwk = Record<string, unknown>;

export async function fetchAgentIdentityJwks(fetch: typeof globalThis.fetch, url: string): Promise<Jwk[]> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: '*/*' }, signal: AbortSignal.timeout(JWKS_TIMEOUT_MS) });
  } catch (error) {
    // The real CLI's words first, then why (a CA bundle, the proxy, a refused connection).
    throw new Error(`failed to request agent identity JWKS: ${describeNetworkError(error, url)}`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`agent identity JWKS endpoint returned an error (HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''})`);
  }
  try {
    const set = JSON.parse(await response.text()) as { keys?: unknown };
    if (!Array.isArray(set.keys) || !set.keys.every((k) => k !== null && typeof k === 'object' && !Array.isArray(k))) throw new Error('no keys');
    return set.keys as Jwk[];
  } catch {
    throw new Error('failed to decode agent identity JWKS');
  }
}

function header(encoded: string): Record<string, unknown> {
  const decoded = decodeBase64UrlStrict(encoded);
  try {
    if ('error' in decoded) throw new Error(decoded.error);
    const value = JSON.parse(decoded.bytes.toString('utf8')) as Record<string, unknown>;
    if (typeof value.alg !== 'string' || !KNOWN_ALGS.has(value.alg)) throw new Error('unknown alg');
    return value;
  } catch {
    throw new Error('failed to decode agent identity JWT header');
  }
}

/** Throws the real CLI's message when the JWT is not one the backend signed and still valid. */
export function verifyAgentIdentityJwt(token: string, keys: readonly Jwk[], nowMs: number): void {
  const parts = jwtParts(token);
  if (!parts) throw new Error(VERIFY_FAILED); // decodeAgentIdentityJwt ran first and says why
  const head = header(parts[0]);
  if (typeof head.kid !== 'string') throw new Error('agent identity JWT header does not include a kid');
  const jwk = keys.find((k) => k.kid === head.kid);
  if (!jwk) throw new Error(`agent identity JWT kid ${safeClaim(head.kid)} is not trusted`);
  if (head.alg !== 'RS256') throw new Error(VERIFY_FAILED);

  let valid = false;
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    valid = key.asymmetricKeyType === 'rsa' && verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2], 'base64url'));
  } catch {
    valid = false;
  }
  if (!valid) throw new Error(VERIFY_FAILED);
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new Error(VERIFY_FAILED);
  }
  const exp = claims.exp;
  if (typeof exp !== 'number' || exp < nowMs / 1000 - LEEWAY_SECONDS) throw new Error(VERIFY_FAILED);
  if (claims.iss !== AGENT_IDENTITY_ISSUER || claims.aud !== AGENT_IDENTITY_AUDIENCE) throw new Error(VERIFY_FAILED);
}
