// Crash-safe, private file replacement: temp file beside the target (O_EXCL, 0600), fsync,
// rename over the target, fsync the folder. Readers see the old file or the new one, never a torn one.
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { importEsm } from '../platform/importEsm.js';

export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const dir = dirname(path);
  // node:crypto is loaded here rather than at startup: read-only commands never need it.
  const { randomBytes } = await importEsm<typeof import('node:crypto')>('node:crypto');
  const temp = join(dir, `.${basename(path, '.json')}-${randomBytes(6).toString('hex')}`);
  const handle = await fsp.open(temp, 'wx', 0o600);
  try {
    await handle.chmod(0o600); // the umask may have taken bits away; never added, but be exact
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fsp.unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await fsp.rename(temp, path);
  } catch (error) {
    await fsp.unlink(temp).catch(() => undefined);
    throw error;
  }
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
