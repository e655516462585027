// How codex treats the terminal itself: no TTY, Ctrl+C (the terminal left as it was found), and
// layout at a tiny and a huge size (the sign-in link stays one unbroken string, frames fit).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BIN, E2E_TEST_TIMEOUT_MS, e2eEnv, type E2eEnv } from '../support/e2eEnv.js';
import { KEYS, sleep, spawnInPty, type PtySession } from '../support/pty.js';
import { callbackUrlFor, onLoopback, printedAuthUrl, waitForAuthUrl } from './harness/oauth.js';

let bench: E2eEnv | undefined;
let extra: PtySession | undefined;
afterEach(async () => {
  await extra?.kill();
  extra = undefined;
  await bench?.close();
  bench = undefined;
});

/**
 * The tallest frame drawn (of those redrawn since): a whole redraw first erases the previous frame's
 * lines (+1 for the cursor line); a redraw of the changed lines moves up to the first of them
 * (ESC[nA from the row below the frame), the frame's height when its first line changed.
 */
function tallestFrame(raw: string): number {
  let tallest = 0;
  for (const erase of raw.match(/(?:\x1b\[2K\x1b\[1A)*\x1b\[2K\x1b\[G/g) ?? []) {
    tallest = Math.max(tallest, erase.split('\x1b[2K').length - 2);
  }
  for (const [, up] of raw.matchAll(/\x1b\[(\d+)A/g)) tallest = Math.max(tallest, Number(up));
  return tallest;
}

const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

describe('terminal', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  test('without a TTY: the one-line hint on stderr and exit 1', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const result = await bench.run([]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^codex needs an interactive terminal\b[^\n]*\n$/); // one line
    expect(result.stderr).toContain('codex login --device-auth'); // and the way to sign in without one
    expect(result.stdout).toBe('');
  });

  test('Ctrl+C on the picker exits 0 and leaves the terminal as it was', async () => {
    bench = await e2eEnv({ browser: 'none' });
    // A shell runs codex, then reports its exit code and the terminal's settings after it.
    const script = `${[process.execPath, BIN, ...bench.args()].map(quote).join(' ')}; echo "codex-exit=$?"; stty -a`;
    extra = spawnInPty('/bin/sh', ['-c', script], { env: bench.env, cols: 100, rows: 30, cwd: bench.root });
    await extra.waitFor('Welcome to Codex');
    extra.write(KEYS.ctrlC);

    const after = await extra.waitFor(/codex-exit=\d+[\s\S]*icanon/, { where: 'raw' });
    expect(after).toMatch(/codex-exit=0\b/);
    const settings = after.slice(after.indexOf('codex-exit='));
    expect(settings).toMatch(/(^|\s)icanon(\s|$)/); // line editing back on (not -icanon)
    expect(settings).toMatch(/(^|\s)echo(\s|$)/); // echo back on (not -echo)
    expect(settings).toMatch(/(^|\s)isig(\s|$)/);
    expect(extra.raw()).toContain('\x1b[?25l'); // Ink hid the cursor while drawing…
    expect(extra.term.modes.get(25)).not.toBe(false); // …and it is visible again
    expect(extra.term.modes.get(2004) ?? false).toBe(false); // no bracketed paste left on
    expect(extra.term.modes.get(1049) ?? false).toBe(false); // not stuck in the alternate screen
    expect((await extra.waitForExit()).exitCode).toBe(0);
  });

  test('the picker loads no more of Node than it draws with: node:http and node:crypto come with a sign-in', async () => {
    bench = await e2eEnv({ browser: 'none' });
    // Node's list of the built-in modules loaded so far, written when asked (SIGUSR2). Written aside
    // and renamed into place, so that the file exists only once it is whole (read as soon as it exists).
    const record = join(bench.root, 'modules.txt');
    const preload = join(bench.root, 'record-modules.cjs');
    writeFileSync(preload, `const fs = require('node:fs');
const write = () => {
  fs.writeFileSync(${JSON.stringify(`${record}.tmp`)}, process.moduleLoadList.join('\\n'));
  fs.renameSync(${JSON.stringify(`${record}.tmp`)}, ${JSON.stringify(record)});
};
process.on('SIGUSR2', write);`);
    const loaded = async (signal: () => void) => {
      rmSync(record, { force: true });
      signal();
      const deadline = Date.now() + 30_000; // until the file is written, not a fixed wait; the bound only catches a hang
      while (!existsSync(record) && Date.now() < deadline) await sleep(25);
      return readFileSync(record, 'utf8').split('\n').filter((line) => line.startsWith('NativeModule ')).map((line) => line.slice(13));
    };
    extra = spawnInPty(process.execPath, ['--require', preload, BIN, ...bench.args()], { env: bench.env, cols: 100, rows: 30, cwd: bench.root });
    await extra.waitFor('Sign in with ChatGPT');
    const signal = () => process.kill(extra!.pid, 'SIGUSR2');
    const atPicker = await loaded(signal);
    expect(atPicker).toContain('tty'); // the list is Node's own (Ink itself loads tty, net and child_process)
    expect(atPicker.filter((name) => ['http', 'crypto'].includes(name))).toEqual([]);
    extra.write('1'); // the browser sign-in: its callback server, PKCE and the browser launch
    await extra.waitFor(/Waiting for the browser/);
    expect(await loaded(signal)).toEqual(expect.arrayContaining(['http', 'crypto']));
  });

  test('Ctrl+C during the browser sign-in exits and closes the callback port', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const codex = bench.pty([], { cols: 100, rows: 30 });
    await codex.waitFor('Welcome to Codex');
    codex.write('1');
    const authUrl = await waitForAuthUrl(codex);
    const callback = onLoopback(await callbackUrlFor(authUrl));
    codex.write(KEYS.ctrlC);
    expect((await codex.waitForExit()).exitCode).toBe(0);
    const late = await fetch(callback).then((r) => `HTTP ${r.status}`, (e: Error & { cause?: { code?: string } }) => e.cause?.code);
    expect(late).toBe('ECONNREFUSED');
    expect(bench.authBytes()).toBeNull();
  });

  for (const [cols, rows] of [[40, 12], [200, 60]] as const) {
    test(`layout at ${cols}x${rows}: the picker and the browser screen fit; the link is one unbroken string`, async () => {
      bench = await e2eEnv({ browser: 'none' });
      const codex = bench.pty([], { cols, rows });
      await codex.waitFor('Welcome to Codex');
      const picker = await codex.waitFor('q quit'); // first and last lines of the frame both on screen
      expect(picker).toContain('Welcome to Codex');

      codex.write('1');
      const screen = await codex.waitFor(/^esc cancel/m); // the key hints: the frame's last line
      expect(screen).toContain('Finish signing in via your browser');
      expect(screen).toContain('Waiting for the browser');

      const authUrl = await waitForAuthUrl(codex);
      const url = new URL(authUrl);
      for (const name of ['response_type', 'client_id', 'redirect_uri', 'scope', 'code_challenge', 'state', 'originator']) {
        expect(url.searchParams.get(name), name).toBeTruthy();
      }
      expect(printedAuthUrl(codex.raw().replace(/\r?\n/g, ' '))).toBe(authUrl); // no line break inside it

      // The printed string is the whole link: following it signs in.
      const callback = await fetch(onLoopback(await callbackUrlFor(authUrl)));
      expect(callback.status).toBe(200);
      await codex.waitFor('Signed in as');

      expect(codex.term.clears).toBe(0); // Ink clears the screen when a frame is as tall as the terminal
      const tallest = tallestFrame(codex.raw());
      expect(tallest).toBeGreaterThan(3); // the measure works: the picker alone is taller than that
      expect(tallest).toBeLessThan(rows);
    });
  }
});
