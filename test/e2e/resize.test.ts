// Shrinking the window (120 -> 50 columns, as a terminal that reflows its lines does: VTE, kitty,
// iTerm2, Windows Terminal) redraws each screen once: its header is on the screen exactly once,
// with no stale copies of the frame above it.
import { afterEach, describe, expect, test } from 'vitest';
import { e2eEnv, type E2eEnv } from '../support/e2eEnv.js';
import { ALICE, chatgptAuthJson } from '../support/jwt.js';
import type { PtySession } from '../support/pty.js';

let bench: E2eEnv | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

const count = (text: string, header: string) => text.split(header).length - 1;

/** Shrinks the window and waits until the frame is drawn at the new width: its header, then its last line. */
async function shrink(codex: PtySession, header: string, lastLine: string): Promise<void> {
  const before = codex.raw().length;
  codex.resize(50, 30);
  const redrawn = new RegExp(`${escape(header)}[\\s\\S]*${escape(lastLine)}`);
  for (let i = 0; i < 400 && !codex.raw().slice(before).includes(lastLine); i++) await new Promise((r) => setTimeout(r, 25));
  await codex.waitFor(redrawn);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('resize', { timeout: 30_000 }, () => {
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
    const auth = chatgptAuthJson(ALICE);
    bench.authority.seedAuth(auth);
    bench.seedAuthJson(auth);
    const codex = bench.pty([], { cols: 120, rows: 30 });
    await codex.waitFor('ctrl+c quit');
    await shrink(codex, 'Signed in as alice@example.com', 'ctrl+c quit');
    expect(count(codex.history(), 'Signed in as alice@example.com'), codex.history()).toBe(1);
  });
});
