// The one owner of this process's credentials (§6). Screens read snapshot()/subscribe(); everything
// that needs a token asks getAccessToken() or fetchWithAuth(). Tokens are refreshed under the store's
// lock, pinned to the account this process signed in with, and a failure never removes credentials.
import { resolvedMode } from '../storage/authSchema.js';
import type { CredentialStore, SaveOutcome, StoredAuth } from '../storage/credentialStore.js';
import type { HttpClient } from '../http/client.js';
import { AuthNotices } from './authNotices.js';
import { AuthState } from './authState.js';
import type { AuthEndpoints } from './endpoints.js';
import { guardedRefresh, type GuardedRefreshDeps, type RefreshKind, type RefreshOutcome } from './guardedRefresh.js';
import { CredentialSession } from './credentialSession.js';
import { policyViolation, type CredentialPolicy } from './credentialPolicy.js';
import { accountKey, authHeaders, bearerOf, fingerprint, identityOf, sameAccount } from './identity.js';
import { accessTokenRecord, apiKeyRecord, chatgptRecord, type SignInTokens } from './loginRecords.js';
import { accessTokenUsable, shouldRefreshProactively, type RefreshDeps } from './refresh.js';
import { ACCOUNT_MISMATCH_MESSAGE, NotSignedInError, RefreshTokenError } from './refreshErrors.js';
import { logoutStores, revokeSuperseded } from './signOut.js';
import { clockWith, type Clock } from '../platform/clock.js';
import type { AuthSnapshot, LogoutResult } from './types.js';
import { UnauthorizedRecovery, type RecoveryHost } from './unauthorizedRecovery.js';

export interface AuthManagerOptions {
  store: CredentialStore;
  http: HttpClient;
  endpoints: AuthEndpoints;
  /** Time, retry sleeps, the store watch and request timeouts; parts not given are the system's. */
  clock?: Partial<Clock>;
  forcedWorkspaceIds?: string[] | null;
  /** How often start({watch}) looks at the store (default: 5 s for the file, 30 s otherwise). */
  watchIntervalMs?: number;
  /**
   * Follow the store instead of pinning this process to its account: when another process signs in
   * as someone else or logs out, use that (app-server, whose client asks "who is signed in now").
   * The screens pin, so a session never silently becomes another person's.
   */
  followStore?: boolean;
  /**
   * forced_login_method / forced_chatgpt_workspace_id applied to what is stored: forbidden credentials
   * are not used (the snapshot is signed out with `notAllowed`) until a sign-in replaces them. Unset:
   * everything stored is used (app-server, which does not enforce at start-up, §10.4).
   */
  policy?: CredentialPolicy;
}

/** What the store holds next to the credentials in use: the same ones, newer ones of the same account, or another. */
function compareStored(stored: StoredAuth | null, cached: StoredAuth): 'same' | 'rotated' | 'other' {
  if (!stored || !sameAccount(stored.auth, cached.auth)) return 'other';
  return fingerprint(stored.auth) === fingerprint(cached.auth) ? 'same' : 'rotated';
}

export class AuthManager {
  private readonly store: CredentialStore;
  private readonly clock: Clock;
  private readonly now: () => number;
  private readonly state: AuthState;
  private readonly notices: AuthNotices;
  private readonly deps: RefreshDeps;
  private readonly session: CredentialSession;
  private inFlight: Promise<void> | null = null;
  private stopWatch: (() => void) | null = null;
  private ticking = false;

  private get current(): StoredAuth | null {
    return this.session.current;
  }

  constructor(private readonly options: AuthManagerOptions) {
    this.store = options.store;
    this.clock = clockWith(options.clock);
    this.now = () => this.clock.now();
    this.state = new AuthState(options.store.mode);
    this.notices = new AuthNotices(this.state, this.store, this.now);
    this.session = new CredentialSession(this.state, this.notices, options.followStore === true);
    this.deps = {
      http: options.http, endpoints: options.endpoints,
      sleep: (ms) => this.clock.sleep(ms),
      timeoutSignal: (ms) => this.clock.timeoutSignal(ms),
    };
  }

  snapshot = (): AuthSnapshot => this.state.get();
  subscribe = (listener: () => void): (() => void) => this.state.subscribe(listener);
  dismissNotice = (id: number): void => this.state.dismiss(id);

  /** Loads the credentials; refreshes them first when due unless `refresh: false` (then the first use does). */
  async start(options: { watch?: boolean; refresh?: boolean } = {}): Promise<void> {
    await this.reload();
    if (options.refresh !== false) await this.refreshIfDue();
    if (options.watch && !this.stopWatch) {
      const interval = this.options.watchIntervalMs ?? (this.store.mode === 'file' ? 5_000 : 30_000);
      this.stopWatch = this.clock.every(interval, () => void this.tick());
    }
  }

  /** Re-reads the store. Adopts it unless it now holds another account (then only reports that). */
  async reload(): Promise<boolean> {
    const cached = this.current;
    let stored: StoredAuth | null;
    try {
      stored = await this.store.load();
    } catch (error) {
      this.state.update({ loadError: (error as Error).message, status: this.current ? 'signedIn' : 'signedOut' });
      return false;
    }
    if (this.current !== cached) return false; // our own refresh or login landed meanwhile: this read is stale
    this.state.update({ loadError: null });
    this.notices.syncStoreWarnings();
    if (!cached) {
      const reason = stored && this.options.policy ? policyViolation(identityOf(stored.auth), this.options.policy) : null;
      if (stored && reason) {
        this.state.update({ status: 'signedOut', notAllowed: { reason, identity: identityOf(stored.auth), storedAt: stored.location } });
        return false;
      }
      this.state.update({ notAllowed: null });
      if (stored) this.session.use(stored);
      else this.state.update({ status: 'signedOut' });
      return stored !== null;
    }
    const found = compareStored(stored, cached);
    if (found === 'other') {
      this.session.accountChangedOnDisk(stored);
      return this.current !== cached;
    }
    this.session.diskAgrees();
    if (found === 'same') return false;
    this.session.adopt(stored!);
    return true;
  }

  async loginWithApiKey(key: string): Promise<SaveOutcome> {
    const auth = apiKeyRecord(key);
    const outcome = await this.store.transaction((tx) => tx.save(auth));
    this.session.signedIn({ auth, backend: outcome.backend, location: outcome.location });
    return outcome;
  }

  /** Saves an access token (already checked: src/auth/accessToken.ts, src/auth/agentIdentity.ts). */
  async loginWithAccessToken(token: string): Promise<SaveOutcome> {
    const auth = accessTokenRecord(token);
    const outcome = await this.store.transaction((tx) => tx.save(auth));
    this.session.signedIn({ auth, backend: outcome.backend, location: outcome.location });
    return outcome;
  }

  /** Saves a new ChatGPT sign-in, then revokes the tokens it replaced (best effort, as a warning). */
  /**
   * `revokeInBackground`: a long-running process (app-server) need not hold the sign-in's outcome
   * for the revoke; its warning then becomes a notice.
   */
  async saveChatgptTokens(t: SignInTokens, options: { revokeInBackground?: boolean } = {}): Promise<SaveOutcome> {
    const auth = chatgptRecord(t, this.now(), this.options.forcedWorkspaceIds);
    const { outcome, previous } = await this.store.transaction(async (tx) => {
      const before = await tx.load().catch(() => null);
      return { outcome: await tx.save(auth), previous: before?.auth ?? null };
    });
    this.session.signedIn({ auth, backend: outcome.backend, location: outcome.location });
    const revoked = revokeSuperseded(this.deps, previous, auth);
    if (options.revokeInBackground) {
      void revoked.then((warning) => warning && this.notices.warn(warning));
      return outcome;
    }
    const warning = await revoked;
    return warning ? { ...outcome, warning: [outcome.warning, warning].filter(Boolean).join(' ') } : outcome;
  }

  /** Revokes (best effort, 10 s) and removes the credentials from every store. */
  async logout(): Promise<LogoutResult> {
    const result = await logoutStores(this.store, this.deps, this.current?.auth ?? null);
    this.session.signedOut();
    return result;
  }

  /** The bearer to send; refreshes first when the access token is (nearly) expired. */
  async getAccessToken(): Promise<string> {
    if (!this.current) throw new NotSignedInError();
    if (shouldRefreshProactively(this.current.auth, this.now())) {
      try {
        await this.singleFlight('proactive');
      } catch (error) {
        const usable = error instanceof RefreshTokenError && !error.permanent && accessTokenUsable(this.current?.auth, this.now());
        if (!usable) throw error;
      }
    }
    const bearer = this.current ? bearerOf(this.current.auth) : null;
    if (!bearer) throw new NotSignedInError('Token data is not available.');
    return bearer;
  }

  /** Guarded refresh (no-op for API keys); throws RefreshTokenError. */
  async refresh(): Promise<void> {
    if (this.current && resolvedMode(this.current.auth) === 'chatgpt') await this.singleFlight('explicit');
  }

  /** Adds Authorization (+ ChatGPT-Account-ID); on 401 re-reads the store, then refreshes, then gives up. */
  async fetchWithAuth(url: string, init: RequestInit = {}): Promise<Response> {
    const recovery = this.createUnauthorizedRecovery();
    let bearer = await this.getAccessToken();
    for (;;) {
      const response = await this.options.http.fetch(url, { ...init, headers: authHeaders(this.current?.auth ?? null, init.headers, bearer) });
      if (response.status !== 401 || !recovery.hasNext()) return response;
      await response.body?.cancel().catch(() => undefined);
      await recovery.next();
      bearer = (this.current && bearerOf(this.current.auth)) ?? bearer;
    }
  }

  /** The 401 recovery for callers with their own transport (one per request, §6.2). */
  createUnauthorizedRecovery(): UnauthorizedRecovery {
    return new UnauthorizedRecovery(this.recoveryHost());
  }

  currentApiKey(): string | null {
    return this.current && resolvedMode(this.current.auth) === 'apikey' ? (this.current.auth.OPENAI_API_KEY ?? null) : null;
  }

  dispose(): void {
    this.stopWatch?.();
    this.stopWatch = null;
    this.state.clearListeners();
  }

  private singleFlight(kind: RefreshKind): Promise<void> {
    this.inFlight ??= guardedRefresh(this.refreshDeps(), this.current, kind)
      .then((outcome) => this.apply(outcome))
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  /** The one place a refresh's outcome changes this process's state; a failure is rethrown to the caller. */
  private apply(outcome: RefreshOutcome): void {
    const session = this.session;
    switch (outcome.kind) {
      case 'adopted':
        return session.adopt(outcome.stored);
      case 'refreshed':
        if (outcome.adoptedFirst) session.adopt(outcome.adoptedFirst);
        session.adopt(outcome.stored, true);
        if (outcome.saveError) this.notices.warn(`Refreshed your sign-in but could not save it: ${outcome.saveError.message}`);
        return;
      case 'accountChanged':
        session.accountChangedOnDisk(outcome.stored);
        throw outcome.error;
      case 'failed':
        if (outcome.adoptedFirst) session.adopt(outcome.adoptedFirst);
        if (outcome.fingerprint !== null) session.refreshFailed(outcome.fingerprint, outcome.error);
        throw outcome.error;
    }
  }

  private async refreshIfDue(): Promise<void> {
    if (!this.current || !shouldRefreshProactively(this.current.auth, this.now()) || !this.notices.retryDue()) return;
    await this.singleFlight('proactive').catch(() => undefined); // reported through notices
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.reload();
      await this.refreshIfDue();
    } finally {
      this.ticking = false;
    }
  }

  private refreshDeps(): GuardedRefreshDeps {
    return {
      store: this.store, refresh: this.deps, now: this.now,
      knownPermanentFailure: (fp) => this.session.knownPermanentFailure(fp),
    };
  }

  private recoveryHost(): RecoveryHost {
    return {
      cachedAuth: () => this.current?.auth ?? null,
      refresh: () => this.singleFlight('explicit'),
      reloadPinned: async (expected) => {
        const before = this.current;
        let stored: StoredAuth | null;
        try {
          stored = await this.store.load();
        } catch {
          // A malformed or unreadable file is not a logout elsewhere: keep the session, say what broke.
          throw RefreshTokenError.transient('Failed to refresh token: the stored credentials could not be read');
        }
        if (this.current !== before) return true; // refreshed in this process meanwhile: retry with that
        const found = before ? compareStored(stored, before) : 'other';
        if (!expected || found === 'other' || accountKey(stored!.auth) !== expected) {
          this.session.accountChangedOnDisk(stored);
          throw RefreshTokenError.permanentFor('other', ACCOUNT_MISMATCH_MESSAGE);
        }
        if (found === 'same') return false;
        this.session.adopt(stored!);
        return true;
      },
    };
  }
}
