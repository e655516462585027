// The browser sign-in against the loopback authority, with real HTTP for every hop
// (mirrors codex-rs login_server_e2e.rs, plus state, cancel and timeout behaviour).
import { writeFileSync, mkdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LoginError } from '../../src/oauth/types.js';
import { ALICE, BOB, chatgptAuthJson } from '../support/jwt.js';
import { browse, callbackUrlFor, loginHarness, manualClock, type LoginHarness } from '../support/loginHarness.js';

let bench: LoginHarness | null = null;
afterEach(async () => {
  await bench?.close();
  bench = null;
});

const start = async (options: Parameters<typeof loginHarness>[0] = {}) => (bench = await loginHarness(options));
const rejection = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a rejection'); }, (error: unknown) => error as LoginError);

function seedPreviousLogin(h: LoginHarness): Buffer {
  mkdirSync(h.codexHome, { recursive: true });
  writeFileSync(h.authPath, `${JSON.stringify(chatgptAuthJson(BOB), null, 2)}\n`, { mode: 0o600 });
  return h.authBytes()!;
}

describe('browser sign-in', () => {
  it('saves tokens, account id and the exchanged API key, then shows the success page', async () => {
    const h = await start({ config: { forced_chatgpt_workspace_id: [ALICE.accountId!] } });
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    const url = new URL(attempt.authUrl);
    expect([...url.searchParams.keys()]).toEqual([
      'response_type', 'client_id', 'redirect_uri', 'scope', 'code_challenge', 'code_challenge_method',
      'id_token_add_organizations', 'codex_cli_simplified_flow', 'state', 'originator', 'allowed_workspace_id',
    ]);
    expect(url.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${attempt.port}/auth/callback`); // as 0.169+ sends
    expect(url.searchParams.get('originator')).toBe('codex_cli_rs');
    expect(url.searchParams.get('allowed_workspace_id')).toBe(ALICE.accountId);

    const page = await browse(attempt.authUrl);
    expect(page.url).toBe(`http://localhost:${attempt.port}/success`);
    expect(page.body).toContain('<title>Signed in to Codex</title>');
    const success = await attempt.done;
    expect(success).toMatchObject({ method: 'chatgpt', email: ALICE.email, plan: 'Plus' });
    expect(success.maskedKey).toMatch(/^sk-proj-\*\*\*/);

    const saved = h.authJson()!;
    expect(saved.auth_mode).toBe('chatgpt');
    expect(saved.tokens.account_id).toBe(ALICE.accountId);
    expect(h.authority.validApiKeys.has(saved.OPENAI_API_KEY)).toBe(true);
    expect(h.auth.snapshot().status).toBe('signedIn');
  });

  it('creates a missing CODEX_HOME folder when saving', async () => {
    const h = await start({ codexHomeSubdir: 'nested/codex' });
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    await browse(attempt.authUrl);
    await attempt.done;
    expect(h.authJson()?.tokens.account_id).toBe(ALICE.accountId);
  });

  it('sends several forced workspaces as one comma-joined parameter', async () => {
    const h = await start({ config: { forced_chatgpt_workspace_id: ['ws-1', 'ws-2'] } });
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    expect(attempt.authUrl).toContain('&allowed_workspace_id=ws-1%2Cws-2');
    expect(attempt.authUrl.match(/allowed_workspace_id=/g)).toHaveLength(1);
    attempt.cancel();
  });

  it('refuses tokens of another workspace and writes nothing', async () => {
    const h = await start({ config: { forced_chatgpt_workspace_id: ['ws-1', 'ws-2'] } });
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    const page = await browse(attempt.authUrl);
    expect(page.body).toContain('Login is restricted to workspace id(s) ws-1, ws-2.');
    expect(page.headers.get('connection')).toBe('close');
    const error = await rejection(attempt.done);
    expect(error.code).toBe('workspace_restriction');
    expect(h.authBytes()).toBeNull();
  });

  it('explains a missing Codex entitlement without showing the raw description', async () => {
    const h = await start({
      behavior: { authorizeError: { error: 'access_denied', error_description: 'MISSING_CODEX_ENTITLEMENT for org-secret-123' } },
    });
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    const page = await browse(attempt.authUrl);
    expect(page.body).toContain('You do not have access to Codex');
    expect(page.body).toContain('This account is not currently authorized to use Codex in this workspace.');
    expect(page.body).not.toContain('org-secret-123');
    const error = await rejection(attempt.done);
    expect(error.code).toBe('missing_entitlement');
    expect(error.message).toBe('Codex is not enabled for your workspace. Contact your workspace administrator to request access to Codex.');
  });

  it('shows the generic error page for other OAuth errors, escaped', async () => {
    const h = await start({ behavior: { authorizeError: { error: 'access_denied', error_description: 'some_other_reason <b>' } } });
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    const page = await browse(attempt.authUrl);
    expect(page.body).toContain('Sign-in failed: some_other_reason &lt;b&gt;');
    expect(page.body).toContain('<title>Codex Sign-in Error</title>');
    expect((await rejection(attempt.done)).message).toBe('Sign-in failed: some_other_reason <b>');
  });

  it('reports a token endpoint failure and leaves the previous auth.json byte for byte', async () => {
    const h = await start({ behavior: { codeExchangeStatus: 500 } });
    const before = seedPreviousLogin(h);
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    const page = await browse(attempt.authUrl);
    const expected = 'Token exchange failed: token endpoint returned status 500 Internal Server Error: authority is having a bad day';
    expect(page.body).toContain(expected);
    const error = await rejection(attempt.done);
    expect(error.code).toBe('token_exchange_failed');
    expect(error.message).toBe(expected);
    expect(h.authBytes()!.equals(before)).toBe(true);
  });

  it('answers a wrong state with 400 and keeps waiting for the real callback', async () => {
    const h = await start();
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    const wrong = await fetch(`http://127.0.0.1:${attempt.port}/auth/callback?code=ac_x&state=forged`);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toBe('State mismatch');
    expect((await fetch(`http://127.0.0.1:${attempt.port}/elsewhere`)).status).toBe(404);
    await browse(attempt.authUrl);
    expect((await attempt.done).email).toBe(ALICE.email);
  });

  it('ends on GET /cancel with "Login cancelled" and frees the port', async () => {
    const h = await start();
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    const response = await fetch(`http://127.0.0.1:${attempt.port}/cancel`);
    expect(await response.text()).toBe('Login cancelled');
    expect(response.headers.get('connection')).toBe('close');
    expect(response.headers.get('content-length')).toBe('15');
    const error = await rejection(attempt.done);
    expect([error.code, error.message]).toEqual(['cancelled', 'Login cancelled']);
    await expect(fetch(`http://127.0.0.1:${attempt.port}/cancel`)).rejects.toThrow();
  });

  it('opens the browser through the injected opener', async () => {
    const opened: string[] = [];
    const h = await start({ service: { openUrl: async (url) => void opened.push(url) } });
    const attempt = await h.login.startBrowserLogin({ originator: 'codex-tui' });
    expect(await attempt.browserOpened).toEqual({ opened: true, via: 'system' });
    expect(opened).toEqual([attempt.authUrl]);
    expect(new URL(attempt.authUrl).searchParams.get('originator')).toBe('codex-tui');
    attempt.cancel();
  });

  it('lets CODEX_INTERNAL_ORIGINATOR_OVERRIDE win over the caller', async () => {
    const h = await start({ service: { env: { CODEX_INTERNAL_ORIGINATOR_OVERRIDE: 'codex_vscode' } } });
    const attempt = await h.login.startBrowserLogin({ openBrowser: false, originator: 'codex-tui' });
    expect(new URL(attempt.authUrl).searchParams.get('originator')).toBe('codex_vscode');
    attempt.cancel();
  });

  it('takes the port from CODEX_LOGIN_PORT (0 = any free port) and rejects nonsense', async () => {
    const h = await start({ service: { loginPort: undefined, env: { CODEX_LOGIN_PORT: '0' } } });
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    expect(attempt.port).not.toBe(1455);
    attempt.cancel();
    const bad = await loginHarness({ service: { loginPort: undefined, env: { CODEX_LOGIN_PORT: 'http' } } });
    const error = await rejection(bad.login.startBrowserLogin({ openBrowser: false }));
    await bad.close();
    expect(error.message).toBe('CODEX_LOGIN_PORT must be a port number from 0 to 65535, not "http".');
  });

  it('is blocked when forced_login_method is api', async () => {
    const h = await start({ config: { forced_login_method: 'api' } });
    const error = await rejection(h.login.startBrowserLogin({ openBrowser: false }));
    expect([error.code, error.message]).toEqual(['login_disabled', 'ChatGPT login is disabled. Use API key login instead.']);
  });
});

describe('paste-back', () => {
  it('completes with the pasted callback URL (bracketed paste, quotes, CRLF, localhost for 127.0.0.1)', async () => {
    const h = await start();
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    const callback = (await callbackUrlFor(attempt.authUrl)).replace('//127.0.0.1:', '//localhost:');
    await attempt.submitCallbackUrl(`\x1b[200~  "${callback}"\r\n\x1b[201~`);
    expect((await attempt.done).email).toBe(ALICE.email);
    expect(h.authJson()?.tokens.account_id).toBe(ALICE.accountId);
    await expect(fetch(`http://127.0.0.1:${attempt.port}/success`)).rejects.toThrow(); // server closed
  });

  it('refuses a URL from another attempt and keeps waiting', async () => {
    const h = await start();
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    const callback = new URL(await callbackUrlFor(attempt.authUrl));
    const forged = new URL(callback);
    forged.searchParams.set('state', 'someone-elses-state');
    const error = await rejection(attempt.submitCallbackUrl(forged.toString()));
    expect(error.code).toBe('state_mismatch');
    expect(error.message).not.toContain('someone-elses-state');
    expect(h.authBytes()).toBeNull();
    await attempt.submitCallbackUrl(callback.toString());
    expect((await attempt.done).method).toBe('chatgpt');
  });

  it('rejects text that is not a callback URL', async () => {
    const h = await start();
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    const error = await rejection(attempt.submitCallbackUrl('https://example.com/auth/callback?code=1&state=2'));
    expect(error.code).toBe('invalid_callback_url');
    attempt.cancel();
  });
});

describe('ending an attempt', () => {
  it('refuses a late callback after cancel and leaves auth.json untouched', async () => {
    const h = await start();
    const before = seedPreviousLogin(h);
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    const callback = await callbackUrlFor(attempt.authUrl);
    attempt.cancel();
    expect((await rejection(attempt.done)).message).toBe('Login cancelled');
    await expect(fetch(callback.replace('//localhost:', '//127.0.0.1:'))).rejects.toThrow();
    expect((await rejection(attempt.submitCallbackUrl(callback))).code).toBe('cancelled');
    expect(h.authority.count('/oauth/token', 'authorization_code')).toBe(0);
    expect(h.authBytes()!.equals(before)).toBe(true);
  });

  it('never saves when cancelled while the code is being exchanged', async () => {
    const h = await start();
    const before = seedPreviousLogin(h);
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    const callback = await callbackUrlFor(attempt.authUrl);
    const pasted = attempt.submitCallbackUrl(callback);
    attempt.cancel();
    expect((await rejection(pasted)).code).toBe('cancelled');
    expect((await rejection(attempt.done)).code).toBe('cancelled');
    expect(h.authority.count('/oauth/token', 'authorization_code')).toBe(1); // the exchange did happen
    expect(h.authBytes()!.equals(before)).toBe(true);
  });

  it('times out after 10 minutes on the injected clock and frees the port', async () => {
    const clock = manualClock();
    const h = await start({ service: { clock } });
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    expect(attempt.expiresAt).toBe(clock.now() + 10 * 60_000);
    clock.advance(10 * 60_000 - 1);
    expect((await fetch(`http://127.0.0.1:${attempt.port}/nothing`)).status).toBe(404);
    clock.advance(1);
    const error = await rejection(attempt.done);
    expect([error.code, error.message]).toEqual(['timeout', 'Login timed out']);
    await expect(fetch(`http://127.0.0.1:${attempt.port}/nothing`)).rejects.toThrow();
  });
  it('saved comes at the redirect; done waits for the success page, or for the 15 s grace when it is never loaded', async () => {
    const clock = manualClock();
    const h = await start({ service: { clock } });
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    let finished = false;
    void attempt.done.then(() => (finished = true));
    // The browser follows the authority back to the callback, then stops: /success is never loaded.
    const callback = await fetch(await callbackUrlFor(attempt.authUrl), { redirect: 'manual' });
    expect(callback.headers.get('location')).toBe(`http://localhost:${attempt.port}/success`);
    expect(await attempt.saved).toMatchObject({ method: 'chatgpt', email: ALICE.email });
    expect(h.authJson()?.tokens.account_id).toBe(ALICE.accountId); // saved means on disk
    await new Promise((resolve) => setImmediate(resolve));
    expect(finished).toBe(false);
    clock.advance(15_000 - 1);
    expect((await browse(`http://localhost:${attempt.port}/success`)).body).toContain('<title>Signed in to Codex</title>');
    expect(await attempt.done).toMatchObject({ email: ALICE.email }); // the page was served: done
  });

  it('a browser that never loads the success page: done after the grace, and the port is freed', async () => {
    const clock = manualClock();
    const h = await start({ service: { clock } });
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    await fetch(await callbackUrlFor(attempt.authUrl), { redirect: 'manual' });
    await attempt.saved;
    clock.advance(15_000);
    expect(await attempt.done).toMatchObject({ email: ALICE.email });
    await expect(fetch(`http://127.0.0.1:${attempt.port}/nothing`)).rejects.toThrow();
  });
});
