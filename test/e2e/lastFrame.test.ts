// The real binary: quitting a waiting screen (q, Ctrl+C, SIGTERM) leaves a last frame that says the
// sign-in was cancelled, not one that still says it waits.
import { afterEach, describe, expect, test } from 'vitest';
import { E2E_TEST_TIMEOUT_MS, e2eEnv, type E2eEnv } from '../support/e2eEnv.js';
import { KEYS, type PtySession } from '../support/pty.js';

let bench: E2eEnv | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

async function open(b: E2eEnv, choice: '1' | '2'): Promise<PtySession> {
  const codex = b.pty([], { cols: 100, rows: 30 });
  await codex.waitFor('Welcome to Codex');
  codex.write(choice);
  await codex.waitFor(choice === '1' ? 'Waiting for the browser' : 'Waiting for you to enter the code');
  return codex;
}

describe('last frame', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  test.each([['q', 'q'], ['Ctrl+C', KEYS.ctrlC]])('device code, %s: the code no longer works', async (_, key) => {
    bench = await e2eEnv({ browser: 'none', behavior: { devicePendingPolls: 1000, deviceInterval: '1' } });
    const codex = await open(bench, '2');
    const code = /\b[A-Z0-9]{4}-[A-Z0-9]{4,}\b/.exec(codex.screen())![0];
    codex.write(key);
    expect((await codex.waitForExit()).exitCode).toBe(0);
    const screen = codex.screen();
    expect(screen).toContain(`Sign-in cancelled; the code ${code} no longer works.`);
    expect(screen).not.toContain('Waiting for you to enter the code');
  });

  test('browser, SIGTERM: the link no longer works (exit 143)', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const codex = await open(bench, '1');
    process.kill(codex.pid, 'SIGTERM');
    expect((await codex.waitForExit()).exitCode).toBe(143);
    expect(codex.screen()).toContain('Sign-in cancelled; the link above no longer works.');
    expect(codex.screen()).not.toContain('Waiting for the browser');
  });

  test('browser, Ctrl+C: the link no longer works', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const codex = await open(bench, '1');
    codex.write(KEYS.ctrlC);
    expect((await codex.waitForExit()).exitCode).toBe(0);
    expect(codex.screen()).toContain('Sign-in cancelled; the link above no longer works.');
    expect(codex.screen()).not.toContain('Waiting for the browser');
  });

  test('API key, Ctrl+C with a key typed: nothing was saved', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const codex = bench.pty([], { cols: 100, rows: 30 });
    await codex.waitFor('Welcome to Codex');
    codex.write('3');
    await codex.waitFor('Paste or type your API key');
    codex.write('sk-abc');
    await codex.waitFor('(6 chars)');
    codex.write(KEYS.ctrlC);
    expect((await codex.waitForExit()).exitCode).toBe(0);
    expect(codex.screen()).toContain('Sign-in cancelled; no API key was saved.');
    expect(codex.screen()).not.toContain('(6 chars)');
    expect(bench.authBytes()).toBeNull();
  });
});
