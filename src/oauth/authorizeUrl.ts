// The authorize URL of the browser flow (§3.2): fixed parameters in a fixed order, each value
// percent-encoded (spaces as %20, as the real CLI does, not the `+` of form encoding).
export const DEFAULT_ORIGINATOR = 'codex_cli_rs';
export const OAUTH_SCOPE = 'openid profile email offline_access api.connectors.read api.connectors.invoke';

export interface AuthorizeUrlInput {
  authorizeUrl: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  state: string;
  originator: string;
  /** forced_chatgpt_workspace_id: several ids become one comma-joined parameter. */
  allowedWorkspaceIds?: readonly string[] | null;
}

export function buildAuthorizeUrl(input: AuthorizeUrlInput): string {
  const params: [string, string][] = [
    ['response_type', 'code'],
    ['client_id', input.clientId],
    ['redirect_uri', input.redirectUri],
    ['scope', OAUTH_SCOPE],
    ['code_challenge', input.codeChallenge],
    ['code_challenge_method', 'S256'],
    ['id_token_add_organizations', 'true'],
    ['codex_cli_simplified_flow', 'true'],
    ['state', input.state],
    ['originator', input.originator],
  ];
  if (input.allowedWorkspaceIds && input.allowedWorkspaceIds.length > 0) {
    params.push(['allowed_workspace_id', input.allowedWorkspaceIds.join(',')]);
  }
  const query = params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  return `${input.authorizeUrl}?${query}`;
}

/** CODEX_INTERNAL_ORIGINATOR_OVERRIDE wins over what the caller asks for (e.g. `codex-tui`). */
export function resolveOriginator(env: NodeJS.ProcessEnv, requested?: string): string {
  const override = env.CODEX_INTERNAL_ORIGINATOR_OVERRIDE?.trim();
  if (override) return override;
  return requested ?? DEFAULT_ORIGINATOR;
}

/** The redirect_uri the real CLI sends since 0.169 (§9.1, §9.2); the callback server answers both names. */
export const callbackRedirectUri = (port: number): string => `http://127.0.0.1:${port}/auth/callback`;
