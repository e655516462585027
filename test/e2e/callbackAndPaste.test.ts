// The browser sign-in's local side without a browser (BROWSER=none): pasting the address the
// browser ended on, forged callbacks, a busy port, and a callback that arrives after Esc.
import { afterEach, describe, expect, test } from 'vitest';
import { E2E_TEST_TIMEOUT_MS, e2eEnv, type E2eEnv } from '../support/e2eEnv.js';
import { ALICE } from '../support/jwt.js';
import { KEYS, REACTION_MS, sleep, type PtySession } from '../support/pty.js';
import { useBusyPortScreen } from './harness/busyPort.js';
import { callbackUrlFor, onLoopback, waitForAuthUrl, withState } from './harness/oauth.js';
import { maskCallbackSecrets } from '../../screens/BrowserLoginScreen.js';

let bench: E2eEnv | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});
const openBusyPortScreen = useBusyPortScreen();

async function openBrowserScreen(b: E2eEnv) {
  const codex = b.pty([], { cols: 120, rows: 30 });
  await codex.waitFor('Welcome to Codex');
  codex.write('1');
  await codex.waitFor('Waiting for the browser');
  const authUrl = await waitForAuthUrl(codex);
  return { codex, authUrl };
}

/** Pastes (bracketed), waits until the field shows it, then presses Enter as a person would. */
async function pasteAndSubmit(codex: PtySession, text: string) {
  codex.paste(text);
  // The field shows the address with its code and state cut short, and only its end when long.
  const tail = maskCallbackSecrets(text).slice(-30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await codex.waitFor(new RegExp(`^(?:> |…).*${tail}`, 'm')); // the field line shows the end of a long value
  await sleep(REACTION_MS);
  codex.write(KEYS.enter);
}

describe('browser sign-in, local side', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  test('paste-back: a URL from another attempt is refused, the right one signs in', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const { codex, authUrl } = await openBrowserScreen(bench);
    const callback = await callbackUrlFor(authUrl); // the browser's last address, on a machine that cannot reach us

    await pasteAndSubmit(codex, withState(callback, 'state-of-an-older-attempt'));
    await codex.waitFor('its state does not match');
    expect(codex.screen()).toContain('Still waiting for the browser.');
    expect(codex.screen()).toContain('Waiting for the browser');
    expect(bench.authBytes()).toBeNull();
    expect(bench.authority.count('/oauth/token')).toBe(0);

    await pasteAndSubmit(codex, callback);
    await codex.waitFor('✓ Signed in as alice@example.com (Plus)');
    expect(bench.authJson()!.tokens.account_id).toBe(ALICE.accountId);
    expect(bench.authFileMode()).toBe(0o600);
    expect(bench.authority.count('/oauth/token', 'authorization_code')).toBe(1);
  });

  test('a callback with the wrong state gets 400 State mismatch and the screen keeps waiting', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const { codex, authUrl } = await openBrowserScreen(bench);
    const callback = onLoopback(await callbackUrlFor(authUrl));

    const forged = await fetch(withState(callback, 'forged'));
    expect(forged.status).toBe(400);
    expect(await forged.text()).toBe('State mismatch');
    await sleep(300);
    expect(codex.screen()).toContain('Waiting for the browser');
    expect(bench.authority.count('/oauth/token')).toBe(0);

    // Still listening: the real callback completes the sign-in.
    const real = await fetch(callback);
    expect(real.status).toBe(200);
    expect(await real.text()).toContain('Signed in to Codex');
    await codex.waitFor('✓ Signed in as alice@example.com (Plus)');
  });

  test('busy callback port: the screen names the port and offers a device code', async () => {
    const opened = await openBusyPortScreen();
    bench = opened.bench;
    const { codex, port, screen } = opened;
    expect(screen).toContain(`127.0.0.1:${port}`);
    expect(screen).toMatch(/device code/);
    codex.write(KEYS.enter);
    await codex.waitFor('Sign in from any device');
    expect(bench.authority.count('/api/accounts/deviceauth/usercode')).toBe(1);
    expect(bench.authBytes()).toBeNull();
  });

  test('Esc cancels: a late callback with the right state is refused and nothing is saved', async () => {
    bench = await e2eEnv({ browser: 'none' });
    const { codex, authUrl } = await openBrowserScreen(bench);
    const callback = onLoopback(await callbackUrlFor(authUrl));

    codex.write(KEYS.escape);
    await codex.waitFor('Welcome to Codex');
    const late = await fetch(callback).then(
      (response) => `HTTP ${response.status}`,
      (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
    );
    // Refused, or reset when it lands while the listener is still closing: never answered.
    expect(['ECONNREFUSED', 'ECONNRESET']).toContain(late);
    await sleep(300);
    expect(bench.authBytes()).toBeNull();
    expect(bench.authority.count('/oauth/token')).toBe(0);
    expect(codex.screen()).toContain('Welcome to Codex');
  });
});
