// `codex app-server`: the lifecycle (initialize first, exactly once), the method table, the
// "account-auth" queue that serialises sign-in requests (§10), and account/updated whenever the
// account changed: after a sign-in or logout here, and when another process changed the store.
import type { AuthManager } from '../auth/AuthManager.js';
import type { LoginService } from '../auth/loginService.js';
import type { CodexConfig } from '../config/config.js';
import { AccountMethods, type Reply } from './accountMethods.js';
import { ExternalAuth } from './externalAuth.js';
import { initializeParams, parseParams } from './params.js';
import { RpcConnection } from './rpc.js';
import { invalidRequest, RPC, RpcError } from './rpcError.js';
import { SerialQueue } from './serialQueue.js';

export interface AppServerOptions {
  auth: AuthManager;
  login(): Promise<LoginService>;
  config: CodexConfig;
  fetch: typeof globalThis.fetch;
  codexHome: string;
  /** Where an agent identity is checked (CODEX_AGENT_IDENTITY_* variables); none given: the defaults. */
  env?: NodeJS.ProcessEnv;
  userAgent(clientName: string, clientVersion: string): string;
  write(line: string): void;
  log(line: string): void;
}

/** Methods that start, cancel or read sign-ins: one at a time, in arrival order. */
const QUEUED = new Set(['account/read', 'account/login/start', 'account/login/cancel', 'account/logout', 'getAuthStatus']);

export class AppServer {
  readonly rpc: RpcConnection;
  private readonly queue = new SerialQueue();
  private readonly account: AccountMethods;
  private readonly external: ExternalAuth;
  private initialized = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  private experimentalApi = false;
  private clientName = 'codex_cli_rs';
  private optedOut = new Set<string>();
  private announced: string;
  private unsubscribe: () => void = () => undefined;

  constructor(private readonly options: AppServerOptions) {
    this.rpc = new RpcConnection(options.write, {
      request: (method, params) => this.request(method, params),
      notification: (method) => {
        if (method !== 'initialized') options.log(`ignored notification ${method}`);
      },
      log: options.log,
    });
    this.external = new ExternalAuth(options.config.forced_chatgpt_workspace_id);
    this.account = new AccountMethods({
      auth: options.auth,
      login: options.login,
      config: options.config,
      external: this.external,
      fetch: options.fetch,
      env: options.env ?? {},
      notify: (method, params) => this.notify(method, params),
      refreshTokens: (params, signal) => this.rpc.request('account/chatgptAuthTokens/refresh', params, signal),
      experimentalApi: () => this.experimentalApi,
      clientName: () => this.clientName,
      announce: (always) => this.announce(always),
      log: options.log,
    });
    this.announced = this.account.view().key;
  }

  /** Called once the credentials were first loaded, so the first account/updated is a real change. */
  ready(): void {
    this.announced = this.account.view().key;
    // Changes found by the store watch (another process signed in, refreshed or logged out). While a
    // request or a sign-in is under way, that request reports it in its own order.
    this.unsubscribe = this.options.auth.subscribe(() => {
      if (!this.queue.busy && !this.account.logins.current) this.announce();
    });
  }

  /**
   * stdin closed or the process is asked to stop: end any sign-in (its port is freed at once), let
   * the requests already received finish and answer (a save completes whole), then stop writing.
   */
  async shutdown(): Promise<void> {
    this.account.logins.cancelActive();
    this.rpc.endInput();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    this.account.logins.cancelActive(); // one a queued request started meanwhile
    await this.account.reported(); // login/completed of the cancelled sign-ins
    this.unsubscribe();
    this.rpc.close();
  }

  /** Notifications the client opted out of at initialize are not sent. */
  private notify(method: string, params: unknown): void {
    if (!this.optedOut.has(method)) this.rpc.notify(method, params);
  }

  private announce(always = false): void {
    const view = this.account.view();
    if (view.key === this.announced && !always) return;
    this.announced = view.key;
    this.notify('account/updated', { authMode: view.authMode, planType: view.planType, reason: null });
  }

  private request(method: string, params: unknown): Promise<Reply> {
    const answer = this.answer(method, params);
    this.inFlight.add(answer);
    void answer.catch(() => undefined).finally(() => this.inFlight.delete(answer));
    return answer;
  }

  private async answer(method: string, params: unknown): Promise<Reply> {
    if (method === 'initialize') return { result: this.initialize(params) };
    if (!this.initialized) throw invalidRequest('Not initialized');
    const handler = this.handler(method);
    if (!handler) throw new RpcError(RPC.METHOD_NOT_FOUND, `Method not found: ${method}`);
    const run = async (): Promise<Reply> => {
      await this.options.auth.reload(); // what another process wrote meanwhile counts
      const reply = await handler(params);
      // After the response and its own notifications: a change the store watch saw while this request
      // (or a sign-in) was under way, which the watch did not announce itself.
      return { ...reply, after: () => (reply.after?.(), this.announce()) };
    };
    // The rpc layer writes the response, then runs `after` (the notifications that follow it).
    if (QUEUED.has(method)) return this.queue.run(run);
    // Not queued (it may wait 10 s on the client), but it sees what the requests before it did.
    await this.queue.drained();
    return run();
  }

  private handler(method: string): ((params: unknown) => Promise<Reply>) | null {
    const a = this.account;
    switch (method) {
      case 'account/read':
        return (p) => a.read(p);
      case 'account/login/start':
        return (p) => a.loginStart(p);
      case 'account/login/cancel':
        return (p) => a.loginCancel(p);
      case 'account/logout':
        return () => a.logout();
      case 'account/rateLimits/read':
        return () => a.rateLimits();
      case 'getAuthStatus':
        return (p) => a.getAuthStatus(p);
      default:
        return null;
    }
  }

  private initialize(params: unknown): unknown {
    if (this.initialized) throw invalidRequest('Already initialized');
    const { clientInfo, capabilities } = parseParams(initializeParams, params, 'initialize');
    this.initialized = true;
    this.experimentalApi = capabilities?.experimentalApi === true;
    if (clientInfo.name.trim()) this.clientName = clientInfo.name.trim();
    this.optedOut = new Set(capabilities?.optOutNotificationMethods ?? []);
    return {
      codexHome: this.options.codexHome,
      platformFamily: process.platform === 'win32' ? 'windows' : 'unix',
      platformOs: process.platform === 'darwin' ? 'macos' : process.platform === 'win32' ? 'windows' : process.platform,
      userAgent: this.options.userAgent(clientInfo.name, clientInfo.version),
    };
  }
}
