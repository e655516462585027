// Test helper: holds CODEX_HOME's auth locks (flock on auth.lock and auth.json.lock, as
// src/storage/fileLock.ts and the real CLI take them) for a while, printing "locked" once held and,
// just before letting go, whether auth.json existed then (a writer that did not wait made it exist).
import { closeSync, constants, existsSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const { flockSync } = createRequire(import.meta.url)('fs-ext');

export async function withAuthLock(dir, holdMs) {
  const fds = ['auth.lock', 'auth.json.lock'].map((name) => openSync(join(dir, name), constants.O_RDWR | constants.O_CREAT, 0o600));
  for (const fd of fds) flockSync(fd, 'ex');
  process.stdout.write('locked\n');
  await new Promise((resolve) => setTimeout(resolve, holdMs));
  process.stdout.write(`releasing: auth.json ${existsSync(join(dir, 'auth.json')) ? 'present' : 'absent'}\n`);
  for (const fd of fds) closeSync(fd);
}
