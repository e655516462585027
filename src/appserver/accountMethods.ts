// The account/* methods (§10.1) over the AuthManager (credentials this Codex manages), the
// LoginService (browser and device-code flows, API keys) and ExternalAuth (tokens the client owns).
// Each method returns its result and, in `after`, the notifications that follow the response.
import type { AuthManager } from '../auth/AuthManager.js';
import type { LoginService } from '../auth/loginService.js';
import { capabilities } from '../auth/describe.js';
import { API_KEY_LOGIN_DISABLED, CHATGPT_LOGIN_DISABLED, EXTERNAL_AUTH_DISABLED } from '../auth/loginPolicy.js';
import type { AuthSnapshot } from '../auth/types.js';
import { cleanApiKeyInput } from '../auth/apiKeyInput.js';
import type { CodexConfig } from '../config/config.js';
import { providerAuth } from '../config/modelProvider.js';
import { isLoginError, type LoginSuccess } from '../oauth/types.js';
import { usageUrl } from '../status/liveChecks.js';
import { accountView, type AccountView } from './accountView.js';
import type { ExternalAuth, TokensRefresher } from './externalAuth.js';
import { isLoginId, LoginSessions, newLoginId } from './loginSessions.js';
import { accountReadParams, getAuthStatusParams, loginCancelParams, loginStartParams, parseParams, type LoginStartParams } from './params.js';
import { toRateLimits } from './rateLimits.js';
import { internalError, invalidRequest } from './rpcError.js';

export const EXTERNAL_ACTIVE =
  'External auth is active. Use account/login/start (chatgptAuthTokens) to update it or account/logout to clear it.';
const NEEDS_EXPERIMENTAL = 'account/login/start.chatgptAuthTokens requires experimentalApi capability';
const NOT_COMPLETED = 'Login was not completed';
const API_KEY_INPUT = {
  empty: 'No API key provided: apiKey is empty.',
  spaces: 'apiKey contains spaces, line breaks or control characters inside the key. Send exactly one API key.',
  invalid: 'apiKey contains a character that cannot be part of an API key (keys are plain ASCII). Send exactly one API key.',
};
const USAGE_TIMEOUT_MS = 15_000;

const refreshFailed = (snapshot: AuthSnapshot) => snapshot.status === 'signedIn' && snapshot.refreshFailure !== null;

export interface Reply {
  result: unknown;
  after?: () => void;
}

export interface AccountDeps {
  auth: AuthManager;
  /** The sign-in flows, loaded on the first sign-in (they bring the callback server's node:http). */
  login(): Promise<LoginService>;
  config: CodexConfig;
  external: ExternalAuth;
  fetch: typeof globalThis.fetch;
  env: NodeJS.ProcessEnv;
  notify(method: string, params: unknown): void;
  refreshTokens: TokensRefresher;
  experimentalApi(): boolean;
  /** clientInfo.name from initialize. */
  clientName(): string;
  /** account/updated for whatever changed since the last one; `always` after a sign-in (never after a failed one). */
  announce(always?: boolean): void;
  log(line: string): void;
}

export class AccountMethods {
  readonly logins = new LoginSessions();
  /** Background sign-ins whose outcome is not reported yet. */
  private readonly reporting = new Set<Promise<void>>();

  constructor(private readonly deps: AccountDeps) {}

  view(): AccountView {
    return accountView(this.deps.auth.snapshot(), this.deps.external.current);
  }

  async read(params: unknown): Promise<Reply> {
    const { refreshToken } = parseParams(accountReadParams, params, 'account/read') ?? {};
    const provider = providerAuth(this.deps.config.raw);
    if (provider === 'amazonBedrock') return { result: { account: { type: 'amazonBedrock' }, userId: null, requiresOpenaiAuth: false, workspaceRouting: null } };
    if (provider === 'none') return { result: { account: null, userId: null, requiresOpenaiAuth: false, workspaceRouting: null } };
    if (refreshToken && !this.deps.external.current) {
      await this.deps.auth.refresh().catch(() => undefined); // a failure shows as account: null
    }
    const { account, userId } = (await this.agentIdentityRefused()) ? { account: null, userId: null } : this.view();
    // workspaceRouting: this codex does not run the backend's routing discovery.
    return { result: { account, userId, requiresOpenaiAuth: true, workspaceRouting: null }, after: this.deps.announce };
  }

  async loginStart(params: unknown): Promise<Reply> {
    const request = parseParams(loginStartParams, params, 'account/login/start');
    const forced = this.deps.config.forced_login_method;
    if (request.type === 'chatgptAuthTokens') return this.setExternal(request);
    if (forced === 'chatgpt' && request.type === 'apiKey') throw invalidRequest(API_KEY_LOGIN_DISABLED);
    if (forced === 'api' && request.type !== 'apiKey') throw invalidRequest(CHATGPT_LOGIN_DISABLED);
    if (this.deps.external.current) throw invalidRequest(EXTERNAL_ACTIVE);
    if (request.type === 'apiKey') return this.saveApiKey(request.apiKey);
    return request.type === 'chatgpt' ? this.startBrowser() : this.startDevice();
  }

  async loginCancel(params: unknown): Promise<Reply> {
    const { loginId } = parseParams(loginCancelParams, params, 'account/login/cancel');
    if (!isLoginId(loginId)) throw invalidRequest(`invalid login id: ${loginId}`);
    return { result: { status: this.logins.cancel(loginId) ? 'canceled' : 'notFound' } };
  }

  async logout(): Promise<Reply> {
    this.logins.cancelActive();
    this.deps.external.clear();
    try {
      const result = await this.deps.auth.logout();
      if (result.revokeError) this.deps.log(`logout: could not revoke the refresh token: ${result.revokeError}`);
    } catch (error) {
      throw internalError(`logout failed: ${(error as Error).message}`);
    }
    return { result: {}, after: () => this.deps.announce(true) };
  }

  async rateLimits(): Promise<Reply> {
    const { auth, external } = this.deps;
    const view = this.view();
    if (!view.authMode || (!view.account && !external.current)) throw invalidRequest('codex account authentication required to read rate limits');
    const snapshot = auth.snapshot();
    const canReadUsage = external.current !== null || (snapshot.status === 'signedIn' && capabilities(snapshot.identity).canReadUsage);
    if (!canReadUsage) throw invalidRequest('chatgpt authentication required to read rate limits');
    const url = usageUrl(this.deps.config.chatgpt_base_url);
    const init = { signal: AbortSignal.timeout(USAGE_TIMEOUT_MS) };
    let response: Response;
    try {
      response = external.current
        ? await external.fetch(this.deps.fetch, url, init, this.deps.refreshTokens)
        : await auth.fetchWithAuth(url, init);
    } catch (error) {
      if (error instanceof Error && error.name === 'RpcError') throw error;
      throw internalError(`failed to fetch codex rate limits: ${(error as Error).message}`);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      // The real server's wording, without the body (a proxy's error page may echo the token).
      throw internalError(`failed to fetch codex rate limits: GET ${url} failed: ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw internalError('failed to fetch codex rate limits: the usage endpoint did not answer with JSON');
    }
    return { result: toRateLimits(body) };
  }

  /** v1 `getAuthStatus` (deprecated, still called by older clients). */
  async getAuthStatus(params: unknown): Promise<Reply> {
    const { includeToken, refreshToken } = parseParams(getAuthStatusParams, params, 'getAuthStatus') ?? {};
    if (providerAuth(this.deps.config.raw) !== 'openai') return { result: { authMethod: null, authToken: null, requiresOpenaiAuth: false } };
    const { auth, external } = this.deps;
    if (external.current) {
      return { result: { authMethod: 'chatgptAuthTokens', authToken: includeToken ? external.current.accessToken : null, requiresOpenaiAuth: true } };
    }
    let token: string | null = null;
    if (refreshToken) await auth.refresh().catch(() => undefined); // a failure shows as a missing token below
    try {
      token = await auth.getAccessToken(); // a proactive refresh when due; a still-valid token survives a transient failure
    } catch {
      token = null;
    }
    if (await this.agentIdentityRefused()) return { result: { authMethod: null, authToken: null, requiresOpenaiAuth: true } };
    const view = this.view();
    const omitToken = !includeToken || view.authMode === 'personalAccessToken' || view.authMode === 'agentIdentity' || refreshFailed(auth.snapshot());
    return { result: { authMethod: view.authMode, authToken: omitToken ? null : token, requiresOpenaiAuth: true } };
  }

  /**
   * 0.171 verifies an agent identity and registers a task with it each time it answers who is signed
   * in (recorded): one it refuses is no account. The check (and node:crypto) loads only for one.
   */
  private async agentIdentityRefused(): Promise<boolean> {
    const snapshot = this.deps.auth.snapshot();
    if (this.deps.external.current || snapshot.status !== 'signedIn' || snapshot.identity.kind !== 'agentIdentity') return false;
    try {
      const [token, { checkAgentIdentityInUse }] = await Promise.all([this.deps.auth.getAccessToken(), import('../auth/agentIdentity.js')]);
      await checkAgentIdentityInUse(token, {
        fetch: this.deps.fetch, env: this.deps.env, chatgptBaseUrl: this.deps.config.chatgpt_base_url,
        forcedWorkspaceIds: this.deps.config.forced_chatgpt_workspace_id, now: Date.now,
      });
      return false;
    } catch (error) {
      this.deps.log(`the agent identity cannot be used: ${(error as Error).message}`);
      return true;
    }
  }

  private async saveApiKey(raw: string): Promise<Reply> {
    const cleaned = cleanApiKeyInput(raw, API_KEY_INPUT);
    if (!cleaned.ok) throw invalidRequest(cleaned.message); // refused: the sign-in in progress goes on
    this.logins.replaceActive();
    try {
      await (await this.deps.login()).saveApiKey(cleaned.key);
    } catch (error) {
      throw internalError(`failed to save api key: ${(error as Error).message}`);
    }
    return { result: { type: 'apiKey' }, after: () => this.completed(null) };
  }

  private setExternal(request: Extract<LoginStartParams, { type: 'chatgptAuthTokens' }>): Reply {
    if (!this.deps.experimentalApi()) throw invalidRequest(NEEDS_EXPERIMENTAL);
    if (this.deps.config.forced_login_method === 'api') throw invalidRequest(EXTERNAL_AUTH_DISABLED);
    this.deps.external.set(request.accessToken, request.chatgptAccountId, request.chatgptPlanType); // throws: nothing changed
    this.logins.replaceActive();
    return { result: { type: 'chatgptAuthTokens' }, after: () => this.completed(null) };
  }

  private async startBrowser(): Promise<Reply> {
    this.logins.replaceActive(); // before the new server asks the old one on the port to stop
    let attempt;
    try {
      // The client opens the URL; the originator is the client's name, as the real server sends it.
      attempt = await (await this.deps.login()).startBrowserLogin({ openBrowser: false, originator: this.deps.clientName() });
    } catch (error) {
      throw internalError(`failed to start login server: ${(error as Error).message}`);
    }
    const loginId = newLoginId();
    this.logins.begin({ id: loginId, kind: 'chatgpt', cancel: () => attempt.cancel() });
    this.follow(loginId, attempt.done, (message) => `Login server error: ${message}`);
    return { result: { type: 'chatgpt', loginId, authUrl: attempt.authUrl } };
  }

  private async startDevice(): Promise<Reply> {
    this.logins.replaceActive();
    let attempt;
    try {
      attempt = await (await this.deps.login()).startDeviceLogin();
    } catch (error) {
      if (isLoginError(error, 'device_not_enabled')) throw invalidRequest(error.message);
      throw internalError(`failed to request device code: ${(error as Error).message}`);
    }
    const loginId = newLoginId();
    this.logins.begin({ id: loginId, kind: 'chatgptDeviceCode', cancel: () => attempt.cancel() });
    this.follow(loginId, attempt.done, (message) => message);
    return { result: { type: 'chatgptDeviceCode', loginId, verificationUrl: attempt.verificationUrl, userCode: attempt.userCode } };
  }

  /** Resolves once every background sign-in that has ended was reported. */
  async reported(): Promise<void> {
    while (this.reporting.size > 0) await Promise.allSettled([...this.reporting]);
  }

  /** Reports the outcome of a background sign-in once, after any response already on its way. */
  private follow(loginId: string, done: Promise<LoginSuccess>, describe: (message: string) => string): void {
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    const report = done.then(
      async () => {
        await nextTurn();
        this.logins.finish(loginId);
        this.completed(loginId);
      },
      async (error: unknown) => {
        await nextTurn();
        this.logins.finish(loginId);
        // A start that replaced this one ends it as "Login cancelled"; a cancel as "not completed".
        const replaced = this.logins.endReason(loginId) === 'replaced';
        const message = isLoginError(error, 'cancelled') ? (replaced ? 'Login cancelled' : NOT_COMPLETED) : (error as Error).message;
        this.deps.notify('account/login/completed', { loginId, success: false, error: describe(message), onboardingEntrypoint: null });
        this.deps.announce(); // only if another process changed the account meanwhile
      },
    );
    this.reporting.add(report);
    void report.finally(() => this.reporting.delete(report));
  }

  /** A successful sign-in: account/login/completed, then account/updated (also when the same account signed in again). */
  private completed(loginId: string | null): void {
    this.deps.notify('account/login/completed', { loginId, success: true, error: null, onboardingEntrypoint: null });
    this.deps.announce(true);
  }
}
