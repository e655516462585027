// Crash-safe, private file replacement: temp file beside the target (O_EXCL, 0600), fsync,
// rename over the target, fsync the folder. Readers see the old file or the new one, never a torn one.
// Synchronous calls but for the two fsyncs: on a file of a few KB each takes microseconds, less
// than a thread-pool round trip; the fsyncs wait for the disk, so they wait off the main thread.
import { closeSync, fchmodSync, openSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { fsync } from '../platform/fsync.js';
import { basename, dirname, join } from 'node:path';

/** The steps of a save, in order; the test-only pause hook below stops a writer right after one. */
export const SAVE_STEPS = ['created', 'written', 'synced', 'renamed'] as const;
export type SaveStep = (typeof SAVE_STEPS)[number];

/**
 * TEST-ONLY hook (test/race/killDuringWrite.test.ts): with CODEX_TEST_PAUSE_SAVE_AT=<step> the
 * writer prints `codex-test: save paused at <step> <temp file>` to stderr right after that step
 * and stops itself with SIGSTOP, so the test can SIGKILL it exactly there (or SIGCONT it). Unset,
 * or any value that is not a step name, it does nothing; nothing else reads the variable.
 */
function testPauseAfter(step: SaveStep, temp: string): void {
  if (process.env.CODEX_TEST_PAUSE_SAVE_AT !== step) return;
  writeSync(2, `codex-test: save paused at ${step} ${temp}\n`);
  process.kill(process.pid, 'SIGSTOP');
}

/** 12 hex digits (the shape the stale-temp sweep recognises as ours). */
const tempSuffix = () => Math.floor(Math.random() * 2 ** 48).toString(16).padStart(12, '0');

/**
 * The temp file, created with O_EXCL (an existing name, or a link planted there, is never opened).
 * The name only has to be unused, not secret, so Math.random serves: loading node:crypto for it
 * cost a save more than the write itself.
 */
function createTemp(dir: string, base: string): { temp: string; fd: number } {
  for (let attempt = 0; ; attempt++) {
    const temp = join(dir, `.${base}-${tempSuffix()}`);
    try {
      return { temp, fd: openSync(temp, 'wx', 0o600) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw error;
    }
  }
}

const quietly = (step: () => void) => {
  try {
    step();
  } catch {
    // cleaning up after a failure that is reported instead
  }
};

export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const dir = dirname(path);
  const { temp, fd } = createTemp(dir, basename(path, '.json'));
  try {
    fchmodSync(fd, 0o600); // the umask may have taken bits away; never added, but be exact
    testPauseAfter('created', temp);
    writeFileSync(fd, data, 'utf8');
    testPauseAfter('written', temp);
    await fsync(fd);
  } catch (error) {
    quietly(() => closeSync(fd));
    quietly(() => unlinkSync(temp));
    throw error;
  }
  closeSync(fd);
  testPauseAfter('synced', temp);
  try {
    renameSync(temp, path);
  } catch (error) {
    quietly(() => unlinkSync(temp));
    throw error;
  }
  testPauseAfter('renamed', temp);
  await fsyncDir(dir);
}

async function fsyncDir(dir: string): Promise<void> {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    await fsync(fd);
  } catch {
    // Some file systems refuse fsync on folders; the rename is still atomic.
  } finally {
    quietly(() => closeSync(fd));
  }
}
