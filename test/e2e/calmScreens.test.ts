// Calm screens through the real binary: an idle waiting screen writes (almost) nothing, the device
// code is one copyable token, TERM=dumb gets no cursor movement at all, a non-UTF-8 locale ASCII only.
import { afterEach, describe, expect, test } from 'vitest';
import { E2E_TEST_TIMEOUT_MS, e2eEnv, type E2eEnv } from '../support/e2eEnv.js';
import { sleep, stripAnsi, type PtySession } from '../support/pty.js';

let bench: E2eEnv | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

/** Cursor movement, erasing and scrolling (CSI A-H, J, K, S, T, f; DECSC/DECRC, RI). */
const CURSOR_MOVEMENT = /\x1b\[[\d;]*[ABCDEFGHJKSTf]|\x1b[78M]/;

async function open(b: E2eEnv, choice: '1' | '2', env: Record<string, string> = {}): Promise<PtySession> {
  Object.assign(b.env, env);
  const codex = b.pty([], { cols: 100, rows: 30 });
  await codex.waitFor('Sign in with ChatGPT');
  codex.write(choice);
  await codex.waitFor(choice === '1' ? /Waiting for the browser.*10 min left/ : /expires in 15 min/);
  // Settled: the browser screen has printed its link above the frame (and redrawn it once for that).
  if (choice === '1') await codex.waitFor('The link is printed above');
  return codex;
}

describe('calm screens', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  test('the browser and device screens write under 2 KB in 5 idle seconds; the code is one token', async () => {
    bench = await e2eEnv({ browser: 'none', behavior: { devicePendingPolls: 1000, deviceInterval: '1' } });
    const [browser, device] = await Promise.all([open(bench, '1'), open(bench, '2')]);
    const code = /\b[A-Z0-9]{4}-[A-Z0-9]{4,}\b/.exec(device.screen())?.[0];
    expect(code, device.screen()).toBeTruthy(); // drawn without spaces: a selection copies the code
    const before = [browser.raw().length, device.raw().length];
    await sleep(5_000); // the measuring window itself, not a wait for an effect
    const idle = [browser.raw().slice(before[0]), device.raw().slice(before[1])];
    for (const bytes of idle) expect(Buffer.byteLength(bytes), JSON.stringify(bytes.slice(0, 400))).toBeLessThan(2048);
    expect(idle.join('')).not.toContain('\x1b[2K'); // no frame erased and redrawn for a spinner
  });

  test('TERM=dumb: not one cursor-movement sequence, no spinner, the lines once each', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const codex = await open(bench, '1', { TERM: 'dumb' });
    codex.write('\x1b');
    await codex.waitFor(/Sign-in cancelled[\s\S]*Welcome to Codex/, { where: 'raw' });
    const raw = codex.raw();
    expect(raw).not.toMatch(CURSOR_MOVEMENT);
    expect(raw).not.toMatch(/[\u2800-\u28ff]/); // no braille spinner frame
    expect(raw.split('Finish signing in via your browser').length - 1).toBe(1);
  });

  test('TERM=dumb, the API key field: each key appends the field\'s one line, a | where the cursor is', async () => {
    bench = await e2eEnv({ browser: 'none', env: { TERM: 'dumb' } });
    const codex = bench.pty([], { cols: 100, rows: 30 });
    await codex.waitFor('Sign in with ChatGPT', { where: 'raw' });
    codex.write('3');
    await codex.waitFor('> | (Paste or type your API key)', { where: 'raw' });
    for (const [i, key] of [...'sk-ab'].entries()) {
      const before = codex.raw().length;
      codex.write(key);
      const line = `> *** (${i + 1} char${i === 0 ? '' : 's'})|`;
      await codex.waitFor(() => codex.raw().slice(before).includes('\n'), { where: 'raw' });
      expect(codex.raw().slice(before)).toBe(`${line}\r\n`);
    }
    expect(codex.raw()).not.toMatch(CURSOR_MOVEMENT);
  });

  test('a keystroke in the API key field writes that one line, not the frame', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const codex = bench.pty([], { cols: 100, rows: 30 });
    await codex.waitFor('Sign in with ChatGPT');
    codex.write('3');
    await codex.waitFor('Paste or type your API key');
    for (const [i, key] of [...'sk-abc'].entries()) {
      const before = codex.raw().length;
      codex.write(key);
      await codex.waitFor(`> *** (${i + 1} char${i === 0 ? '' : 's'})`);
      const written = stripAnsi(codex.raw().slice(before));
      expect(written, JSON.stringify(codex.raw().slice(before))).toMatch(/^> \*\*\* \(\d chars?\)\s*$/);
    }
    expect(codex.screen()).toContain('Use your own OpenAI API key'); // the rest of the frame is still there
    expect(codex.screen()).toContain('esc back');
  });

  test('NO_COLOR: still redrawn in place, but not one colour code and no spinner', async () => {
    bench = await e2eEnv({ browser: 'none', behavior: { devicePendingPolls: 1000, deviceInterval: '1' } });
    const codex = await open(bench, '2', { NO_COLOR: '1' });
    codex.write('\x1b');
    await codex.waitFor('Welcome to Codex'); // back on the picker, drawn over the device screen
    const raw = codex.raw();
    expect(raw).not.toMatch(/\x1b\[(?:[\d;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[\d;]*)?m/); // no foreground or background colour
    expect(raw).not.toMatch(/[\u2800-\u28ff]/); // no braille spinner frame
    expect(raw).toMatch(CURSOR_MOVEMENT); // colour only: the screen is still redrawn in place
    expect(codex.screen()).not.toContain('Waiting for you to enter the code');
  });

  test('LANG=C: ASCII only', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const codex = await open(bench, '1', { LANG: 'C' });
    await codex.waitFor('10 min left');
    expect(codex.raw().match(/[^\x00-\x7f]/g) ?? []).toEqual([]);
  });
});
