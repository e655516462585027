// fs-ext (the native flock) is an optional dependency: when it cannot be loaded codex locks auth.json
// with its O_EXCL lock file, and `codex login status` says so. Simulated for real, without a switch
// in codex: a copy of the package whose node_modules holds every dependency but fs-ext (as after an
// install where it could not be compiled), one where fs-ext is present but was never built (as when
// npm did not run its install script), and one whose addon is not one this Node.js can load (as
// after Node.js was upgraded under a global install).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nativeFlock } from '../../src/storage/fileLock.js';
import { BIN, ROOT, RUN_TIMEOUT_MS, baseEnv, ensureBuilt, tempHome } from './runCodex.js';

const KEY = 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCDE';
let packages: string;
let home: ReturnType<typeof tempHome>;

/** A copy of the installed package (bin/, dist/, assets/) next to node_modules without a working fs-ext. */
function installCopy(name: string, fsExt: 'absent' | 'unbuilt' | 'foreign'): string {
  const dir = join(packages, name);
  for (const sub of ['bin', 'dist', 'assets']) cpSync(join(ROOT, sub), join(dir, sub), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === 'fs-ext' || entry.startsWith('.')) continue;
    symlinkSync(join(ROOT, 'node_modules', entry), join(modules, entry));
  }
  if (fsExt !== 'absent') {
    mkdirSync(join(modules, 'fs-ext'));
    for (const file of ['package.json', 'fs-ext.js']) copyFileSync(join(ROOT, 'node_modules', 'fs-ext', file), join(modules, 'fs-ext', file));
  }
  if (fsExt === 'foreign') {
    mkdirSync(join(modules, 'fs-ext', 'build', 'Release'), { recursive: true });
    writeFileSync(join(modules, 'fs-ext', 'build', 'Release', 'fs_ext.node'), 'not an addon for this Node.js\n');
  }
  return join(dir, 'bin', 'codex');
}

let noFsExt: string;
let unbuiltFsExt: string;
let foreignFsExt: string;
beforeAll(() => {
  ensureBuilt();
  packages = mkdtempSync(join(tmpdir(), 'codex-nolock-'));
  noFsExt = installCopy('absent', 'absent');
  unbuiltFsExt = installCopy('unbuilt', 'unbuilt');
  foreignFsExt = installCopy('foreign', 'foreign');
});
afterAll(() => rmSync(packages, { recursive: true, force: true }));
beforeEach(() => {
  home = tempHome();
});
afterEach(() => home.cleanup());

const run = (bin: string, args: string[], input = '') => {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: tmpdir(), env: baseEnv(home.path), input, encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

const warningFor = (reason: string) =>
  `Warning: the native flock binding (fs-ext) could not be loaded: ${reason}. codex locks auth.json with ` +
  `${join(home.path, 'auth.codex-lock')} instead, which excludes other codex processes but not the real Codex CLI: ` +
  'do not sign in or refresh with both at the same time. To use flock, reinstall codex with this Node.js and with ' +
  'Python, make and a C++ compiler available (fs-ext is compiled on install).\n';

describe('without the fs-ext binding', () => {
  it('login status --json reports the lock file fallback and why', () => {
    const result = run(noFsExt, ['login', 'status', '--json']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.lock).toEqual({
      kind: 'lockfile',
      files: [join(home.path, 'auth.codex-lock')],
      sharedWithCodexCli: false,
      fallbackReason: "the native flock binding (fs-ext) could not be loaded: Cannot find module 'fs-ext'",
    });
    expect(json.warnings).toEqual([warningFor("Cannot find module 'fs-ext'").replace(/^Warning: /, '').trimEnd()]);
  });

  it('plain login status warns that the lock does not exclude the real Codex CLI', () => {
    expect(run(noFsExt, ['login', 'status'])).toEqual({ code: 1, stdout: '', stderr: `${warningFor("Cannot find module 'fs-ext'")}Not logged in\n` });
  });

  it('a sign-in still works, under the lock file (no flock files are created)', () => {
    const result = run(noFsExt, ['login', '--with-api-key'], `${KEY}\n`);
    expect(result).toMatchObject({ code: 0, stderr: expect.stringContaining('API key saved.') });
    expect(existsSync(join(home.path, 'auth.json'))).toBe(true);
    expect(existsSync(join(home.path, 'auth.lock'))).toBe(false);
    expect(existsSync(join(home.path, 'auth.codex-lock'))).toBe(false); // released
    expect(run(noFsExt, ['login', 'status']).stderr).toContain('API key configured - sk-proj-***ABCDE\n');
  });

  it('fs-ext installed but never compiled: both outputs say so', () => {
    const json = JSON.parse(run(unbuiltFsExt, ['login', 'status', '--json']).stdout);
    expect(json.lock).toMatchObject({ kind: 'lockfile', fallbackReason: expect.stringContaining("Cannot find module './build/Release/fs_ext.node'") });
    const plain = run(unbuiltFsExt, ['login', 'status']);
    expect(plain.stderr).toMatch(/^Warning: the native flock binding \(fs-ext\) could not be loaded: Cannot find module '\.\/build\/Release\/fs_ext\.node'\. /);
  });

  it('an addon this Node.js cannot load: both outputs say so', () => {
    const json = JSON.parse(run(foreignFsExt, ['login', 'status', '--json']).stdout);
    expect(json.lock).toMatchObject({ kind: 'lockfile', fallbackReason: expect.stringContaining('fs_ext.node') });
    expect(run(foreignFsExt, ['login', 'status']).stderr).toMatch(/^Warning: the native flock binding \(fs-ext\) could not be loaded: .*fs_ext\.node.*\nNot logged in\n$/);
  });
});

describe.skipIf(!nativeFlock())('with the fs-ext binding', () => {
  it('login status --json reports flock on the real CLI\'s lock files; plain status adds nothing', () => {
    const json = JSON.parse(run(BIN, ['login', 'status', '--json']).stdout);
    expect(json.lock).toEqual({
      kind: 'flock',
      files: [join(home.path, 'auth.lock'), join(home.path, 'auth.json.lock')],
      sharedWithCodexCli: true,
      fallbackReason: null,
    });
    expect(json.warnings).toEqual([]);
    expect(run(BIN, ['login', 'status']).stderr).toBe('Not logged in\n');
  });

  it('a sign-in takes flock (the lock files are left, as the real CLI leaves them)', () => {
    expect(run(BIN, ['login', '--with-api-key'], KEY).code).toBe(0);
    expect(existsSync(join(home.path, 'auth.lock'))).toBe(true);
    expect(existsSync(join(home.path, 'auth.codex-lock'))).toBe(false);
  });
});

it('ephemeral storage takes no lock: lock is null', () => {
  const json = JSON.parse(run(BIN, ['-c', 'cli_auth_credentials_store=ephemeral', 'login', 'status', '--json']).stdout);
  expect(json.lock).toBeNull();
});
