// The one sign-in in progress (browser or device code). Starting another, setting external tokens
// or logging out cancels it; its outcome is reported once, as account/login/completed.
export interface ActiveLogin {
  readonly id: string;
  readonly kind: 'chatgpt' | 'chatgptDeviceCode';
  cancel(): void;
}

/** Why a sign-in ended before it completed: cancelled by the client, or replaced by a newer start. */
export type EndReason = 'cancelled' | 'replaced';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isLoginId = (value: string): boolean => UUID.test(value);
export const newLoginId = (): string => globalThis.crypto.randomUUID();

export class LoginSessions {
  private active: ActiveLogin | null = null;
  private readonly replaced = new Set<string>();

  get current(): ActiveLogin | null {
    return this.active;
  }

  begin(login: ActiveLogin): void {
    this.replaceActive();
    this.active = login;
  }

  /** A new start is coming: the one in progress ends as replaced ("Login cancelled"). */
  replaceActive(): void {
    if (this.active) this.replaced.add(this.active.id);
    this.cancelActive();
  }

  /** How `id` ended, once it has (and forgets it). */
  endReason(id: string): EndReason {
    return this.replaced.delete(id) ? 'replaced' : 'cancelled';
  }

  /** Forgets `id` once its outcome is known; true when it was still the active one. */
  finish(id: string): boolean {
    if (this.active?.id !== id) return false;
    this.active = null;
    return true;
  }

  /** account/login/cancel: true when `id` was in progress. */
  cancel(id: string): boolean {
    if (this.active?.id !== id) return false;
    this.active.cancel();
    return true;
  }

  cancelActive(): void {
    this.active?.cancel();
  }
}
