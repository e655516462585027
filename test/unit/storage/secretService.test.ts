// The OS keyring for real: a Secret Service (gnome-keyring on a private D-Bus session, set up by
// scripts/test.sh), a bus that does not exist, and a bus that accepts connections but never answers.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCredentialStore } from '../../../src/storage/createCredentialStore.js';
import { createOsKeyring, keyringAccount } from '../../../src/storage/keyringStorage.js';
import { TEST_KEYRING_TIMEOUT_MS } from '../../cli/runCodex.js';
import { secretServiceUnavailable, testKeyring } from '../../cli/secretServiceProbe.js';

const unavailable = await secretServiceUnavailable('real Secret Service keyring tests');

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'codex-ss-'));
});
afterEach(async () => {
  if (!unavailable) await testKeyring(home).delete().catch(() => undefined);
  rmSync(home, { recursive: true, force: true });
});

const KEY = { auth_mode: 'apikey' as const, OPENAI_API_KEY: 'sk-proj-keyring-test-00000ABCDE' };

describe.skipIf(unavailable !== null)('real Secret Service', () => {
  it('stores compact JSON under service "Codex Auth", account cli|<hash>, and removes the fallback file', async () => {
    writeFileSync(join(home, 'auth.json'), JSON.stringify({ OPENAI_API_KEY: 'sk-old' }));
    const store = createCredentialStore({ codexHome: home, mode: 'keyring', keyringTimeoutMs: TEST_KEYRING_TIMEOUT_MS });
    const outcome = await store.transaction((tx) => tx.save(KEY));
    expect(outcome.location).toBe(`keyring (Codex Auth / ${keyringAccount(home)})`);
    expect(existsSync(join(home, 'auth.json'))).toBe(false);
    expect(await testKeyring(home).get()).toBe(JSON.stringify(KEY));
    const secretTool = (() => {
      try {
        return execFileSync('secret-tool', ['lookup', 'service', 'Codex Auth', 'username', keyringAccount(home)], { encoding: 'utf8' });
      } catch {
        return null; // secret-tool is optional, and attribute names differ between backends
      }
    })();
    if (secretTool !== null && secretTool !== '') expect(secretTool).toBe(JSON.stringify(KEY));
  });

  it('loads it back in a new store, and remove() deletes it', async () => {
    await createCredentialStore({ codexHome: home, mode: 'keyring', keyringTimeoutMs: TEST_KEYRING_TIMEOUT_MS }).transaction((tx) => tx.save(KEY));
    const again = createCredentialStore({ codexHome: home, mode: 'auto', keyringTimeoutMs: TEST_KEYRING_TIMEOUT_MS });
    expect(await again.load()).toMatchObject({ auth: KEY, backend: 'keyring' });
    const removed = await again.transaction((tx) => tx.remove());
    expect(removed.map((r) => r.backend)).toEqual(['keyring']);
    expect(await testKeyring(home).get()).toBeNull();
  });
});

describe('keyring unavailable (runs everywhere)', () => {
  let hung: Server;
  let hungSocket: string;
  beforeAll(async () => {
    hungSocket = join(mkdtempSync(join(tmpdir(), 'codex-hung-bus-')), 'bus');
    // Accepts D-Bus connections and never says a word: a wedged bus or Secret Service.
    hung = createServer((socket) => socket.on('data', () => undefined)).listen(hungSocket);
    await new Promise((resolve) => hung.once('listening', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => hung.close(resolve));
    rmSync(dirname(hungSocket), { recursive: true, force: true });
  });

  it('auto falls back to auth.json with a warning when there is no bus', async () => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/codex-test-bus' };
    const store = createCredentialStore({ codexHome: home, mode: 'auto', env });
    const outcome = await store.transaction((tx) => tx.save(KEY));
    expect(outcome.backend).toBe('file');
    expect(outcome.warning).toMatch(/^failed to save auth to keyring, falling back to file storage: /);
    expect((await store.load())?.backend).toBe('file');
  });

  // Only the timeout can end a call to a bus that never answers: the timeout's own message is the
  // proof that it ended the wait (how long that took on this machine is not asserted).
  it('a bus that never answers costs at most the timeout, in keyring and auto modes', async () => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${hungSocket}` };
    const keyringOnly = createCredentialStore({ codexHome: home, mode: 'keyring', env, keyringTimeoutMs: 600 });
    await expect(keyringOnly.load()).rejects.toThrow(/failed to load CLI auth from keyring: the keyring did not answer within 0\.6 s/);

    const auto = createCredentialStore({ codexHome: home, mode: 'auto', env, keyringTimeoutMs: 600 });
    const outcome = await auto.transaction((tx) => tx.save(KEY));
    expect(outcome.backend).toBe('file');
    expect(outcome.warning).toContain('did not answer within 0.6 s');
  });

  // The timeout is the keyring's: a helper slow to start (a busy machine) does not use it up. The
  // helper here spends 3 s before it loads the binding, and the keyring gets 2.5 s; with no bus at
  // all, the answer must be the bus's own error, not the timeout.
  it('a helper that is slow to start still gives the keyring its whole timeout', async () => {
    const slow = join(home, 'slow-start.cjs');
    writeFileSync(slow, 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);\n');
    const env = { ...process.env, NODE_OPTIONS: `--require ${slow}`, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/codex-test-bus' };
    const started = Date.now();
    const error = await createOsKeyring(home, { timeoutMs: 2500, env }).get().then(() => null, (e: Error) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    expect(error?.message).toBeTruthy();
    expect(error?.message).not.toMatch(/did not answer|did not start/);
  });
  it('a helper that dies before it is ready says why, not which Node it ran on', async () => {
    const broken = join(home, 'broken.cjs');
    writeFileSync(broken, "throw new Error('the keyring binding could not be loaded here');\n");
    const env = { ...process.env, NODE_OPTIONS: `--require ${broken}` };
    const error = await createOsKeyring(home, { timeoutMs: 2500, env }).get().then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(/^the keyring helper stopped: Error: the keyring binding could not be loaded here$/);
  });
});
