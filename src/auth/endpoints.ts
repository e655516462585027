// Where the OAuth authority lives (§3.1, §5.1, §5.5). CODEX_AUTH_ISSUER moves every flow to another
// issuer (tests, staging); the refresh and revoke overrides are the real CLI's own variables.
import type { OAuthEndpoints } from '../oauth/flowDeps.js';

export const DEFAULT_ISSUER = 'https://auth.openai.com';
export const CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';

/** The sign-in flows' endpoints (src/oauth/flowDeps.ts), and the two the AuthManager adds. */
export interface AuthEndpoints extends OAuthEndpoints {
  refreshUrl: string;
  revokeUrl: string;
}

const nonEmpty = (value: string | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** The revoke URL derived from a refresh override: same origin, path /oauth/revoke, no query (§5.5). */
export function revokeUrlFromRefreshUrl(refreshUrl: string): string | null {
  try {
    const url = new URL(refreshUrl);
    url.pathname = '/oauth/revoke';
    url.search = '';
    url.hash = '';
    return url.toString();
  } catch {
    return null;
  }
}

export function resolveEndpoints(env: NodeJS.ProcessEnv): AuthEndpoints {
  const issuer = (nonEmpty(env.CODEX_AUTH_ISSUER) ?? DEFAULT_ISSUER).replace(/\/+$/, '');
  const tokenUrl = `${issuer}/oauth/token`;
  const refreshOverride = nonEmpty(env.CODEX_REFRESH_TOKEN_URL_OVERRIDE);
  const revokeOverride = nonEmpty(env.CODEX_REVOKE_TOKEN_URL_OVERRIDE);
  return {
    issuer,
    clientId: CLIENT_ID,
    authorizeUrl: `${issuer}/oauth/authorize`,
    tokenUrl,
    refreshUrl: refreshOverride ?? tokenUrl,
    revokeUrl:
      revokeOverride ?? (refreshOverride ? revokeUrlFromRefreshUrl(refreshOverride) : null) ?? `${issuer}/oauth/revoke`,
    deviceApiBase: `${issuer}/api/accounts`,
    deviceVerificationUrl: `${issuer}/codex/device`,
  };
}
