// CODEX_HOME/auth.json: read, atomic private write, delete. Callers hold the auth lock for writes.
import { promises as fsp, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicWrite.js';
import { type AuthDotJson, parseAuth, serializeAuth } from './authSchema.js';

export class AuthReadError extends Error {}

export class FileAuthStorage {
  readonly path: string;
  constructor(readonly codexHome: string) {
    this.path = join(codexHome, 'auth.json');
  }

  /** The stored auth, or null when there is no file. A malformed file throws and is left untouched. */
  async load(): Promise<AuthDotJson | null> {
    let text: string;
    try {
      // Synchronous on purpose: a few KB, and a thread-pool round trip costs more than the read.
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      throw new AuthReadError(`Could not read ${this.path}: ${(error as Error).message}`);
    }
    return parseAuth(text, this.path);
  }

  async save(auth: AuthDotJson): Promise<void> {
    await ensurePrivateDir(this.codexHome);
    await writeFileAtomic(this.path, serializeAuth(auth));
    await this.removeStaleTempFiles();
  }

  /**
   * A writer killed between creating its temp file and the rename (ours, or the real CLI's
   * `.auth-XXXXXX`) leaves a copy of the credentials behind. Saves run under the auth lock, so no
   * other writer's temp file can be in flight now: any left over is stale.
   */
  private async removeStaleTempFiles(): Promise<void> {
    const names = await fsp.readdir(this.codexHome).catch(() => [] as string[]);
    await Promise.all(
      names.filter((name) => /^\.auth-[A-Za-z0-9]{6,}$/.test(name)).map((name) => fsp.unlink(join(this.codexHome, name)).catch(() => undefined)),
    );
  }

  /**
   * A malformed auth.json is never overwritten or deleted: before a write or a removal replaces it,
   * it is renamed to `auth.json.invalid-<time>` so the person can still inspect or repair it.
   * Returns the new path, or null when the file is absent or valid.
   */
  async setAsideIfMalformed(now: Date = new Date()): Promise<string | null> {
    try {
      await this.load();
      return null;
    } catch (error) {
      if (error instanceof AuthReadError) throw error;
      const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
      const aside = `${this.path}.invalid-${stamp}`;
      await fsp.rename(this.path, aside);
      return aside;
    }
  }

  /** Removes the file; true when there was one. */
  async delete(): Promise<boolean> {
    try {
      await fsp.unlink(this.path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }
}

/** Creates the folder (0700 whatever the umask) when missing; an existing folder keeps its mode. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  const created = await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) await fsp.chmod(dir, 0o700);
}
