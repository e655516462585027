// The real binary in short windows (7 to 10 rows, 24 to 80 columns) with /help or /status open:
// the home frame stays at least one row shorter than the terminal, so no redraw (PgDn, a spinner,
// Esc) makes Ink clear the screen (ESC[2J), and the person's scrollback is never erased (ESC[3J),
// not even when the window is made shorter with a panel open (screens/terminalOutput.ts drops it).
import { afterEach, describe, expect, test } from 'vitest';
import { E2E_TEST_TIMEOUT_MS, e2eEnv, type E2eEnv } from '../support/e2eEnv.js';
import { ALICE, chatgptAuthJson } from '../support/jwt.js';
import type { PtySession } from '../support/pty.js';
import { runInComposer } from './harness/composer.js';

const PGDN = '\x1b[6~';
const ESC = '\x1b';
const BELOW = /↓ \d+/;
const API_KEY_AUTH = { auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCDE' };

/** The frame drawn before the first clear, for the failure message. */
const beforeClear = (raw: string) => JSON.stringify(raw.slice(Math.max(0, raw.indexOf('\x1b[2J') - 700), raw.indexOf('\x1b[2J') + 400));

let bench: E2eEnv | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

async function home(cols: number, rows: number, account: 'chatgpt' | 'apikey'): Promise<PtySession> {
  bench = await e2eEnv({ browser: 'none' });
  if (account === 'chatgpt') {
    bench.seedChatgpt(chatgptAuthJson(ALICE));
  } else bench.seedAuthJson(API_KEY_AUTH);
  const codex = bench.pty([], { cols, rows });
  await codex.waitFor('ctrl+c quit');
  return codex;
}

/** Opens `command`, pages down (each press waits for the screen to change) while there is more below, then closes it. */
async function openAndPage(codex: PtySession, command: string): Promise<void> {
  await runInComposer(codex, command);
  await codex.waitFor('esc close');
  for (let i = 0; i < 4 && BELOW.test(codex.screen()); i++) {
    const before = codex.screen();
    codex.write(PGDN);
    await codex.waitFor((text: string) => text !== before);
  }
  codex.write(ESC);
  await codex.waitFor((text: string) => !text.includes('esc close') && text.includes('Type / for commands'));
}

const sizes: [number, number, 'chatgpt' | 'apikey'][] = [[24, 7, 'chatgpt'], [28, 8, 'apikey'], [28, 10, 'apikey'], [32, 8, 'chatgpt'], [40, 7, 'chatgpt'], [50, 7, 'apikey'], [80, 10, 'chatgpt']];

describe('short windows with a panel open', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  test.each(sizes)('%ix%i (%s): /help and /status, PgDn: never a cleared screen or scrollback', async (cols, rows, account) => {
    const codex = await home(cols, rows, account);
    await openAndPage(codex, '/help');
    await openAndPage(codex, '/status');
    expect(codex.raw()).not.toContain('\x1b[3J');
    expect(codex.raw(), beforeClear(codex.raw())).not.toContain('\x1b[2J');
  });

  test('/help at 80x24, then the window made 8 rows tall: the scrollback stays', async () => {
    const codex = await home(80, 24, 'chatgpt');
    await runInComposer(codex, '/help');
    await codex.waitFor('esc close');
    codex.resize(80, 8);
    await codex.waitFor((text: string) => text.split('\n').length <= 8 && text.includes('ctrl+c quit') && BELOW.test(text));
    const before = codex.screen();
    codex.write(PGDN);
    await codex.waitFor((text: string) => text !== before);
    // Ink redraws the old frame at the new size before the screen learns of it: that one redraw
    // may clear the screen, but the scrollback stays.
    expect(codex.raw()).not.toContain('\x1b[3J');
  });
});
