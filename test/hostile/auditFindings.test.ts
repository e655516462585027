// Issue 8, part 3: each finding of the hostile-input audit, in process, on real files and sockets.
// Every test here failed before its fix. The real binary meets the same inputs in auditCli.test.ts.
import { execFileSync } from 'node:child_process';
import {
  chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync,
  symlinkSync, truncateSync, utimesSync, writeFileSync,
} from 'node:fs';
import { statusWithHost } from '../support/hostHeader.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthManager } from '../../src/auth/AuthManager.js';
import { resolveEndpoints } from '../../src/auth/endpoints.js';
import { parseIdTokenClaims } from '../../src/credential/jwt.js';
import { scrubSecrets } from '../../src/credential/mask.js';
import { planDisplayName, planFromClaim, planFromRaw } from '../../src/credential/plan.js';
import { classifyRefreshFailure, extractErrorMessage } from '../../src/auth/refreshErrors.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { loadExtraCaBundle, CaBundleError } from '../../src/http/caBundle.js';
import { createHttpClient } from '../../src/http/client.js';
import { describeNetworkError } from '../../src/http/networkErrors.js';
import { isOwnHost } from '../../src/oauth/browserLogin.js';
import { cancelPreviousLoginServer } from '../../src/oauth/callbackPort.js';
import { tokenErrorDetail } from '../../src/oauth/tokenExchange.js';
import { LoginError } from '../../src/oauth/types.js';
import { readBoundedFileSync } from '../../src/platform/boundedRead.js';
import { createCredentialStore } from '../../src/storage/createCredentialStore.js';
import { FileAuthStorage, isWriterTempName, removeStaleTempFiles, STALE_TEMP_MS } from '../../src/storage/fileAuthStorage.js';
import { LockFileError, withAuthLock } from '../../src/storage/fileLock.js';
import { parseUsage } from '../../src/status/usage.js';
import { hasControls, safeText } from '../../src/text/safeText.js';
import { ALICE, chatgptAuthJson, makeIdToken } from '../support/jwt.js';
import { loginHarness, type LoginHarness } from '../support/loginHarness.js';

let root: string;
let home: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'codex-hostile-'));
  home = join(root, 'home');
  mkdirSync(home, { mode: 0o700 });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const KEY = 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCDE';
const apiKeyAuth = (key = KEY) => ({ auth_mode: 'apikey', OPENAI_API_KEY: key });
const fileStore = () => createCredentialStore({ codexHome: home, mode: 'file' });
const save = (auth: unknown = apiKeyAuth()) => fileStore().transaction((tx) => tx.save(auth as never));
const ago = (path: string, ms: number) => utimesSync(path, new Date(Date.now() - ms), new Date(Date.now() - ms));

describe('1. set-aside files are never overwritten', () => {
  it('two malformed files set aside in the same second both survive, under distinct names', async () => {
    const file = new FileAuthStorage(home);
    const now = new Date('2026-12-01T12:00:00.250Z');
    writeFileSync(file.path, '{ first broken', { mode: 0o600 });
    const first = await file.setAsideIfMalformed(now);
    writeFileSync(file.path, '{ second broken', { mode: 0o600 });
    const second = await file.setAsideIfMalformed(new Date('2026-12-01T12:00:00.750Z'));
    expect(first).toBe(`${file.path}.invalid-20261201T120000Z`);
    expect(second).toBe(`${file.path}.invalid-20261201T120000Z-2`);
    expect(readFileSync(first!, 'utf8')).toBe('{ first broken');
    expect(readFileSync(second!, 'utf8')).toBe('{ second broken');
    expect(existsSync(file.path)).toBe(false);
  });

  it('a file a person put at the next name is not replaced either', async () => {
    const file = new FileAuthStorage(home);
    const now = new Date('2026-12-01T12:00:00Z');
    writeFileSync(`${file.path}.invalid-20261201T120000Z`, 'mine');
    writeFileSync(`${file.path}.invalid-20261201T120000Z-2`, 'mine too');
    writeFileSync(file.path, 'not json', { mode: 0o600 });
    expect(await file.setAsideIfMalformed(now)).toBe(`${file.path}.invalid-20261201T120000Z-3`);
    expect(readFileSync(`${file.path}.invalid-20261201T120000Z`, 'utf8')).toBe('mine');
    expect(readFileSync(`${file.path}.invalid-20261201T120000Z-2`, 'utf8')).toBe('mine too');
  });
});

describe('2. the stale-temp sweep removes only dead writers\' temp files', () => {
  it('keeps files a person named .auth-…, and fresh temp files; removes old ones of ours and the real CLI\'s', async () => {
    const names = {
      personal: ['.auth-backup', '.auth-20261201', '.auth-old', '.auth-BACKUP', '.auth-0123456789abcdef'],
      fresh: ['.auth-Xy12Ab', '.auth-0a1b2c3d4e5f'],
      stale: ['.auth-Qw3rTy', '.auth-9f8e7d6c5b4a'],
    };
    for (const name of [...names.personal, ...names.fresh, ...names.stale]) writeFileSync(join(home, name), 'copy', { mode: 0o600 });
    for (const name of [...names.personal, ...names.stale]) ago(join(home, name), STALE_TEMP_MS + 60_000);
    mkdirSync(join(home, '.auth-ABC123')); // a folder of that shape is nobody's temp file
    ago(join(home, '.auth-ABC123'), STALE_TEMP_MS + 60_000);
    await save();
    const left = readdirSync(home).filter((n) => n.startsWith('.auth-')).sort();
    expect(left).toEqual([...names.personal, ...names.fresh, '.auth-ABC123'].sort());
  });

  it('the name rule: our 12 hex digits, the real CLI\'s 6 random letters and digits', () => {
    expect(isWriterTempName('.auth-0a1b2c3d4e5f')).toBe(true);
    expect(isWriterTempName('.auth-AbC123')).toBe(true);
    for (const name of ['.auth-backup', '.auth-BACKUP', '.auth-123456', '.auth-20261201', '.auth-0A1B2C3D4E5F', '.auth-abc12', 'auth-AbC123', '.auth-AbC123.bak']) {
      expect(isWriterTempName(name), name).toBe(false);
    }
  });

  it('a temp file left by a killed writer goes once it is stale', async () => {
    writeFileSync(join(home, '.auth-0a1b2c3d4e5f'), '{"OPENAI_API_KEY":"sk-killed"}', { mode: 0o600 });
    expect(await removeStaleTempFiles(home)).toEqual([]);
    ago(join(home, '.auth-0a1b2c3d4e5f'), STALE_TEMP_MS + 1_000);
    expect(await removeStaleTempFiles(home)).toEqual(['.auth-0a1b2c3d4e5f']);
  });
});

describe('3. a symlinked auth.json is written through', () => {
  it('save replaces the target atomically and keeps the link; logout removes the credential at the target', async () => {
    const vault = join(root, 'vault');
    mkdirSync(vault, { mode: 0o700 });
    const target = join(vault, 'codex-auth.json');
    writeFileSync(target, JSON.stringify(apiKeyAuth('sk-proj-old-old-old-old-old-old-old')), { mode: 0o600 });
    symlinkSync(target, join(home, 'auth.json'));
    await save();
    expect(lstatSync(join(home, 'auth.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(home, 'auth.json'))).toBe(target);
    expect(JSON.parse(readFileSync(target, 'utf8')).OPENAI_API_KEY).toBe(KEY);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(vault)).toEqual(['codex-auth.json']); // no temp file left beside it
    expect((await fileStore().load())?.auth).toMatchObject({ OPENAI_API_KEY: KEY });

    const removed = await fileStore().transaction((tx) => tx.remove());
    expect(removed).toEqual([{ backend: 'file', location: join(home, 'auth.json') }]);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(home, 'auth.json')) || lstatSync(join(home, 'auth.json'), { throwIfNoEntry: false })).toBeFalsy();
  });

  it('a relative and a dangling link are followed too; a loop is refused', async () => {
    mkdirSync(join(root, 'elsewhere'));
    symlinkSync('../elsewhere/auth.json', join(home, 'auth.json'));
    await save();
    expect(JSON.parse(readFileSync(join(root, 'elsewhere', 'auth.json'), 'utf8')).OPENAI_API_KEY).toBe(KEY);
    expect(lstatSync(join(home, 'auth.json')).isSymbolicLink()).toBe(true);
    rmSync(join(home, 'auth.json'));
    symlinkSync(join(home, 'auth.json'), join(home, 'auth.json'));
    await expect(save()).rejects.toThrow(`Could not read ${join(home, 'auth.json')}: ELOOP`);
  });
});

describe('4. nothing from a token, a server or a request reaches a terminal with control characters', () => {
  const OSC_TITLE = '\u001b]0;pwned\u0007';
  const OSC52 = '\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u0007';
  const CLEAR = '\u001b[2J\u001b[H';
  const hostile = `ada${OSC_TITLE}${OSC52}${CLEAR}\r\nLogged in as root\u009b31m\u202e@example.com`;

  it('id_token claims are stripped and capped where they become the identity', () => {
    const claims = parseIdTokenClaims(makeIdToken({ ...ALICE, email: hostile, plan: `plus${CLEAR}` }));
    expect(hasControls(claims.email!)).toBe(false);
    expect(claims.email).toBe('ada Logged in as root@example.com');
    expect(claims.rawPlan).toBe('plus');
    const huge = parseIdTokenClaims(makeIdToken({ ...ALICE, email: `${'a'.repeat(10 * 1024 * 1024)}@example.com` }));
    expect(huge.email!.length).toBeLessThanOrEqual(256);
  });

  it('server error bodies: refresh, token endpoint, network errors, callback errors', () => {
    for (const out of [
      extractErrorMessage(JSON.stringify({ error: { message: hostile } })),
      extractErrorMessage(hostile),
      classifyRefreshFailure(500, JSON.stringify({ error: { message: hostile } })).message,
      tokenErrorDetail(JSON.stringify({ error_description: hostile })),
      tokenErrorDetail(hostile),
      describeNetworkError(new TypeError('fetch failed', { cause: new Error(hostile) }), 'https://auth.example.com/x'),
      scrubSecrets(hostile),
    ]) {
      expect(hasControls(out), JSON.stringify(out)).toBe(false);
      expect(out).toContain('ada');
    }
    expect(extractErrorMessage('x'.repeat(10_000_000)).length).toBeLessThanOrEqual(301);
    expect(tokenErrorDetail(JSON.stringify({ error_description: 'y'.repeat(1_000_000) })).length).toBeLessThanOrEqual(500);
  });

  it('a secret hidden behind an escape is still scrubbed', () => {
    expect(scrubSecrets(`key sk-\u001b[0mproj-abcdefghijklmnop1234 here`)).not.toContain('abcdefghijklmnop');
  });

  it('safeText: one line, no half surrogate pairs, ellipsis when cut', () => {
    expect(safeText('a\nb\tc')).toBe('a b c');
    expect(safeText('😀'.repeat(10), 6)).toBe('😀😀…');
  });
});

describe('5. keys from outside never reach Object.prototype', () => {
  it('plans named like Object members are unknown', () => {
    for (const raw of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(planFromClaim(raw)).toBe('unknown');
      expect(planFromRaw(raw)).toBe('unknown');
    }
    expect(planDisplayName('toString' as never)).toBe('Unknown');
  });

  it('refresh error codes named like Object members are not reasons', () => {
    expect(classifyRefreshFailure(400, JSON.stringify({ error: { code: 'constructor' } })).permanent).toBe(false);
  });

  it('-c refuses __proto__, constructor and prototype segments with a clear error', async () => {
    for (const override of ['__proto__.cli_auth_credentials_store=ephemeral', 'constructor.prototype.x=1', 'a.prototype=1', '__proto__=1']) {
      await expect(loadConfig({ codexHome: home, overrides: [override] })).rejects.toThrow(ConfigError);
      await expect(loadConfig({ codexHome: home, overrides: [override] })).rejects.toThrow(/cannot be a key/);
    }
    expect(({} as Record<string, unknown>).cli_auth_credentials_store).toBeUndefined();
  });

  it('config.toml: a __proto__ table sets nothing inherited', async () => {
    writeFileSync(join(home, 'config.toml'), '[__proto__]\ncli_auth_credentials_store = "ephemeral"\n');
    const config = await loadConfig({ codexHome: home, overrides: [] }).catch((error: Error) => error);
    if (!(config instanceof Error)) expect(config.cli_auth_credentials_store).toBe('file');
    expect(({} as Record<string, unknown>).cli_auth_credentials_store).toBeUndefined();
  });
});

describe('6. files that never end are refused by kind and size, naming the file', () => {
  const fifo = (path: string) => execFileSync('mkfifo', [path]);

  it('auth.json as a FIFO, /dev/zero, a 3 GB file', async () => {
    const path = join(home, 'auth.json');
    fifo(path);
    await expect(fileStore().load()).rejects.toThrow(`${path} is a FIFO (named pipe), not a regular file`);
    rmSync(path);
    symlinkSync('/dev/zero', path);
    await expect(fileStore().load()).rejects.toThrow(`${path} is a character device, not a regular file`);
    rmSync(path);
    writeFileSync(path, '');
    truncateSync(path, 3 * 1024 ** 3); // sparse: costs nothing on disk
    await expect(fileStore().load()).rejects.toThrow(`${path} is too large (3072.0 MiB; at most 1.0 MiB)`);
    // A sign-in does not silently overwrite what it cannot read.
    await expect(save()).rejects.toThrow(/too large/);
  });

  it('config.toml as a FIFO, /dev/zero, 2 MiB', async () => {
    const path = join(home, 'config.toml');
    fifo(path);
    await expect(loadConfig({ codexHome: home, overrides: [] })).rejects.toThrow(`${path} is a FIFO (named pipe), not a regular file`);
    rmSync(path);
    symlinkSync('/dev/zero', path);
    await expect(loadConfig({ codexHome: home, overrides: [] })).rejects.toThrow(`${path} is a character device`);
    rmSync(path);
    writeFileSync(path, `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    await expect(loadConfig({ codexHome: home, overrides: [] })).rejects.toThrow(`${path} is too large`);
  });

  it('a CA bundle as a FIFO, /dev/zero, 11 MiB', () => {
    const path = join(root, 'ca.pem');
    fifo(path);
    expect(() => loadExtraCaBundle({ CODEX_CA_CERTIFICATE: path })).toThrow(CaBundleError);
    expect(() => loadExtraCaBundle({ SSL_CERT_FILE: path })).toThrow(`SSL_CERT_FILE: ${path} is a FIFO (named pipe), not a regular file`);
    expect(() => loadExtraCaBundle({ NODE_EXTRA_CA_CERTS: '/dev/zero' })).toThrow('/dev/zero is a character device');
    rmSync(path);
    writeFileSync(path, '');
    truncateSync(path, 11 * 1024 * 1024);
    expect(() => loadExtraCaBundle({ CODEX_CA_CERTIFICATE: path })).toThrow(/too large \(11\.0 MiB; at most 10\.0 MiB\)/);
  });

  it('a regular file through a symlink is read; a folder is refused', () => {
    writeFileSync(join(root, 'real.toml'), 'a = 1\n');
    symlinkSync(join(root, 'real.toml'), join(root, 'link.toml'));
    expect(readBoundedFileSync(join(root, 'link.toml'), 100)).toBe('a = 1\n');
    expect(() => readBoundedFileSync(root, 100)).toThrow('is a folder');
  });
});

describe('7. the callback server answers only its own Host', () => {
  let h: LoginHarness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('a foreign Host cannot cancel, complete or probe a sign-in; the stale-server /cancel still works', async () => {
    h = await loginHarness();
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    let ended: unknown = null;
    attempt.done.then((v) => (ended = v), (e: unknown) => (ended = e));
    const authorize = await fetch(attempt.authUrl, { redirect: 'manual' });
    const callback = new URL(authorize.headers.get('location')!);
    for (const host of ['evil.com', `evil.com:${attempt.port}`, `127.0.0.1.evil.com:${attempt.port}`, '127.0.0.1', `localhost:${attempt.port + 1}`]) {
      expect(await statusWithHost(attempt.port, '/cancel', host), host).toBe(403);
      expect(await statusWithHost(attempt.port, `${callback.pathname}${callback.search}`, host), host).toBe(403);
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(null);
    expect(h.authBytes()).toBe(null);
    // What a second codex sends to a busy port (Host: 127.0.0.1:<port>) still ends this attempt.
    expect(await cancelPreviousLoginServer(attempt.port)).toBe(null);
    await expect(attempt.done).rejects.toThrow(LoginError);
  });

  it('the real callback (Host: localhost:<port> or 127.0.0.1:<port>, any case) completes', async () => {
    h = await loginHarness();
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    const authorize = await fetch(attempt.authUrl, { redirect: 'manual' });
    const callback = new URL(authorize.headers.get('location')!);
    expect([`localhost:${attempt.port}`, `127.0.0.1:${attempt.port}`]).toContain(callback.host);
    expect(await statusWithHost(attempt.port, `${callback.pathname}${callback.search}`, callback.host.toUpperCase())).toBe(302);
    expect(await statusWithHost(attempt.port, '/success', `localhost:${attempt.port}`)).toBe(200);
    await expect(attempt.done).resolves.toMatchObject({ email: ALICE.email });
  });

  it('isOwnHost', () => {
    expect(isOwnHost('127.0.0.1:1455', 1455)).toBe(true);
    expect(isOwnHost('localhost:1455', 1455)).toBe(true);
    expect(isOwnHost(undefined, 1455)).toBe(false);
    expect(isOwnHost('localhost', 1455)).toBe(false);
    expect(isOwnHost('[::1]:1455', 1455)).toBe(false);
  });
});

describe('8. lock files never follow symlinks', () => {
  it('flock files: a link at auth.lock or auth.json.lock is refused and nothing appears at its target', async () => {
    for (const name of ['auth.lock', 'auth.json.lock']) {
      const target = join(root, `planted-${name}`);
      symlinkSync(target, join(home, name));
      await expect(withAuthLock(home, async () => 'ran')).rejects.toThrow(LockFileError);
      await expect(withAuthLock(home, async () => 'ran')).rejects.toThrow(`${join(home, name)} is a symlink`);
      expect(existsSync(target)).toBe(false);
      rmSync(join(home, name));
    }
    expect(await withAuthLock(home, async () => 'ran')).toBe('ran');
  });

  it('the fallback lock file too', async () => {
    const target = join(root, 'planted-lock');
    symlinkSync(target, join(home, 'auth.codex-lock'));
    await expect(withAuthLock(home, async () => 'ran', { forceFallback: true, timeoutMs: 5_000 })).rejects.toThrow(LockFileError);
    expect(existsSync(target)).toBe(false);
  });
});

describe('9. unsafe permissions are warned about', () => {
  it('a world-writable CODEX_HOME and an auth.json others can read', async () => {
    writeFileSync(join(home, 'auth.json'), JSON.stringify(chatgptAuthJson(ALICE)), { mode: 0o600 });
    expect(fileStore().warnings).toEqual([]);
    const quiet = fileStore();
    await quiet.load();
    expect(quiet.warnings).toEqual([]);

    chmodSync(home, 0o777);
    chmodSync(join(home, 'auth.json'), 0o644);
    const store = fileStore();
    await store.load();
    expect(store.warnings).toEqual([
      `${home} is writable by every user (mode 0777): anyone on this machine can replace your credentials there. Run: chmod 700 ${home}`,
      `${join(home, 'auth.json')} can be read or changed by other users (mode 0644): run chmod 600 ${join(home, 'auth.json')} (codex resets it to 0600 on its next save).`,
    ]);
    await store.transaction((tx) => tx.save(apiKeyAuth() as never));
    expect(statSync(join(home, 'auth.json')).mode & 0o777).toBe(0o600);
  });

  it('reach the screen as warning banners through the AuthManager', async () => {
    writeFileSync(join(home, 'auth.json'), JSON.stringify(apiKeyAuth()), { mode: 0o644 });
    const auth = new AuthManager({ store: fileStore(), http: createHttpClient({ env: {} }), endpoints: resolveEndpoints({}) });
    await auth.start();
    try {
      expect(auth.snapshot().notices.filter((n) => n.kind === 'warning').map((n) => n.message)).toEqual([
        `${join(home, 'auth.json')} can be read or changed by other users (mode 0644): run chmod 600 ${join(home, 'auth.json')} (codex resets it to 0600 on its next save).`,
      ]);
    } finally {
      auth.dispose();
    }
  });

  it('a CODEX_HOME and an auth.json that belong to another user', async () => {
    writeFileSync(join(home, 'auth.json'), JSON.stringify(apiKeyAuth()), { mode: 0o600 });
    const owner = statSync(home).uid;
    // This process as some other user than the files' owner (the tests may run as root, who is never warned).
    const getuid = vi.spyOn(process, 'getuid').mockReturnValue(owner + 4242);
    try {
      const store = fileStore();
      await store.load();
      expect(store.warnings).toEqual([
        `${home} belongs to another user (uid ${owner}), who can read and replace your credentials there.`,
        `${join(home, 'auth.json')} belongs to another user (uid ${owner}).`,
      ]);
    } finally {
      getuid.mockRestore();
    }
  });
});

describe('4. usage limits from the server are terminal-safe too', () => {
  it('plan_type and the credit balance', () => {
    const report = parseUsage({ plan_type: 'plus\u001b]0;pwned\u0007\u001b[2J', credits: { balance: `9\u001b]52;c;ZXZpbA==\u0007${'9'.repeat(1_000)}` } }, Date.now());
    expect(report.planType).toBe('plus');
    expect(hasControls(report.credits!.balance!)).toBe(false);
    expect(report.credits!.balance!.length).toBeLessThanOrEqual(256);
  });
});
