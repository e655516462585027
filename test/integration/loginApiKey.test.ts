// API keys through the LoginService: the /models check, cleaning pasted keys, saving, and the
// forced_login_method rules; plus the environment hints the sign-in screen starts from.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginError } from '../../src/oauth/types.js';
import { loginHarness, type HarnessOptions, type LoginHarness } from '../support/loginHarness.js';

let bench: LoginHarness | null = null;
afterEach(async () => {
  await bench?.close();
  bench = null;
});
const start = async (options: HarnessOptions = {}) => (bench = await loginHarness(options));
const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';

describe('API key sign-in', () => {
  it('checks a key with GET /models', async () => {
    const h = await start();
    h.authority.validApiKeys.add(KEY);
    expect(await h.login.verifyApiKey(` ${KEY}\n`)).toEqual({ status: 'valid' });
    const models = h.authority.requests.find((r) => r.path === '/v1/models')!;
    expect(models.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(await h.login.verifyApiKey('sk-proj-wrong')).toEqual({ status: 'refused', message: 'Incorrect API key provided.' });
  });

  it('says the check could not reach the server, without failing', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const h = await start({ config: { openai_base_url: `http://127.0.0.1:${closedPort}/v1` } });
    const result = await h.login.verifyApiKey(KEY);
    expect(result.status).toBe('unreachable');
    expect((result as { message: string }).message).toMatch(/^Could not connect to 127\.0\.0\.1:\d+: connection refused/);
    expect((result as { message: string }).message).not.toContain(KEY);
  });

  it('saves a pasted key cleaned of bracketed-paste markers and quotes', async () => {
    const h = await start();
    const success = await h.login.saveApiKey(`\x1b[200~'${KEY}'\x1b[201~\r\n`);
    expect(success).toEqual({ method: 'apikey', email: null, plan: null, maskedKey: 'sk-proj-***56789' });
    expect(h.authJson()).toEqual({ auth_mode: 'apikey', OPENAI_API_KEY: KEY });
  });

  it('rejects empty keys and keys with inner whitespace, writing nothing', async () => {
    const h = await start();
    const empty = (await h.login.saveApiKey('  "" ').catch((e: unknown) => e)) as LoginError;
    expect([empty.code, empty.message]).toEqual(['invalid_api_key', 'API key cannot be empty']);
    const spaced = (await h.login.saveApiKey('sk-proj-abc def').catch((e: unknown) => e)) as LoginError;
    expect(spaced.message).toMatch(/spaces or line breaks/);
    expect(h.authBytes()).toBeNull();
  });

  it('is blocked when forced_login_method is chatgpt', async () => {
    const h = await start({ config: { forced_login_method: 'chatgpt' } });
    expect(h.login.forcedLoginMethod).toBe('chatgpt');
    const error = (await h.login.saveApiKey(KEY).catch((e: unknown) => e)) as LoginError;
    expect([error.code, error.message]).toEqual(['login_disabled', 'API key login is disabled. Use ChatGPT login instead.']);
    expect(h.authBytes()).toBeNull();
  });

  it('prefills from OPENAI_API_KEY, trimmed', async () => {
    const h = await start({ service: { env: { OPENAI_API_KEY: `  ${KEY} ` } } });
    expect(h.login.envApiKey()).toBe(KEY);
    const none = await loginHarness({ service: { env: { OPENAI_API_KEY: '   ' } } });
    expect(none.login.envApiKey()).toBeNull();
    await none.close();
  });

  it('reports a remote session from the injected probe', async () => {
    const probe = { env: { SSH_CONNECTION: '10.0.0.2 5555 10.0.0.1 22' }, platform: 'linux' as const, exists: () => false, readFile: () => null };
    const h = await start({ service: { probe } });
    expect(h.login.environment()).toEqual({ remote: true, reason: 'SSH session detected (SSH_CONNECTION is set)' });
  });
});
