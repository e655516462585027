// `codex login status` with an access token asks the authority each time, as the real Codex CLI 0.171
// does (recorded against a loopback server): a personal access token through whoami (with
// forced_chatgpt_workspace_id), an Agent Identity JWT through the JWKS and a task registration. A
// refusal is `Error checking login status: <why>` (exit 1); the stored token is left as it is.
import { checkPersonalAccessToken } from './accessToken.js';
import { checkAgentIdentityInUse } from './agentIdentity.js';
import { isPersonalAccessToken } from './accessTokenRecord.js';

export interface TokenInUseDeps {
  fetch: typeof globalThis.fetch;
  env: NodeJS.ProcessEnv;
  chatgptBaseUrl: string;
  forcedWorkspaceIds: readonly string[] | null;
  now(): number;
  describeNetworkError(error: unknown, url: string): string;
}

/** Resolves when the authority still accepts the token; throws the real CLI's reason otherwise. */
export async function checkAccessTokenInUse(token: string, deps: TokenInUseDeps): Promise<void> {
  if (isPersonalAccessToken(token)) await checkPersonalAccessToken(token, deps);
  else await checkAgentIdentityInUse(token, deps);
}
