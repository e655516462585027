// A refresh that is safe across processes: it runs under the store's lock (the same flock the real CLI
// takes) and re-reads the store first. If another process already rotated this account's tokens they
// are adopted without a network call; if the account changed or was logged out the refresh refuses.
// A failure never writes anything, so it can never blank or delete the stored credentials.
//
// It only decides: the result is a RefreshOutcome, which the AuthManager applies in one place.
import type { CredentialStore, StoredAuth } from '../storage/credentialStore.js';
import { fingerprint, sameAccount } from './identity.js';
import { applyRefresh, refreshWithRetry, shouldRefreshProactively, type RefreshDeps } from './refresh.js';
import { ACCOUNT_MISMATCH_MESSAGE, RefreshTokenError, TOKEN_DATA_UNAVAILABLE } from './refreshErrors.js';

export type RefreshKind = 'explicit' | 'proactive';

export type RefreshOutcome =
  /** Another process had rotated this account's tokens: use them (nothing was sent). */
  | { kind: 'adopted'; stored: StoredAuth }
  /** New tokens from the authority; `saveError` when they could not be written (kept in memory). */
  | { kind: 'refreshed'; stored: StoredAuth; adoptedFirst: StoredAuth | null; saveError: Error | null }
  /** The store now holds another account, or nothing. */
  | { kind: 'accountChanged'; stored: StoredAuth | null; error: RefreshTokenError }
  /**
   * The refresh failed. `fingerprint` names the credentials it failed for when the failure is theirs
   * (remembered if permanent, backed off if transient); null when nothing about them was learned.
   */
  | { kind: 'failed'; error: RefreshTokenError; fingerprint: string | null; adoptedFirst: StoredAuth | null };

export interface GuardedRefreshDeps {
  readonly store: CredentialStore;
  readonly refresh: RefreshDeps;
  now(): number;
  /** The permanent failure already known for these credentials, so it is not asked again. */
  knownPermanentFailure(fp: string): RefreshTokenError | null;
}

async function loadOrUnreadable(load: () => Promise<StoredAuth | null>): Promise<StoredAuth | null | 'unreadable'> {
  try {
    return await load();
  } catch {
    return 'unreadable';
  }
}

// A malformed file is the person's to fix: we neither overwrite it nor give up the session.
const UNREADABLE = () => RefreshTokenError.transient('Failed to refresh token: the stored credentials could not be read');

export async function guardedRefresh(deps: GuardedRefreshDeps, cached: StoredAuth | null, kind: RefreshKind): Promise<RefreshOutcome> {
  if (!cached?.auth.tokens) {
    return { kind: 'failed', error: RefreshTokenError.permanentFor('other', TOKEN_DATA_UNAVAILABLE), fingerprint: null, adoptedFirst: null };
  }
  try {
    return await deps.store.transaction(async (tx): Promise<RefreshOutcome> => {
      const stored = await loadOrUnreadable(() => tx.load());
      if (stored === 'unreadable') return { kind: 'failed', error: UNREADABLE(), fingerprint: null, adoptedFirst: null };
      if (!stored?.auth.tokens || !sameAccount(stored.auth, cached.auth)) {
        return { kind: 'accountChanged', stored, error: RefreshTokenError.permanentFor('other', ACCOUNT_MISMATCH_MESSAGE) };
      }
      let adoptedFirst: StoredAuth | null = null;
      if (fingerprint(stored.auth) !== fingerprint(cached.auth)) {
        if (kind === 'explicit' || !shouldRefreshProactively(stored.auth, deps.now())) return { kind: 'adopted', stored };
        adoptedFirst = stored; // rotated by someone else, but already due again
      }
      const fp = fingerprint(stored.auth);
      const known = deps.knownPermanentFailure(fp);
      if (known) return { kind: 'failed', error: known, fingerprint: null, adoptedFirst };
      let answer;
      try {
        answer = await refreshWithRetry(deps.refresh, stored.auth.tokens.refresh_token);
      } catch (error) {
        if (error instanceof RefreshTokenError && error.permanent) {
          // A writer that ignores our lock (an older CLI) may have rotated the lineage meanwhile: use it.
          const again = await loadOrUnreadable(() => tx.load());
          if (again && again !== 'unreadable' && sameAccount(again.auth, stored.auth) && fingerprint(again.auth) !== fp) {
            return { kind: 'adopted', stored: again };
          }
        }
        const classified = error instanceof RefreshTokenError ? error : RefreshTokenError.transient(`Failed to refresh token: ${(error as Error).message}`);
        return { kind: 'failed', error: classified, fingerprint: fp, adoptedFirst };
      }
      const next = applyRefresh(stored.auth, answer, deps.now());
      try {
        const outcome = await tx.save(next);
        return { kind: 'refreshed', stored: { auth: next, backend: outcome.backend, location: outcome.location }, adoptedFirst, saveError: null };
      } catch (error) {
        // The old refresh token is spent: keep the new ones in memory even though they could not be saved.
        return { kind: 'refreshed', stored: { ...stored, auth: next }, adoptedFirst, saveError: error as Error };
      }
    });
  } catch (error) {
    // The lock could not be taken (or the store failed): nothing changed, try again later.
    const wrapped = RefreshTokenError.transient(`Failed to refresh token: ${(error as Error).message}`);
    return { kind: 'failed', error: wrapped, fingerprint: fingerprint(cached.auth), adoptedFirst: null };
  }
}
