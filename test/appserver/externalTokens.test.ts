// Tokens owned by the parent app (`chatgptAuthTokens`, §6.3, §10.2): held in memory only, and
// refreshed through the client when the backend answers 401. account/rateLimits/read is the
// backend request that exercises the whole path.
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, makeAccessToken } from '../support/jwt.js';
import { NO_ANSWER, RpcReplyError } from './client.js';
import { scenario, type Scenario } from './setup.js';

let s: Scenario;
afterEach(async () => {
  await s.close();
});

/** An access token the backend accepts (as if the parent app had obtained it from the authority). */
function issuedToken(account = ALICE): string {
  const token = makeAccessToken(account);
  s.authority.seedAuth({ tokens: { access_token: token, refresh_token: 'unused' } }, account);
  return token;
}

const tokensParams = (accessToken: string, accountId = ALICE.accountId, plan: string | null = 'pro') => ({
  type: 'chatgptAuthTokens', accessToken, chatgptAccountId: accountId, chatgptPlanType: plan,
});

describe('chatgptAuthTokens', () => {
  it('is refused without the experimentalApi capability', async () => {
    s = await scenario();
    const client = await s.start({ experimentalApi: false });
    expect((await client.request('account/login/start', tokensParams(issuedToken()))).error).toEqual({
      code: -32600, message: 'account/login/start.chatgptAuthTokens requires experimentalApi capability',
    });
  });

  it('set_auth_token_updates_account_and_notifies; held in memory only, never in a store', async () => {
    s = await scenario();
    const client = await s.start({ experimentalApi: true });
    expect(await client.call('account/login/start', tokensParams(issuedToken()))).toEqual({ type: 'chatgptAuthTokens' });
    expect(await client.notification('account/login/completed')).toEqual({ loginId: null, success: true, error: null, onboardingEntrypoint: null });
    expect(await client.notification('account/updated')).toEqual({ authMode: 'chatgptAuthTokens', planType: 'pro', reason: null });
    expect(await client.call('account/read', {})).toMatchObject({ account: { type: 'chatgpt', email: null, planType: 'pro' }, requiresOpenaiAuth: true });
    expect(s.readAuth()).toBeNull();
    expect(readdirSync(s.home).filter((name) => name.startsWith('auth') && name.endsWith('.json'))).toEqual([]);
  });

  it('the plan comes from the token when the client gives none, else "unknown"', async () => {
    s = await scenario();
    const client = await s.start({ experimentalApi: true });
    await client.call('account/login/start', tokensParams(issuedToken(BOB), BOB.accountId, null));
    expect(await client.call('account/read', {})).toMatchObject({ account: { planType: 'team' } });
    await client.call('account/login/start', tokensParams(issuedToken({ ...BOB, plan: null }), BOB.accountId, null));
    expect(await client.call('account/read', {})).toMatchObject({ account: { planType: 'unknown' } });
  });

  it('an access token that is not a JWT is refused and changes nothing', async () => {
    s = await scenario();
    const client = await s.start({ experimentalApi: true });
    const response = await client.request('account/login/start', tokensParams('not-a-jwt'));
    expect(response.error?.code).toBe(-32603);
    expect(response.error?.message).toMatch(/^failed to set external auth: /);
    expect(response.error?.message).not.toContain('not-a-jwt');
    expect(await client.call('account/read', {})).toMatchObject({ account: null, requiresOpenaiAuth: true });
  });

  it('a workspace outside forced_chatgpt_workspace_id is refused with the real message', async () => {
    s = await scenario({ config: `forced_chatgpt_workspace_id = ["${BOB.accountId}"]` });
    const client = await s.start({ experimentalApi: true });
    expect((await client.request('account/login/start', tokensParams(issuedToken()))).error).toEqual({
      code: -32600, message: `External auth must use one of workspace(s) ["${BOB.accountId}"], but received "${ALICE.accountId}".`,
    });
  });

  it('while external tokens are active, the other sign-ins are refused; logout clears them', async () => {
    s = await scenario();
    const client = await s.start({ experimentalApi: true });
    await client.call('account/login/start', tokensParams(issuedToken()));
    const refused = 'External auth is active. Use account/login/start (chatgptAuthTokens) to update it or account/logout to clear it.';
    for (const params of [{ type: 'apiKey', apiKey: 'sk-test-refused1234' }, { type: 'chatgpt' }, { type: 'chatgptDeviceCode' }]) {
      expect((await client.request('account/login/start', params)).error).toEqual({ code: -32600, message: refused });
    }
    expect(await client.call('account/logout')).toEqual({});
    expect(await client.notification('account/updated', (p) => p.authMode === null)).toEqual({ authMode: null, planType: null, reason: null });
    expect(await client.call('account/read', {})).toMatchObject({ account: null, requiresOpenaiAuth: true });
  });

  it('set_auth_token_cancels_active_chatgpt_login', async () => {
    s = await scenario();
    const client = await s.start({ experimentalApi: true });
    const { loginId } = await client.call<{ loginId: string }>('account/login/start', { type: 'chatgpt' });
    await client.call('account/login/start', tokensParams(issuedToken()));
    expect(await client.notification('account/login/completed', (p) => p.loginId === loginId)).toMatchObject({ success: false });
    expect(await client.call('account/login/cancel', { loginId })).toEqual({ status: 'notFound' });
  });

  it('account_read_refresh_token_is_noop_in_external_mode', async () => {
    s = await scenario();
    const client = await s.start({ experimentalApi: true });
    await client.call('account/login/start', tokensParams(issuedToken()));
    await client.call('account/read', { refreshToken: true });
    expect(s.authority.count('/oauth/token')).toBe(0);
    expect(client.received.filter((m) => m.method === 'account/chatgptAuthTokens/refresh')).toEqual([]);
  });
});

describe('refresh through the client on 401', () => {
  it('external_auth_refreshes_on_unauthorized: asks the client, retries once with the new bearer', async () => {
    s = await scenario();
    const client = await s.start({ experimentalApi: true });
    const stale = makeAccessToken(ALICE); // the backend does not know it: 401
    await client.call('account/login/start', tokensParams(stale));
    const fresh = issuedToken();
    const asked: Record<string, unknown>[] = [];
    client.onRequest('account/chatgptAuthTokens/refresh', (params) => {
      asked.push(params);
      return { accessToken: fresh, chatgptAccountId: ALICE.accountId, chatgptPlanType: 'pro' };
    });
    const result = await client.call<{ rateLimits: { limitId: string } }>('account/rateLimits/read');
    expect(result.rateLimits.limitId).toBe('codex');
    expect(asked).toEqual([{ reason: 'unauthorized', previousAccountId: ALICE.accountId }]);
    const bearers = s.authority.requests.filter((r) => r.path === '/backend-api/wham/usage').map((r) => r.headers.authorization);
    expect(bearers).toEqual([`Bearer ${stale}`, `Bearer ${fresh}`]);
    // The new tokens stay in use: the next read needs no refresh.
    await client.call('account/rateLimits/read');
    expect(asked).toHaveLength(1);
  });

  it('external_auth_refresh_error_fails_turn: an error answer fails that request, the server stays healthy', async () => {
    s = await scenario();
    const client = await s.start({ experimentalApi: true });
    await client.call('account/login/start', tokensParams(makeAccessToken(ALICE)));
    client.onRequest('account/chatgptAuthTokens/refresh', () => new RpcReplyError(-32000, 'host has no tokens'));
    expect((await client.request('account/rateLimits/read')).error).toEqual({
      code: -32603, message: 'auth refresh request failed: code=-32000 message=host has no tokens',
    });
    expect(await client.call('account/read', {})).toMatchObject({ account: { type: 'chatgpt' } });
  });

  it('external_auth_refresh_mismatched_workspace_fails_turn', async () => {
    s = await scenario({ config: `forced_chatgpt_workspace_id = ["${ALICE.accountId}"]` });
    const client = await s.start({ experimentalApi: true });
    await client.call('account/login/start', tokensParams(makeAccessToken(ALICE)));
    client.onRequest('account/chatgptAuthTokens/refresh', () => ({ accessToken: issuedToken(BOB), chatgptAccountId: BOB.accountId }));
    expect((await client.request('account/rateLimits/read')).error).toEqual({
      code: -32603, message: `external auth refresh returned workspace "${BOB.accountId}", expected one of ["${ALICE.accountId}"]`,
    });
  });

  it('external_auth_refresh_invalid_access_token_fails_turn', async () => {
    s = await scenario();
    const client = await s.start({ experimentalApi: true });
    await client.call('account/login/start', tokensParams(makeAccessToken(ALICE)));
    client.onRequest('account/chatgptAuthTokens/refresh', () => ({ accessToken: 'garbage', chatgptAccountId: ALICE.accountId }));
    const response = await client.request('account/rateLimits/read');
    expect(response.error?.code).toBe(-32603);
    expect(response.error?.message).toMatch(/^external auth refresh returned an invalid access token/);
    expect(response.error?.message).not.toContain('garbage');
  });

  it('an answer without ChatGPT metadata fails the request', async () => {
    s = await scenario();
    const client = await s.start({ experimentalApi: true });
    await client.call('account/login/start', tokensParams(makeAccessToken(ALICE)));
    client.onRequest('account/chatgptAuthTokens/refresh', () => ({ accessToken: issuedToken() }));
    expect((await client.request('account/rateLimits/read')).error).toEqual({ code: -32603, message: 'external auth refresh did not return ChatGPT metadata' });
  });

  it('a client that never answers: the request fails after 10 s and the server keeps serving', async () => {
    s = await scenario();
    const client = await s.start({ experimentalApi: true });
    await client.call('account/login/start', tokensParams(makeAccessToken(ALICE)));
    client.onRequest('account/chatgptAuthTokens/refresh', () => NO_ANSWER);
    const pending = client.request('account/rateLimits/read');
    // Other requests are answered while the refresh waits.
    expect(await client.call('account/read', {})).toMatchObject({ account: { type: 'chatgpt' } });
    expect((await pending).error).toEqual({ code: -32603, message: 'auth refresh request timed out after 10s' });
    expect(await client.call('account/read', {})).toMatchObject({ account: { type: 'chatgpt' } });
  }, 30_000);
});
