// A long-running app-server shares CODEX_HOME with other processes (the TUI, `codex login`, the
// real CLI): whatever they sign in, refresh or log out is what the next account/read reports, and
// account/updated tells the client when the account changed. A refresh another process made for
// the same account is adopted, never reported as a reason to sign in again.
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB } from '../support/jwt.js';
import { baseEnv, runCodex } from '../cli/runCodex.js';
import { scenario, type Scenario } from './setup.js';

let s: Scenario;
afterEach(async () => {
  await s.close();
});

const otherCodex = (args: string[], input?: string) =>
  runCodex(args, { env: { ...baseEnv(s.home), CODEX_AUTH_ISSUER: s.authority.url }, input });

describe('another process changes the store', () => {
  it('signs in with an API key: the next account/read says so, after account/updated', async () => {
    s = await scenario();
    s.seedChatgpt(ALICE);
    const client = await s.start();
    expect(await client.call('account/read', {})).toMatchObject({ account: { type: 'chatgpt', email: ALICE.email } });
    expect((await otherCodex(['login', '--with-api-key'], 'sk-test-otherproc12345')).code).toBe(0);
    expect(await client.call('account/read', {})).toMatchObject({ account: { type: 'apiKey' }, requiresOpenaiAuth: true });
    expect(await client.notification('account/updated')).toEqual({ authMode: 'apikey', planType: null, reason: null });
  });

  it('signs in as another ChatGPT account, then logs out', async () => {
    s = await scenario();
    s.seedChatgpt(ALICE);
    const client = await s.start();
    await client.call('account/read', {});
    s.seedChatgpt(BOB);
    expect(await client.call('account/read', {})).toMatchObject({ account: { type: 'chatgpt', email: BOB.email, planType: 'team' } });
    expect(await client.notification('account/updated')).toEqual({ authMode: 'chatgpt', planType: 'team', reason: null });
    expect((await otherCodex(['logout'])).code).toBe(0);
    expect(await client.call('account/read', {})).toMatchObject({ account: null, requiresOpenaiAuth: true });
    expect(await client.notification('account/updated')).toEqual({ authMode: null, planType: null, reason: null });
  });

  it('refreshes our tokens: adopted without a second refresh, no account/updated, and never "sign in again"', async () => {
    s = await scenario();
    s.seedChatgpt(ALICE);
    const client = await s.start();
    const refreshesAtStart = s.authority.count('/oauth/token', 'refresh_token');
    // Another codex refreshes (the authority rotates the refresh token: ours is now spent).
    s.seedChatgpt(ALICE, { accessTtlSeconds: -60 });
    expect((await otherCodex(['login', 'status'])).code).toBe(0);
    const refreshes = s.authority.count('/oauth/token', 'refresh_token');
    expect(refreshes).toBe(refreshesAtStart + 1);
    expect(await client.call('account/read', {})).toMatchObject({ account: { type: 'chatgpt', email: ALICE.email } });
    expect((await client.call<{ rateLimits: unknown }>('account/rateLimits/read')).rateLimits).toBeTruthy();
    expect(s.authority.count('/oauth/token', 'refresh_token')).toBe(refreshes);
    // Asked to refresh, it refreshes the adopted tokens (whose refresh token is the live one).
    expect(await client.call('account/read', { refreshToken: true })).toMatchObject({ account: { type: 'chatgpt', email: ALICE.email } });
    expect(s.authority.count('/oauth/token', 'refresh_token')).toBe(refreshes + 1);
    await client.call('account/read', {}); // a round trip: a notification would have arrived by now
    expect(client.notifications('account/updated')).toEqual([]);
  });

  it('a change made while a sign-in is open is announced once that sign-in ends', async () => {
    s = await scenario();
    const client = await s.start();
    const { loginId } = await client.call<{ loginId: string }>('account/login/start', { type: 'chatgpt' });
    expect((await otherCodex(['login', '--with-api-key'], 'sk-test-meanwhile12345')).code).toBe(0);
    await client.call('account/login/cancel', { loginId });
    expect(await client.notification('account/updated')).toEqual({ authMode: 'apikey', planType: null, reason: null });
    expect(await client.notification('account/login/completed')).toMatchObject({ loginId, success: false });
  });

  it('without any request, the store watch sends account/updated when another process signs in', async () => {
    s = await scenario();
    const client = await s.start();
    expect(await client.call('account/read', {})).toMatchObject({ account: null });
    expect((await otherCodex(['login', '--with-api-key'], 'sk-test-watched12345')).code).toBe(0);
    expect(await client.notification('account/updated')).toEqual({ authMode: 'apikey', planType: null, reason: null });
  }, 30_000);
});
