// `codex login status [--json]`: who is signed in, how, and where the credential lives. Goes through
// the AuthManager so an expired ChatGPT access token is refreshed (and saved) first, and a permanent
// refresh failure is reported instead of a misleading "Logged in".
import { planDisplayName } from '../../auth/plan.js';
import type { AuthSnapshot, Identity } from '../../auth/types.js';
import type { CliContext } from '../context.js';

/** The stable `--json` shape (schemaVersion 1). Secrets appear masked only. */
export interface LoginStatusJson {
  schemaVersion: 1;
  loggedIn: boolean;
  authMode: Identity['method'] | null;
  email: string | null;
  /** Wire plan type (`plus`, `team`, …, `unknown`); null for non-ChatGPT sign-ins. */
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
  warnings: string[];
  /** Why the status could not be read (malformed auth.json, bad config, …); loggedIn is false then. */
  error: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function describeIdentity(identity: Identity): string {
  switch (identity.method) {
    case 'apikey':
      return `Logged in using an API key - ${identity.maskedKey}`;
    case 'agentIdentity':
      return 'Logged in using access token';
    case 'personalAccessToken':
      return 'Logged in using personal access token';
    default: {
      const plan = identity.plan === 'unknown' ? '' : ` (${planDisplayName(identity.plan)})`;
      return `Logged in using ChatGPT${identity.email ? ` - ${identity.email}` : ''}${plan}`;
    }
  }
}

export function statusJson(snapshot: AuthSnapshot | null, error: string | null): LoginStatusJson {
  const identity = snapshot?.identity ?? null;
  const chatgpt = identity && (identity.method === 'chatgpt' || identity.method === 'chatgptAuthTokens') ? identity : null;
  const permanent = snapshot?.refreshFailure ?? null;
  const transient = snapshot?.notices.find((n) => n.kind === 'refresh-transient') ?? null;
  return {
    schemaVersion: 1,
    loggedIn: error === null && snapshot?.status === 'signedIn' && !permanent,
    authMode: identity?.method ?? null,
    email: chatgpt?.email ?? null,
    plan: chatgpt?.plan ?? null,
    planName: chatgpt && chatgpt.plan !== 'unknown' ? planDisplayName(chatgpt.plan) : null,
    accountId: chatgpt?.accountId ?? null,
    apiKey: identity?.method === 'apikey' ? identity.maskedKey : (chatgpt?.maskedApiKey ?? null),
    storage: { mode: snapshot?.storeMode ?? null, location: snapshot?.storedAt ?? null },
    accessTokenExpiresAt: iso(chatgpt?.accessTokenExpiresAt ?? null),
    lastRefresh: chatgpt?.lastRefresh ?? null,
    refreshError: permanent
      ? { permanent: true, message: permanent.message }
      : transient
        ? { permanent: false, message: transient.message }
        : null,
    warnings: (snapshot?.notices ?? []).filter((n) => n.kind === 'warning').map((n) => n.message),
    error,
  };
}

export async function loginStatus(ctx: CliContext, options: { json: boolean }): Promise<number> {
  const { stdout, stderr } = ctx.io;
  let snapshot: AuthSnapshot;
  try {
    const auth = await ctx.auth();
    await auth.start();
    snapshot = auth.snapshot();
    auth.dispose();
  } catch (error) {
    if (!options.json) throw error; // config / CODEX_HOME errors: printed by main
    stdout.write(`${JSON.stringify(statusJson(null, (error as Error).message), null, 2)}\n`);
    return 1;
  }
  const loadError = snapshot.loadError ? `Error checking login status: ${snapshot.loadError}` : null;
  const json = statusJson(snapshot, loadError);
  if (options.json) {
    stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return json.loggedIn ? 0 : 1;
  }

  const lines: string[] = [];
  for (const warning of json.warnings) lines.push(`Warning: ${warning}`);
  if (loadError) lines.push(loadError);
  else if (snapshot.status !== 'signedIn' || !snapshot.identity) lines.push('Not logged in');
  else {
    lines.push(describeIdentity(snapshot.identity));
    if (snapshot.storedAt) lines.push(`Stored in ${snapshot.storedAt}`);
    if (json.refreshError) lines.push(json.refreshError.permanent ? json.refreshError.message : `Warning: ${json.refreshError.message}`);
  }
  stderr.write(`${lines.join('\n')}\n`);
  return json.loggedIn ? 0 : 1;
}
