// An admin's policy (forced_login_method, forced_chatgpt_workspace_id) applied to credentials that
// are already stored, as the real CLI's enforce_login_restrictions does at start-up (§11.3, §9.2).
// Credentials the policy forbids are never used: the screens and `codex login status` treat them as
// "not signed in, because …". The wording is §11.3's without "Logging out.": codex does not delete
// them, a new sign-in replaces them. app-server does not enforce this (§10.4).
import { assertNever } from './describe.js';
import type { Identity } from './types.js';

export interface CredentialPolicy {
  forcedLoginMethod: 'chatgpt' | 'api' | null;
  /** Trimmed, non-empty ids; null or empty: any workspace. */
  forcedWorkspaceIds: readonly string[] | null;
}

export const API_KEY_REQUIRED = 'API key login is required, but ChatGPT is currently being used.';
export const CHATGPT_REQUIRED = 'ChatGPT login is required, but an API key is currently being used.';

/** Why the policy forbids these credentials, in the real CLI's words; null when it allows them. */
export function policyViolation(identity: Identity, policy: CredentialPolicy): string | null {
  const { forcedLoginMethod: forced } = policy;
  const workspaces = policy.forcedWorkspaceIds?.length ? policy.forcedWorkspaceIds : null;
  switch (identity.kind) {
    case 'apiKey':
    case 'bedrock': // 0.171 treats an Amazon Bedrock key as an API key here, and outside any workspace
      return forced === 'chatgpt' ? CHATGPT_REQUIRED : null;
    case 'accessToken': // a personal access token passes the workspace check (§11.3)
      return forced === 'api' ? API_KEY_REQUIRED : null;
    case 'chatgpt':
    case 'externalTokens':
    case 'agentIdentity':
      if (forced === 'api') return API_KEY_REQUIRED;
      return workspaces ? workspaceViolation(identity.accountId, workspaces) : null;
    case 'unknown': // never used anyway
      return null;
    default:
      return assertNever(identity);
  }
}

function workspaceViolation(accountId: string | null, allowed: readonly string[]): string | null {
  if (accountId !== null && allowed.includes(accountId)) return null;
  const list = allowed.join(', ');
  return accountId === null
    ? `Login is restricted to workspace(s) ${list}, but current credentials lack a workspace identifier.`
    : `Login is restricted to workspace(s) ${list}, but current credentials belong to ${accountId}.`;
}
