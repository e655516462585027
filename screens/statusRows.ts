// The facts /status shows, from the in-memory snapshot (never re-read from disk): who, how,
// where the credentials live, token times, proxy. One [label, value] pair per line.
import type { AuthSnapshot } from '../src/auth/types.js';
import { planDisplayName } from '../src/auth/plan.js';
import { formatAbsolute, formatRelative } from '../components/text/format.js';

export type StatusRow = { label: string; value: string; tone?: 'warning' | 'error' };

const METHOD: Record<string, string> = {
  apikey: 'API key',
  chatgpt: 'ChatGPT',
  chatgptAuthTokens: 'ChatGPT (tokens from the parent app)',
  agentIdentity: 'Agent identity',
  personalAccessToken: 'Personal access token',
};

const when = (at: number, now: number) => `${formatRelative(at, now)} (${formatAbsolute(at)})`;

export function statusRows(snapshot: AuthSnapshot, env: NodeJS.ProcessEnv, proxy: string | null, now: number): StatusRow[] {
  const identity = snapshot.identity;
  if (snapshot.status !== 'signedIn' || !identity) return [{ label: 'Signed in', value: 'no' }];
  const rows: StatusRow[] = [{ label: 'Signed in with', value: METHOD[identity.method] ?? identity.method }];
  if (identity.method === 'apikey') {
    rows.push({ label: 'Account', value: 'API key configured (usage-based billing)' });
    rows.push({ label: 'API key', value: `${identity.maskedKey} (from ${snapshot.storedAt ?? 'unknown'})` });
  } else if (identity.method === 'chatgpt' || identity.method === 'chatgptAuthTokens') {
    rows.push({ label: 'Email', value: identity.email ?? 'Unknown' });
    rows.push({ label: 'Plan', value: planDisplayName(identity.plan) });
    rows.push({ label: 'Workspace', value: identity.accountId ?? 'Unknown' });
    if (identity.maskedApiKey) rows.push({ label: 'API key', value: `${identity.maskedApiKey} (from the ChatGPT sign-in)` });
    if (identity.accessTokenExpiresAt !== null) {
      const expired = identity.accessTokenExpiresAt <= now;
      rows.push({ label: expired ? 'Token expired' : 'Token expires', value: when(identity.accessTokenExpiresAt, now) });
    }
    const refreshed = identity.lastRefresh ? Date.parse(identity.lastRefresh) : NaN;
    rows.push({ label: 'Last refresh', value: Number.isNaN(refreshed) ? 'never' : when(refreshed, now) });
  }
  rows.push({ label: 'Stored in', value: snapshot.storedAt ?? 'unknown' });
  rows.push({ label: 'Proxy', value: proxy ?? 'none (direct connection)' });
  if (snapshot.refreshFailure) rows.push({ label: 'Refresh', value: snapshot.refreshFailure.message, tone: 'error' });
  if (snapshot.diskAccountChanged) {
    const other = snapshot.diskAccountChanged.email ?? snapshot.diskAccountChanged.accountId ?? 'another account';
    rows.push({ label: 'Note', value: `Another sign-in changed the saved account to ${other}; this session keeps its own until you restart.`, tone: 'warning' });
  }
  if ((env.OPENAI_API_KEY ?? '').trim() !== '' && identity.method !== 'apikey') {
    rows.push({ label: 'Note', value: 'OPENAI_API_KEY is set but not used; only the saved sign-in is.', tone: 'warning' });
  }
  return rows;
}
