// Keys that arrive together (one stdin write: type-ahead, SSH, a paste and its Enter, a busy
// machine) do what the same keys do one by one, on every screen; and the line-editing keys in
// every field. One write per `press` argument (test/support/ink.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEYS, cleanupInk, renderApp, type InkHarness } from '../support/ink.js';
import { chatgptSnapshot, fakeServices } from '../support/fakeServices.js';
import { openBrowserScreen, openDeviceNotEnabledScreen, openDeviceScreen, openPortBusyScreen } from '../support/appScreens.js';

afterEach(() => {
  try {
    cleanupInk();
  } finally {
    vi.useRealTimers(); // never left on for the next test, even when the cleanup throws
  }
});

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCa1b2';
const DEL = '\x1b[3~';
const HOME = '\x1b[H';
const END = '\x1b[F';
const CTRL = { a: '\x01', e: '\x05', k: '\x0b', u: '\x15', w: '\x17' } as const;
const ALT_BACKSPACE = '\x1b\x7f';

/** The picker with the device code highlighted (a remote machine), as in the measurement. */
async function remotePicker() {
  const services = fakeServices();
  services.login.env = { remote: true, reason: 'SSH session detected (SSH_CONNECTION is set)' };
  const ui = await renderApp(services);
  await ui.waitFor('> 2. Sign in with device code');
  return { services, ui };
}

async function home() {
  const services = fakeServices({ snapshot: chatgptSnapshot() });
  const ui = await renderApp(services);
  await ui.waitFor('Type / for commands');
  return { services, ui };
}

async function apiKeyScreen() {
  const services = fakeServices();
  const ui = await renderApp(services);
  await ui.waitFor('Welcome to Codex');
  await ui.press('3');
  await ui.waitFor('Use your own OpenAI API key');
  return { services, ui };
}


/** Each scenario twice: its keys in one write, then one write per key. */
const bothWays = (keys: string[]) => [['in one write', [keys.join('')]], ['one by one', keys]] as const;

describe('keys that arrive together', () => {
  it.each(bothWays([KEYS.down, KEYS.enter]))('picker: Down+Enter %s opens the API key screen (the new highlight)', async (_, writes) => {
    const { services, ui } = await remotePicker();
    await ui.press(...writes);
    await ui.waitFor('Use your own OpenAI API key');
    expect(services.login.deviceStarts).toBe(0);
  });

  it.each(bothWays(['3', KEYS.enter]))('picker: 3+Enter %s opens the API key screen, whose Enter then says the key is empty', async (_, writes) => {
    const { ui } = await remotePicker();
    await ui.press(...writes);
    await ui.waitFor('API key cannot be empty');
  });

  it.each(bothWays(['3', ...KEY, KEYS.enter]))('picker: 3, a typed key and Enter %s: the key is checked', async (_, writes) => {
    const { services, ui } = await remotePicker();
    await ui.press(...writes);
    await ui.waitFor('Checking the key with OpenAI');
    expect(services.login.verified).toEqual([KEY]);
  });

  it.each(bothWays([`${KEYS.pasteStart}${KEY}${KEYS.pasteEnd}`, KEYS.enter]))('API key: a key and Enter %s submit it', async (_, writes) => {
    const { services, ui } = await apiKeyScreen();
    await ui.press(...writes);
    await ui.waitFor('Checking the key with OpenAI');
    expect(services.login.verified).toEqual([KEY]);
  });

  it.each(bothWays([...'/help', KEYS.enter]))('home: /help+Enter %s shows help and empties the composer', async (_, writes) => {
    const { ui } = await home();
    await ui.press(...writes);
    const frame = await ui.waitFor('list commands and keys');
    expect(frame).toContain('Type / for commands');
    expect(frame).not.toMatch(/^> \/help/m);
  });

  it.each(bothWays([...'/logout', KEYS.enter]))('home: /logout+Enter %s signs out', async (_, writes) => {
    const { services, ui } = await home();
    await ui.press(...writes);
    await ui.waitFor('Welcome to Codex');
    expect(services.auth.logoutCalls).toBe(1);
  });

  it.each(bothWays(['/', KEYS.down, KEYS.down, KEYS.enter]))('home: the palette highlight moves and runs %s', async (_, writes) => {
    const { ui } = await home();
    await ui.press(...writes);
    await ui.waitFor('Switch account or sign-in method');
  });

  it.each(bothWays([KEYS.escape, KEYS.ctrlC]))('device code: Esc+Ctrl+C %s quit', async (_, writes) => {
    const { ui } = await openDeviceScreen();
    await ui.press(...writes);
    expect(ui.listening()).toBe(false);
  });

  it.each(bothWays([KEYS.escape, KEYS.ctrlC]))('API key: Esc+Ctrl+C %s quit', async (_, writes) => {
    const { ui } = await apiKeyScreen();
    await ui.press(...writes);
    expect(ui.listening()).toBe(false);
  });

  it.each(bothWays([`${KEYS.pasteStart}http://localhost:1455/auth/callback?code=abc&state=s${KEYS.pasteEnd}`, KEYS.enter]))('browser: a pasted callback and Enter %s submit it', async (_, writes) => {
    const { attempt, ui } = await openBrowserScreen();
    await ui.press(...writes);
    await ui.waitFor('Completing sign-in');
    expect(attempt.submitted).toEqual(['http://localhost:1455/auth/callback?code=abc&state=s']);
  });

  // (Esc then a letter in one read is Alt+letter, as in every terminal: so Esc, Up, Enter here.)
  it.each(bothWays([KEYS.escape, KEYS.up, KEYS.enter]))('callback port busy: Esc, Up and Enter %s go back and open the API key screen', async (_, writes) => {
    const { ui } = await openPortBusyScreen();
    await ui.press(...writes);
    await ui.waitFor('Use your own OpenAI API key');
  });

  it.each(bothWays([KEYS.down, KEYS.enter]))('device code not enabled: Down+Enter %s opens the API key screen', async (_, writes) => {
    const { ui } = await openDeviceNotEnabledScreen();
    await ui.waitFor('> 1. Sign in with ChatGPT');
    await ui.press(...writes);
    await ui.waitFor('Use your own OpenAI API key');
  });

  it.each(bothWays([...'/help', KEYS.enter, '\x1b[6~', '\x1b[6~']))('home in 9 rows: /help, Enter and two PgDn %s scroll it two pages', async (_, writes) => {
    const services = fakeServices({ snapshot: chatgptSnapshot() });
    const ui = await renderApp(services, { columns: 80, rows: 9 });
    await ui.waitFor('Type / for commands');
    await ui.press(...writes);
    await ui.waitFor((f) => f.includes('↑ 4 more lines (pgup)') && f.includes('Keys:'));
    expect(ui.frame()).toMatch(/^> Type \/ for commands/m); // the composer was emptied by Enter
  });

  it('a paste split across reads is one paste', async () => {
    // Fake timers: the reads come well within the 1 s a paste may wait for its end marker (each
    // press advances them 10 ms), however long the machine stalls between them.
    vi.useFakeTimers();
    const { services, ui } = await apiKeyScreen();
    await ui.press(`${KEYS.pasteStart}${KEY.slice(0, 20)}`, `${KEY.slice(20)}\x1b[20`, `1~${KEYS.enter}`);
    await ui.waitFor('Checking the key with OpenAI');
    expect(services.login.verified).toEqual([KEY]);
  });
});

/** The composer line on home. */
const composer = (ui: InkHarness) => /^> (.*)$/m.exec(ui.frame())?.[1]?.trimEnd() ?? '';

describe('line editing in every field', () => {
  it('home composer: Left/Right, Home/End, Ctrl+A/E, Backspace, Delete, Ctrl+U/K/W, Alt+Backspace', async () => {
    const { ui } = await home();
    await ui.press('/hlp', KEYS.left, KEYS.left, 'e');
    await ui.waitFor(() => composer(ui) === '/help');
    await ui.press(HOME, DEL, END, 'x');
    await ui.waitFor(() => composer(ui) === 'helpx');
    await ui.press(CTRL.a, '/', CTRL.e, KEYS.backspace);
    await ui.waitFor(() => composer(ui) === '/help');
    await ui.press(' one two', CTRL.w);
    await ui.waitFor(() => composer(ui) === '/help one');
    await ui.press(ALT_BACKSPACE, KEYS.backspace); // Alt+Backspace keeps the space before the word
    await ui.waitFor(() => composer(ui) === '/help');
    await ui.press(KEYS.left, KEYS.left, CTRL.k);
    await ui.waitFor(() => composer(ui) === '/he');
    await ui.press(KEYS.right, 'lp', CTRL.u);
    await ui.waitFor('Type / for commands');
    await ui.press('/status', HOME, KEYS.right, CTRL.k, 'help', KEYS.enter);
    await ui.waitFor('list commands and keys');
  });

  it('home composer: one Ctrl+U clears a paste; after a 5,000-character paste Backspace erases one character', async () => {
    const { ui } = await home();
    await ui.press(`${KEYS.pasteStart}${'y'.repeat(5000)}${KEYS.pasteEnd}`);
    await ui.waitFor(() => composer(ui).endsWith('yyy'));
    await ui.press(KEYS.backspace.repeat(100), 'Z');
    await ui.waitFor(() => composer(ui).endsWith('yZ'));
    await ui.press(CTRL.u);
    await ui.waitFor('Type / for commands');
  });

  it('API key: the editing keys work on the revealed key; one Ctrl+U clears a paste', async () => {
    const { services, ui } = await apiKeyScreen();
    await ui.press(`${KEYS.pasteStart}${KEY}zz${KEYS.pasteEnd}`, KEYS.tab);
    await ui.waitFor(`${KEY}zz`);
    await ui.press(KEYS.backspace, HOME, DEL, CTRL.e, KEYS.backspace);
    await ui.waitFor((f) => f.includes(`${KEY.slice(1)} `) || f.includes(KEY.slice(1)));
    await ui.press(CTRL.a, 's', KEYS.enter);
    await ui.waitFor('Checking the key with OpenAI');
    expect(services.login.verified).toEqual([KEY]);
  });

  it('API key: Ctrl+U, Ctrl+W and Alt+Backspace clear; a masked key says where the cursor is', async () => {
    const { services, ui } = await apiKeyScreen();
    await ui.press(`${KEYS.pasteStart}${KEY}${KEYS.pasteEnd}`);
    await ui.waitFor('(51 chars)');
    await ui.press(KEYS.left);
    await ui.waitFor('(51 chars), cursor at 51');
    await ui.press(CTRL.e, CTRL.u);
    await ui.waitFor('Paste or type your API key');
    await ui.press(`${KEYS.pasteStart}${KEY}${KEYS.pasteEnd}`, CTRL.w);
    await ui.waitFor('Paste or type your API key');
    await ui.press('sk-x', ALT_BACKSPACE, KEYS.tab);
    await ui.waitFor(/> sk-\s*$/m);
    await ui.press(KEYS.enter);
    expect(services.login.verified).toEqual(['sk-']);
  });

  it('pasted callback URL: Ctrl+W, Alt+Backspace, Left and Delete edit it before Enter', async () => {
    const { attempt, ui } = await openBrowserScreen();
    await ui.press(`${KEYS.pasteStart}http://localhost:1455/auth/callback?code=abc&state=wrongX${KEYS.pasteEnd}`);
    await ui.waitFor('Paste the URL');
    await ui.press(KEYS.left, DEL, ALT_BACKSPACE, 's', CTRL.e, KEYS.enter);
    await ui.waitFor('Completing sign-in');
    expect(attempt.submitted).toEqual(['http://localhost:1455/auth/callback?code=abc&state=s']);
  });

  it('pasted callback URL: one Ctrl+U clears it, then c copies the link again', async () => {
    const { services, ui } = await openBrowserScreen();
    await ui.press(`${KEYS.pasteStart}http://localhost:1455/auth/callback?code=abc${KEYS.pasteEnd}`, CTRL.u);
    await ui.waitFor((f) => f.includes('?code=') && !f.includes('callback?code=abc'));
    services.login.copyResult = Promise.resolve('clipboard');
    await ui.press('c');
    await ui.waitFor('Link copied');
  });
});
