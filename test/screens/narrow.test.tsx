// At 40 columns the key hints wrap onto another line, a whole hint at a time: every action is named.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupInk, inAct, renderApp } from '../support/ink.js';
import { FakeBrowserAttempt, FakeDeviceAttempt, fakeServices } from '../support/fakeServices.js';

afterEach(() => cleanupInk());

const flat = (frame: string) => frame.replace(/\s+/g, ' ');

describe('key hints at 40 columns', () => {
  it('picker, browser, device code and API key name every action', async () => {
    const services = fakeServices({ env: { SSH_CONNECTION: '10.0.0.2 5000 198.51.100.4 22', USER: 'dev' } });
    const attempt = new FakeBrowserAttempt('https://auth.openai.com/oauth/authorize?state=s', Date.now() + 600_000);
    const ui = await renderApp(services, { columns: 40, rows: 30 });
    let frame = flat(await ui.waitFor('Welcome to Codex'));
    for (const hint of ['up/down choose', 'enter continue', 'q quit']) expect(frame).toContain(hint);

    await ui.press('1');
    await inAct(() => services.login.browser.resolve(attempt));
    frame = flat(await ui.waitFor('Finish signing in'));
    for (const hint of ['esc cancel', 'c copy link', 'd device code', 'enter submit pasted URL']) expect(frame).toContain(hint);
    expect(frame).toContain('ssh -N -L 1455:127.0.0.1:1455 dev@198.51.100.4'); // wrapped, not cut: the host is there

    await ui.press('d');
    await inAct(() => services.login.device.resolve(new FakeDeviceAttempt('https://auth.openai.com/codex/device', 'WXYZ-61A6', Date.now() + 900_000)));
    frame = flat(await ui.waitFor('WXYZ-61A6'));
    for (const hint of ['c copy code', 'esc cancel', 'q quit']) expect(frame).toContain(hint);

    await ui.press('\x1b');
    await ui.waitFor('Welcome to Codex');
    await ui.press('3');
    frame = flat(await ui.waitFor('Use your own OpenAI API key'));
    for (const hint of ['enter check and save', 'tab show key', 'esc back']) expect(frame).toContain(hint);
    for (const line of ui.frame().split('\n')) expect(line.length, line).toBeLessThanOrEqual(40);
  });
});

describe('an empty field at 40 columns', () => {
  it("the browser screen's paste field: its placeholder (a hint) on the field's one line, cut at the edge", async () => {
    const services = fakeServices();
    const attempt = new FakeBrowserAttempt('https://auth.openai.com/oauth/authorize?state=s', Date.now() + 600_000);
    const ui = await renderApp(services, { columns: 40, rows: 30 });
    await ui.waitFor('Welcome to Codex');
    await ui.press('1');
    await inAct(() => services.login.browser.resolve(attempt));
    const frame = await ui.waitFor('Finish signing in');
    const lines = frame.split('\n');
    const field = lines.findIndex((l) => l.startsWith('> http://127.0.0.1:'));
    expect(field, frame).toBeGreaterThan(-1);
    expect(lines[field]!.length, frame).toBeLessThanOrEqual(40);
    expect(lines[field + 1] ?? '', frame).not.toMatch(/^\s*e=/); // not wrapped onto a second row
    expect(lines[field], frame).toMatch(/…/); // cut, and says so
  });
});

describe('/status wraps instead of cutting', () => {
  it('a long path and a reset time are whole at 60 columns; at 12 rows the card says how many lines are below', async () => {
    const { chatgptSnapshot } = await import('../support/fakeServices.js');
    const { KEYS } = await import('../support/ink.js');
    const long = `/home/someone/${'very-long-folder-name/'.repeat(4)}auth.json`;
    const services = fakeServices({ snapshot: chatgptSnapshot({}, { storedAt: long } as never) });
    const ui = await renderApp(services, { columns: 60, rows: 40 });
    await ui.waitFor('Type / for commands');
    await ui.press('/status', KEYS.enter);
    const frame = flat(await ui.waitFor('Stored in'));
    expect(frame.replace(/ /g, '')).toContain(long);
    for (const line of ui.frame().split('\n')) expect(line.length, line).toBeLessThanOrEqual(60);
    await ui.resize(60, 12);
    await ui.waitFor(/↓ \d+ more lines? \(pgdn\)/); // and scrolls to them (test/screens/scroll.test.tsx)
  });
});

describe('home wraps instead of cutting', () => {
  it.each([[40], [80]])('at %i columns: the header, every palette row and /help are whole, no line wider than the window', async (columns) => {
    const { chatgptSnapshot } = await import('../support/fakeServices.js');
    const { KEYS } = await import('../support/ink.js');
    const { COMMANDS } = await import('../../screens/commands.js');
    const ui = await renderApp(fakeServices({ snapshot: chatgptSnapshot() }), { columns, rows: 40 });
    let frame = flat(await ui.waitFor('Type / for commands'));
    expect(frame).toContain('Signed in as alice@example.com (Plus) with ChatGPT');
    await ui.press('/');
    frame = flat(await ui.waitFor('/quit'));
    for (const command of COMMANDS) expect(frame).toContain(`/${command.name} ${command.description}`);
    for (const line of ui.frame().split('\n')) expect(line.length, line).toBeLessThanOrEqual(columns);
    await ui.press('help', KEYS.enter);
    frame = flat(await ui.waitFor('Keys:'));
    for (const command of COMMANDS) expect(frame).toContain(`/${command.name} ${command.description}`);
    expect(frame).toContain('esc close · ctrl+c quit');
    expect(frame).not.toContain('…');
    for (const line of ui.frame().split('\n')) expect(line.length, line).toBeLessThanOrEqual(columns);
  });

  it('the picker at 40 columns: every choice and its description whole', async () => {
    const ui = await renderApp(fakeServices(), { columns: 40, rows: 30 });
    const frame = flat(await ui.waitFor('Welcome to Codex'));
    for (const text of ['1. Sign in with ChatGPT', '2. Sign in with device code', '3. Use an API key']) expect(frame).toContain(text);
    expect(frame).not.toContain('…');
    for (const line of ui.frame().split('\n')) expect(line.length, line).toBeLessThanOrEqual(40);
  });
});
