// The banners the AuthManager raises (kinds in types.ts), with the exact wording, and the back-off
// of automatic retries after a transient refresh failure.
import type { CredentialStore } from '../storage/credentialStore.js';
import type { AuthState } from './authState.js';
import type { NoticeKind } from './types.js';

export const SIGN_IN_AGAIN_ACTION = 'Type /login to sign in again.';
export const TRANSIENT_HINT = 'If it keeps failing, check your network connection and proxy settings (HTTPS_PROXY).';
/** Informational banners clear by themselves after this long (screens/HomeScreen.tsx). */
export const INFO_NOTICE_MS = 8_000;
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

  /** The banner says one next step, its action (`/login`): the real CLI's "Please log out and sign in again." is left out here. */
  permanentFailure(message: string): void {
    this.clear('refresh-transient', 'adopted-refresh');
    const reason = message.replace(/\s*Please (log out and )?sign in again\.$/, '');
    this.state.addNotice({ kind: 'refresh-permanent', level: 'error', message: reason, action: SIGN_IN_AGAIN_ACTION, sticky: true });
  }

  /** A sentence with a full stop, and a hint where the message has none (network, proxy); the retry time is shown with it. */
  transientFailure(message: string): void {
    const delay = Math.min(FIRST_RETRY_MS * 2 ** this.transientFailures, MAX_RETRY_MS);
    this.transientFailures++;
    this.retryAt = this.now() + delay;
    const sentence = /[.!?]$/.test(message.trim()) ? message.trim() : `${message.trim()}.`;
    const text = /connection|proxy|network/i.test(sentence) ? sentence : `${sentence} ${TRANSIENT_HINT}`;
    this.state.addNotice({ kind: 'refresh-transient', level: 'warning', message: text, retryAt: this.retryAt, sticky: false });
  }

  /** False while a transient failure's back-off is running. */
  retryDue(): boolean {
    return this.retryAt === null || this.now() >= this.retryAt;
  }
}
