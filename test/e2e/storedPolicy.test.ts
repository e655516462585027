// The real binary in a pseudo-terminal with ChatGPT credentials stored and forced_login_method = "api":
// the picker opens with the reason and only the API key; the credentials stay until the new sign-in
// succeeds, which replaces them (the real CLI's TUI deletes them at once; README says so).
import { afterEach, describe, expect, test } from 'vitest';
import { E2E_TEST_TIMEOUT_MS, e2eEnv, type E2eEnv } from '../support/e2eEnv.js';
import { ALICE, chatgptAuthJson } from '../support/jwt.js';
import { KEYS, REACTION_MS, sleep } from '../support/pty.js';

let bench: E2eEnv | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

describe('policy on stored credentials, in the interactive app', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  test('forced api with ChatGPT stored: the reason, the API key only; a new key replaces the tokens', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const bytes = bench.seedAuthJson(chatgptAuthJson(ALICE));
    const codex = bench.pty(['-c', 'forced_login_method="api"'], { cols: 120, rows: 30 });
    const screen = await codex.waitFor('API key login is required, but ChatGPT is currently being used.');
    expect(screen).toContain('are not used. Signing in below replaces them.');
    expect(screen).not.toContain('device code');
    expect(screen).not.toContain('alice@example.com');
    await sleep(300);
    expect(bench.authBytes()).toEqual(bytes); // not deleted before a new sign-in succeeds

    const key = 'sk-proj-e2ePolicyKey9f8e7d6c5b4a3210ABCDE';
    bench.authority.validApiKeys.add(key);
    codex.write('2');
    await codex.waitFor('Use your own OpenAI API key');
    codex.paste(key);
    await codex.waitFor(`> sk-proj-***${key.slice(-5)}`);
    await sleep(REACTION_MS);
    codex.write(KEYS.enter);
    await codex.waitFor('✓ API key configured');
    expect(bench.authJson()).toMatchObject({ auth_mode: 'apikey', OPENAI_API_KEY: key });
    expect(bench.authJson()?.tokens).toBeUndefined();
  });
});
