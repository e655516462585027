// Access tokens (§9 item 5, §11.2), as the real Codex CLI 0.171 checks them (recorded against a
// loopback server): an `at-…` personal access token is checked with one
// `GET {CODEX_AUTHAPI_BASE_URL}/v1/user-auth-credential/whoami` (Bearer, default base
// https://auth.openai.com/api/accounts), whose `chatgpt_account_id` is checked against
// forced_chatgpt_workspace_id; it is stored as `{"OPENAI_API_KEY": null, "personal_access_token": …}`
// (no auth_mode, as the real CLI writes it). `login status` asks whoami again each time. Any other
// token is an Agent Identity JWT (src/auth/agentIdentity.ts).
import { scrubSecrets } from '../credential/mask.js';
import { parseJsonObject } from '../text/json.js';

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
  const json = parseJsonObject(body);
  if (!json) throw new Error('failed to decode personal access token metadata: error decoding response body');
  // 0.171 requires every field but the email (recorded): an answer without them is not metadata.
  const required = typeof json.chatgpt_user_id === 'string' && typeof json.chatgpt_account_id === 'string'
    && typeof json.chatgpt_plan_type === 'string' && typeof json.chatgpt_account_is_fedramp === 'boolean'
    && (json.email === undefined || json.email === null || typeof json.email === 'string');
  if (!required) throw new Error('failed to decode personal access token metadata: error decoding response body');
  const owner = { email: str(json.email), accountId: str(json.chatgpt_account_id), planType: str(json.chatgpt_plan_type) };
  enforceTokenWorkspace(owner.accountId, deps.forcedWorkspaceIds);
  return owner;
}

/** forced_chatgpt_workspace_id for an access token, in the words 0.171 uses for both kinds. */
export function enforceTokenWorkspace(accountId: string | null, forced: readonly string[] | null): void {
  const allowed = forced?.length ? forced : null;
  if (allowed && (accountId === null || !allowed.includes(accountId))) {
    throw new Error(`Login is restricted to workspace id(s) ${allowed.join(', ')}.`);
  }
}
