// Token endpoint calls (§3.5, §3.6): the authorization-code exchange and the best-effort
// exchange of an ID token for an API key. Both are form-encoded POSTs to {issuer}/oauth/token.
import { scrubSecrets } from '../credential/mask.js';
import type { ChatgptTokens, FlowDeps } from './flowDeps.js';

const EXCHANGE_TIMEOUT_MS = 30_000;

/** `500 Internal Server Error`, as the real CLI prints a status. */
/** `400 Bad Request`: node:http's names, loaded on use (the picker loads this module; it must not load node:http). */
export const statusText = (status: number): string => {
  const name = process.getBuiltinModule('node:http').STATUS_CODES[status];
  return `${status}${name ? ` ${name}` : ''}`;
};

/** The detail of a token endpoint error body, in the real CLI's order of preference (secrets scrubbed). */
export function tokenErrorDetail(body: string, known: readonly string[] = []): string {
  const trimmed = body.trim();
  if (!trimmed) return 'unknown error';
  try {
    const json = JSON.parse(trimmed) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);
    const error = json?.error;
    const nested = error !== null && typeof error === 'object' ? (error as Record<string, unknown>) : {};
    const detail = json !== null && typeof json === 'object' ? (text(json.error_description) ?? text(nested.message) ?? text(error) ?? text(nested.code)) : null;
    // Scrubbed after parsing: a JSON escape (\u001b) is a control character only once decoded.
    if (detail) return scrubSecrets(detail, known) || 'unknown error';
  } catch {
    // not JSON: the raw text is the detail
  }
  return scrubSecrets(trimmed, known) || 'unknown error';
}

async function postForm(deps: FlowDeps, form: Record<string, string>): Promise<Response> {
  const url = deps.endpoints.tokenUrl;
  try {
    return await deps.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      signal: deps.clock.timeoutSignal(EXCHANGE_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(deps.describeNetworkError(error, url));
  }
}

export interface CodeExchange {
  code: string;
  redirectUri: string;
  codeVerifier: string;
}

/** Throws an Error whose message is `token endpoint returned status …` or a network description. */
export async function exchangeCode(deps: FlowDeps, exchange: CodeExchange): Promise<ChatgptTokens> {
  const response = await postForm(deps, {
    grant_type: 'authorization_code',
    code: exchange.code,
    redirect_uri: exchange.redirectUri,
    client_id: deps.endpoints.clientId,
    code_verifier: exchange.codeVerifier,
  });
  const body = await response.text();
  if (!response.ok) {
    throw new Error(`token endpoint returned status ${statusText(response.status)}: ${tokenErrorDetail(body, [exchange.code, exchange.codeVerifier])}`);
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch {
    throw new Error('token endpoint returned a response that is not JSON');
  }
  const { id_token, access_token, refresh_token } = json;
  for (const [name, value] of Object.entries({ id_token, access_token, refresh_token })) {
    if (typeof value !== 'string' || value === '') throw new Error(`token endpoint response is missing ${name}`);
  }
  return { idToken: id_token as string, accessToken: access_token as string, refreshToken: refresh_token as string };
}

/** The API key for the signed-in account, or null: a failure never fails the sign-in (§3.6). */
export async function exchangeApiKey(deps: FlowDeps, idToken: string): Promise<string | null> {
  try {
    const response = await postForm(deps, {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      client_id: deps.endpoints.clientId,
      requested_token: 'openai-api-key',
      subject_token: idToken,
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
    });
    if (!response.ok) {
      await response.body?.cancel();
      deps.log?.(`api key exchange failed with status ${statusText(response.status)}`);
      return null;
    }
    let key: unknown;
    try {
      key = (JSON.parse(await response.text()) as Record<string, unknown> | null)?.access_token;
    } catch {
      // JSON.parse quotes the start of the body in its message, and that body holds the key
      deps.log?.('api key exchange failed: the answer was not JSON');
      return null;
    }
    return typeof key === 'string' && key !== '' ? key : null;
  } catch (error) {
    deps.log?.(`api key exchange failed: ${(error as Error).message}`);
    return null;
  }
}
