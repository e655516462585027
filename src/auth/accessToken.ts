// Access tokens (§9 item 5, §11.2), as the real Codex CLI 0.171 checks them (recorded against a
// loopback server): an `at-…` personal access token is checked with one
// `GET {CODEX_AUTHAPI_BASE_URL}/v1/user-auth-credential/whoami` (Bearer, default base
// https://auth.openai.com/api/accounts), whose `chatgpt_account_id` is checked against
// forced_chatgpt_workspace_id; it is stored as `{"OPENAI_API_KEY": null, "personal_access_token": …}`
// (no auth_mode, as the real CLI writes it). Any other token would be an Agent Identity JWT.
import { scrubSecrets } from '../credential/mask.js';

export const DEFAULT_AUTHAPI_BASE = 'https://auth.openai.com/api/accounts';

export interface AccessTokenDeps {
  fetch: typeof globalThis.fetch;
  env: NodeJS.ProcessEnv;
  describeNetworkError(error: unknown, url: string): string;
  forcedWorkspaceIds: readonly string[] | null;
}

/** What whoami says about a personal access token. */
export interface TokenOwner {
  email: string | null;
  accountId: string | null;
  planType: string | null;
}

export const whoamiUrl = (env: NodeJS.ProcessEnv): string =>
  `${(env.CODEX_AUTHAPI_BASE_URL?.trim() || DEFAULT_AUTHAPI_BASE).replace(/\/+$/, '')}/v1/user-auth-credential/whoami`;

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Checks a personal access token with the authority; throws the real CLI's messages. */
export async function checkPersonalAccessToken(token: string, deps: AccessTokenDeps): Promise<TokenOwner> {
  const url = whoamiUrl(deps.env);
  let response: Response;
  try {
    response = await deps.fetch(url, { headers: { authorization: `Bearer ${token}`, accept: '*/*' }, signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    throw new Error(`failed to request personal access token metadata: ${deps.describeNetworkError(error, url)}`);
  }
  const body = await response.text().catch(() => '');
  if (!response.ok) {
    const reason = response.statusText ? ` ${scrubSecrets(response.statusText, [token])}` : '';
    throw new Error(`personal access token metadata request failed with status ${response.status}${reason}`);
  }
  let json: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    json = parsed as Record<string, unknown>;
  } catch {
    throw new Error('failed to decode personal access token metadata: error decoding response body');
  }
  const owner = { email: str(json.email), accountId: str(json.chatgpt_account_id), planType: str(json.chatgpt_plan_type) };
  const allowed = deps.forcedWorkspaceIds?.length ? deps.forcedWorkspaceIds : null;
  if (allowed && (owner.accountId === null || !allowed.includes(owner.accountId))) {
    throw new Error(`Login is restricted to workspace id(s) ${allowed.join(', ')}.`);
  }
  return owner;
}

/**
 * A token that is not `at-…` is an Agent Identity JWT, which the real CLI verifies against the
 * ChatGPT backend's JWKS and registers; this codex does not (yet): it says so instead of storing a
 * token it cannot check. The JWT-format message is the real CLI's.
 */
export function agentIdentityRefusal(token: string): string {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => p === '')) return 'failed to decode agent identity JWT: invalid agent identity JWT format';
  return 'agent identity tokens cannot be checked by this codex; use a personal access token (at-…), or sign in with the real Codex CLI';
}
