// One app-server scenario: a temp CODEX_HOME, the loopback authority and ChatGPT backend, a
// config.toml pointing at them, and the real `codex app-server` talking to a test client.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startAuthority, type Authority, type AuthorityBehavior } from '../support/authority.js';
import { chatgptAuthJson, type TestAccount } from '../support/jwt.js';
import { tempHome } from '../cli/runCodex.js';
import { startAppServer, type AppServerClient, type StartOptions } from './client.js';

export interface Scenario {
  home: string;
  authority: Authority;
  authPath: string;
  start(options?: Omit<StartOptions, 'home'>): Promise<AppServerClient>;
  /** Writes a ChatGPT auth.json whose tokens the authority knows. */
  seedChatgpt(account: TestAccount, options?: Parameters<typeof chatgptAuthJson>[1]): ReturnType<typeof chatgptAuthJson>;
  writeAuth(auth: unknown): void;
  readAuth(): Record<string, unknown> | null;
  close(): Promise<void>;
}

export async function scenario(options: { config?: string; behavior?: Partial<AuthorityBehavior> } = {}): Promise<Scenario> {
  const home = tempHome();
  const authority = await startAuthority(options.behavior);
  writeFileSync(
    join(home.path, 'config.toml'),
    `chatgpt_base_url = "${authority.chatgptBaseUrl}"\nopenai_base_url = "${authority.openaiBaseUrl}"\n${options.config ?? ''}\n`,
  );
  const authPath = join(home.path, 'auth.json');
  const clients: AppServerClient[] = [];
  const writeAuth = (auth: unknown) => writeFileSync(authPath, `${JSON.stringify(auth, null, 2)}\n`, { mode: 0o600 });
  return {
    home: home.path,
    authority,
    authPath,
    async start(startOptions = {}) {
      const client = await startAppServer({ home: home.path, ...startOptions, env: { CODEX_AUTH_ISSUER: authority.url, ...startOptions.env } });
      clients.push(client);
      return client;
    },
    seedChatgpt(account, seedOptions) {
      const auth = chatgptAuthJson(account, seedOptions);
      authority.seedAuth(auth, account);
      writeAuth(auth);
      return auth;
    },
    writeAuth,
    readAuth: () => (existsSync(authPath) ? (JSON.parse(readFileSync(authPath, 'utf8')) as Record<string, unknown>) : null),
    async close() {
      for (const client of clients) {
        // Every message either way matched the real CLI's schema, and stdout carried nothing else.
        expect(client.schemaErrors).toEqual([]);
        expect(client.junk).toEqual([]);
        client.kill();
        await client.exited;
      }
      await authority.close();
      home.cleanup();
    },
  };
}
