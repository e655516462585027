// Issue 8, part 3: the hostile-input audit's findings where a person meets them, through the real
// `bin/codex` with real files and a loopback authority. Each of these failed before its fix.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { statusWithHost } from '../support/hostHeader.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STALE_TEMP_MS } from '../../src/storage/fileAuthStorage.js';
import { ALICE, chatgptAuthJson, makeIdToken } from '../support/jwt.js';
import { BIN, ROOT, baseEnv, runCodex, useCodexScenario } from '../cli/runCodex.js';

const KEY = 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCDE';
const ESCAPES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/; // anything but \t and \n
const scene = useCodexScenario();

const authPath = () => join(scene.home.path, 'auth.json');
const env = (extra: Record<string, string> = {}) => ({ ...baseEnv(scene.home.path), CODEX_AUTH_ISSUER: scene.authority.url, ...extra });
const codex = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) =>
  runCodex(args, { env: env(options.env), input: options.input });
const writeAuth = (auth: unknown) => writeFileSync(authPath(), JSON.stringify(auth), { mode: 0o600 });
const hostileAuth = (email: string, plan = 'plus') => {
  const auth = chatgptAuthJson(ALICE);
  auth.tokens.id_token = makeIdToken({ ...ALICE, email, plan });
  return auth;
};

describe('terminal escapes from a token never reach the terminal (4)', () => {
  it('login status and --json: an OSC title, OSC 52, clear-screen and newlines in the email are stripped; 200 KB is capped', async () => {
    writeAuth(hostileAuth('eve\u001b]0;pwned\u0007\u001b]52;c;ZXZpbA==\u0007\u001b[2J\r\nLogged in using an API key@example.com'));
    const plain = await codex(['login', 'status']);
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toMatch(ESCAPES);
    expect(plain.stderr).toContain('eve Logged in using an API key@example.com (Plus)');
    expect(plain.stderr.split('\n')[0]).toMatch(/^Logged in using ChatGPT - eve /);

    writeAuth(hostileAuth(`${'x'.repeat(200_000)}@example.com`));
    const json = await codex(['login', 'status', '--json']);
    const email = JSON.parse(json.stdout).email as string;
    expect(email.length).toBeLessThanOrEqual(256);
    const text = await codex(['login', 'status']);
    expect(text.stderr.length).toBeLessThan(2_000);
  });

  it('a refresh error body from the server is stripped before it is printed', async () => {
    scene.authority.behavior.refreshFailure = { status: 500, raw: JSON.stringify({ error: { message: 'down\u001b]0;pwned\u0007\u001b[2J now' } }) };
    try {
      writeAuth(chatgptAuthJson(ALICE, { accessTtlSeconds: -60 }));
      scene.authority.seedAuth(JSON.parse(readFileSync(authPath(), 'utf8')));
      const result = await codex(['login', 'status']);
      expect(result.stderr + result.stdout).not.toMatch(ESCAPES);
      expect(result.stderr).toContain('down now');
    } finally {
      scene.authority.behavior.refreshFailure = null;
    }
  });
});

describe('prototype keys (5)', () => {
  it('a plan of constructor, __proto__ or toString is unknown, and --json keeps every key', async () => {
    for (const plan of ['constructor', '__proto__', 'toString']) {
      writeAuth(hostileAuth(ALICE.email!, plan));
      const plain = await codex(['login', 'status']);
      expect(plain.stderr, plan).not.toContain('undefined');
      expect(plain.stderr, plan).toContain(`Logged in using ChatGPT - ${ALICE.email}`);
      const json = JSON.parse((await codex(['login', 'status', '--json'])).stdout);
      expect(json, plan).toMatchObject({ plan: 'unknown', planName: null, email: ALICE.email });
    }
  });

  it('-c __proto__.… is refused with a clear error and changes nothing', async () => {
    for (const key of ['__proto__.cli_auth_credentials_store', 'constructor.prototype.cli_auth_credentials_store']) {
      const result = await codex(['-c', `${key}=ephemeral`, 'login', '--with-api-key'], { input: KEY });
      expect(result.code, key).toBe(1);
      expect(result.stderr, key).toMatch(/Error parsing -c overrides: Invalid key in override: "(__proto__|constructor)" cannot be a key/);
      expect(existsSync(authPath()), key).toBe(false);
    }
  });
});

describe('files that never end (6)', () => {
  const fifo = (path: string) => execFileSync('mkfifo', [path]);

  it('auth.json and config.toml as FIFOs: login status answers at once, naming the file', async () => {
    fifo(authPath());
    const auth = await codex(['login', 'status']);
    expect(auth.code).toBe(1);
    expect(auth.stderr).toContain(`${authPath()} is a FIFO (named pipe), not a regular file`);
    const config = join(scene.home.path, 'config.toml');
    fifo(config);
    const both = await codex(['login', 'status']);
    expect(both).toMatchObject({ code: 1 });
    expect(both.stderr).toBe(`Error loading configuration: ${config} is a FIFO (named pipe), not a regular file.\n`);
  });

  it('auth.json linked to /dev/zero is refused, not read until memory runs out', async () => {
    symlinkSync('/dev/zero', authPath());
    const result = await codex(['login', 'status', '--json']);
    expect(JSON.parse(result.stdout).error).toContain(`${authPath()} is a character device, not a regular file`);
  });

  it('a CA bundle that is a FIFO fails the request that needs it, naming the variable and the file', async () => {
    const ca = join(scene.home.path, 'ca.pem');
    fifo(ca);
    writeAuth(chatgptAuthJson(ALICE, { accessTtlSeconds: -60 }));
    const result = await codex(['login', 'status'], { env: { CODEX_CA_CERTIFICATE: ca } });
    expect(result.stderr).toContain(`CODEX_CA_CERTIFICATE: ${ca} is a FIFO (named pipe), not a regular file`);
  });
});

describe('files around auth.json (1, 2, 3, 8, 9)', () => {
  it('two malformed auth.json set aside by two sign-ins both survive (1)', async () => {
    writeFileSync(authPath(), '{ first', { mode: 0o600 });
    expect((await codex(['login', '--with-api-key'], { input: KEY })).code).toBe(0);
    writeFileSync(authPath(), '{ second', { mode: 0o600 });
    expect((await codex(['login', '--with-api-key'], { input: KEY })).code).toBe(0);
    const aside = readdirSync(scene.home.path).filter((n) => n.startsWith('auth.json.invalid-')).sort();
    expect(aside).toHaveLength(2);
    expect(aside.map((n) => readFileSync(join(scene.home.path, n), 'utf8')).sort()).toEqual(['{ first', '{ second']);
  });

  it('a save keeps .auth-backup and .auth-20261201, and removes a stale temp file of a killed writer (2)', async () => {
    const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    for (const name of ['.auth-backup', '.auth-20261201', '.auth-Kx9pQ2']) {
      writeFileSync(join(scene.home.path, name), 'precious', { mode: 0o600 });
      utimesSync(join(scene.home.path, name), old, old);
    }
    expect((await codex(['login', '--with-api-key'], { input: KEY })).code).toBe(0);
    expect(readdirSync(scene.home.path).filter((n) => n.startsWith('.auth-')).sort()).toEqual(['.auth-20261201', '.auth-backup']);
  });

  it('a symlinked auth.json is written through and logout removes the credential at its target (3)', async () => {
    const vault = join(scene.home.path, 'vault');
    mkdirSync(vault, { mode: 0o700 });
    const target = join(vault, 'auth.json');
    writeFileSync(target, JSON.stringify({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-OLDOLDOLDOLDOLDOLDOLD' }), { mode: 0o600 });
    symlinkSync(target, authPath());
    expect((await codex(['login', '--with-api-key'], { input: KEY })).code).toBe(0);
    expect(lstatSync(authPath()).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).OPENAI_API_KEY).toBe(KEY);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect((await codex(['logout'])).code).toBe(0);
    expect(existsSync(target)).toBe(false);
  });

  it('a lock file planted as a symlink is refused; nothing is created at its target (8)', async () => {
    const planted = join(scene.home.path, 'planted');
    symlinkSync(planted, join(scene.home.path, 'auth.lock'));
    const result = await codex(['login', '--with-api-key'], { input: KEY });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`${join(scene.home.path, 'auth.lock')} is a symlink`);
    expect(existsSync(planted)).toBe(false);
    expect(existsSync(authPath())).toBe(false);
  });

  it('a world-writable CODEX_HOME and a readable auth.json are warned about in login status and --json (9)', async () => {
    writeAuth({ auth_mode: 'apikey', OPENAI_API_KEY: KEY });
    expect((await codex(['login', 'status'])).stderr).not.toContain('Warning');
    chmodSync(scene.home.path, 0o777);
    chmodSync(authPath(), 0o644);
    const plain = await codex(['login', 'status']);
    expect(plain.stderr).toContain(`Warning: ${scene.home.path} is writable by every user (mode 0777)`);
    expect(plain.stderr).toContain(`Warning: ${authPath()} can be read or changed by other users (mode 0644)`);
    const json = JSON.parse((await codex(['login', 'status', '--json'])).stdout);
    expect(json.warnings).toHaveLength(2);
    chmodSync(scene.home.path, 0o700);
  });
});

describe('the callback server of `codex login` (7)', () => {
  it('ignores /cancel with a foreign Host; its own /cancel ends it', async () => {
    const child = spawn(process.execPath, [BIN, 'login'], {
      cwd: ROOT, env: { ...env({ CODEX_LOGIN_PORT: '0', BROWSER: 'none' }) }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const match = /redirect_uri=http%3A%2F%2F(?:localhost|127\.0\.0\.1)%3A(\d+)/.exec(stderr);
        if (match) resolve(Number(match[1]));
      });
      child.on('exit', () => reject(new Error(`codex login exited early: ${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(await statusWithHost(port, '/cancel', 'evil.com')).toBe(403);
    expect(await statusWithHost(port, '/cancel', `rebind.evil.com:${port}`)).toBe(403);
    expect(await statusWithHost(port, '/nothing', `localhost:${port}`)).toBe(404); // still listening, still this sign-in
    expect(await statusWithHost(port, '/cancel', `127.0.0.1:${port}`)).toBe(200);
    expect(await exited).toBe(1);
    expect(stderr).toContain('Login cancelled');
  });
});
