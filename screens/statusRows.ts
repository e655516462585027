// The facts /status shows, from the in-memory snapshot (never re-read from disk): who, how,
// where the credentials live, token times, proxy. One [label, value] pair per line.
import { assertNever, describe } from '../src/auth/describe.js';
import type { AuthSnapshot, Identity } from '../src/auth/types.js';
import { planDisplayName } from '../src/credential/plan.js';
import { formatAbsolute, formatRelative } from '../components/text/format.js';

export type StatusRow = { label: string; value: string; tone?: 'warning' | 'error' };

const when = (at: number, now: number) => `${formatRelative(at, now)} (${formatAbsolute(at)})`;

/** The rows that depend on the kind of sign-in. */
function identityRows(identity: Identity, storedAt: string, now: number): StatusRow[] {
  switch (identity.kind) {
    case 'apiKey':
      return [
        { label: 'Account', value: 'API key configured (usage-based billing)' },
        { label: 'API key', value: `${identity.maskedKey} (from ${storedAt})` },
      ];
    case 'chatgpt':
    case 'externalTokens': {
      const rows: StatusRow[] = [
        { label: 'Email', value: identity.email ?? 'Unknown' },
        { label: 'Plan', value: identity.plan === 'unknown' ? 'unknown (the sign-in does not say)' : planDisplayName(identity.plan) },
        { label: 'Workspace', value: identity.accountId ?? 'Unknown' },
      ];
      if (identity.maskedApiKey) rows.push({ label: 'API key', value: `${identity.maskedApiKey} (from the ChatGPT sign-in)` });
      if (identity.accessTokenExpiresAt !== null) {
        const expired = identity.accessTokenExpiresAt <= now;
        rows.push({ label: expired ? 'Token expired' : 'Token expires', value: when(identity.accessTokenExpiresAt, now) });
      } else {
        rows.push({ label: 'Token expires', value: 'no usable expiry (the access token does not say when, or says an impossible date)' });
      }
      const refreshed = identity.lastRefresh ? Date.parse(identity.lastRefresh) : NaN;
      rows.push({ label: 'Last refresh', value: Number.isNaN(refreshed) ? 'never' : when(refreshed, now) });
      return rows;
    }
    case 'accessToken':
      return [{ label: 'Token', value: identity.maskedToken }];
    case 'bedrock':
      return [
        { label: 'Region', value: identity.region ?? 'unknown' },
        ...(identity.maskedKey ? [{ label: 'API key', value: identity.maskedKey }] : []),
      ];
    case 'agentIdentity':
      return [];
    case 'unknown':
      return [{ label: 'Note', value: `auth_mode "${identity.mode}" comes from a newer Codex; this codex does not use it and leaves it as it is.`, tone: 'warning' }];
    default:
      return assertNever(identity);
  }
}

export function statusRows(snapshot: AuthSnapshot, env: NodeJS.ProcessEnv, proxy: string | null, now: number): StatusRow[] {
  if (snapshot.status !== 'signedIn') return [{ label: 'Signed in', value: 'no' }];
  const { identity } = snapshot;
  const rows: StatusRow[] = [{ label: 'Signed in with', value: describe(identity).method }, ...identityRows(identity, snapshot.storedAt, now)];
  rows.push({ label: 'Stored in', value: snapshot.storedAt });
  rows.push({ label: 'Proxy', value: proxy ?? 'none (direct connection)' });
  if (snapshot.refreshFailure) rows.push({ label: 'Refresh', value: snapshot.refreshFailure.message, tone: 'error' });
  if (snapshot.diskAccountChanged) {
    const other = snapshot.diskAccountChanged.email ?? snapshot.diskAccountChanged.accountId ?? 'another account';
    rows.push({ label: 'Note', value: `Another sign-in changed the saved account to ${other}; this session keeps its own until you restart.`, tone: 'warning' });
  }
  if ((env.OPENAI_API_KEY ?? '').trim() !== '' && identity.kind !== 'apiKey') {
    rows.push({ label: 'Note', value: 'OPENAI_API_KEY is set but not used; only the saved sign-in is.', tone: 'warning' });
  }
  return rows;
}
