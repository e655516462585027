// The home screen with a saved ChatGPT sign-in: /status with live usage limits, a rejected access
// token recovered by one refresh, a reused refresh token at start-up, and /logout.
import { afterEach, describe, expect, test } from 'vitest';
import { E2E_TEST_TIMEOUT_MS, e2eEnv, type E2eEnv } from '../support/e2eEnv.js';
import { ALICE, chatgptAuthJson } from '../support/jwt.js';
import { sleep } from '../support/pty.js';
import { runInComposer } from './harness/composer.js';

/** §5.3's reason; the banner gives one next step (/login) instead of "Please log out and sign in again." */
const REUSED_MESSAGE = 'Your access token could not be refreshed because your refresh token was already used.';

let bench: E2eEnv | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

/** A signed-in Alice: auth.json on disk, her tokens known to the authority. */
async function signedInAlice(options: Parameters<typeof chatgptAuthJson>[1] = {}, behavior = {}) {
  const b = await e2eEnv({ browser: 'none', behavior });
  const auth = chatgptAuthJson(ALICE, options);
  const bytes = b.seedChatgpt(auth);
  return { b, auth, bytes };
}

describe('home screen', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  test('/status shows the usage limits as bars with percentages', async () => {
    const { b } = await signedInAlice();
    bench = b;
    const codex = b.pty([], { cols: 120, rows: 40 });
    await codex.waitFor('Signed in as alice@example.com (Plus)');
    await runInComposer(codex, '/status');

    const screen = await codex.waitFor(/80% used/);
    expect(screen).toContain('Usage limits');
    expect(screen).toMatch(/\[█+░+\] 25% used/); // 24.5 % of the 5-hour window
    expect(screen).toMatch(/\[█+░*\] 80% used/);
    expect(screen).toContain('alice@example.com');
    expect(b.authority.count('/backend-api/wham/usage')).toBe(1);
    expect(b.authority.count('/oauth/token')).toBe(0);
  });

  test('a 401 on /status is recovered by exactly one refresh', async () => {
    const { b, auth } = await signedInAlice();
    bench = b;
    b.authority.revokeAccessToken(auth.tokens.access_token);
    const codex = b.pty([], { cols: 120, rows: 40 });
    await codex.waitFor('Signed in as alice@example.com (Plus)');
    await runInComposer(codex, '/status');

    await codex.waitFor(/25% used/);
    expect(b.authority.count('/oauth/token', 'refresh_token')).toBe(1);
    // §6.2: at most two retries of the request (after the reload, after the refresh).
    expect(b.authority.count('/backend-api/wham/usage')).toBeGreaterThanOrEqual(2);
    expect(b.authority.count('/backend-api/wham/usage')).toBeLessThanOrEqual(3);
    const saved = b.authJson()!;
    expect(saved.tokens.access_token).not.toBe(auth.tokens.access_token);
    expect(saved.tokens.refresh_token).not.toBe(auth.tokens.refresh_token);
    expect(b.authFileMode()).toBe(0o600);
  });

  test('refresh_token_reused at start-up: the exact message in a banner, auth.json untouched', async () => {
    const { b, bytes } = await signedInAlice(
      { accessTtlSeconds: -60 },
      { refreshFailure: { status: 401, code: 'refresh_token_reused', message: 'Your refresh token has already been used.' } },
    );
    bench = b;
    const codex = b.pty([], { cols: 200, rows: 40 });
    const screen = await codex.waitFor(REUSED_MESSAGE);
    expect(screen).toMatch(/✗ Your access token could not be refreshed/); // an error banner
    expect(screen).toContain('/login'); // and what to do about it, once
    expect(screen).not.toContain('Please log out and sign in again');
    await sleep(500);
    expect(b.authority.count('/oauth/token', 'refresh_token')).toBe(1);
    expect(b.authBytes()).toEqual(bytes);
  });

  test('/logout removes auth.json, revokes the token and shows the picker', async () => {
    const { b, auth } = await signedInAlice();
    bench = b;
    const codex = b.pty([], { cols: 120, rows: 40 });
    await codex.waitFor('Signed in as alice@example.com (Plus)');
    await runInComposer(codex, '/logout');

    await codex.waitFor('✓ Signed out.');
    await codex.waitFor('Welcome to Codex');
    expect(codex.screen()).toContain('Sign in with ChatGPT');
    expect(b.authBytes()).toBeNull();
    const revokes = b.authority.requests.filter((r) => r.path === '/oauth/revoke');
    expect(revokes).toHaveLength(1);
    expect(revokes[0]!.body.token).toBe(auth.tokens.refresh_token);
  });
});
