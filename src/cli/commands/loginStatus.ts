// `codex login status [--json]`: who is signed in, how, and where the credential lives. Goes through
// the AuthManager so an expired ChatGPT access token is refreshed (and saved) first, and a permanent
// refresh failure is reported instead of a misleading "Logged in". An access token is asked about
// each time, as the real CLI 0.171 does (src/auth/accessTokenInUse.ts).
import { enforceTokenWorkspace } from '../../auth/accessToken.js';
import { API_KEY_REQUIRED } from '../../auth/credentialPolicy.js';
import { capabilities, chatgptDetailsOf, describe } from '../../auth/describe.js';
import { planDisplayName } from '../../credential/plan.js';
import type { AuthSnapshot, Identity, IdentityKind } from '../../auth/types.js';
import { describeLock, type LockInfo } from '../../storage/fileLock.js';
import type { CliContext } from '../context.js';

/** The stable `--json` shape (schemaVersion 1). Secrets appear masked only. */
export interface LoginStatusJson {
  schemaVersion: 1;
  loggedIn: boolean;
  /** The auth_mode of the stored sign-in (`apikey`, `chatgpt`, …), or the unknown mode a newer release wrote. */
  authMode: string | null;
  email: string | null;
  /** Wire plan type (`plus`, `team`, …, `unknown`) of a ChatGPT sign-in or an agent identity; null for others. */
  plan: string | null;
  /** Display name (`Plus`, `Business`, …); null when unknown or not ChatGPT. */
  planName: string | null;
  accountId: string | null;
  /** Masked API key (`sk-proj-***ABCDE`), for API-key sign-ins or the key a browser sign-in obtained. */
  apiKey: string | null;
  storage: { mode: AuthSnapshot['storeMode'] | null; location: string | null };
  accessTokenExpiresAt: string | null;
  lastRefresh: string | null;
  refreshError: { permanent: boolean; message: string } | null;
  /**
   * The lock writers take: `flock` (shared with the real Codex CLI) or the `lockfile` fallback when
   * the optional fs-ext binding cannot be loaded. Null when no lock is taken (ephemeral storage) or
   * the status could not be read.
   */
  lock: LockInfo | null;
  warnings: string[];
  /** Why the status could not be read (malformed auth.json, bad config, …); loggedIn is false then. */
  error: string | null;
  /**
   * Stored credentials that forced_login_method / forced_chatgpt_workspace_id forbid, so they are not
   * used (loggedIn false): `reason` in the real CLI's words, `authMode` what is stored.
   */
  notAllowed: { reason: string; authMode: string } | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** auth_mode as the file says it, for --json. */
const AUTH_MODE: Record<Exclude<IdentityKind, 'unknown'>, string> = {
  apiKey: 'apikey', chatgpt: 'chatgpt', externalTokens: 'chatgptAuthTokens', accessToken: 'personalAccessToken',
  agentIdentity: 'agentIdentity', bedrock: 'bedrockApiKey',
};
const authModeOf = (identity: Identity) => (identity.kind === 'unknown' ? identity.mode : AUTH_MODE[identity.kind]);

/** The warning plain `login status` prints (and `--json` lists) when the lock file fallback is in use. */
export function lockWarning(lock: LockInfo): string {
  return (
    `${lock.fallbackReason}. codex locks auth.json with ${lock.files.join(', ')} instead, which excludes other codex ` +
    'processes but not the real Codex CLI: do not sign in or refresh with both at the same time. To use flock, ' +
    'reinstall codex with this Node.js and with Python, make and a C++ compiler available (fs-ext is compiled on install).'
  );
}

export function statusJson(snapshot: AuthSnapshot | null, error: string | null, lock: LockInfo | null = null): LoginStatusJson {
  const signedIn = snapshot?.status === 'signedIn' ? snapshot : null;
  const identity = signedIn?.identity ?? null;
  const chatgpt = identity ? chatgptDetailsOf(identity) : null;
  // The account a ChatGPT sign-in or an agent identity's claims name.
  const account = chatgpt ?? (identity?.kind === 'agentIdentity' ? identity : null);
  const permanent = signedIn?.refreshFailure ?? null;
  const transient = snapshot?.notices.find((n) => n.kind === 'refresh-transient') ?? null;
  return {
    schemaVersion: 1,
    loggedIn: error === null && signedIn !== null && !permanent && capabilities(signedIn.identity).usable,
    authMode: identity ? authModeOf(identity) : null,
    email: account?.email ?? null,
    plan: account?.plan ?? null,
    planName: account && account.plan !== 'unknown' ? planDisplayName(account.plan) : null,
    accountId: account?.accountId ?? null,
    apiKey: identity?.kind === 'apiKey' ? identity.maskedKey : (chatgpt?.maskedApiKey ?? null),
    storage: { mode: snapshot?.storeMode ?? null, location: signedIn?.storedAt ?? null },
    accessTokenExpiresAt: iso(chatgpt?.accessTokenExpiresAt ?? null),
    lastRefresh: chatgpt?.lastRefresh ?? null,
    refreshError: permanent
      ? { permanent: true, message: permanent.message }
      : transient
        ? { permanent: false, message: transient.message }
        : null,
    lock,
    warnings: [
      ...(snapshot?.notices ?? []).filter((n) => n.kind === 'warning').map((n) => n.message),
      ...(lock?.kind === 'lockfile' ? [lockWarning(lock)] : []),
    ],
    error,
    notAllowed: snapshot?.notAllowed ? { reason: snapshot.notAllowed.reason, authMode: authModeOf(snapshot.notAllowed.identity) } : null,
  };
}

/**
 * Why the authority no longer accepts the access token in use (null when it does, or when the sign-in
 * is not an access token). The checks, and node:crypto, are loaded only here.
 */
async function tokenRefusal(ctx: CliContext, snapshot: AuthSnapshot, token: () => Promise<string>): Promise<string | null> {
  const config = await ctx.config();
  const notAllowed = snapshot.notAllowed;
  if (notAllowed?.identity.kind === 'agentIdentity' && notAllowed.reason !== API_KEY_REQUIRED) {
    // 0.171 checks an agent identity's workspace while loading it: a load error there, not "Not logged in".
    try {
      enforceTokenWorkspace(notAllowed.identity.accountId, config.forced_chatgpt_workspace_id);
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (snapshot.status !== 'signedIn' || snapshot.loadError) return null;
  if (snapshot.identity.kind !== 'accessToken' && snapshot.identity.kind !== 'agentIdentity') return null;
  const [{ checkAccessTokenInUse }, { describeNetworkError }, http] = await Promise.all([
    import('../../auth/accessTokenInUse.js'), import('../../http/networkErrors.js'), ctx.http(),
  ]);
  try {
    await checkAccessTokenInUse(await token(), {
      fetch: http.fetch, env: ctx.io.env, chatgptBaseUrl: config.chatgpt_base_url,
      forcedWorkspaceIds: config.forced_chatgpt_workspace_id, now: Date.now, describeNetworkError,
    });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export async function loginStatus(ctx: CliContext, options: { json: boolean }): Promise<number> {
  const { stdout, stderr } = ctx.io;
  let snapshot: AuthSnapshot;
  let refusal: string | null;
  try {
    const auth = await ctx.auth();
    await auth.start();
    snapshot = auth.snapshot();
    refusal = await tokenRefusal(ctx, snapshot, () => auth.getAccessToken());
    auth.dispose();
  } catch (error) {
    if (!options.json) throw error; // config / CODEX_HOME errors: printed by main
    stdout.write(`${JSON.stringify(statusJson(null, (error as Error).message), null, 2)}\n`);
    return 1;
  }
  const problem = snapshot.loadError ?? refusal;
  const loadError = problem ? `Error checking login status: ${problem}` : null;
  // --json loads the flock binding to report exactly; the plain text loads it only when it does not
  // look loadable, which keeps `codex login status` within its start-up budget (see flockLooksLoadable).
  const lock = snapshot.storeMode === 'ephemeral' ? null : describeLock(ctx.codexHome().path, { probeOnly: !options.json });
  const json = statusJson(snapshot, loadError, lock);
  if (options.json) {
    stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return json.loggedIn ? 0 : 1;
  }

  const lines: string[] = [];
  for (const warning of json.warnings) lines.push(`Warning: ${warning}`);
  if (loadError) lines.push(loadError);
  else if (snapshot.status !== 'signedIn') lines.push('Not logged in', ...(snapshot.notAllowed ? [snapshot.notAllowed.reason] : []));
  else {
    const words = describe(snapshot.identity);
    lines.push(words.loginStatus, ...(words.loginStatusNote ? [words.loginStatusNote] : []));
    if (snapshot.storedAt) lines.push(`Stored in ${snapshot.storedAt}`);
    if (json.refreshError) lines.push(json.refreshError.permanent ? json.refreshError.message : `Warning: ${json.refreshError.message}`);
  }
  stderr.write(`${lines.join('\n')}\n`);
  return json.loggedIn ? 0 : 1;
}
