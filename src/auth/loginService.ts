// The sign-in service the screens and the CLI share (CONTRACTS.md): starts browser and device
// code attempts, checks and saves API keys, and knows about the machine (remote? clipboard?).
import { describeNetworkError } from '../http/client.js';
import type { HttpClient } from '../http/client.js';
import { resolveOriginator } from '../oauth/authorizeUrl.js';
import { startBrowserLogin } from '../oauth/browserLogin.js';
import { DEFAULT_LOGIN_PORT } from '../oauth/callbackPort.js';
import { startDeviceLogin } from '../oauth/deviceLogin.js';
import type { FlowDeps, LoginClock } from '../oauth/flowDeps.js';
import { clockWith } from '../platform/clock.js';
import { LoginError, type BrowserLoginAttempt, type DeviceLoginAttempt, type LoginSuccess } from '../oauth/types.js';
import { copyToClipboard, type ClipboardDeps } from '../platform/clipboard.js';
import { detectEnvironment, systemProbe, type EnvironmentProbe } from '../platform/environment.js';
import { openUrl, type OpenUrlResult } from '../platform/openUrl.js';
import type { AuthManager } from './AuthManager.js';
import type { AuthEndpoints } from './endpoints.js';
import { checkApiKey, normaliseApiKey, type ApiKeyCheck } from './loginApiKey.js';
import { API_KEY_LOGIN_DISABLED, CHATGPT_LOGIN_DISABLED } from './loginPolicy.js';
import { maskApiKey } from '../credential/mask.js';

/** The part of CodexConfig (src/config/config.ts) the sign-in flows read. */
export interface LoginConfig {
  forced_login_method: 'chatgpt' | 'api' | null;
  forced_chatgpt_workspace_id: string[] | null;
  openai_base_url: string;
}

export interface LoginServiceOptions {
  auth: Pick<AuthManager, 'saveChatgptTokens' | 'loginWithApiKey'>;
  http: HttpClient;
  endpoints: AuthEndpoints;
  config: LoginConfig;
  env: NodeJS.ProcessEnv;
  now?: () => number;
  /** Replaces the browser opener (tests, or a host app). */
  openUrl?: (url: string) => Promise<unknown>;
  /** Callback port; else CODEX_LOGIN_PORT, else 1455 (with the 1457 fallback). 0 = any free port. */
  loginPort?: number;
  /** Time and timers for the 10-minute browser timeout, device polling and request timeouts (tests drive them). */
  clock?: Partial<LoginClock>;
  /** Added: the originator sent to the authority (`codex-tui` from the TUI); default `codex_cli_rs`. */
  originator?: string;
  probe?: EnvironmentProbe;
  clipboard?: Partial<ClipboardDeps>;
  log?: (line: string) => void;
}

export type BrowserAttempt = BrowserLoginAttempt & { browserOpened: Promise<OpenUrlResult> | null };


export class LoginService {
  readonly forcedLoginMethod: 'chatgpt' | 'api' | null;
  private readonly clock: LoginClock;

  constructor(private readonly options: LoginServiceOptions) {
    this.forcedLoginMethod = options.config.forced_login_method;
    this.clock = clockWith({ ...(options.now ? { now: options.now } : {}), ...options.clock });
  }

  environment(): { remote: boolean; reason: string | null } {
    const { remote, reason } = detectEnvironment(this.options.probe ?? systemProbe(this.options.env));
    return { remote, reason };
  }

  envApiKey(): string | null {
    return this.options.env.OPENAI_API_KEY?.trim() || null;
  }

  private flowDeps(): FlowDeps {
    const forced = this.options.config.forced_chatgpt_workspace_id;
    return {
      fetch: this.options.http.fetch,
      endpoints: this.options.endpoints,
      sink: this.options.auth,
      forcedWorkspaceIds: forced && forced.length > 0 ? forced : null,
      clock: this.clock,
      describeNetworkError,
      log: this.options.log,
    };
  }

  private loginPort(): number {
    if (this.options.loginPort !== undefined) return this.options.loginPort;
    const raw = this.options.env.CODEX_LOGIN_PORT?.trim();
    if (!raw) return DEFAULT_LOGIN_PORT;
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new LoginError('other', `CODEX_LOGIN_PORT must be a port number from 0 to 65535, not "${raw}".`);
    }
    return port;
  }

  /** CODEX_LOGIN_TIMEOUT_MS shortens the browser sign-in's 10 minutes (tests, debugging). */
  private loginTimeoutMs(): number | undefined {
    const ms = Number(this.options.env.CODEX_LOGIN_TIMEOUT_MS);
    return Number.isInteger(ms) && ms > 0 ? ms : undefined;
  }

  private assertChatgptAllowed(): void {
    if (this.forcedLoginMethod === 'api') throw new LoginError('login_disabled', CHATGPT_LOGIN_DISABLED);
  }

  async startBrowserLogin(options: { openBrowser?: boolean; originator?: string } = {}): Promise<BrowserAttempt> {
    this.assertChatgptAllowed();
    const originator = resolveOriginator(this.options.env, options.originator ?? this.options.originator);
    const attempt = await startBrowserLogin(this.flowDeps(), { port: this.loginPort(), originator, timeoutMs: this.loginTimeoutMs() });
    const browserOpened = options.openBrowser === false ? null : this.openUrl(attempt.authUrl);
    return Object.assign(attempt, { browserOpened });
  }

  async startDeviceLogin(): Promise<DeviceLoginAttempt> {
    this.assertChatgptAllowed();
    return startDeviceLogin(this.flowDeps());
  }

  async verifyApiKey(key: string): Promise<ApiKeyCheck> {
    let clean: string;
    try {
      clean = normaliseApiKey(key);
    } catch (error) {
      return { status: 'invalid', message: (error as Error).message }; // refused locally: no request made
    }
    return checkApiKey(clean, {
      fetch: this.options.http.fetch,
      openaiBaseUrl: this.options.config.openai_base_url,
      describeNetworkError,
    });
  }

  async saveApiKey(key: string): Promise<LoginSuccess> {
    if (this.forcedLoginMethod === 'chatgpt') throw new LoginError('login_disabled', API_KEY_LOGIN_DISABLED);
    const clean = normaliseApiKey(key);
    try {
      await this.options.auth.loginWithApiKey(clean);
    } catch (error) {
      throw new LoginError('persist_failed', (error as Error).message);
    }
    return { method: 'apikey', email: null, plan: null, maskedKey: maskApiKey(clean) };
  }

  /** Never throws: the result says whether a browser opened and why not. */
  async openUrl(url: string): Promise<OpenUrlResult> {
    const custom = this.options.openUrl;
    if (!custom) return openUrl(url, { env: this.options.env });
    try {
      await custom(url);
      return { opened: true, via: 'system' };
    } catch (error) {
      return { opened: false, via: 'system', error: (error as Error).message };
    }
  }

  copyToClipboard(text: string): Promise<'clipboard' | 'osc52'> {
    return copyToClipboard(text, {
      env: this.options.env,
      platform: process.platform,
      terminal: process.stdout,
      ...this.options.clipboard,
    });
  }
}
