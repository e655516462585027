// A real temp CODEX_HOME with the file store, the real loopback authority and an AuthManager wired
// the way the CLI wires it; the clock and sleep are controllable.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthManager } from '../../../src/auth/AuthManager.js';
import { resolveEndpoints } from '../../../src/auth/endpoints.js';
import type { Clock } from '../../../src/platform/clock.js';
import type { CredentialStore } from '../../../src/storage/credentialStore.js';
import { createCredentialStore } from '../../../src/storage/createCredentialStore.js';
import { createHttpClient } from '../../../src/http/client.js';
import { startAuthority, type Authority, type AuthorityBehavior } from '../../support/authority.js';

export interface ManagerOverrides {
  forcedWorkspaceIds?: string[] | null;
  /** Replaces parts of the harness clock (e.g. `every`, to run the store watch by hand). */
  clock?: Partial<Clock>;
  store?: (real: CredentialStore) => CredentialStore;
}

export interface Harness {
  home: string;
  authFile: string;
  authority: Authority;
  clock: { now: number };
  sleeps: number[];
  /** An AuthManager on this home; `clock` parts and `store` (given the real file store) replace the defaults. */
  manager(options?: ManagerOverrides): AuthManager;
  writeAuth(auth: unknown): Promise<void>;
  readAuth(): Promise<Record<string, any>>;
  rawAuth(): Promise<string>;
  refreshCount(): number;
  close(): Promise<void>;
}

export async function createHarness(behavior: Partial<AuthorityBehavior> = {}): Promise<Harness> {
  const home = await mkdtemp(join(tmpdir(), 'codex-auth-'));
  const authority = await startAuthority(behavior);
  const authFile = join(home, 'auth.json');
  const clock = { now: Date.now() };
  const sleeps: number[] = [];
  const env = { CODEX_AUTH_ISSUER: authority.url, CODEX_REFRESH_TOKEN_URL_OVERRIDE: `${authority.url}/oauth/token` };
  const http = createHttpClient({ env });
  const managers: AuthManager[] = [];
  return {
    home,
    authFile,
    authority,
    clock,
    sleeps,
    manager(options = {}) {
      const real = createCredentialStore({ codexHome: home, mode: 'file' });
      const manager = new AuthManager({
        store: options.store ? options.store(real) : real,
        http,
        endpoints: resolveEndpoints(env),
        clock: { now: () => clock.now, sleep: async (ms) => void sleeps.push(ms), ...options.clock },
        forcedWorkspaceIds: options.forcedWorkspaceIds ?? null,
      });
      managers.push(manager);
      return manager;
    },
    async writeAuth(auth) {
      await writeFile(authFile, `${JSON.stringify(auth, null, 2)}\n`, { mode: 0o600 });
    },
    readAuth: async () => JSON.parse(await readFile(authFile, 'utf8')),
    rawAuth: () => readFile(authFile, 'utf8'),
    refreshCount: () => authority.count('/oauth/token', 'refresh_token'),
    async close() {
      for (const manager of managers) manager.dispose();
      await authority.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
