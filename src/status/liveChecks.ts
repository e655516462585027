// The live checks /status runs: ChatGPT usage limits (through the AuthManager, which adds the
// bearer token and account id and recovers from a 401) and an API key's /models check.
// Plain TypeScript; the screens draw the results.
import type { HttpClient } from '../http/client.js';
import { describeNetworkError } from '../http/networkErrors.js';
import { parseUsage, type UsageReport } from './usage.js';

export interface UsageAuth {
  fetchWithAuth(url: string, init?: RequestInit): Promise<Response>;
}
export interface ApiKeyAuth {
  currentApiKey(): string | null;
}

export type UsageCheck = { status: 'ok'; report: UsageReport } | { status: 'failed'; message: string };
export type ApiKeyCheck =
  | { status: 'valid' }
  | { status: 'refused'; message: string }
  | { status: 'unreachable'; message: string }
  | { status: 'skipped'; message: string };

const TIMEOUT_MS = 15_000;

export const usageUrl = (chatgptBaseUrl: string): string =>
  `${chatgptBaseUrl.endsWith('/') ? chatgptBaseUrl : `${chatgptBaseUrl}/`}wham/usage`;
export const modelsUrl = (openaiBaseUrl: string): string => `${openaiBaseUrl.replace(/\/+$/, '')}/models`;

const errorText = (error: unknown, url: string): string => {
  try {
    return describeNetworkError(error, url);
  } catch {
    return error instanceof Error ? error.message : String(error);
  }
};

export async function checkUsage(auth: UsageAuth, chatgptBaseUrl: string, now: () => number = Date.now): Promise<UsageCheck> {
  const url = usageUrl(chatgptBaseUrl);
  try {
    const response = await auth.fetchWithAuth(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok) {
      return { status: 'failed', message: `The usage endpoint answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.` };
    }
    let body: unknown;
    try {
      body = JSON.parse(await response.text());
    } catch {
      // not a network error (a captive portal or proxy page, say), and its text is not worth quoting
      return { status: 'failed', message: 'The usage endpoint did not answer with JSON; a proxy or captive portal may be in the way.' };
    }
    return { status: 'ok', report: parseUsage(body, now()) };
  } catch (error) {
    // fetchWithAuth throws RefreshTokenError/NotSignedInError with human messages; network errors are mapped.
    const named = error instanceof Error && /TokenError|NotSignedIn/.test(error.name);
    return { status: 'failed', message: named ? (error as Error).message : errorText(error, url) };
  }
}

export async function checkApiKey(auth: ApiKeyAuth, http: Pick<HttpClient, 'fetch'>, openaiBaseUrl: string): Promise<ApiKeyCheck> {
  const key = auth.currentApiKey();
  if (!key) return { status: 'skipped', message: 'No API key in use.' };
  const url = modelsUrl(openaiBaseUrl);
  try {
    const response = await http.fetch(url, {
      headers: { Authorization: `Bearer ${key}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.ok) return { status: 'valid' };
    if (response.status === 401 || response.status === 403) {
      return { status: 'refused', message: `OpenAI refused the key (${response.status}).` };
    }
    return { status: 'unreachable', message: `OpenAI answered ${response.status}; the key could not be checked.` };
  } catch (error) {
    return { status: 'unreachable', message: errorText(error, url) };
  }
}
