// In-memory stand-ins for the AuthManager and LoginService, with the same methods the screens
// use. Tests set the snapshot, and resolve or reject sign-in attempts by hand.
import type { AppServices, ApiKeyVerdict, AuthPort, LoginPort, UiConfig } from '../../components/services.js';
import type { AuthSnapshot, ChatgptDetails, Identity, LogoutResult, Notice, SignedInSnapshot } from '../../src/auth/types.js';
import type { BrowserLoginAttempt, DeviceLoginAttempt, LoginSuccess } from '../../src/oauth/types.js';

type Common = Pick<AuthSnapshot, 'storeMode' | 'loadError' | 'notAllowed' | 'notices' | 'version'>;
type SignedInFields = Partial<Omit<SignedInSnapshot, 'status' | 'identity'>>;

export const signedOutSnapshot = (over: Partial<Common> & { status?: 'signedOut' | 'loading' } = {}): AuthSnapshot => ({
  status: 'signedOut', storeMode: 'file', loadError: null, notAllowed: null, notices: [], version: 1, ...over,
});

/** A signed-in snapshot for `identity`; `over` sets any other field. */
export function signedInSnapshot(identity: Identity, over: SignedInFields = {}): SignedInSnapshot {
  return {
    status: 'signedIn', identity, storedAt: '/tmp/codex-home/auth.json', storeMode: 'file', loadError: null, notAllowed: null,
    diskAccountChanged: null, refreshFailure: null, notices: [], version: 1, ...over,
  };
}

export function chatgptSnapshot(details: Partial<ChatgptDetails> & { kind?: 'chatgpt' | 'externalTokens' } = {}, over: SignedInFields = {}): SignedInSnapshot {
  return signedInSnapshot(
    {
      kind: 'chatgpt', email: 'alice@example.com', plan: 'plus', accountId: 'acct-alice-0001', userId: 'user-alice',
      accessTokenExpiresAt: null, lastRefresh: null, maskedApiKey: null, ...details,
    },
    over,
  );
}

export const apiKeySnapshot = (maskedKey = 'sk-proj-***ABCDE', over: SignedInFields = {}): SignedInSnapshot =>
  signedInSnapshot({ kind: 'apiKey', maskedKey }, over);

export class FakeAuth implements AuthPort {
  private current: AuthSnapshot;
  private listeners = new Set<() => void>();
  logoutResult: LogoutResult = { removed: [{ backend: 'file', location: '/tmp/codex-home/auth.json' }], revokeError: null, revoked: true };
  logoutCalls = 0;
  dismissed: number[] = [];
  apiKey: string | null = null;
  accessToken = 'access-token';
  accountId: string | null = 'acct-alice-0001';
  started: { watch?: boolean }[] = [];
  disposed = false;

  constructor(initial: AuthSnapshot = signedOutSnapshot()) {
    this.current = initial;
  }
  snapshot = (): AuthSnapshot => this.current;
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  set(next: AuthSnapshot): void {
    this.current = { ...next, version: this.current.version + 1 };
    for (const listener of [...this.listeners]) listener();
  }
  setNotices(notices: Notice[]): void {
    this.set({ ...this.current, notices });
  }
  async start(options: { watch?: boolean } = {}): Promise<void> {
    this.started.push(options);
  }
  async logout(): Promise<LogoutResult> {
    this.logoutCalls++;
    this.set(signedOutSnapshot());
    return this.logoutResult;
  }
  /** Like the real one: bearer + ChatGPT-Account-ID, through the global fetch (tests point it at the loopback authority). */
  async fetchWithAuth(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${this.accessToken}`);
    if (this.accountId) headers.set('ChatGPT-Account-ID', this.accountId);
    return fetch(url, { ...init, headers });
  }
  currentApiKey = () => this.apiKey;
  dismissNotice = (id: number) => {
    this.dismissed.push(id);
    this.set({ ...this.current, notices: this.current.notices.filter((n) => n.id !== id) });
  };
  dispose = () => {
    this.disposed = true;
  };
}

/** A promise the test settles by hand. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export class FakeBrowserAttempt implements BrowserLoginAttempt {
  readonly result = deferred<LoginSuccess>();
  readonly done = this.result.promise;
  /** Settled by the test: the credentials are saved, the browser has not loaded the success page yet. */
  readonly savedResult = deferred<LoginSuccess>();
  readonly saved = this.savedResult.promise;
  cancelled = 0;
  submitted: string[] = [];
  /** What submitCallbackUrl does with a URL: reject with an Error to refuse it. */
  onSubmit: (url: string) => Promise<void> = async () => undefined;
  /** What opening the browser came to; null: the flow did not open one. */
  browserOpened: Promise<{ opened: boolean; via: string; error?: string }> | null = null;
  constructor(readonly authUrl: string, readonly expiresAt: number, readonly port = 1455) {}
  submitCallbackUrl(url: string): Promise<void> {
    this.submitted.push(url);
    return this.onSubmit(url);
  }
  cancel(): void {
    this.cancelled++;
  }
}

export class FakeDeviceAttempt implements DeviceLoginAttempt {
  readonly result = deferred<LoginSuccess>();
  readonly done = this.result.promise;
  cancelled = 0;
  constructor(readonly verificationUrl: string, readonly userCode: string, readonly expiresAt: number) {}
  cancel(): void {
    this.cancelled++;
  }
}

export class FakeLogin implements LoginPort {
  forcedLoginMethod: 'chatgpt' | 'api' | null = null;
  env: { remote: boolean; reason: string | null } = { remote: false, reason: null };
  envKey: string | null = null;
  browser = deferred<BrowserLoginAttempt>();
  device = deferred<DeviceLoginAttempt>();
  verify = deferred<ApiKeyVerdict>();
  saved: string[] = [];
  verified: string[] = [];
  copied: string[] = [];
  copyResult: Promise<'clipboard' | 'osc52'> = Promise.resolve('clipboard');
  browserStarts = 0;
  deviceStarts = 0;
  constructor(private readonly auth: FakeAuth) {}

  environment = () => this.env;
  envApiKey = () => this.envKey;
  startBrowserLogin = () => {
    this.browserStarts++;
    return this.browser.promise;
  };
  startDeviceLogin = () => {
    this.deviceStarts++;
    return this.device.promise;
  };
  verifyApiKey = (key: string) => {
    this.verified.push(key);
    return this.verify.promise;
  };
  async saveApiKey(key: string): Promise<LoginSuccess> {
    this.saved.push(key);
    const masked = `${key.slice(0, 8)}***${key.slice(-5)}`;
    this.auth.set(apiKeySnapshot(masked));
    return { method: 'apikey', email: null, plan: null, maskedKey: masked };
  }
  copyToClipboard = (text: string) => {
    this.copied.push(text);
    return this.copyResult;
  };
}

export interface FakeServices extends AppServices {
  auth: FakeAuth;
  login: FakeLogin;
}

export function fakeServices(options: { snapshot?: AuthSnapshot; env?: NodeJS.ProcessEnv; config?: Partial<UiConfig>; proxy?: string | null } = {}): FakeServices {
  const auth = new FakeAuth(options.snapshot);
  return {
    auth,
    login: new FakeLogin(auth),
    // Never the internet: live checks (/status) go to a closed loopback port unless a test gives its authority.
    config: { forced_login_method: null, chatgpt_base_url: 'http://127.0.0.1:9/backend-api/', openai_base_url: 'http://127.0.0.1:9/v1', ...options.config },
    http: { fetch: (...args) => fetch(...args), proxyDescription: options.proxy ?? null },
    env: options.env ?? {},
  };
}
