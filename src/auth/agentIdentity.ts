// An Agent Identity JWT (a `CODEX_ACCESS_TOKEN` / `--with-access-token` value that is not `at-…`),
// checked the way the real Codex CLI 0.171 checks it (recorded against a loopback server):
//   sign-in  decode the claims, the workspace restriction, the JWKS, the signature; then it is saved
//   use      the same with a production chatgpt_base_url, then a task registration (login status)
import { agentIdentityJwksUrl } from './agentIdentityEndpoints.js';
import { decodeAgentIdentityJwt, type AgentIdentityClaims } from './agentIdentityJwt.js';
import { fetchAgentIdentityJwks, verifyAgentIdentityJwt } from './agentIdentityVerify.js';
import { registerAgentTask } from './agentTaskRegistration.js';
import { enforceTokenWorkspace } from './accessToken.js';

export interface AgentIdentityDeps {
  fetch: typeof globalThis.fetch;
  env: NodeJS.ProcessEnv;
  chatgptBaseUrl: string;
  forcedWorkspaceIds: readonly string[] | null;
  now(): number;
}

async function verified(token: string, deps: AgentIdentityDeps, purpose: 'login' | 'use'): Promise<AgentIdentityClaims> {
  const claims = decodeAgentIdentityJwt(token);
  enforceTokenWorkspace(claims.accountId, deps.forcedWorkspaceIds);
  const keys = await fetchAgentIdentityJwks(deps.fetch, agentIdentityJwksUrl(deps.env, deps.chatgptBaseUrl, purpose));
  verifyAgentIdentityJwt(token, keys, deps.now());
  return claims;
}

/** Before saving a token: throws the real CLI's message when it would refuse it. */
export const checkAgentIdentityForLogin = (token: string, deps: AgentIdentityDeps): Promise<AgentIdentityClaims> =>
  verified(token, deps, 'login');

/** Before reporting a token as signed in: verified, then a task registered with it. */
export async function checkAgentIdentityInUse(token: string, deps: AgentIdentityDeps): Promise<AgentIdentityClaims> {
  const claims = await verified(token, deps, 'use');
  await registerAgentTask(claims, token, deps);
  return claims;
}
