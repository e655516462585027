// Device code and API key sign-in end to end: the built `bin/codex` in a pseudo-terminal against
// the loopback authority (device endpoints, /v1/models).
import { afterEach, describe, expect, test } from 'vitest';
import { E2E_TEST_TIMEOUT_MS, e2eEnv, type E2eEnv } from '../support/e2eEnv.js';
import { ALICE } from '../support/jwt.js';
import { KEYS, REACTION_MS, sleep, type PtySession } from '../support/pty.js';

let bench: E2eEnv | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

async function pick(b: E2eEnv, choice: '1' | '2' | '3'): Promise<PtySession> {
  const codex = b.pty([], { cols: 120, rows: 30 });
  await codex.waitFor('Welcome to Codex');
  codex.write(choice);
  return codex;
}

/** The user code codex sent with its polls (what the person would read off the screen). */
async function polledUserCode(b: E2eEnv): Promise<string> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) { // only catches a hang
    const poll = b.authority.requests.find((r) => r.path === '/api/accounts/deviceauth/token');
    if (poll) return String(poll.body.user_code);
    await sleep(25);
  }
  throw new Error('codex never polled for the device token');
}

describe('device code', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  test('pending twice, then signed in: the code on screen, auth.json without an API key', async () => {
    bench = await e2eEnv({ browser: 'none', behavior: { devicePendingPolls: 2, deviceInterval: '1' } });
    const codex = await pick(bench, '2');
    await codex.waitFor('Sign in from any device');
    const userCode = await polledUserCode(bench);
    const screen = await codex.waitFor(userCode); // one unbroken token
    expect(screen).toContain(`${bench.authority.url}/codex/device`);
    expect(screen.replace(/\s+/g, ' ')).toContain('Continue only if you started this login in Codex. If a website or another person gave you this code, cancel.'); // 0.171's warning, wrapped to the width

    await codex.waitFor('✓ Signed in as alice@example.com (Plus)');
    expect(codex.screen()).toContain('The one-time device code was accepted.');
    const auth = bench.authJson()!;
    expect(auth.auth_mode).toBe('chatgpt');
    expect(auth.OPENAI_API_KEY).toBeNull();
    expect(auth.tokens.account_id).toBe(ALICE.accountId);
    expect(bench.authFileMode()).toBe(0o600);
    expect(bench.authority.count('/api/accounts/deviceauth/token')).toBe(3);
    expect(bench.authority.count('/oauth/token', 'authorization_code')).toBe(1);
  });

  test('not enabled: the screen says so and how to turn it on', async () => {
    bench = await e2eEnv({ browser: 'none', behavior: { deviceCodeEnabled: false } });
    const codex = await pick(bench, '2');
    const screen = await codex.waitFor('Device code sign-in is not enabled');
    expect(screen).toContain('device code login is not enabled for this Codex server');
    expect(screen).toMatch(/Settings → Security/);
    expect(screen).toContain('enable device code authorization for Codex');
    expect(screen).toContain('Sign in with ChatGPT'); // the other ways in are offered
    expect(bench.authBytes()).toBeNull();
  });
});

describe('API key', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  test('a key /models refuses: the error is shown and nothing is saved', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const codex = await pick(bench, '3');
    await codex.waitFor('Use your own OpenAI API key');
    await codex.type('sk-proj-not-a-real-key-1234');
    await codex.waitFor('> sk-proj-***-1234 (27 chars)'); // the one mask format
    await sleep(REACTION_MS);
    codex.write(KEYS.enter);
    await codex.waitFor('OpenAI refused this key');
    expect(codex.screen()).toContain('Incorrect API key provided.');
    expect(codex.screen()).toContain('Nothing was saved.');
    expect(bench.authority.count('/v1/models')).toBe(1);
    expect(bench.authBytes()).toBeNull();
  });

  test('a valid key (pasted) is saved and shown masked; the full key never reaches the terminal', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const key = 'sk-proj-e2eValidKey9f8e7d6c5b4a3210ZYXW';
    bench.authority.validApiKeys.add(key);
    const codex = await pick(bench, '3');
    await codex.waitFor('Use your own OpenAI API key');
    codex.paste(key);
    await codex.waitFor(`> sk-proj-***${key.slice(-5)}`); // the field shows the key masked
    await sleep(REACTION_MS);
    codex.write(KEYS.enter);

    await codex.waitFor('✓ API key configured');
    await codex.waitFor('Using API key');
    const auth = bench.authJson()!;
    expect(auth.auth_mode).toBe('apikey');
    expect(auth.OPENAI_API_KEY).toBe(key);
    expect(bench.authFileMode()).toBe(0o600);
    const raw = codex.raw();
    expect(raw).not.toContain(key);
    expect(raw).not.toContain(key.slice(8, -4)); // not even the middle of it
    expect(codex.screen()).toContain(key.slice(-4));
  });
});
