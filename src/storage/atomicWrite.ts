// Crash-safe, private file replacement: temp file beside the target (O_EXCL, 0600), fsync,
// rename over the target, fsync the folder. Readers see the old file or the new one, never a torn one.
import { promises as fsp, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { importEsm } from '../platform/importEsm.js';

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

export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const dir = dirname(path);
  // node:crypto is loaded here rather than at startup: read-only commands never need it.
  const { randomBytes } = await importEsm<typeof import('node:crypto')>('node:crypto');
  const temp = join(dir, `.${basename(path, '.json')}-${randomBytes(6).toString('hex')}`);
  const handle = await fsp.open(temp, 'wx', 0o600);
  try {
    await handle.chmod(0o600); // the umask may have taken bits away; never added, but be exact
    testPauseAfter('created', temp);
    await handle.writeFile(data, 'utf8');
    testPauseAfter('written', temp);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fsp.unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  testPauseAfter('synced', temp);
  try {
    await fsp.rename(temp, path);
  } catch (error) {
    await fsp.unlink(temp).catch(() => undefined);
    throw error;
  }
  testPauseAfter('renamed', temp);
  await fsyncDir(dir);
}

async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse fsync on folders; the rename is still atomic.
  }
}
