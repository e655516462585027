// Contracts of the interactive sign-in flows, shared by the CLI and the screens.
export type LoginErrorCode =
  | 'port_busy'
  | 'cancelled'
  | 'timeout'
  | 'state_mismatch'
  | 'invalid_callback_url'
  | 'access_denied'
  | 'missing_entitlement'
  | 'missing_code'
  | 'token_exchange_failed'
  | 'workspace_restriction'
  | 'persist_failed'
  | 'device_not_enabled'
  | 'device_failed'
  | 'login_disabled'
  | 'invalid_api_key'
  | 'network'
  | 'other';

export class LoginError extends Error {
  constructor(
    readonly code: LoginErrorCode,
    message: string,
    /** For port_busy: the port that could not be bound. */
    readonly port?: number,
  ) {
    super(message);
    this.name = 'LoginError';
  }
}

/**
 * Whether `error` is a LoginError (with this code). Checked by shape, not instanceof: the screens
 * are bundled separately (dist/ui.mjs) and have their own copy of the class.
 */
export function isLoginError(error: unknown, code?: LoginErrorCode): error is LoginError {
  return error instanceof Error && error.name === 'LoginError' && (code === undefined || (error as LoginError).code === code);
}

/** What a completed sign-in saved (no secrets). */
export interface LoginSuccess {
  method: 'chatgpt' | 'apikey';
  email: string | null;
  plan: string | null;
  maskedKey: string | null;
}

export interface BrowserLoginAttempt {
  readonly authUrl: string;
  readonly port: number;
  /** Epoch ms when the attempt times out (10 minutes after it started). */
  readonly expiresAt: number;
  /**
   * Settles once: resolves after credentials were saved and the browser was shown the success page
   * (or had its grace to load it), rejects with LoginError.
   */
  readonly done: Promise<LoginSuccess>;
  /**
   * Resolves the moment the credentials are saved, before the browser has loaded the success page
   * (which `done` waits for). A screen moves on here; a command that exits waits for `done`, so the
   * browser still gets its page. Never rejects: stays pending when nothing was saved.
   */
  readonly saved: Promise<LoginSuccess>;
  /** Completes the login with the URL the browser ended on (paste-back); rejects with LoginError if it does not belong to this attempt. */
  submitCallbackUrl(url: string): Promise<void>;
  /** Cancels: frees the port at once; a late callback is refused. */
  cancel(): void;
  /** When the flow opened a browser itself: whether that worked (never rejects). */
  readonly browserOpened?: Promise<{ opened: boolean; via: string; error?: string }> | null;
}

export interface DeviceLoginAttempt {
  readonly verificationUrl: string;
  readonly userCode: string;
  /** Epoch ms when the code expires (15 minutes). */
  readonly expiresAt: number;
  readonly done: Promise<LoginSuccess>;
  cancel(): void;
}
