// Cross-process exclusion: another process holding the flock (as the real CLI 0.169 does) or our
// O_EXCL fallback lock makes a save wait; a lock left by a dead process is taken over.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCredentialStore } from '../../../src/storage/createCredentialStore.js';
import { LockTimeoutError, nativeFlock, withAuthLock } from '../../../src/storage/fileLock.js';

let home: string;
let holder: ChildProcess | null = null;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'codex-lock-'));
});
afterEach(() => {
  holder?.kill('SIGKILL');
  holder = null;
  rmSync(home, { recursive: true, force: true });
});

/** Starts a node process running `source`; resolves once it prints "held". */
function holdLock(source: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', source, home], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  holder = child;
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => data.toString().includes('held') && resolve(child));
    child.on('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
}

const FLOCK_HOLDER = `
const fs = require('node:fs'); const { flock } = require('fs-ext');
const fd = fs.openSync(require('node:path').join(process.argv[1], 'auth.lock'), 'a+');
flock(fd, 'ex', (error) => { if (error) throw error; console.log('held'); setTimeout(() => process.exit(0), 700); });
`;

const FALLBACK_HOLDER = `
const fs = require('node:fs');
const path = require('node:path').join(process.argv[1], 'auth.codex-lock');
const fd = fs.openSync(path, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
fs.writeSync(fd, String(process.pid));
console.log('held');
setTimeout(() => { fs.unlinkSync(path); process.exit(0); }, 700);
`;

const save = (options: Parameters<typeof createCredentialStore>[0]['lock'] = {}) =>
  createCredentialStore({ codexHome: home, mode: 'file', lock: options }).transaction((tx) =>
    tx.save({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-after-the-lock' }),
  );

describe('auth lock', () => {
  it.skipIf(!nativeFlock())('a save waits while another process holds flock on auth.lock', async () => {
    await holdLock(FLOCK_HOLDER);
    const started = Date.now();
    await save();
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(JSON.parse(readFileSync(join(home, 'auth.json'), 'utf8')).OPENAI_API_KEY).toBe('sk-after-the-lock');
  });

  it.skipIf(!nativeFlock())('gives up with a clear error when the holder never lets go', async () => {
    await holdLock(FLOCK_HOLDER);
    await expect(save({ timeoutMs: 150 })).rejects.toThrow(LockTimeoutError);
    expect(existsSync(join(home, 'auth.json'))).toBe(false);
  });

  it('the O_EXCL fallback (no native flock) excludes another process', async () => {
    await holdLock(FALLBACK_HOLDER);
    const started = Date.now();
    await save({ forceFallback: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(existsSync(join(home, 'auth.codex-lock'))).toBe(false);
  });

  it('the fallback takes over a lock file whose process is gone', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('exit', resolve));
    writeFileSync(join(home, 'auth.codex-lock'), String(dead.pid));
    const started = Date.now();
    await save({ forceFallback: true, timeoutMs: 5_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('serialises writers within one process too', async () => {
    const order: string[] = [];
    const slow = withAuthLock(home, async () => {
      order.push('a-start');
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push('a-end');
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await withAuthLock(home, async () => void order.push('b'));
    await slow;
    expect(order).toEqual(['a-start', 'a-end', 'b']);
  });
});
