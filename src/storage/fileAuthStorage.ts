// CODEX_HOME/auth.json: read, atomic private write, delete. Callers hold the auth lock for writes.
import { promises as fsp } from 'node:fs';
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
      text = await fsp.readFile(this.path, 'utf8');
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

/** Creates the folder (0700) when missing; an existing folder keeps its mode. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
}
