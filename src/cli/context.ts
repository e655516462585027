// What commands need, each built on first use and only once: CODEX_HOME, config, credential store,
// HTTP client, endpoints, AuthManager, LoginService. A command that needs none of it pays nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthManager } from '../auth/AuthManager.js';
import { resolveEndpoints, type AuthEndpoints } from '../auth/endpoints.js';
import type { LoginService } from '../auth/loginService.js';
import { resolveCodexHome, type CodexHome } from '../config/codexHome.js';
import { loadConfig, type CodexConfig } from '../config/config.js';
import type { HttpClient } from '../http/client.js';
import type { CredentialStore } from '../storage/credentialStore.js';
import { lazyHttpClient } from './lazyHttp.js';
import type { OutStream } from './output.js';

export interface CliIO {
  stdin: NodeJS.ReadStream;
  /** Where headless commands print (data on stdout, messages on stderr). */
  stdout: OutStream;
  stderr: OutStream;
  env: NodeJS.ProcessEnv;
  /** The process's real streams, for Ink and the interactive sign-in flows. */
  streams(): { stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream };
}

const once = <T>(make: () => T): (() => T) => {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
};

export class CliContext {
  /** Set before auth() is first used: follow the store's account instead of pinning ours (app-server). */
  followStore = false;
  /** Set before login() is first used: a sign-in's outcome does not wait for revoking the tokens it replaced (app-server). */
  revokeInBackground = false;
  /** Set before login() is first used: the hidden `codex login` flags' issuer and client id (sign-in flows only). */
  loginEndpoints: { issuer: string | null; clientId: string | null } = { issuer: null, clientId: null };

  constructor(
    readonly io: CliIO,
    /** Raw `-c key=value` strings. */
    readonly overrides: string[],
  ) {}

  /** Throws CodexHomeError (CODEX_HOME set to a missing path or a file). */
  readonly codexHome = once((): CodexHome => resolveCodexHome(this.io.env));

  /** Throws ConfigError with the real CLI's `Error loading configuration: …` / `Error parsing -c overrides: …`. */
  readonly config = once((): Promise<CodexConfig> => loadConfig({ codexHome: this.codexHome().path, overrides: this.overrides }));

  readonly store = once(async (): Promise<CredentialStore> => {
    const [config, { createCredentialStore }] = await Promise.all([this.config(), import('../storage/createCredentialStore.js')]);
    const timeout = Number(this.io.env.CODEX_KEYRING_TIMEOUT_MS);
    return createCredentialStore({
      codexHome: this.codexHome().path,
      mode: config.cli_auth_credentials_store,
      env: this.io.env,
      accessToken: this.io.env.CODEX_ACCESS_TOKEN?.trim() || null,
      ...(timeout > 0 ? { keyringTimeoutMs: timeout } : {}),
    });
  });

  /** The HTTP client, loaded (node:http, proxies, CAs) only when a request is made. */
  readonly lazyHttp = once(() => lazyHttpClient(this.io.env));
  /** The loaded HTTP client. */
  readonly http = once((): Promise<HttpClient> => this.lazyHttp().load());
  readonly endpoints = once((): AuthEndpoints => resolveEndpoints(this.io.env));

  readonly auth = once(async (): Promise<AuthManager> => {
    const [config, store, { AuthManager }] = await Promise.all([this.config(), this.store(), import('../auth/AuthManager.js')]);
    return new AuthManager({
      store,
      http: this.lazyHttp(),
      endpoints: this.endpoints(),
      forcedWorkspaceIds: config.forced_chatgpt_workspace_id,
      followStore: this.followStore,
      // app-server follows the store and does not enforce the policy on what is stored (§10.4).
      ...(this.followStore
        ? {}
        : { policy: { forcedLoginMethod: config.forced_login_method, forcedWorkspaceIds: config.forced_chatgpt_workspace_id } }),
    });
  });

  /** The sign-in flows (browser, device code, API key check); loaded only by commands that sign in. */
  readonly login = once(async (): Promise<LoginService> => {
    const [auth, config, { LoginService }] = await Promise.all([this.auth(), this.config(), import('../auth/loginService.js')]);
    const { issuer, clientId } = this.loginEndpoints;
    const base = issuer ? resolveEndpoints({ ...this.io.env, CODEX_AUTH_ISSUER: issuer }) : this.endpoints();
    const endpoints = clientId ? { ...base, clientId } : base;
    const sink = this.revokeInBackground
      ? { saveChatgptTokens: (t: Parameters<typeof auth.saveChatgptTokens>[0]) => auth.saveChatgptTokens(t, { revokeInBackground: true }), loginWithApiKey: (key: string) => auth.loginWithApiKey(key) }
      : auth;
    return new LoginService({ auth: sink, http: this.lazyHttp(), endpoints, config, env: this.io.env });
  });

  readonly version = once((): string => readVersion());
}

/** package.json's version; found next to dist/ (bundled) or two levels up (running from src/). */
function readVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(join(import.meta.dirname, relative), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'codex-signin' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}
