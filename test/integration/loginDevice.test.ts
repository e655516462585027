// Device code sign-in against the loopback authority (mirrors codex-rs device_code_login.rs).
// Polling sleeps on a hand-moved clock, so the 15-minute limit is reached instantly.
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginError } from '../../src/oauth/types.js';
import { systemClock } from '../../src/oauth/flowDeps.js';
import { ALICE } from '../support/jwt.js';
import { loginHarness, manualClock, type HarnessOptions, type LoginHarness } from '../support/loginHarness.js';

let bench: LoginHarness | null = null;
afterEach(async () => {
  await bench?.close();
  bench = null;
});

const start = async (options: HarnessOptions = {}) =>
  (bench = await loginHarness({ ...options, service: { clock: manualClock(), ...options.service } }));
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e as LoginError);

describe('device code sign-in', () => {
  it('polls past "pending", exchanges the code and saves tokens without an API key', async () => {
    const h = await start({ behavior: { devicePendingPolls: 2, deviceInterval: '5', apiKeyExchangeStatus: 500 } });
    const attempt = await h.login.startDeviceLogin();
    expect(attempt.verificationUrl).toBe(`${h.authority.url}/codex/device`);
    expect(attempt.userCode).toMatch(/^[0-9A-F]{4}-[0-9A-F]{6}$/);
    const success = await attempt.done;
    expect(success).toMatchObject({ method: 'chatgpt', email: ALICE.email, maskedKey: null });
    const saved = h.authJson()!;
    expect(saved.tokens.account_id).toBe(ALICE.accountId);
    expect(saved.OPENAI_API_KEY).toBeNull();
    expect(h.authority.count('/api/accounts/deviceauth/token')).toBe(3);
    expect(h.authority.count('/oauth/token', 'urn:ietf:params:oauth:grant-type:token-exchange')).toBe(0);
    const exchange = h.authority.requests.find((r) => r.body.grant_type === 'authorization_code')!;
    expect(exchange.body.redirect_uri).toBe(`${h.authority.url}/deviceauth/callback`);
    expect(h.authority.requests.find((r) => r.path.endsWith('/usercode'))!.body).toEqual({ client_id: 'app_EMoamEEZ73f0CkXaXp7hrann' });
  });

  it('refuses another workspace and writes nothing', async () => {
    const h = await start({ config: { forced_chatgpt_workspace_id: ['ws-other'] } });
    const attempt = await h.login.startDeviceLogin();
    const error = await failure(attempt.done);
    expect([error.code, error.message]).toEqual(['workspace_restriction', 'Login is restricted to workspace id(s) ws-other.']);
    expect(h.authBytes()).toBeNull();
  });

  it('says when device code login is not enabled (404)', async () => {
    const h = await start({ behavior: { deviceCodeEnabled: false } });
    const error = await failure(h.login.startDeviceLogin());
    expect(error.code).toBe('device_not_enabled');
    expect(error.message).toBe('device code login is not enabled for this Codex server. Use the browser login or verify the server URL.');
  });

  it('reports another user-code failure with its status', async () => {
    const h = await start({ behavior: { deviceUserCodeFailure: 500 } });
    const error = await failure(h.login.startDeviceLogin());
    expect(error.message).toBe('device code request failed with status 500 Internal Server Error');
  });

  it('fails on an error from the poll endpoint and writes nothing', async () => {
    const h = await start({ behavior: { devicePollFailure: 401 } });
    const attempt = await h.login.startDeviceLogin();
    expect((await failure(attempt.done)).message).toBe('device auth failed with status 401 Unauthorized');
    expect(h.authBytes()).toBeNull();
  });

  it('gives up after 15 minutes of pending polls', async () => {
    const h = await start({ behavior: { devicePendingPolls: 10_000, deviceInterval: '60' } });
    const attempt = await h.login.startDeviceLogin();
    const error = await failure(attempt.done);
    expect([error.code, error.message]).toEqual(['timeout', 'device auth timed out after 15 minutes']);
    expect(h.authority.count('/api/accounts/deviceauth/token')).toBe(16);
    expect(h.authBytes()).toBeNull();
  });

  it('stops polling when cancelled', async () => {
    const h = await start({ behavior: { devicePendingPolls: 10_000, deviceInterval: '1' }, service: { clock: systemClock } });
    const attempt = await h.login.startDeviceLogin();
    while (h.authority.count('/api/accounts/deviceauth/token') === 0) await new Promise((resolve) => setTimeout(resolve, 10)); // polling
    attempt.cancel();
    expect((await failure(attempt.done)).message).toBe('Login cancelled');
    const polls = h.authority.count('/api/accounts/deviceauth/token');
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(h.authority.count('/api/accounts/deviceauth/token')).toBe(polls);
  });

  it('is blocked when forced_login_method is api', async () => {
    const h = await start({ config: { forced_login_method: 'api' } });
    expect((await failure(h.login.startDeviceLogin())).message).toBe('ChatGPT login is disabled. Use API key login instead.');
    expect(h.authority.count('/api/accounts/deviceauth/usercode')).toBe(0);
  });
});
