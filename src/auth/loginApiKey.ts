// API-key sign-in helpers: clean up a pasted key (the same cleaning as every other way in,
// src/auth/apiKeyInput.ts), and check it with one GET /models.
import { isNetworkFailure } from '../http/networkErrors.js';
import { cleanApiKeyInput } from './apiKeyInput.js';
import { scrubSecrets } from '../credential/mask.js';
import { LoginError } from '../oauth/types.js';

export type ApiKeyCheck =
  | { status: 'valid' }
  | { status: 'refused'; message: string }
  /** Refused here, without asking OpenAI: it cannot be a key (or cannot even be sent). Never "save anyway". */
  | { status: 'invalid'; message: string }
  /** OpenAI could not be reached or could not say: the only case that offers to save the key unverified. */
  | { status: 'unreachable'; message: string };

const SCREEN_MESSAGES = {
  empty: 'API key cannot be empty',
  spaces: 'The API key contains spaces or line breaks. Paste only the key itself, on one line.',
  invalid: 'The API key contains a character that cannot be part of a key (keys are plain ASCII). Paste only the key itself.',
};

const CHECK_TIMEOUT_MS = 15_000;

/** The key as it will be stored; throws LoginError('invalid_api_key') with what to fix. */
export function normaliseApiKey(raw: string): string {
  const cleaned = cleanApiKeyInput(raw, SCREEN_MESSAGES);
  if (!cleaned.ok) throw new LoginError('invalid_api_key', cleaned.message);
  return cleaned.key;
}

export interface ApiKeyCheckDeps {
  fetch: typeof globalThis.fetch;
  openaiBaseUrl: string;
  describeNetworkError(error: unknown, url: string): string;
}

function errorMessage(body: string): string | null {
  try {
    const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    return typeof message === 'string' && message.trim() ? message.trim() : null;
  } catch {
    return null;
  }
}

/** 200: valid; 401/403: refused (with the server's message); anything else: could not tell. */
export async function checkApiKey(key: string, deps: ApiKeyCheckDeps): Promise<ApiKeyCheck> {
  const url = `${deps.openaiBaseUrl.replace(/\/+$/, '')}/models`;
  let response: Response;
  try {
    response = await deps.fetch(url, {
      headers: { authorization: `Bearer ${key}` },
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
  } catch (error) {
    if (isNetworkFailure(error)) return { status: 'unreachable', message: deps.describeNetworkError(error, url) };
    // Not the network: the request could not even be made (a header value fetch refuses, …).
    return { status: 'invalid', message: `The key cannot be sent as it is: ${scrubSecrets((error as Error).message ?? String(error), [key])}` };
  }
  const body = await response.text().catch(() => '');
  if (response.ok) return { status: 'valid' };
  if (response.status === 401 || response.status === 403) {
    const message = errorMessage(body);
    // OpenAI masks the key in its message; gateways that speak its API may echo it whole
    return { status: 'refused', message: message ? scrubSecrets(message, [key]) : `The API key was refused (HTTP ${response.status}).` };
  }
  const host = new URL(url).host;
  return { status: 'unreachable', message: `Could not check the key: ${host} answered HTTP ${response.status}. Try again later.` };
}
