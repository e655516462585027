// A refresh that is safe across processes: it runs under the store's lock (the same flock the real CLI
// takes) and re-reads the store first. If another process already rotated this account's tokens we
// adopt them and make no network call; if the account changed or was logged out we refuse. A failure
// never writes anything, so it can never blank or delete the stored credentials.
import type { CredentialStore, StoredAuth } from '../storage/credentialStore.js';
import { fingerprint, sameAccount } from './identity.js';
import { applyRefresh, refreshWithRetry, shouldRefreshProactively, type RefreshDeps } from './refresh.js';
import { ACCOUNT_MISMATCH_MESSAGE, RefreshTokenError, TOKEN_DATA_UNAVAILABLE } from './refreshErrors.js';

export type RefreshKind = 'explicit' | 'proactive';

export interface GuardedRefreshHost {
  readonly store: CredentialStore;
  readonly deps: RefreshDeps;
  now(): number;
  cached(): StoredAuth | null;
  /** Another process refreshed: take its tokens (same account). */
  adopt(stored: StoredAuth): void;
  /** The store now holds another account, or nothing: keep ours, tell the person. */
  accountChangedOnDisk(stored: StoredAuth | null): void;
  /** Our refresh succeeded and was saved. */
  refreshed(stored: StoredAuth): void;
  /** The refreshed tokens are in use but could not be written. */
  saveFailed(error: Error): void;
  knownPermanentFailure(fp: string): RefreshTokenError | null;
  failed(fp: string, error: RefreshTokenError): void;
}

async function loadOrNull(load: () => Promise<StoredAuth | null>): Promise<StoredAuth | null | 'unreadable'> {
  try {
    return await load();
  } catch {
    return 'unreadable';
  }
}

export async function guardedRefresh(host: GuardedRefreshHost, kind: RefreshKind): Promise<void> {
  const cached = host.cached();
  if (!cached?.auth.tokens) throw RefreshTokenError.permanentFor('other', TOKEN_DATA_UNAVAILABLE);
  try {
    await host.store.transaction(async (tx) => {
      const stored = await loadOrNull(() => tx.load());
      if (stored === 'unreadable') {
        // A malformed file is the person's to fix; we neither overwrite it nor give up the session.
        throw RefreshTokenError.transient(`Failed to refresh token: the stored credentials could not be read`);
      }
      if (!stored?.auth.tokens || !sameAccount(stored.auth, cached.auth)) {
        host.accountChangedOnDisk(stored);
        throw RefreshTokenError.permanentFor('other', ACCOUNT_MISMATCH_MESSAGE);
      }
      if (fingerprint(stored.auth) !== fingerprint(cached.auth)) {
        host.adopt(stored);
        if (kind === 'explicit' || !shouldRefreshProactively(stored.auth, host.now())) return;
      }
      const fp = fingerprint(stored.auth);
      const known = host.knownPermanentFailure(fp);
      if (known) throw known;
      let answer;
      try {
        answer = await refreshWithRetry(host.deps, stored.auth.tokens.refresh_token);
      } catch (error) {
        if (error instanceof RefreshTokenError && error.permanent) {
          // A writer that ignores our lock (an older CLI) may have rotated the lineage meanwhile: use it.
          const again = await loadOrNull(() => tx.load());
          if (again && again !== 'unreadable' && sameAccount(again.auth, stored.auth) && fingerprint(again.auth) !== fp) {
            host.adopt(again);
            return;
          }
        }
        const classified =
          error instanceof RefreshTokenError
            ? error
            : RefreshTokenError.transient(`Failed to refresh token: ${(error as Error).message}`);
        host.failed(fp, classified);
        throw classified;
      }
      const next = applyRefresh(stored.auth, answer, host.now());
      try {
        const outcome = await tx.save(next);
        host.refreshed({ auth: next, backend: outcome.backend, location: outcome.location });
      } catch (error) {
        // The old refresh token is spent: keep the new ones in memory even though they could not be saved.
        host.refreshed({ ...stored, auth: next });
        host.saveFailed(error as Error);
      }
    });
  } catch (error) {
    if (error instanceof RefreshTokenError) throw error;
    // The lock could not be taken (or the store failed): nothing changed, try again later.
    const wrapped = RefreshTokenError.transient(`Failed to refresh token: ${(error as Error).message}`);
    host.failed(fingerprint(cached.auth), wrapped);
    throw wrapped;
  }
}
