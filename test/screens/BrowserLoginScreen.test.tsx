import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoginError } from '../../src/oauth/types.js';
import { KEYS, advance, cleanupInk, inAct, renderApp, stripAnsi } from '../support/ink.js';
import { FakeBrowserAttempt, chatgptSnapshot, fakeServices } from '../support/fakeServices.js';


afterEach(() => {
  cleanupInk();
  vi.useRealTimers();
});

// A realistic authorize URL: about 600 characters, far wider than any terminal.
const AUTH_URL = `https://auth.openai.com/oauth/authorize?response_type=code&client_id=app_EMoamEEZ73f0CkXaXp7hrann&redirect_uri=http%3A%2F%2Flocalhost%3A1455%2Fauth%2Fcallback&scope=openid%20profile%20email%20offline_access&code_challenge=${'x'.repeat(43)}&code_challenge_method=S256&id_token_add_organizations=true&codex_cli_simplified_flow=true&state=${'s'.repeat(43)}&originator=codex_cli_rs${'&pad=abcdefghij'.repeat(25)}`;

async function openBrowserScreen(size: { columns: number; rows: number } = { columns: 100, rows: 40 }, env: NodeJS.ProcessEnv = {}) {
  const services = fakeServices({ env });
  const attempt = new FakeBrowserAttempt(AUTH_URL, Date.now() + 10 * 60_000);
  const ui = await renderApp(services, size);
  await ui.waitFor('Welcome to Codex');
  await ui.press(KEYS.enter);
  await inAct(() => services.login.browser.resolve(attempt));
  await ui.waitFor('Finish signing in via your browser');
  return { services, attempt, ui };
}

describe('browser sign-in screen', () => {
  it.each([[40, 12], [200, 60]])('prints the whole URL as one unbroken string at %ix%i', async (columns, rows) => {
    const { ui } = await openBrowserScreen({ columns, rows });
    const raw = ui.raw();
    expect(raw).toContain(AUTH_URL);
    expect(raw.split(AUTH_URL).length - 1).toBe(1); // printed once, not redrawn
    const frameLines = ui.frame().split('\n');
    expect(frameLines.length).toBeLessThan(rows);
    expect(Math.max(...frameLines.map((l) => l.length))).toBeLessThanOrEqual(columns);
  });

  it('wraps the URL in an OSC 8 hyperlink where the terminal supports it, never with NO_COLOR', async () => {
    const linked = await openBrowserScreen(undefined, { TERM_PROGRAM: 'iTerm.app' });
    expect(linked.ui.raw()).toContain(`\x1b]8;;${AUTH_URL}\x1b\\${AUTH_URL}\x1b]8;;\x1b\\`);
    cleanupInk();
    const plain = await openBrowserScreen(undefined, { TERM_PROGRAM: 'iTerm.app', NO_COLOR: '1' });
    expect(plain.ui.raw()).toContain(AUTH_URL);
    expect(plain.ui.raw()).not.toContain('\x1b]8;;');
  });

  it('c copies the link and says where it went', async () => {
    const { services, ui } = await openBrowserScreen();
    services.login.copyResult = Promise.resolve('osc52');
    await ui.press('c');
    await ui.waitFor("terminal's clipboard (OSC 52)");
    expect(services.login.copied).toEqual([AUTH_URL]);
  });

  it('counts down to the 10-minute timeout', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
    const { ui } = await openBrowserScreen();
    expect(ui.frame()).toContain('10 min left');
    await advance(61_000);
    await ui.waitFor('9 min left');
  });

  it('Esc cancels the attempt and returns to the picker', async () => {
    const { attempt, ui } = await openBrowserScreen();
    await ui.press(KEYS.escape);
    await ui.waitFor('Welcome to Codex');
    expect(attempt.cancelled).toBe(1);
    expect(ui.raw()).toContain('(Sign-in cancelled: the link above no longer works.)');
  });

  it('shows a pasted address with its one-time code and state cut short', async () => {
    const { ui } = await openBrowserScreen();
    const code = 'ac_0123456789abcdefSECRETCODE9876';
    const state = 'st_0123456789abcdefSECRETSTATE5432';
    await ui.press(`${KEYS.pasteStart}http://localhost:1455/auth/callback?code=${code}&state=${state}${KEYS.pasteEnd}`);
    const frame = await ui.waitFor('code=…9876');
    expect(frame).toContain('state=…5432');
    expect(ui.raw()).not.toContain(code);
    expect(ui.raw()).not.toContain(state);
  });

  it('Ctrl+C quits and cancels the attempt on the way out', async () => {
    const { attempt, ui } = await openBrowserScreen();
    await ui.press(KEYS.ctrlC);
    expect(ui.listening()).toBe(false);
    expect(attempt.cancelled).toBe(1);
  });

  it('d switches to the device code, cancelling the browser attempt', async () => {
    const { services, attempt, ui } = await openBrowserScreen();
    await ui.press('d');
    await ui.waitFor('Requesting a one-time code');
    expect(attempt.cancelled).toBe(1);
    expect(services.login.deviceStarts).toBe(1);
  });

  it('a pasted URL with the wrong state shows the error and keeps waiting', async () => {
    const { attempt, ui } = await openBrowserScreen();
    attempt.onSubmit = async () => {
      throw new LoginError('state_mismatch', 'This URL belongs to another sign-in attempt.');
    };
    await ui.press(`${KEYS.pasteStart}http://localhost:1455/auth/callback?code=abc&state=wrong${KEYS.pasteEnd}`, KEYS.enter);
    await ui.waitFor('This URL belongs to another sign-in attempt.');
    expect(attempt.submitted).toEqual(['http://localhost:1455/auth/callback?code=abc&state=wrong']);
    expect(ui.frame()).toContain('Waiting for the browser');
    expect(attempt.cancelled).toBe(0);
  });

  it('says so when the browser could not be opened, pointing at the link and the device code', async () => {
    const services = fakeServices({});
    const attempt = new FakeBrowserAttempt(AUTH_URL, Date.now() + 10 * 60_000);
    attempt.browserOpened = Promise.resolve({ opened: false, via: 'system', error: 'xdg-open was not found' });
    const ui = await renderApp(services, { columns: 100, rows: 40 });
    await ui.waitFor('Welcome to Codex');
    await ui.press(KEYS.enter);
    await inAct(() => services.login.browser.resolve(attempt));
    await ui.waitFor('Could not open a browser (xdg-open was not found)');
    expect(ui.frame().replace(/\s+/g, ' ')).toContain('Open the link above yourself, or press d for a device code.');
  });

  it('Backspaces that arrive in one burst erase pasted characters instead of joining the URL', async () => {
    const { attempt, ui } = await openBrowserScreen();
    const url = 'http://localhost:1455/auth/callback?code=abc&state=right';
    await ui.press(`${url}xx`, KEYS.backspace.repeat(2), KEYS.enter);
    await ui.waitFor('Completing sign-in');
    expect(attempt.submitted).toEqual([url]);
  });

  it('over SSH, offers the port forward that carries the callback to this machine', async () => {
    const { ui } = await openBrowserScreen({ columns: 120, rows: 40 }, { SSH_CONNECTION: '203.0.113.7 53211 198.51.100.4 22', USER: 'dev' });
    expect(ui.frame()).toContain('Or forward the callback from your computer: ssh -N -L 1455:127.0.0.1:1455 dev@198.51.100.4');
    cleanupInk();
    const local = await openBrowserScreen({ columns: 120, rows: 40 });
    expect(local.ui.frame()).not.toContain('ssh -N -L');
  });

  it('a paste that arrives together with its Enter is submitted, not lost', async () => {
    const { attempt, ui } = await openBrowserScreen();
    const url = 'http://localhost:1455/auth/callback?code=abc&state=right';
    await ui.press(`${KEYS.pasteStart}${url}${KEYS.pasteEnd}\r`);
    await ui.waitFor('Completing sign-in');
    expect(attempt.submitted).toEqual([url]);
  });

  it('on success goes straight home with the account line', async () => {
    const { services, attempt, ui } = await openBrowserScreen();
    await inAct(() => {
      services.auth.set(chatgptSnapshot());
      attempt.result.resolve({ method: 'chatgpt', email: 'alice@example.com', plan: 'Plus', maskedKey: null });
    });
    const frame = await ui.waitFor('✓ Signed in as alice@example.com (Plus)');
    expect(frame).toContain('Type / for commands');
    expect(attempt.cancelled).toBe(0);
  });

  // The browser has been sent to /success but not loaded it yet (slow, or never): the person is
  // signed in, so the screen says so now, and leaving it does not cancel the attempt that still
  // serves the browser its page.
  it('once the credentials are saved it goes home, before the browser loads the success page', async () => {
    const { services, attempt, ui } = await openBrowserScreen();
    await inAct(() => {
      services.auth.set(chatgptSnapshot());
      attempt.savedResult.resolve({ method: 'chatgpt', email: 'alice@example.com', plan: 'Plus', maskedKey: null });
    });
    const frame = await ui.waitFor('✓ Signed in as alice@example.com (Plus)');
    expect(frame).not.toContain('cancelled');
    expect(attempt.cancelled).toBe(0);
    await inAct(() => attempt.result.resolve({ method: 'chatgpt', email: 'alice@example.com', plan: 'Plus', maskedKey: null }));
    expect(ui.frame().match(/✓ Signed in as/g)).toHaveLength(1); // done afterwards changes nothing
  });

  it('a busy port offers the device code (Enter) or back (Esc)', async () => {
    const services = fakeServices();
    const ui = await renderApp(services);
    await ui.waitFor('Welcome to Codex');
    await ui.press(KEYS.enter);
    await inAct(() => services.login.browser.reject(new LoginError('port_busy', 'Port 1455 is in use by another program.', 1455)));
    const frame = await ui.waitFor('Port 1455 is already in use');
    expect(stripAnsi(frame)).toContain('enter use a device code');
    await ui.press(KEYS.enter);
    await ui.waitFor('Requesting a one-time code');
  });

  it('a failed sign-in returns to the picker with the error', async () => {
    const { attempt, ui } = await openBrowserScreen();
    await inAct(() => attempt.result.reject(new LoginError('timeout', 'Login timed out')));
    const frame = await ui.waitFor('Welcome to Codex');
    expect(frame).toContain('Login timed out');
  });
});

describe('browser sign-in screen, cancelled from outside', () => {
  it('another sign-in cancelling this callback server (GET /cancel) returns to the picker', async () => {
    const { attempt, ui } = await openBrowserScreen();
    await inAct(() => attempt.result.reject(new LoginError('cancelled', 'Login cancelled')));
    const frame = await ui.waitFor('Welcome to Codex');
    expect(frame).toContain('Login cancelled');
    expect(frame).not.toContain('Waiting for the browser');
  });
});
