// Browser sign-in end to end: the built `bin/codex` in a pseudo-terminal, the loopback authority,
// and headless Chromium as the person's browser (BROWSER), following the real redirects.
import { afterEach, describe, expect, test } from 'vitest';
import { e2eEnv, type E2eEnv } from '../support/e2eEnv.js';
import { chromiumUnavailable } from '../support/headlessBrowser.js';
import { ALICE } from '../support/jwt.js';
import { KEYS } from '../support/pty.js';
import { runInComposer } from './harness/composer.js';

let bench: E2eEnv | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

/** What the real CLI writes for an API key (§1.2). */
const API_KEY_AUTH = { auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-previouskey0000000000000000000000000000' };

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));

const noChromium = chromiumUnavailable('the browser sign-in tests (headless Chromium)');

// Generous limits: a cold Chromium on two busy cores can take many seconds to start; the tests wait
// for what it does, never for a fixed time (more than E2E_TEST_TIMEOUT_MS: Chromium's own waits are 60 s).
describe.skipIf(noChromium !== null)('browser sign-in with headless Chromium', { timeout: 120_000 }, () => {
  test('from the picker: success page in the browser, auth.json for Alice, then the home screen', async () => {
    bench = await e2eEnv();
    const codex = bench.pty([], { cols: 100, rows: 30 });
    await codex.waitFor('Welcome to Codex');
    codex.write('1');

    const home = await codex.waitFor('Type / for commands', { timeoutMs: 60_000 });
    expect(home).toContain('Signed in as alice@example.com (Plus)');
    expect(home).toContain('✓ Signed in as alice@example.com (Plus)');

    const auth = bench.authJson()!;
    expect(bench.authFileMode()).toBe(0o600);
    expect(auth.auth_mode).toBe('chatgpt');
    expect(auth.tokens.account_id).toBe(ALICE.accountId);
    expect(claims(auth.tokens.id_token).email).toBe(ALICE.email);
    expect(auth.tokens.refresh_token).toMatch(/^rt_/);
    expect(auth.OPENAI_API_KEY).toMatch(/^sk-proj-exchanged/); // §3.6: the browser flow also gets a key
    expect(Date.now() - Date.parse(auth.last_refresh)).toBeLessThan(60_000);
    expect(bench.authority.count('/oauth/authorize')).toBe(1);
    expect(bench.authority.count('/oauth/token', 'authorization_code')).toBe(1);

    const dom = await bench.browser!.waitForDom();
    expect(dom).toContain('<title>Signed in to Codex</title>');
    expect(dom).toContain('Signed in to Codex');
    for (const secret of [auth.tokens.access_token, auth.tokens.refresh_token, auth.tokens.id_token, auth.OPENAI_API_KEY]) {
      expect(dom).not.toContain(secret);
      expect(codex.raw()).not.toContain(secret);
    }
  });

  test('`codex login` without a TTY UI: URL on stderr, Chromium signs in, exit 0', async () => {
    bench = await e2eEnv();
    const result = await bench.run(['login']);
    expect(result.stderr).toMatch(/http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?response_type=code&/);
    expect(result.stderr).toContain('Successfully logged in');
    expect(result.code).toBe(0);
    expect(bench.authJson()!.tokens.account_id).toBe(ALICE.accountId);
    expect(bench.authFileMode()).toBe(0o600);
    expect(await bench.browser!.waitForDom()).toContain('Signed in to Codex');
  });

  test('access_denied with missing_codex_entitlement: the message on screen and in the browser, nothing saved', async () => {
    bench = await e2eEnv({ behavior: { authorizeError: { error: 'access_denied', error_description: 'missing_codex_entitlement' } } });
    const codex = bench.pty([], { cols: 120, rows: 30 });
    await codex.waitFor('Welcome to Codex');
    codex.write('1');

    await codex.waitFor('Codex is not enabled for your workspace. Contact your workspace administrator to request access to Codex.', { timeoutMs: 60_000 });
    expect(codex.screen()).toContain('Sign in with ChatGPT'); // back on the picker, free to retry
    const dom = await bench.browser!.waitForDom();
    expect(dom).toContain('You do not have access to Codex');
    expect(dom).toContain('Contact your workspace administrator');
    expect(dom).not.toContain('missing_codex_entitlement');
    expect(bench.authBytes()).toBeNull();
    expect(bench.authority.count('/oauth/token')).toBe(0);
  });

  test('token endpoint 500 while switching from an API key: clear error, previous auth.json byte for byte', async () => {
    bench = await e2eEnv({ behavior: { codeExchangeStatus: 500 } });
    const before = bench.seedAuthJson(API_KEY_AUTH);
    const codex = bench.pty([], { cols: 120, rows: 30 });
    await codex.waitFor('Using API key');
    await runInComposer(codex, '/login');
    await codex.waitFor('Switch account or sign-in method');
    codex.write('1');

    await codex.waitFor(/Token exchange failed: .*500/, { timeoutMs: 60_000 });
    const dom = await bench.browser!.waitForDom();
    expect(dom).toContain('Sign-in could not be completed');
    expect(dom).toContain('token_exchange_failed');
    expect(bench.authBytes()).toEqual(before);
    expect(bench.authority.count('/oauth/token', 'authorization_code')).toBe(1);

    codex.write(KEYS.escape); // back home: still the API key
    await codex.waitFor('Using API key');
    expect(bench.authBytes()).toEqual(before);
  });
});
