// The credentials this process uses right now, the permanent refresh failure remembered for them,
// and how each change shows up in the snapshot and its notices.
import type { StoredAuth } from '../storage/credentialStore.js';
import type { AuthNotices } from './authNotices.js';
import type { AuthState } from './authState.js';
import { describeAccount, fingerprint, identityOf } from './identity.js';
import type { RefreshFailureReason, RefreshTokenError } from './refreshErrors.js';

export class CredentialSession {
  current: StoredAuth | null = null;
  private permanentFailure: { fp: string; error: RefreshTokenError } | null = null;

  constructor(
    private readonly state: AuthState,
    private readonly notices: AuthNotices,
    /** Take the store's account when it changes instead of keeping ours (AuthManagerOptions.followStore). */
    private readonly follow = false,
  ) {}

  /** Sets the credentials in use and the snapshot fields derived from them. */
  use(stored: StoredAuth): void {
    this.current = stored;
    const failure = this.knownPermanentFailure(fingerprint(stored.auth));
    this.state.update({
      status: 'signedIn', identity: identityOf(stored.auth), storedAt: stored.location,
      refreshFailure: failure ? { reason: failure.reason as RefreshFailureReason, message: failure.message } : null,
    });
  }

  /** Same account, newer tokens written by another process (or our own refresh when `quiet`). */
  adopt(stored: StoredAuth, quiet = false): void {
    this.permanentFailure = null;
    this.notices.clear('refresh-permanent', 'refresh-transient');
    this.use(stored);
    if (!quiet) this.notices.adoptedRefresh();
  }

  /** A sign-in made by this process. */
  signedIn(stored: StoredAuth): void {
    this.permanentFailure = null;
    this.notices.clear('refresh-permanent', 'refresh-transient', 'signed-in-elsewhere', 'adopted-refresh');
    this.state.update({ diskAccountChanged: null, loadError: null, notAllowed: null });
    this.use(stored);
    this.notices.syncStoreWarnings();
  }

  signedOut(): void {
    this.current = null;
    this.permanentFailure = null;
    this.notices.clearAll();
    this.state.update({ status: 'signedOut', identity: null, storedAt: null, diskAccountChanged: null, refreshFailure: null, notAllowed: null });
  }

  /** The store holds the same account as ours again. */
  diskAgrees(): void {
    this.state.update({ diskAccountChanged: null });
    this.notices.clear('signed-in-elsewhere');
  }

  /** The store now holds another account, or nothing: keep ours, say so once per change (or follow it). */
  accountChangedOnDisk(stored: StoredAuth | null): void {
    if (this.follow) return stored ? this.signedIn(stored) : this.signedOut();
    const other = describeAccount(stored?.auth ?? null);
    const before = this.state.field('diskAccountChanged');
    this.state.update({ diskAccountChanged: other });
    if (before?.accountId !== other.accountId || before?.email !== other.email || !before) {
      this.notices.signedInElsewhere(stored !== null, other);
    }
  }

  knownPermanentFailure(fp: string): RefreshTokenError | null {
    return this.permanentFailure?.fp === fp ? this.permanentFailure.error : null;
  }

  /** Transient: back off and say when we retry. Permanent: remembered for these credentials only. */
  refreshFailed(fp: string, error: RefreshTokenError): void {
    if (!error.permanent) return this.notices.transientFailure(error.message);
    if (fingerprint(this.current?.auth) !== fp) return;
    this.permanentFailure = { fp, error };
    this.notices.permanentFailure(error.message);
    if (this.current) this.use(this.current);
  }
}
