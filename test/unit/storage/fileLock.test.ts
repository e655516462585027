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

/**
 * Starts a node process running `source`; resolves once it prints "held", with what it prints
 * after that: a holder that lets go prints whether auth.json existed at that moment, just before
 * its lock goes (so a save that did not wait for the lock shows up as "present").
 */
function holdLock(source: string): Promise<{ child: ChildProcess; report: Promise<string> }> {
  const child = spawn(process.execPath, ['-e', source, home], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  holder = child;
  let output = '';
  const report = new Promise<string>((resolve) => child.on('close', () => resolve(output.replace(/^held\n/, '').trim())));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => {
      const wasHeld = output.includes('held');
      output += data.toString();
      if (!wasHeld && output.includes('held')) resolve({ child, report });
    });
    // 'close' comes after its output is read: a holder that printed "held" resolved first.
    child.on('close', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
}

// The holders keep the lock for HOLD_MS (forever when it is "forever"), then say whether auth.json
// existed when they let go. How long is not asserted: only that no save landed while it was held.
const releaseAfter = (holdMs: number | 'forever', release: string) =>
  holdMs === 'forever'
    ? ''
    : `setTimeout(() => { console.log('auth.json ' + (fs.existsSync(require('node:path').join(process.argv[1], 'auth.json')) ? 'present' : 'absent') + ' when the lock was released'); ${release} }, ${holdMs});`;

const FLOCK_HOLDER = (holdMs: number | 'forever') => `
const fs = require('node:fs'); const { flock } = require('fs-ext');
const fd = fs.openSync(require('node:path').join(process.argv[1], 'auth.lock'), 'a+');
flock(fd, 'ex', (error) => { if (error) throw error; console.log('held'); ${releaseAfter(holdMs, 'process.exit(0);')} });
${holdMs === 'forever' ? 'setInterval(() => undefined, 60_000);' : ''}
`;

const FALLBACK_HOLDER = (holdMs: number) => `
const fs = require('node:fs');
const path = require('node:path').join(process.argv[1], 'auth.codex-lock');
const fd = fs.openSync(path, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
fs.writeSync(fd, String(process.pid));
console.log('held');
${releaseAfter(holdMs, 'fs.unlinkSync(path); process.exit(0);')}
`;

const HOLD_MS = 700;
const absentAtRelease = 'auth.json absent when the lock was released';

const save = (options: Parameters<typeof createCredentialStore>[0]['lock'] = {}) =>
  createCredentialStore({ codexHome: home, mode: 'file', lock: options }).transaction((tx) =>
    tx.save({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-after-the-lock' }),
  );

describe('auth lock', () => {
  it.skipIf(!nativeFlock())('a save waits while another process holds flock on auth.lock', async () => {
    const { report } = await holdLock(FLOCK_HOLDER(HOLD_MS));
    await save();
    expect(await report).toBe(absentAtRelease);
    expect(JSON.parse(readFileSync(join(home, 'auth.json'), 'utf8')).OPENAI_API_KEY).toBe('sk-after-the-lock');
  });

  it.skipIf(!nativeFlock())('gives up with a clear error when the holder never lets go', async () => {
    await holdLock(FLOCK_HOLDER('forever'));
    await expect(save({ timeoutMs: 150 })).rejects.toThrow(LockTimeoutError);
    expect(existsSync(join(home, 'auth.json'))).toBe(false);
  });

  it('the O_EXCL fallback (no native flock) excludes another process', async () => {
    const { report } = await holdLock(FALLBACK_HOLDER(HOLD_MS));
    await save({ forceFallback: true });
    expect(await report).toBe(absentAtRelease);
    expect(JSON.parse(readFileSync(join(home, 'auth.json'), 'utf8')).OPENAI_API_KEY).toBe('sk-after-the-lock');
    expect(existsSync(join(home, 'auth.codex-lock'))).toBe(false);
  });

  it('the fallback takes over a lock file whose process is gone', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('exit', resolve));
    writeFileSync(join(home, 'auth.codex-lock'), String(dead.pid));
    // Nobody will ever remove that file: the save succeeds only by taking it over (else LockTimeoutError).
    await save({ forceFallback: true, timeoutMs: 60_000 });
    expect(JSON.parse(readFileSync(join(home, 'auth.json'), 'utf8')).OPENAI_API_KEY).toBe('sk-after-the-lock');
    expect(existsSync(join(home, 'auth.codex-lock'))).toBe(false);
  });

  it('serialises writers within one process too', async () => {
    const order: string[] = [];
    let started!: () => void;
    const aStarted = new Promise<void>((resolve) => (started = resolve));
    const a = withAuthLock(home, async () => {
      order.push('a-start');
      started();
      await new Promise((resolve) => setTimeout(resolve, 100)); // a while for b to try (and fail) to take the lock
      order.push('a-end');
    });
    await aStarted; // b asks only once a holds the lock
    await withAuthLock(home, async () => void order.push('b'));
    await a;
    expect(order).toEqual(['a-start', 'a-end', 'b']);
  });
});
