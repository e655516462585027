// The banners the AuthManager raises (kinds in types.ts), with the exact wording, and the back-off
// of automatic retries after a transient refresh failure.
import type { CredentialStore } from '../storage/credentialStore.js';
import type { AuthState } from './authState.js';
import type { NoticeKind } from './types.js';

export const SIGN_IN_AGAIN_ACTION = 'Type /login to sign in again.';
export const ADOPTED_REFRESH_MESSAGE = 'Another Codex session refreshed your sign-in; picked it up automatically.';
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 10 * 60_000;

export class AuthNotices {
  private warningsSeen = 0;
  private transientFailures = 0;
  private retryAt: number | null = null;

  constructor(
    private readonly state: AuthState,
    private readonly store: CredentialStore,
    private readonly now: () => number,
  ) {}

  /** Store warnings (e.g. the keyring fell back to the file) become warning banners, once each. */
  syncStoreWarnings(): void {
    const warnings = this.store.warnings;
    for (; this.warningsSeen < warnings.length; this.warningsSeen++) this.warn(warnings[this.warningsSeen]!);
  }

  warn(message: string): void {
    this.state.addNotice({ kind: 'warning', level: 'warning', message, sticky: false });
  }

  clear(...kinds: NoticeKind[]): void {
    if (kinds.includes('refresh-transient')) {
      this.transientFailures = 0;
      this.retryAt = null;
    }
    this.state.removeNotices((notice) => kinds.includes(notice.kind));
  }

  clearAll(): void {
    this.clear('refresh-permanent', 'refresh-transient', 'signed-in-elsewhere', 'adopted-refresh', 'warning');
  }

  adoptedRefresh(): void {
    this.state.addNotice({ kind: 'adopted-refresh', level: 'info', message: ADOPTED_REFRESH_MESSAGE, sticky: false });
  }

  signedInElsewhere(stored: boolean, other: { email: string | null; accountId: string | null }): void {
    const who = other.email ?? other.accountId ?? 'another sign-in';
    const message = stored
      ? `The stored credentials now belong to ${who}; this session stays signed in as before.`
      : 'You logged out in another session; this session stays signed in until it ends.';
    this.state.addNotice({ kind: 'signed-in-elsewhere', level: 'warning', message, sticky: false });
  }

  permanentFailure(message: string): void {
    this.clear('refresh-transient', 'adopted-refresh');
    this.state.addNotice({ kind: 'refresh-permanent', level: 'error', message, action: SIGN_IN_AGAIN_ACTION, sticky: true });
  }

  transientFailure(message: string): void {
    const delay = Math.min(FIRST_RETRY_MS * 2 ** this.transientFailures, MAX_RETRY_MS);
    this.transientFailures++;
    this.retryAt = this.now() + delay;
    this.state.addNotice({ kind: 'refresh-transient', level: 'warning', message, retryAt: this.retryAt, sticky: false });
  }

  /** False while a transient failure's back-off is running. */
  retryDue(): boolean {
    return this.retryAt === null || this.now() >= this.retryAt;
  }
}
