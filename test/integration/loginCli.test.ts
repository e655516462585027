// `codex login` and `codex login --device-auth` as text on the standard streams.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runBrowserLogin, runDeviceLogin, type LoginCliContext } from '../../src/cli/commands/loginInteractive.js';
import { ALICE } from '../support/jwt.js';
import { browse, callbackUrlFor, loginHarness, manualClock, type HarnessOptions, type LoginHarness } from '../support/loginHarness.js';

let bench: LoginHarness | null = null;
afterEach(async () => {
  await bench?.close();
  bench = null;
});

function streams(isTTY = false) {
  const capture = () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    return { stream, text: () => text };
  };
  const stdout = capture();
  const stderr = capture();
  Object.assign(stdout.stream, { isTTY });
  return { stdin: new PassThrough(), stdout, stderr };
}

async function context(options: HarnessOptions & { tty?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  bench = await loginHarness(options);
  const io = streams(options.tty);
  const ctx: LoginCliContext = {
    login: bench.login,
    stdin: io.stdin,
    stdout: io.stdout.stream,
    stderr: io.stderr.stream,
    env: options.env ?? {},
    version: '0.1.0',
  };
  return { h: bench, ctx, io };
}

describe('codex login (browser)', () => {
  it('prints the real CLI lines, waits for the browser and succeeds', async () => {
    const { h, ctx, io } = await context({ service: { openUrl: (url) => browse(url) } });
    expect(await runBrowserLogin(ctx)).toBe(0);
    const err = io.stderr.text();
    const authUrl = /\n\n(http:\S+)\n\n/.exec(err)![1]!;
    const port = new URL(new URL(authUrl).searchParams.get('redirect_uri')!).port;
    expect(err).toBe(
      `Starting local login server on http://localhost:${port}.\n` +
        'If your browser did not open, navigate to this URL to authenticate:\n\n' +
        `${authUrl}\n\n` +
        'On a remote or headless machine? Use `codex login --device-auth` instead.\n' +
        'Successfully logged in\n',
    );
    expect(io.stdout.text()).toBe('');
    expect(h.authJson()?.tokens.account_id).toBe(ALICE.accountId);
  });

  it('completes with a callback URL pasted on stdin after refusing a wrong one', async () => {
    const { h, ctx, io } = await context({ service: { openUrl: async () => {} } });
    const exit = runBrowserLogin(ctx, { pasteCallback: true });
    await waitFor(() => io.stderr.text().includes('press Enter'));
    const authUrl = /\n\n(http:\S+)\n\n/.exec(io.stderr.text())![1]!;
    const callback = await callbackUrlFor(authUrl);
    io.stdin.write(`${callback.replace(/state=[^&]+/, 'state=forged')}\n`);
    await waitFor(() => io.stderr.text().includes('state does not match'));
    io.stdin.write(`\x1b[200~${callback}\x1b[201~\r\n`);
    expect(await exit).toBe(0);
    expect(io.stderr.text()).toMatch(/Successfully logged in\n$/);
    expect(h.authJson()?.auth_mode).toBe('chatgpt');
  });

  it('prints "Error logging in: Login cancelled" when another login cancels it', async () => {
    const { ctx, io } = await context({ service: { openUrl: async () => {} } });
    const exit = runBrowserLogin(ctx);
    await waitFor(() => io.stderr.text().includes('Starting local login server'));
    const port = /localhost:(\d+)\./.exec(io.stderr.text())![1];
    await fetch(`http://127.0.0.1:${port}/cancel`);
    expect(await exit).toBe(1);
    expect(io.stderr.text()).toMatch(/\nError logging in: Login cancelled\n$/);
  });

  it('says when the browser could not be opened, keeping the URL on screen', async () => {
    const { ctx, io } = await context({
      service: { openUrl: async () => { throw new Error('xdg-open was not found'); } },
    });
    const exit = runBrowserLogin(ctx);
    await waitFor(() => io.stderr.text().includes('Could not open a browser'));
    expect(io.stderr.text()).toContain('Could not open a browser (xdg-open was not found); open the URL above yourself.\n');
    const authUrl = /\n\n(http:\S+)\n\n/.exec(io.stderr.text())![1]!;
    await browse(authUrl);
    expect(await exit).toBe(0);
  });

  it('refuses when ChatGPT login is disabled', async () => {
    const { ctx, io } = await context({ config: { forced_login_method: 'api' } });
    expect(await runBrowserLogin(ctx)).toBe(1);
    expect(io.stderr.text()).toBe('ChatGPT login is disabled. Use API key login instead.\n');
  });
});

describe('codex login --device-auth', () => {
  const plainPrompt = (url: string, code: string) =>
    "\nWelcome to Codex [v0.1.0]\nOpenAI's command-line coding agent\n\n" +
    'Follow these steps to sign in with ChatGPT using device code authorization:\n\n' +
    `1. Open this link in your browser and sign in to your account\n   ${url}\n\n` +
    `2. Enter this one-time code (expires in 15 minutes)\n   ${code}\n\n` +
    'Continue only if you started this login in Codex. If a website or another person gave you this code, cancel.\n';

  it('prints the prompt on stdout (no colour without a TTY) and succeeds', async () => {
    const { h, ctx, io } = await context({ service: { clock: manualClock() } });
    expect(await runDeviceLogin(ctx)).toBe(0);
    const code = /\n {3}([0-9A-F]{4}-[0-9A-F]{6})\n/.exec(io.stdout.text())![1]!;
    expect(io.stdout.text()).toBe(plainPrompt(`${h.authority.url}/codex/device`, code));
    expect(io.stderr.text()).toBe('Successfully logged in\n');
  });

  it('colours the URL and code blue and the rest grey on a TTY, unless NO_COLOR', async () => {
    const { ctx, io } = await context({ tty: true, service: { clock: manualClock() } });
    await runDeviceLogin(ctx);
    expect(io.stdout.text()).toContain('Welcome to Codex [v\x1b[90m0.1.0\x1b[0m]');
    expect(io.stdout.text()).toMatch(/\n {3}\x1b\[94m[0-9A-F]{4}-[0-9A-F]{6}\x1b\[0m\n/);
    await bench!.close();
    const plain = await context({ tty: true, env: { NO_COLOR: '1' }, service: { clock: manualClock() } });
    await runDeviceLogin(plain.ctx);
    expect(plain.io.stdout.text()).not.toContain('\x1b[');
  });

  it('prints "Error logging in: …" on failure, as 0.171 does', async () => {
    const { ctx, io } = await context({ behavior: { deviceCodeEnabled: false } });
    expect(await runDeviceLogin(ctx)).toBe(1);
    expect(io.stderr.text()).toBe(
      'Error logging in: device code login is not enabled for this Codex server. Use the browser login or verify the server URL.\n',
    );
    expect(io.stdout.text()).toBe('');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
