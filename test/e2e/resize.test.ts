// Shrinking the window (120 -> 50 columns, as a terminal that reflows its lines does: VTE, kitty,
// iTerm2, Windows Terminal) redraws each screen once: its header is on the screen exactly once,
// with no stale copies of the frame above it. Every screen: picker, browser, device code, API key,
// device code not enabled, callback port busy, home (with CJK text, two columns a character, too;
// and /status in 10 rows: shortTerminal.test.ts).
import { afterEach, describe, expect, test } from 'vitest';
import { E2E_TEST_TIMEOUT_MS, e2eEnv, type E2eEnv } from '../support/e2eEnv.js';
import { ALICE, chatgptAuthJson } from '../support/jwt.js';
import type { PtySession } from '../support/pty.js';
import { useBusyPortScreen } from './harness/busyPort.js';

let bench: E2eEnv | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});
const openBusyPortScreen = useBusyPortScreen();

const count = (text: string, header: string) => text.split(header).length - 1;

/** Shrinks the window and waits until the frame is drawn at the new width: its header, then its last line. */
async function shrink(codex: PtySession, header: string, lastLine: string): Promise<void> {
  const before = codex.raw().length;
  codex.resize(50, 30);
  const redrawn = new RegExp(`${escape(header)}[\\s\\S]*${escape(lastLine)}`);
  const deadline = Date.now() + 30_000; // only catches a hang
  while (!codex.raw().slice(before).includes(lastLine) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  await codex.waitFor(redrawn);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('resize', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  test('picker and browser screen: 120 -> 50 columns leaves each frame once', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const codex = bench.pty([], { cols: 120, rows: 30 });
    await codex.waitFor('q quit');
    await shrink(codex, 'Welcome to Codex', 'q quit');
    expect(count(codex.history(), 'Welcome to Codex'), codex.history()).toBe(1);

    codex.resize(120, 30);
    await codex.waitFor('q quit');
    codex.write('1');
    await codex.waitFor('The link is printed above');
    await shrink(codex, 'Finish signing in via your browser', 'submit pasted URL');
    expect(count(codex.history(), 'Finish signing in via your browser'), codex.history()).toBe(1);
  });

  test('device code: 120 -> 50 columns leaves the frame once', async () => {
    bench = await e2eEnv({ browser: 'none', behavior: { devicePendingPolls: 1000, deviceInterval: '1' } });
    const codex = bench.pty([], { cols: 120, rows: 30 });
    await codex.waitFor('q quit');
    codex.write('2');
    await codex.waitFor('c copy code');
    // At 50 columns the screen is compact (no title) and 0.171's warning wraps as Ink lays it out.
    await shrink(codex, '1. Open this link in a browser and sign in:', 'If a website or another person gave you this code,');
    expect(count(codex.history(), '1. Open this link in a browser and sign in:'), codex.history()).toBe(1);
  });

  test('home: 120 -> 50 columns leaves the frame once', async () => {
    bench = await e2eEnv({ browser: 'none' });
    bench.seedChatgpt(chatgptAuthJson(ALICE));
    const codex = bench.pty([], { cols: 120, rows: 30 });
    await codex.waitFor('ctrl+c quit');
    await shrink(codex, 'Signed in as alice@example.com', 'ctrl+c quit');
    expect(count(codex.history(), 'Signed in as alice@example.com'), codex.history()).toBe(1);
  });

  test('home with wide (CJK) text in the composer: 80 -> 50 columns leaves the frame once', async () => {
    bench = await e2eEnv({ browser: 'none' });
    bench.seedChatgpt(chatgptAuthJson(ALICE));
    const codex = bench.pty([], { cols: 80, rows: 30 });
    await codex.waitFor('ctrl+c quit');
    const text = '漢字'.repeat(17) + '漢'; // 35 characters, 70 columns: one row at 80, two at 50
    codex.write(text);
    await codex.waitFor(`> ${text}`);
    await shrink(codex, 'Signed in as alice@example.com', 'ctrl+c quit');
    expect(count(codex.history(), 'Signed in as alice@example.com'), codex.history()).toBe(1);
  });

  test('API key: 120 -> 50 columns leaves the frame once', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const codex = bench.pty([], { cols: 120, rows: 30 });
    await codex.waitFor('q quit');
    codex.write('3');
    await codex.waitFor('esc back');
    codex.write('sk-abc');
    await codex.waitFor('(6 chars)');
    await shrink(codex, 'Use your own OpenAI API key', 'esc back');
    expect(count(codex.history(), 'Use your own OpenAI API key'), codex.history()).toBe(1);
    expect(codex.screen()).toContain('(6 chars)'); // what was typed is still there
  });

  test('device code not enabled: 120 -> 50 columns leaves the frame once', async () => {
    bench = await e2eEnv({ browser: 'none', behavior: { deviceCodeEnabled: false } });
    const codex = bench.pty([], { cols: 120, rows: 30 });
    await codex.waitFor('q quit');
    codex.write('2');
    await codex.waitFor('Device code sign-in is not enabled');
    await shrink(codex, 'Device code sign-in is not enabled', 'q quit');
    expect(count(codex.history(), 'Device code sign-in is not enabled'), codex.history()).toBe(1);
  });

  test('callback port busy: 120 -> 50 columns leaves the frame once', async () => {
    const opened = await openBusyPortScreen();
    bench = opened.bench;
    const { codex, port } = opened;
    await shrink(codex, `Port ${port} is already in use`, 'q quit');
    expect(count(codex.history(), `Port ${port} is already in use`), codex.history()).toBe(1);
  });
});
