// The real binary in a 10-row terminal: /help and /status are taller than that, so they scroll.
// PgDn pages /help to its last line; End takes /status to its last line (the credits, which the live
// usage check adds), and a resize keeps that end in view. Nothing is left out on the way.
import { afterEach, describe, expect, test } from 'vitest';
import { E2E_TEST_TIMEOUT_MS, e2eEnv, type E2eEnv } from '../support/e2eEnv.js';
import { ALICE, chatgptAuthJson } from '../support/jwt.js';
import { flatten, type PtySession } from '../support/pty.js';
import { runInComposer } from './harness/composer.js';

const PGDN = '\x1b[6~';
const END = '\x1b[F';
const BELOW = /↓ \d+ more lines? \(pg(?:up\/pg)?dn\)/;

let bench: E2eEnv | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

async function alice(cols: number): Promise<PtySession> {
  bench = await e2eEnv({ browser: 'none' });
  bench.seedChatgpt(chatgptAuthJson(ALICE));
  const codex = bench.pty([], { cols, rows: 10 });
  await codex.waitFor('Signed in as alice@example.com');
  return codex;
}

describe('a 10-row terminal', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  test('/help: PgDn pages to the last line, every command on the way', async () => {
    const codex = await alice(80);
    await runInComposer(codex, '/help');
    let screen = await codex.waitFor(BELOW);
    expect(screen).toContain('pgup/pgdn scroll');
    const seen = [screen];
    for (let i = 0; i < 20 && BELOW.test(codex.screen()); i++) {
      const before = codex.screen();
      codex.write(PGDN);
      screen = await codex.waitFor((text: string) => text !== before);
      seen.push(screen);
    }
    expect(screen, seen.join('\n----\n')).not.toMatch(BELOW);
    expect(flatten(screen)).toContain('esc close · ctrl+c quit'); // the last words of /help
    expect(screen).toMatch(/↑ \d+ more lines? \(pgup\)/);
    for (const name of ['/status', '/usage', '/login', '/logout', '/help', '/quit']) expect(seen.join('\n')).toContain(name);
    expect(screen.split('\n').length).toBeLessThan(10);
  });

  test('/status: End shows its last line, and keeps it in view when the window narrows', async () => {
    const codex = await alice(80);
    await runInComposer(codex, '/status');
    await codex.waitFor(BELOW);
    codex.write(END);
    await codex.waitFor('Credits: 5.39'); // after the live usage check, at the bottom
    expect(codex.screen()).not.toMatch(BELOW);
    codex.resize(50, 10);
    await codex.waitFor((text: string) => text.includes('Credits: 5.39') && !BELOW.test(text) && text.includes('ctrl+c quit'));
    // The frame once on the screen. (Rows of the old frame that the terminal's own reflow pushed past
    // the top of a 10-row window are in the scrollback, where no program can erase them.)
    expect(codex.screen().split('Signed in as alice@example.com').length - 1, codex.history()).toBe(1);
  });
});
