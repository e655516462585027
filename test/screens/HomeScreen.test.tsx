import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Notice } from '../../src/auth/types.js';
import { KEYS, advance, cleanupInk, inAct, renderApp } from '../support/ink.js';
import { apiKeySnapshot, chatgptSnapshot, fakeServices } from '../support/fakeServices.js';

afterEach(() => {
  cleanupInk();
  vi.useRealTimers();
});

async function home(snapshot = chatgptSnapshot(), env: NodeJS.ProcessEnv = {}) {
  const services = fakeServices({ snapshot, env });
  const ui = await renderApp(services);
  await ui.waitFor('Type / for commands');
  return { services, ui };
}

describe('home screen and slash palette', () => {
  it('shows who you are in one header line', async () => {
    const { ui } = await home();
    expect(ui.frame()).toContain('Signed in as alice@example.com (Plus) with ChatGPT');
  });

  it('typing / opens the palette; it filters by prefix, then fuzzy', async () => {
    const { ui } = await home();
    await ui.press('/');
    let frame = await ui.waitFor('/status');
    for (const name of ['/usage', '/login', '/logout', '/help', '/quit']) expect(frame).toContain(name);
    await ui.press('l', 'o');
    frame = await ui.waitFor((f) => !f.includes('/status'));
    expect(frame).toMatch(/> \/login[\s\S]*\/logout/);
    cleanupInk();
    const again = await home();
    await again.ui.press('/', 's', 't', 's');
    frame = await again.ui.waitFor('/status');
    expect(frame).not.toContain('/login'); // "sts" is a subsequence of status only
  });

  it('Tab completes, Enter runs, Esc closes', async () => {
    const { ui } = await home();
    await ui.press('/', 'h', KEYS.tab);
    await ui.waitFor(/> \/help\s*$/m);
    await ui.press(KEYS.enter);
    await ui.waitFor('list commands and keys');
    await ui.press('/', 'q');
    await ui.waitFor('/quit');
    await ui.press(KEYS.escape);
    await ui.waitFor((f) => f.includes('/ commands | esc') && f.includes('Type / for commands'));
  });

  it('↑/↓ move the highlight and Enter runs the highlighted command', async () => {
    const { ui } = await home();
    await ui.press('/');
    await ui.waitFor('> /status');
    await ui.press(KEYS.down, KEYS.down);
    await ui.waitFor('> /login');
    await ui.press(KEYS.enter);
    await ui.waitFor('Switch account or sign-in method');
  });

  it('ChatGPT-only commands are not offered with an API key; typing one says why', async () => {
    const { ui } = await home(apiKeySnapshot());
    await ui.press('/');
    const frame = await ui.waitFor('/status');
    expect(frame).not.toContain('/usage');
    await ui.press('u', 's', 'a', 'g', 'e', KEYS.enter);
    await ui.waitFor('/usage needs a ChatGPT sign-in; this session uses an API key.');
  });

  it('/help lists every command, and why an unavailable one does not apply, without repeating its name', async () => {
    const { ui } = await home(apiKeySnapshot());
    await ui.press('/', 'h', 'e', 'l', 'p', KEYS.enter);
    const frame = await ui.waitFor('Keys:');
    expect(frame).toMatch(/\/usage\s+\(needs a ChatGPT sign-in; this session uses an API key\.\)/);
    expect(frame).not.toContain('/usage   /usage');
  });

  it('keys typed faster than the screen redraws are all kept', async () => {
    const { ui } = await home();
    await ui.burst('/', 'h', 'e', 'l', 'p');
    await ui.waitFor(/^> \/help\s*$/m);
    await ui.press(KEYS.enter);
    await ui.waitFor('list commands and keys');
  });

  it('a command with extra words is refused, not run', async () => {
    const { services, ui } = await home();
    await ui.press('/', 'l', 'o', 'g', 'o', 'u', 't', ' ', 'x', KEYS.enter);
    await ui.waitFor('/logout takes no arguments; nothing was run.');
    expect(services.auth.logoutCalls).toBe(0);
  });

  it('an unknown command says so and suggests the closest one', async () => {
    const { ui } = await home();
    await ui.press('/', 's', 't', 'a', 't', 'u', 'z', KEYS.enter);
    await ui.waitFor('Unknown command /statuz. Did you mean /status?');
  });

  it('an unknown command that resembles none points at /help instead of guessing', async () => {
    const { ui } = await home();
    await ui.press('/', 'f', 'o', 'o', KEYS.enter);
    await ui.waitFor('Unknown command /foo. Type /help for the list.');
  });

  it('plain text gets a one-line hint', async () => {
    const { ui } = await home();
    await ui.press('hello', KEYS.enter);
    await ui.waitFor('This build only manages your sign-in');
  });

  it('/login opens the picker; Esc returns home while still signed in', async () => {
    const { ui } = await home();
    await ui.press('/', 'l', 'o', 'g', 'i', 'n', KEYS.enter);
    await ui.waitFor('You stay signed in as you are until the new sign-in succeeds.');
    await ui.press(KEYS.escape);
    await ui.waitFor('Signed in as alice@example.com');
  });

  it('Ctrl+C exits from the composer', async () => {
    const { ui } = await home();
    await ui.press('abc', KEYS.ctrlC);
    expect(ui.listening()).toBe(false);
  });

  it('/quit exits', async () => {
    const { ui } = await home();
    await ui.press('/', 'q', 'u', 'i', 't', KEYS.enter);
    expect(ui.listening()).toBe(false);
  });
});

describe('/logout', () => {
  it('Backspaces that arrive in one burst erase the text: erasing /logout and typing /help does not sign out', async () => {
    const { services, ui } = await home();
    await ui.press('/', 'l', 'o', 'g', 'o', 'u', 't', KEYS.tab);
    await ui.waitFor(/> \/logout\s*$/m);
    await ui.press(KEYS.backspace.repeat(8)); // a held Backspace: many DELs in one read
    await ui.waitFor((f) => f.includes('Type / for commands'));
    await ui.press('/', 'h', 'e', 'l', 'p', KEYS.enter);
    await ui.waitFor('list commands and keys');
    expect(services.auth.logoutCalls).toBe(0);
  });

  it('says what was removed, warns about OPENAI_API_KEY, reports a failed revoke, and returns to the picker', async () => {
    const { services, ui } = await home(chatgptSnapshot(), { OPENAI_API_KEY: 'sk-env' });
    services.auth.logoutResult = {
      removed: [{ backend: 'file', location: '/tmp/codex-home/auth.json' }, { backend: 'keyring', location: 'Codex Auth (cli|abc)' }],
      revokeError: 'revoke endpoint answered 503',
      revoked: false,
    };
    await ui.press('/', 'l', 'o', 'g', 'o', 'u', 't', KEYS.enter);
    const frame = await ui.waitFor('Welcome to Codex');
    expect(services.auth.logoutCalls).toBe(1);
    expect(frame).toContain('✓ Signed out.');
    expect(frame).toContain('Removed file: /tmp/codex-home/auth.json');
    expect(frame).toContain('Removed keyring: Codex Auth (cli|abc)');
    expect(frame).toContain('Could not revoke the token with OpenAI (revoke endpoint answered 503)');
    expect(frame).toContain('OPENAI_API_KEY is still set');
  });
});

const notice = (over: Partial<Notice>): Notice => ({ id: 1, kind: 'warning', level: 'warning', message: 'm', sticky: false, ...over });

describe('banners', () => {
  it('shows error, warning and info banners; Esc dismisses the non-sticky ones, the sticky one stays', async () => {
    const { services, ui } = await home(chatgptSnapshot({}, {
      notices: [
        notice({ id: 1, kind: 'refresh-permanent', level: 'error', message: 'Your refresh token was revoked.', action: 'Type /login to sign in again.', sticky: true }),
        notice({ id: 2, kind: 'warning', level: 'warning', message: 'The keyring is unavailable; credentials are in a file.' }),
        notice({ id: 3, kind: 'adopted-refresh', level: 'info', message: 'Another codex refreshed the tokens; using them.' }),
      ],
    }));
    let frame = ui.frame();
    expect(frame).toContain('Your refresh token was revoked.');
    expect(frame).toContain('Type /login to sign in again.');
    expect(frame).toContain('The keyring is unavailable');
    expect(frame).toContain('Another codex refreshed the tokens');
    await ui.press(KEYS.escape);
    frame = await ui.waitFor((f) => !f.includes('Another codex refreshed'));
    await ui.press(KEYS.escape);
    frame = await ui.waitFor((f) => !f.includes('keyring is unavailable'));
    await ui.press(KEYS.escape);
    expect(ui.frame()).toContain('Your refresh token was revoked.');
    expect(services.auth.dismissed).toEqual([3, 2]);
  });

  it('a transient failure shows the retry countdown', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
    const { services, ui } = await home();
    await inAct(() => services.auth.setNotices([
      notice({ id: 7, kind: 'refresh-transient', level: 'warning', message: 'Could not reach auth.openai.com.', retryAt: Date.now() + 90_000 }),
    ]));
    await ui.waitFor(/Retrying in 1:(30|29)/);
    await advance(30_000);
    await ui.waitFor(/Retrying in 0:(59|58)/);
  });
});
