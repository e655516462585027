// The CLI with cli_auth_credentials_store = keyring / auto, against the real Secret Service
// (scripts/test.sh) and against a D-Bus address where nothing listens.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { keyringAccount } from '../../src/storage/keyringStorage.js';
import { baseEnv, ensureBuilt, runCodex, tempHome } from './runCodex.js';
import { secretServiceUnavailable, testKeyring } from './secretServiceProbe.js';

const KEY = 'sk-proj-keyring-cli-000000000000ABCDE';
const unavailable = await secretServiceUnavailable('keyring CLI tests');
let home: ReturnType<typeof tempHome>;
beforeAll(ensureBuilt);
beforeEach(() => {
  home = tempHome();
});
afterEach(async () => {
  if (!unavailable) await testKeyring(home.path).delete().catch(() => undefined);
  home.cleanup();
});

const codex = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) =>
  runCodex(args, { input: options.input, env: { ...baseEnv(home.path), ...options.env } });

describe.skipIf(unavailable !== null)('keyring mode (real Secret Service)', () => {
  it('login saves to the keyring only; status names it; logout removes it', async () => {
    const keyring = ['-c', 'cli_auth_credentials_store=keyring'];
    const login = await codex(['login', '--with-api-key', ...keyring], { input: KEY });
    const where = `keyring (Codex Auth / ${keyringAccount(home.path)})`;
    expect(login).toMatchObject({ code: 0, stderr: `Reading API key from stdin...\nAPI key saved. Authentication is checked when you send a request.\nStored in ${where}\n` });
    expect(existsSync(join(home.path, 'auth.json'))).toBe(false);
    expect(JSON.parse((await testKeyring(home.path).get())!)).toEqual({ auth_mode: 'apikey', OPENAI_API_KEY: KEY });

    const status = await codex(['login', 'status', ...keyring]);
    expect(status).toMatchObject({ code: 0, stderr: `API key configured - sk-proj-***ABCDE\nAuthentication is checked when you send a request.\nStored in ${where}\n` });

    expect((await codex(['logout', ...keyring])).stderr).toBe('Successfully logged out\n');
    expect(await testKeyring(home.path).get()).toBeNull();
    expect((await codex(['login', 'status', ...keyring])).code).toBe(1);
  });
});

describe('auto mode without a keyring', () => {
  it('falls back to auth.json and says so', async () => {
    const env = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/codex-test-bus' };
    const result = await codex(['login', '--with-api-key', '-c', 'cli_auth_credentials_store=auto'], { input: KEY, env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^Reading API key from stdin\.\.\.\nWarning: failed to save auth to keyring, falling back to file storage: .+\nAPI key saved\. Authentication is checked when you send a request\.\nStored in .+auth\.json\n$/,
    );
    expect(JSON.parse(readFileSync(join(home.path, 'auth.json'), 'utf8')).OPENAI_API_KEY).toBe(KEY);
    const status = await codex(['login', 'status', '-c', 'cli_auth_credentials_store=auto'], { env });
    expect(status.code).toBe(0);
    expect(status.stderr).toContain('Warning: failed to load CLI auth from keyring, falling back to file storage: ');
  });
});
