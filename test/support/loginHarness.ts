// A sign-in test bench: the loopback authority, a temp CODEX_HOME with the real file store,
// the real AuthManager and HTTP client, and a LoginService pointed at all of them.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthManager } from '../../src/auth/AuthManager.js';
import { resolveEndpoints } from '../../src/auth/endpoints.js';
import { LoginService, type LoginConfig, type LoginServiceOptions } from '../../src/auth/loginService.js';
import { createHttpClient } from '../../src/http/client.js';
import type { LoginClock } from '../../src/oauth/flowDeps.js';
import { createCredentialStore } from '../../src/storage/createCredentialStore.js';
import { startAuthority, type Authority, type AuthorityBehavior } from './authority.js';

export interface LoginHarness {
  authority: Authority;
  root: string;
  codexHome: string;
  authPath: string;
  auth: AuthManager;
  login: LoginService;
  /** auth.json as bytes, or null when absent. */
  authBytes(): Buffer | null;
  authJson(): Record<string, any> | null;
  close(): Promise<void>;
}

export interface HarnessOptions {
  behavior?: Partial<AuthorityBehavior>;
  config?: Partial<LoginConfig>;
  /** CODEX_HOME below the temp root (to test a missing subfolder). */
  codexHomeSubdir?: string;
  service?: Partial<LoginServiceOptions>;
}

export async function loginHarness(options: HarnessOptions = {}): Promise<LoginHarness> {
  const authority = await startAuthority(options.behavior);
  const root = await mkdtemp(join(tmpdir(), 'codex-login-'));
  const codexHome = join(root, options.codexHomeSubdir ?? '');
  const env = { CODEX_AUTH_ISSUER: authority.url };
  const endpoints = resolveEndpoints(env);
  const http = createHttpClient({ env: {} });
  const config: LoginConfig = {
    forced_login_method: null,
    forced_chatgpt_workspace_id: null,
    openai_base_url: authority.openaiBaseUrl,
    ...options.config,
  };
  const store = createCredentialStore({ codexHome, mode: 'file' });
  const auth = new AuthManager({ store, http, endpoints, forcedWorkspaceIds: config.forced_chatgpt_workspace_id });
  const login = new LoginService({ auth, http, endpoints, config, env, loginPort: 0, ...options.service });
  const authPath = join(codexHome, 'auth.json');
  return {
    authority,
    root,
    codexHome,
    authPath,
    auth,
    login,
    authBytes: () => (existsSync(authPath) ? readFileSync(authPath) : null),
    authJson: () => (existsSync(authPath) ? JSON.parse(readFileSync(authPath, 'utf8')) : null),
    async close() {
      auth.dispose();
      await authority.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** The browser: loads the URL and follows redirects (authority -> callback -> /success). */
export async function browse(url: string): Promise<{ status: number; url: string; body: string; headers: Headers }> {
  const response = await fetch(url);
  return { status: response.status, url: response.url, body: await response.text(), headers: response.headers };
}

/** Where the authority sends the browser back to (the callback URL), without following it. */
export async function callbackUrlFor(authUrl: string): Promise<string> {
  const response = await fetch(authUrl, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (!location) throw new Error(`authority did not redirect (${response.status})`);
  return location;
}

/** A clock the test moves by hand: timers fire and sleeps end when it is advanced. */
export function manualClock(start = Date.now()): LoginClock & { advance(ms: number): void; pendingTimers(): number } {
  let now = start;
  let timers: { at: number; fn: () => void }[] = [];
  const clock = {
    now: () => now,
    setTimer(fn: () => void, ms: number) {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => void (timers = timers.filter((t) => t !== timer));
    },
    /** Sleeping moves time forward at once, so polling loops run instantly. */
    async sleep(ms: number, signal?: AbortSignal) {
      if (signal?.aborted) throw signal.reason;
      clock.advance(ms);
    },
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.fn();
    },
    pendingTimers: () => timers.length,
    /** Request timeouts stay real: a test never waits on them, and they never fire early. */
    timeoutSignal: (ms: number) => AbortSignal.timeout(ms),
  };
  return clock;
}
