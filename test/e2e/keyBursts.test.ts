// The real binary in a pseudo-terminal: the keys of a real scenario written in ONE write (as
// type-ahead, SSH or a paste with its Enter deliver them) do what the same keys do one by one.
import { afterEach, describe, expect, test } from 'vitest';
import { E2E_TEST_TIMEOUT_MS, e2eEnv, type E2eEnv } from '../support/e2eEnv.js';
import { ALICE, chatgptAuthJson } from '../support/jwt.js';
import { KEYS, type PtySession } from '../support/pty.js';
import { useBusyPortScreen } from './harness/busyPort.js';
import { callbackUrlFor, waitForAuthUrl } from './harness/oauth.js';

let bench: E2eEnv | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});
const openBusyPortScreen = useBusyPortScreen();

/** Writes `keys` in one write, or one write per key (each after the previous one's effect is not needed: no waiting). */
async function send(codex: PtySession, keys: string[], together: boolean): Promise<void> {
  if (together) return codex.write(keys.join(''));
  for (const key of keys) {
    codex.write(key);
    await new Promise((resolve) => setImmediate(resolve)); // separate writes, separate reads
  }
}

/** The picker with the device code highlighted (an SSH session). */
async function remotePicker(b: E2eEnv): Promise<PtySession> {
  const codex = b.pty([], { cols: 120, rows: 30 });
  await codex.waitFor('> 2. Sign in with device code');
  return codex;
}

const WAYS = [['in one write', true], ['one by one', false]] as const;

describe.each(WAYS)('keys %s', { timeout: E2E_TEST_TIMEOUT_MS }, (_, together) => {
  test('picker: Down+Enter opens the API key screen', async () => {
    bench = await e2eEnv({ browser: 'none', env: { SSH_CONNECTION: '10.0.0.2 5000 10.0.0.1 22' } });
    const codex = await remotePicker(bench);
    await send(codex, [KEYS.down, KEYS.enter], together);
    await codex.waitFor('Use your own OpenAI API key');
    expect(bench.authority.count('/api/accounts/deviceauth/usercode')).toBe(0);
  });

  test('picker then API key screen: 3, a pasted key and Enter save the key', async () => {
    bench = await e2eEnv({ browser: 'none', env: { SSH_CONNECTION: '10.0.0.2 5000 10.0.0.1 22' } });
    const key = 'sk-proj-e2eBurstKey9f8e7d6c5b4a3210ZYXW';
    bench.authority.validApiKeys.add(key);
    const codex = await remotePicker(bench);
    await send(codex, ['3', `${KEYS.pasteStart}${key}${KEYS.pasteEnd}`, KEYS.enter], together);
    await codex.waitFor('Using API key');
    expect(bench.authJson()?.OPENAI_API_KEY).toBe(key);
  });

  test('home: /logout+Enter signs out', async () => {
    bench = await e2eEnv({ browser: 'none' });
    bench.seedChatgpt(chatgptAuthJson(ALICE));
    const codex = bench.pty([], { cols: 120, rows: 30 });
    await codex.waitFor('Type / for commands');
    await send(codex, [...'/logout', KEYS.enter], together);
    await codex.waitFor('Welcome to Codex');
    expect(bench.authBytes()).toBeNull();
  });

  test('device code: Esc+Ctrl+C quit', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const codex = bench.pty([], { cols: 120, rows: 30 });
    await codex.waitFor('Welcome to Codex');
    codex.write('2');
    await codex.waitFor(/Enter this one-time code/);
    await send(codex, [KEYS.escape, KEYS.ctrlC], together);
    expect((await codex.waitForExit()).exitCode).toBe(0);
  });

  test('browser: the pasted address and Enter sign in', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const codex = bench.pty([], { cols: 120, rows: 30 });
    await codex.waitFor('Welcome to Codex');
    codex.write('1');
    const callback = await callbackUrlFor(await waitForAuthUrl(codex));
    await codex.waitFor('Paste the URL your browser ended on');
    await send(codex, [`${KEYS.pasteStart}${callback}${KEYS.pasteEnd}`, KEYS.enter], together);
    await codex.waitFor('Signed in as alice@example.com');
    expect(bench.authority.count('/oauth/token', 'authorization_code')).toBe(1);
  });

  test('device code not enabled: Down+Enter opens the API key screen', async () => {
    bench = await e2eEnv({ browser: 'none', behavior: { deviceCodeEnabled: false } });
    const codex = bench.pty([], { cols: 120, rows: 30 });
    await codex.waitFor('Welcome to Codex');
    codex.write('2');
    await codex.waitFor('Device code sign-in is not enabled');
    await send(codex, [KEYS.down, KEYS.enter], together);
    await codex.waitFor('Use your own OpenAI API key');
  });

  // (Esc then a letter in one read is Alt+letter, as in every terminal: so Esc, Down, Enter. Back on
  // the picker the device code is highlighted: Linux without a display.)
  test('callback port busy: Esc, Down and Enter go back and open the API key screen', async () => {
    const opened = await openBusyPortScreen();
    bench = opened.bench;
    const { codex } = opened;
    await send(codex, [KEYS.escape, KEYS.down, KEYS.enter], together);
    await codex.waitFor('Use your own OpenAI API key');
  });

  test('home in 9 rows: /help, Enter and PgDn twice scroll /help two pages', async () => {
    bench = await e2eEnv({ browser: 'none' });
    bench.seedChatgpt(chatgptAuthJson(ALICE));
    const codex = bench.pty([], { cols: 80, rows: 9 });
    await codex.waitFor('Type / for commands');
    await send(codex, [...'/help', KEYS.enter, '\x1b[6~', '\x1b[6~'], together);
    await codex.waitFor((screen: string) => screen.includes('↑ 4 more lines (pgup)') && screen.includes('Keys:'));
  });
});
