// The account API of `codex app-server` (§10), scenario by scenario as the real CLI's
// app-server/tests/suite/v2/account.rs and auth.rs (§12), against the loopback authority.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAgentIdentityServer } from '../support/agentIdentity.js';
import { ALICE, BOB } from '../support/jwt.js';
import { scenario, type Scenario } from './setup.js';

let s: Scenario;

/** A port nothing listens on right now. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
afterEach(async () => {
  await s.close();
});

describe('account/read', () => {
  it('get_account_no_auth: no account, OpenAI auth required', async () => {
    s = await scenario();
    const client = await s.start();
    expect(await client.call('account/read', {})).toMatchObject({ account: null, requiresOpenaiAuth: true });
  });

  it('get_account_with_api_key', async () => {
    s = await scenario();
    s.writeAuth({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-test-readkey123456' });
    const client = await s.start();
    expect(await client.call('account/read', {})).toMatchObject({ account: { type: 'apiKey' }, requiresOpenaiAuth: true });
  });

  it('get_account_with_chatgpt: email and plan from the id_token, and the user id', async () => {
    s = await scenario();
    s.seedChatgpt(ALICE);
    const client = await s.start();
    expect(await client.call('account/read', {})).toEqual({
      account: { type: 'chatgpt', email: 'alice@example.com', planType: 'plus' },
      userId: ALICE.userId,
      requiresOpenaiAuth: true,
      workspaceRouting: null,
    });
  });

  it('a missing plan claim is planType "unknown" and a missing email is null, never an error', async () => {
    s = await scenario();
    s.seedChatgpt({ ...ALICE, plan: null, email: null });
    const client = await s.start();
    expect(await client.call('account/read', {})).toMatchObject({ account: { type: 'chatgpt', email: null, planType: 'unknown' }, requiresOpenaiAuth: true });
  });

  it('get_account_omits_chatgpt_after_permanent_refresh_failure', async () => {
    s = await scenario({ behavior: { refreshFailure: { status: 401, code: 'refresh_token_expired' } } });
    const auth = s.seedChatgpt(ALICE, { accessTtlSeconds: -60 });
    const client = await s.start();
    expect(await client.call('account/read', { refreshToken: true })).toMatchObject({ account: null, requiresOpenaiAuth: true });
    expect(s.readAuth()).toEqual(auth); // a failed refresh never changes the file
  });

  it('get_account_when_auth_not_required: a provider without OpenAI sign-in', async () => {
    s = await scenario({ config: 'model_provider = "local"\n[model_providers.local]\nname = "Local"\nbase_url = "http://127.0.0.1:9/v1"' });
    s.writeAuth({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-test-unused12345' });
    const client = await s.start();
    expect(await client.call('account/read', {})).toMatchObject({ account: null, requiresOpenaiAuth: false });
    expect(await client.call('getAuthStatus', { includeToken: true })).toEqual({ authMethod: null, authToken: null, requiresOpenaiAuth: false });
  });

  it('get_account_with_aws_provider: amazonBedrock, no OpenAI sign-in required', async () => {
    s = await scenario({ config: 'model_provider = "amazon-bedrock"' });
    const client = await s.start();
    expect(await client.call('account/read', {})).toMatchObject({ account: { type: 'amazonBedrock' }, requiresOpenaiAuth: false });
  });

  it('refreshToken: true refreshes an expired access token first', async () => {
    s = await scenario();
    const before = s.seedChatgpt(ALICE, { accessTtlSeconds: -60 });
    const client = await s.start();
    expect(await client.call('account/read', { refreshToken: true })).toMatchObject({ account: { type: 'chatgpt', email: 'alice@example.com' } });
    expect((s.readAuth()!.tokens as { access_token: string }).access_token).not.toBe(before.tokens.access_token);
  });
});

describe('account/login/start', () => {
  it('login_account_api_key_succeeds_and_notifies: response, then login/completed, then account/updated', async () => {
    s = await scenario();
    const client = await s.start();
    expect(await client.call('account/login/start', { type: 'apiKey', apiKey: ' sk-test-newkey1234567890\n' })).toEqual({ type: 'apiKey' });
    expect(await client.notification('account/login/completed')).toEqual({ loginId: null, success: true, error: null, onboardingEntrypoint: null });
    expect(await client.notification('account/updated')).toEqual({ authMode: 'apikey', planType: null, reason: null });
    const order = client.received.map((m) => (m.method as string | undefined) ?? 'response').slice(-3);
    expect(order).toEqual(['response', 'account/login/completed', 'account/updated']);
    expect(s.readAuth()).toMatchObject({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-test-newkey1234567890' });
    expect(await client.call('account/read', {})).toMatchObject({ account: { type: 'apiKey' }, requiresOpenaiAuth: true });
  });

  it('an API key with spaces inside, or an empty one, is refused and nothing is written', async () => {
    s = await scenario();
    const client = await s.start();
    for (const apiKey of ['', '  ', 'sk-test one two']) {
      const response = await client.request('account/login/start', { type: 'apiKey', apiKey });
      expect(response.error?.code).toBe(-32600);
      expect(response.error?.message).not.toContain('one two');
    }
    expect(s.readAuth()).toBeNull();
    expect(client.notifications()).toEqual([]);
  });

  it('login_account_api_key_rejected_when_forced_chatgpt', async () => {
    s = await scenario({ config: 'forced_login_method = "chatgpt"' });
    const client = await s.start();
    const response = await client.request('account/login/start', { type: 'apiKey', apiKey: 'sk-test-forced12345' });
    expect(response.error).toEqual({ code: -32600, message: 'API key login is disabled. Use ChatGPT login instead.' });
    expect(s.readAuth()).toBeNull();
  });

  it('login_account_chatgpt_rejected_when_forced_api: browser, device code and external tokens', async () => {
    s = await scenario({ config: 'forced_login_method = "api"' });
    const client = await s.start({ experimentalApi: true });
    for (const type of ['chatgpt', 'chatgptDeviceCode']) {
      expect((await client.request('account/login/start', { type })).error).toEqual({
        code: -32600, message: 'ChatGPT login is disabled. Use API key login instead.',
      });
    }
    const tokens = await client.request('account/login/start', { type: 'chatgptAuthTokens', accessToken: 'a.b.c', chatgptAccountId: 'acct' });
    expect(tokens.error).toEqual({ code: -32600, message: 'External ChatGPT auth is disabled. Use API key login instead.' });
  });

  it('browser sign-in: loginId and authUrl; the browser step completes it; completed then updated', async () => {
    s = await scenario();
    const client = await s.start();
    const started = await client.call<{ type: string; loginId: string; authUrl: string }>('account/login/start', { type: 'chatgpt' });
    expect(started.type).toBe('chatgpt');
    expect(started.loginId).toMatch(/^[0-9a-f-]{36}$/);
    const authUrl = new URL(started.authUrl);
    expect(`${authUrl.origin}${authUrl.pathname}`).toBe(`${s.authority.url}/oauth/authorize`);
    expect(authUrl.searchParams.get('originator')).toBe('codex-test'); // the client's name, as the real server sends
    // The client opens the URL; the authority sends the browser back to the callback server.
    const page = await fetch(started.authUrl);
    expect(page.status).toBe(200);
    expect(await client.notification('account/login/completed')).toEqual({ loginId: started.loginId, success: true, error: null, onboardingEntrypoint: null });
    expect(await client.notification('account/updated')).toEqual({ authMode: 'chatgpt', planType: 'plus', reason: null });
    expect(s.readAuth()).toMatchObject({ auth_mode: 'chatgpt', tokens: { account_id: ALICE.accountId } });
    expect(await client.call('account/read', {})).toMatchObject({ account: { type: 'chatgpt', email: ALICE.email, planType: 'plus' }, requiresOpenaiAuth: true });
  });

  it('login_account_chatgpt_includes_forced_workspace_query_param', async () => {
    s = await scenario({ config: `forced_chatgpt_workspace_id = "${ALICE.accountId}"` });
    const client = await s.start();
    const { authUrl } = await client.call<{ authUrl: string }>('account/login/start', { type: 'chatgpt' });
    expect(new URL(authUrl).searchParams.get('allowed_workspace_id')).toBe(ALICE.accountId);
  });

  it('login_account_chatgpt_start_can_be_cancelled: canceled, completed with success false, the port freed; then notFound', async () => {
    s = await scenario();
    const client = await s.start();
    const { loginId, authUrl } = await client.call<{ loginId: string; authUrl: string }>('account/login/start', { type: 'chatgpt' });
    const callback = new URL(new URL(authUrl).searchParams.get('redirect_uri')!);
    expect(await client.call('account/login/cancel', { loginId })).toEqual({ status: 'canceled' });
    expect(await client.notification('account/login/completed')).toEqual({
      loginId, success: false, error: 'Login server error: Login was not completed', onboardingEntrypoint: null,
    });
    await expect(fetch(`http://127.0.0.1:${callback.port}/auth/callback`)).rejects.toThrow();
    expect(await client.call('account/login/cancel', { loginId })).toEqual({ status: 'notFound' });
    expect((await client.request('account/login/cancel', { loginId: 'not-a-uuid' })).error).toEqual({
      code: -32600, message: 'invalid login id: not-a-uuid',
    });
    expect(client.notifications('account/updated')).toEqual([]);
  });

  it('the 10-minute browser timeout (shortened here) ends the sign-in with "Login timed out"', async () => {
    s = await scenario();
    const client = await s.start({ env: { CODEX_LOGIN_TIMEOUT_MS: '200' } });
    const { loginId } = await client.call<{ loginId: string }>('account/login/start', { type: 'chatgpt' });
    expect(await client.notification('account/login/completed')).toEqual({ loginId, success: false, error: 'Login server error: Login timed out', onboardingEntrypoint: null });
  });

  it('on a fixed port too, a new start ends the one in progress as "Login cancelled"', async () => {
    s = await scenario();
    const port = await freePort();
    const client = await s.start({ env: { CODEX_LOGIN_PORT: String(port) } });
    const first = await client.call<{ loginId: string }>('account/login/start', { type: 'chatgpt' });
    const second = await client.call<{ loginId: string; authUrl: string }>('account/login/start', { type: 'chatgpt' });
    expect(await client.notification('account/login/completed')).toEqual({
      loginId: first.loginId, success: false, error: 'Login server error: Login cancelled', onboardingEntrypoint: null,
    });
    expect(new URL(new URL(second.authUrl).searchParams.get('redirect_uri')!).port).toBe(String(port));
  });

  it('starting a sign-in cancels the one in progress', async () => {
    s = await scenario();
    const client = await s.start();
    const first = await client.call<{ loginId: string }>('account/login/start', { type: 'chatgpt' });
    const second = await client.call<{ loginId: string }>('account/login/start', { type: 'chatgpt' });
    expect(await client.notification('account/login/completed')).toEqual({
      loginId: first.loginId, success: false, error: 'Login server error: Login cancelled', onboardingEntrypoint: null,
    });
    expect(await client.call('account/login/cancel', { loginId: first.loginId })).toEqual({ status: 'notFound' });
    expect(await client.call('account/login/cancel', { loginId: second.loginId })).toEqual({ status: 'canceled' });
  });

  it('login_account_chatgpt_device_code_succeeds_and_notifies', async () => {
    s = await scenario();
    const client = await s.start();
    const started = await client.call<{ loginId: string; verificationUrl: string; userCode: string }>('account/login/start', { type: 'chatgptDeviceCode' });
    expect(started).toMatchObject({ type: 'chatgptDeviceCode', verificationUrl: `${s.authority.url}/codex/device` });
    expect(started.userCode).toMatch(/^[0-9A-F]{4}-[0-9A-F]{6}$/);
    expect(await client.notification('account/login/completed')).toEqual({ loginId: started.loginId, success: true, error: null, onboardingEntrypoint: null });
    expect(await client.notification('account/updated')).toEqual({ authMode: 'chatgpt', planType: 'plus', reason: null });
    expect(s.readAuth()).toMatchObject({ auth_mode: 'chatgpt' });
  });

  it('login_account_chatgpt_device_code_returns_error_when_disabled: the 404 message, no notification, no file', async () => {
    s = await scenario({ behavior: { deviceCodeEnabled: false } });
    const client = await s.start();
    const response = await client.request('account/login/start', { type: 'chatgptDeviceCode' });
    expect(response.error).toEqual({
      code: -32600,
      message: 'device code login is not enabled for this Codex server. Use the browser login or verify the server URL.',
    });
    await client.call('account/read', {}); // a round trip: anything queued would have arrived by now
    expect(client.notifications()).toEqual([]);
    expect(s.readAuth()).toBeNull();
  });

  it('login_account_chatgpt_device_code_failure_notifies_without_account_update', async () => {
    s = await scenario({ behavior: { devicePollFailure: 401 } });
    const client = await s.start();
    const { loginId } = await client.call<{ loginId: string }>('account/login/start', { type: 'chatgptDeviceCode' });
    const completed = await client.notification('account/login/completed');
    expect(completed).toMatchObject({ loginId, success: false });
    expect(completed.error).toContain('device auth failed with status');
    await client.call('account/read', {});
    expect(client.notifications('account/updated')).toEqual([]);
  });

  it('a device-code sign-in to a workspace outside forced_chatgpt_workspace_id fails and writes nothing', async () => {
    s = await scenario({ config: `forced_chatgpt_workspace_id = ["${BOB.accountId}"]` }); // the authority signs in Alice
    const client = await s.start();
    const { loginId } = await client.call<{ loginId: string }>('account/login/start', { type: 'chatgptDeviceCode' });
    expect(await client.notification('account/login/completed')).toEqual({
      loginId, success: false, error: `Login is restricted to workspace id(s) ${BOB.accountId}.`, onboardingEntrypoint: null,
    });
    await client.call('account/read', {});
    expect(client.notifications('account/updated')).toEqual([]);
    expect(s.readAuth()).toBeNull();
  });

  it('login_account_chatgpt_device_code_can_be_cancelled', async () => {
    s = await scenario({ behavior: { devicePendingPolls: 1_000_000 } });
    const client = await s.start();
    const { loginId } = await client.call<{ loginId: string }>('account/login/start', { type: 'chatgptDeviceCode' });
    expect(await client.call('account/login/cancel', { loginId })).toEqual({ status: 'canceled' });
    expect(await client.notification('account/login/completed')).toEqual({ loginId, success: false, error: 'Login was not completed', onboardingEntrypoint: null });
    expect(s.readAuth()).toBeNull();
  });
});

describe('account/logout', () => {
  it('logout_account_removes_auth_and_notifies: revokes, deletes the file, account/updated with nulls', async () => {
    s = await scenario();
    const auth = s.seedChatgpt(ALICE);
    const client = await s.start();
    expect(await client.call('account/logout')).toEqual({});
    expect(await client.notification('account/updated')).toEqual({ authMode: null, planType: null, reason: null });
    expect(s.readAuth()).toBeNull();
    expect(s.authority.requests.some((r) => r.path === '/oauth/revoke' && r.body.token === auth.tokens.refresh_token)).toBe(true);
    expect(await client.call('account/read', {})).toMatchObject({ account: null, requiresOpenaiAuth: true });
  });
});

describe('account/rateLimits/read', () => {
  it('reads the ChatGPT usage endpoint with the bearer and account id', async () => {
    s = await scenario();
    s.seedChatgpt(ALICE);
    const client = await s.start();
    const result = await client.call<{ rateLimits: Record<string, unknown> }>('account/rateLimits/read');
    expect(result.rateLimits).toMatchObject({
      limitId: 'codex',
      primary: { usedPercent: 25, windowDurationMins: 300, resetsAt: 1893456000 },
      secondary: { usedPercent: 80, windowDurationMins: 10080, resetsAt: 1894060800 },
      credits: { hasCredits: true, unlimited: false, balance: '5.39' },
      planType: 'plus',
    });
    const usage = s.authority.requests.find((r) => r.path === '/backend-api/wham/usage')!;
    expect(usage.headers['chatgpt-account-id']).toBe(ALICE.accountId);
  });

  it('refuses without a sign-in and with an API key, with the real messages', async () => {
    s = await scenario();
    const client = await s.start();
    expect((await client.request('account/rateLimits/read')).error).toEqual({ code: -32600, message: 'codex account authentication required to read rate limits' });
    s.writeAuth({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-test-limits12345' });
    expect((await client.request('account/rateLimits/read')).error).toEqual({ code: -32600, message: 'chatgpt authentication required to read rate limits' });
  });
});

describe('an Agent Identity JWT (recorded from 0.171)', () => {
  it('is a ChatGPT account with what its claims name once verified and registered; one that fails verification is no account', async () => {
    const agents = await startAgentIdentityServer();
    try {
      s = await scenario();
      // The production chatgpt_base_url 0.171 requires for agent identities; its JWKS and registration point here.
      writeFileSync(join(s.home, 'config.toml'), `openai_base_url = "${s.authority.openaiBaseUrl}"\n`);
      s.writeAuth({ auth_mode: 'agentIdentity', OPENAI_API_KEY: null, agent_identity: agents.mint({ claims: { plan_type: 'hc' } }) });
      const client = await s.start({ env: agents.env });
      expect(await client.call('account/read', {})).toEqual({
        account: { type: 'chatgpt', email: 'agent@example.com', planType: 'enterprise' }, userId: 'user-agent', requiresOpenaiAuth: true, workspaceRouting: null,
      });
      expect(await client.call('getAuthStatus', { includeToken: true })).toEqual({ authMethod: 'agentIdentity', authToken: null, requiresOpenaiAuth: true });
      expect(agents.registered).toHaveLength(2); // each answer checked it again, as 0.171 does
      s.writeAuth({ auth_mode: 'agentIdentity', OPENAI_API_KEY: null, agent_identity: agents.mint({ signer: 'untrusted' }) });
      const refused = await s.start({ env: agents.env });
      expect(await refused.call('account/read', {})).toMatchObject({ account: null, userId: null });
      expect(await refused.call('getAuthStatus', { includeToken: true })).toEqual({ authMethod: null, authToken: null, requiresOpenaiAuth: true });
      expect(agents.registered).toHaveLength(2);
    } finally {
      await agents.close();
    }
  });
});

describe('getAuthStatus (v1)', () => {
  it('no auth; an API key with and without includeToken', async () => {
    s = await scenario();
    const client = await s.start();
    expect(await client.call('getAuthStatus', { includeToken: true })).toEqual({ authMethod: null, authToken: null, requiresOpenaiAuth: true });
    s.writeAuth({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-test-status12345' });
    expect(await client.call('getAuthStatus', { includeToken: true, refreshToken: false })).toEqual({
      authMethod: 'apikey', authToken: 'sk-test-status12345', requiresOpenaiAuth: true,
    });
    expect(await client.call('getAuthStatus', {})).toEqual({ authMethod: 'apikey', authToken: null, requiresOpenaiAuth: true });
  });

  it('the token is omitted after a permanent refresh failure', async () => {
    s = await scenario({ behavior: { refreshFailure: { status: 401, code: 'refresh_token_reused' } } });
    s.seedChatgpt(BOB, { accessTtlSeconds: -60 });
    const client = await s.start();
    expect(await client.call('getAuthStatus', { includeToken: true })).toEqual({ authMethod: 'chatgpt', authToken: null, requiresOpenaiAuth: true });
  });

  it('a proactive refresh that recovers returns the new token', async () => {
    s = await scenario();
    s.seedChatgpt(ALICE, { accessTtlSeconds: -60 });
    const client = await s.start();
    const status = await client.call<{ authToken: string }>('getAuthStatus', { includeToken: true });
    expect(status.authToken).toBe((s.readAuth()!.tokens as { access_token: string }).access_token);
    expect(s.authority.count('/oauth/token', 'refresh_token')).toBe(1);
  });
});


