// What to do when the API answers 401 (§6.2): first re-read the store pinned to this account (another
// process may have refreshed), then refresh; then give up. An API key has no recovery steps.
import type { AuthDotJson } from '../storage/authSchema.js';
import { resolvedMode } from '../storage/authSchema.js';
import { accountKey } from './identity.js';
import { NO_MORE_RECOVERY_MESSAGE, RefreshTokenError } from './refreshErrors.js';

export type RecoveryStep = 'reload' | 'refresh_token' | 'done';

export interface RecoveryHost {
  cachedAuth(): AuthDotJson | null;
  /** Adopts the stored auth when it belongs to `expectedAccount`, else throws the permanent mismatch error. */
  reloadPinned(expectedAccount: string | null): Promise<boolean>;
  refresh(): Promise<void>;
}

export class UnauthorizedRecovery {
  private step: RecoveryStep = 'reload';
  private readonly expectedAccount: string | null;
  private readonly managed: boolean;

  constructor(private readonly host: RecoveryHost) {
    const auth = host.cachedAuth();
    this.expectedAccount = accountKey(auth);
    this.managed = auth !== null && resolvedMode(auth) === 'chatgpt';
  }

  get currentStep(): RecoveryStep {
    return this.step;
  }

  hasNext(): boolean {
    return this.managed && this.step !== 'done';
  }

  /** Runs one step; throws RefreshTokenError (permanent on mismatch or when nothing is left). */
  async next(): Promise<void> {
    if (!this.hasNext()) throw RefreshTokenError.permanentFor('other', NO_MORE_RECOVERY_MESSAGE);
    if (this.step === 'reload') {
      this.step = 'done'; // stays done when the pinned reload fails
      await this.host.reloadPinned(this.expectedAccount);
      this.step = 'refresh_token';
      return;
    }
    this.step = 'done';
    await this.host.refresh();
  }
}
