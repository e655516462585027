// Transport and lifecycle of `codex app-server`: initialize first and once, bad input answered with
// JSON-RPC errors (never a crash or a hang), and a clean exit 0 when stdin closes or on a signal,
// with any sign-in in progress cancelled and its port freed.
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE } from '../support/jwt.js';
import { scenario, type Scenario } from './setup.js';

let s: Scenario;
afterEach(async () => {
  await s.close();
});

describe('initialize', () => {
  it('comes first and once; the result names CODEX_HOME and the platform', async () => {
    s = await scenario();
    const client = await s.start({ initialize: false });
    expect((await client.request('account/read', {})).error).toEqual({ code: -32600, message: 'Not initialized' });
    const result = await client.call('initialize', { clientInfo: { name: 'my-editor', version: '2.3.4' } });
    expect(result).toMatchObject({ codexHome: s.home, platformFamily: 'unix', platformOs: process.platform });
    expect(result.userAgent).toMatch(/^my-editor\/\d+\.\d+\.\d+ \(.+\) .+ \(my-editor; 2\.3\.4\)$/);
    client.notify('initialized');
    expect((await client.request('initialize', { clientInfo: { name: 'again', version: '1' } })).error).toEqual({
      code: -32600, message: 'Already initialized',
    });
    expect(await client.call('account/read', {})).toMatchObject({ account: null, requiresOpenaiAuth: true });
  });

  it('an expired token is not refreshed at start-up: initialize is answered without waiting on the authority', async () => {
    s = await scenario();
    s.seedChatgpt(ALICE, { accessTtlSeconds: -60 });
    const client = await s.start();
    await client.call('account/read', {});
    expect(s.authority.count('/oauth/token', 'refresh_token')).toBe(0);
    expect(await client.call('account/read', { refreshToken: true })).toMatchObject({ account: { email: ALICE.email } });
    expect(s.authority.count('/oauth/token', 'refresh_token')).toBe(1);
  });

  it('optOutNotificationMethods: those notifications are not sent', async () => {
    s = await scenario();
    const client = await s.start({ initialize: false });
    await client.call('initialize', { clientInfo: { name: 'quiet', version: '1' }, capabilities: { optOutNotificationMethods: ['account/updated'] } });
    await client.call('account/login/start', { type: 'apiKey', apiKey: 'sk-test-optedout12345' });
    await client.notification('account/login/completed');
    await client.call('account/read', {});
    expect(client.notifications('account/updated')).toEqual([]);
  });

  it('initialize without clientInfo is an invalid request naming the field', async () => {
    s = await scenario();
    const client = await s.start({ initialize: false });
    const response = await client.request('initialize', {});
    expect(response.error?.code).toBe(-32600);
    expect(response.error?.message).toContain('clientInfo');
  });
});

describe('bad input', () => {
  it('malformed JSON, unknown methods, wrong params, wrong ids: each an error, and the server keeps going', async () => {
    s = await scenario();
    s.writeAuth({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-test-badinput12345' });
    const client = await s.start();
    const before = s.readAuth();
    client.writeRaw('{"id": 50, "method": \n');
    client.writeRaw('[1, 2, 3]\n');
    client.writeRaw('{"id": {"nested": true}, "method": "account/read"}\n');
    client.writeRaw('{"id": 51, "result": {}}\n'); // a response to a request the server never sent
    client.writeRaw('{"method": "some/notification", "params": {}}\n');
    expect((await client.request('no/such/method', {})).error).toEqual({ code: -32601, message: 'Method not found: no/such/method' });
    const wrongType = await client.request('account/read', { refreshToken: 'yes' });
    expect(wrongType.error?.code).toBe(-32600);
    expect(wrongType.error?.message).toContain('refreshToken');
    expect((await client.request('account/login/start', { type: 'carrierPigeon' })).error?.code).toBe(-32600);
    expect((await client.request('account/login/start', { type: 'apiKey' })).error?.message).toContain('apiKey');
    expect((await client.request('account/login/cancel', {})).error?.message).toContain('loginId');
    const errors = client.received.filter((m) => m.id === null).map((m) => (m.error as { code: number }).code);
    expect(errors).toEqual([-32700, -32600, -32600]);
    expect(await client.call('account/read', {})).toMatchObject({ account: { type: 'apiKey' }, requiresOpenaiAuth: true });
    expect(s.readAuth()).toEqual(before);
  });

  it('a line longer than 8 MiB is refused without being kept, and the next request is answered', async () => {
    s = await scenario();
    const client = await s.start();
    client.writeRaw(`{"id": 99, "method": "account/read", "params": {"pad": "${'x'.repeat(9 * 1024 * 1024)}"}}\n`);
    expect(await client.call('account/read', {})).toMatchObject({ account: null, requiresOpenaiAuth: true });
    const refused = client.received.find((m) => m.id === null)!;
    expect(refused.error).toMatchObject({ code: -32600 });
    expect((refused.error as { message: string }).message).toContain('longer than');
  });

  it('a huge API key or junk in every field never crashes the server', async () => {
    s = await scenario();
    const client = await s.start({ experimentalApi: true });
    const hostile = ['\u0000', '\u001b]0;pwned\u0007', 'x'.repeat(100_000), '{"a":1}', '../../etc/passwd'];
    for (const value of hostile) {
      await client.request('account/login/start', { type: 'apiKey', apiKey: value });
      await client.request('account/login/cancel', { loginId: value });
      await client.request('account/login/start', { type: 'chatgptAuthTokens', accessToken: value, chatgptAccountId: value });
    }
    expect(await client.call('account/read', {})).toMatchObject({ requiresOpenaiAuth: true });
  });
});

describe('shutdown', () => {
  it('stdin closing during a browser sign-in: the port is freed, nothing is written, exit 0', async () => {
    s = await scenario();
    const auth = s.seedChatgpt(ALICE);
    const client = await s.start();
    const { authUrl } = await client.call<{ authUrl: string }>('account/login/start', { type: 'chatgpt' });
    const port = new URL(new URL(authUrl).searchParams.get('redirect_uri')!).port;
    expect(await client.close()).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/auth/callback`)).rejects.toThrow();
    expect(s.readAuth()).toEqual(auth);
  });

  it('requests already sent are answered before the server exits on end of input', async () => {
    s = await scenario();
    const client = await s.start();
    const saved = client.request('account/login/start', { type: 'apiKey', apiKey: 'sk-test-lastwords1234' });
    expect(await client.close()).toBe(0);
    expect(await saved).toMatchObject({ result: { type: 'apiKey' } });
    expect(s.readAuth()).toMatchObject({ OPENAI_API_KEY: 'sk-test-lastwords1234' });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: the sign-in in progress ends with login/completed, then exit 0`, async () => {
      s = await scenario();
      const client = await s.start();
      const { loginId } = await client.call<{ loginId: string }>('account/login/start', { type: 'chatgptDeviceCode' });
      client.child.kill(signal);
      expect(await client.exited).toBe(0);
      expect(client.notifications('account/login/completed')).toEqual([{ loginId, success: false, error: 'Login was not completed', onboardingEntrypoint: null }]);
    });
  }
});
