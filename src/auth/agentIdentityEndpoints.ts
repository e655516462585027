// Where an Agent Identity JWT is checked and registered, as the real Codex CLI 0.171 derives it
// (recorded against a loopback server; the reference is silent):
//   JWKS         {chatgpt_base_url}/wham/agent-identities/jwks when the base has /backend-api, else
//                {chatgpt_base_url}/agent-identities/jwks; CODEX_AGENT_IDENTITY_JWKS_BASE_URL, when
//                set, replaces the base ({it}/agent-identities/jwks).
//   registration POST {CODEX_AGENT_IDENTITY_AUTHAPI_BASE_URL or https://auth.openai.com/api/accounts}
//                /v1/agent/{agent_runtime_id}/task/register
// Using a stored token needs a production or staging chatgpt_base_url; `login --with-access-token`
// needs one only when the JWKS base is overridden.
import { DEFAULT_AUTHAPI_BASE } from './accessToken.js';

export const ONLY_PRODUCTION = 'Agent Identity only supports production and staging ChatGPT environments';

const trimBase = (url: string) => url.trim().replace(/\/+$/, '');
const envBase = (env: NodeJS.ProcessEnv, name: string): string | null => trimBase(env[name] ?? '') || null;

const CHATGPT_HOSTS = ['chatgpt.com', 'chat.openai.com', 'chatgpt-staging.com'];
const CHATGPT_PATHS = ['', '/backend-api', '/codex', '/backend-api/codex'];

/** https on a ChatGPT host (or a subdomain), at its root or its backend path: what 0.171 accepts. */
export function isProductionChatgptBase(base: string): boolean {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return (
    url.protocol === 'https:' &&
    CHATGPT_HOSTS.some((h) => host === h || host.endsWith(`.${h}`)) &&
    CHATGPT_PATHS.includes(url.pathname.replace(/\/+$/, ''))
  );
}

/** The JWKS address; throws ONLY_PRODUCTION where 0.171 refuses the chatgpt_base_url. */
export function agentIdentityJwksUrl(env: NodeJS.ProcessEnv, chatgptBaseUrl: string, purpose: 'login' | 'use'): string {
  const override = envBase(env, 'CODEX_AGENT_IDENTITY_JWKS_BASE_URL');
  if ((override || purpose === 'use') && !isProductionChatgptBase(chatgptBaseUrl)) throw new Error(ONLY_PRODUCTION);
  if (override) return `${override}/agent-identities/jwks`;
  const base = trimBase(chatgptBaseUrl);
  return base.includes('/backend-api') ? `${base}/wham/agent-identities/jwks` : `${base}/agent-identities/jwks`;
}

export function agentTaskRegistrationUrl(env: NodeJS.ProcessEnv, agentRuntimeId: string): string {
  const base = envBase(env, 'CODEX_AGENT_IDENTITY_AUTHAPI_BASE_URL') ?? DEFAULT_AUTHAPI_BASE;
  return `${base}/v1/agent/${encodeURIComponent(agentRuntimeId)}/task/register`;
}
