// CODEX_HOME/auth.json: read, atomic private write, delete. Callers hold the auth lock for writes.
// Synchronous file calls, as the read is: each takes microseconds here, less than a thread-pool round trip.
import { chmodSync, constants as fsConstants, copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, readlinkSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from './atomicWrite.js';
import { type AuthDotJson, parseAuth, serializeAuth } from './authSchema.js';
import { MIB, readBoundedFileSync, UnreadableFileError } from '../platform/boundedRead.js';
import { safeText } from '../text/safeText.js';

/** auth.json holds a few KB of tokens; anything larger than this is refused unread. */
export const MAX_AUTH_BYTES = MIB;

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
      // Bounded: a FIFO, a device or a huge file is refused at once rather than read forever.
      text = readBoundedFileSync(this.path, MAX_AUTH_BYTES);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      if (error instanceof UnreadableFileError) {
        throw new AuthReadError(`Could not read auth.json: ${error.message}. Move it away or delete it, then sign in again.`);
      }
      throw new AuthReadError(`Could not read ${this.path}: ${(error as Error).message}`);
    }
    try {
      return parseAuth(text, this.path);
    } catch (error) {
      // The parse error may quote the file (a field's value): one terminal-safe line, capped.
      if (error instanceof Error) error.message = safeText(error.message, 2_000);
      throw error;
    }
  }

  /**
   * What is unsafe about where the credential lives: a CODEX_HOME that others can write to (they
   * could swap auth.json or plant links) or that another user owns, and an auth.json that others
   * can read or write. Only warnings: a save resets auth.json to 0600.
   */
  permissionWarnings(): string[] {
    const warnings: string[] = [];
    const uid = process.getuid?.();
    const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;
    try {
      const home = statSync(this.codexHome);
      if (home.mode & 0o002) {
        warnings.push(`${this.codexHome} is writable by every user (mode ${octal(home.mode)}): anyone on this machine can replace your credentials there. Run: chmod 700 ${this.codexHome}`);
      }
      if (uid !== undefined && home.uid !== uid && uid !== 0) {
        warnings.push(`${this.codexHome} belongs to another user (uid ${home.uid}), who can read and replace your credentials there.`);
      }
    } catch {
      /* no folder yet: nothing to warn about */
    }
    try {
      const file = statSync(this.path); // through a symlink: the file that holds the credential
      if (file.mode & 0o077) {
        warnings.push(`${this.path} can be read or changed by other users (mode ${octal(file.mode)}): run chmod 600 ${this.path} (codex resets it to 0600 on its next save).`);
      }
      if (uid !== undefined && file.uid !== uid && uid !== 0) {
        warnings.push(`${this.path} belongs to another user (uid ${file.uid}).`);
      }
    } catch {
      /* no file */
    }
    return warnings;
  }

  /**
   * Writes auth.json atomically. When auth.json is a symlink, the write goes through it, as the
   * real CLI's does: the file it points to is replaced atomically in its own folder and the link
   * stays (replacing the link with a file would leave the old credential behind at its target).
   */
  async save(auth: AuthDotJson): Promise<void> {
    await ensurePrivateDir(this.codexHome);
    const target = await this.target();
    await writeFileAtomic(target, serializeAuth(auth));
    await removeStaleTempFiles(dirname(target), basename(target, '.json'));
    if (dirname(target) !== this.codexHome) await removeStaleTempFiles(this.codexHome, 'auth');
  }

  /**
   * The file auth.json stands for: auth.json itself, or where its symlinks lead (a dangling link's
   * target too, which a save then creates). Loops and overlong chains end at auth.json itself.
   */
  async target(): Promise<string> {
    let path = this.path;
    for (let hops = 0; hops < 40; hops++) {
      let link: string;
      try {
        const stat = lstatSync(path);
        if (!stat.isSymbolicLink()) return path;
        link = readlinkSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path;
        throw error;
      }
      path = resolve(dirname(path), link);
    }
    throw new AuthReadError(`${this.path} is a symlink loop: remove it, then sign in again.`);
  }

  /**
   * A malformed auth.json is never overwritten or deleted: before a write or a removal replaces it,
   * it is moved to `auth.json.invalid-<time>` (`-2`, `-3`, … when that name is taken: a hard link
   * that fails on an existing name, then an unlink, so no earlier set-aside file is ever replaced)
   * so the person can still inspect or repair it. Through a symlink, the file it points to is moved.
   * Returns the new path, or null when the file is absent or valid.
   */
  async setAsideIfMalformed(now: Date = new Date()): Promise<string | null> {
    try {
      await this.load();
      return null;
    } catch (error) {
      if (error instanceof AuthReadError) throw error;
      const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
      const source = await this.target();
      const base = `${source}.invalid-${stamp}`;
      for (let n = 1; ; n++) {
        const aside = n === 1 ? base : `${base}-${n}`;
        try {
          linkSync(source, aside);
        } catch (linkError) {
          const code = (linkError as NodeJS.ErrnoException).code;
          if (code === 'EEXIST') continue;
          if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EMLINK') throw linkError;
          // No hard links here (some network and FUSE file systems): an exclusive copy is as safe.
          try {
            copyFileSync(source, aside, fsConstants.COPYFILE_EXCL);
          } catch (copyError) {
            if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') continue;
            throw copyError;
          }
        }
        unlinkSync(source);
        // It may hold credentials: private, like auth.json itself, whatever mode it had.
        try {
          chmodSync(aside, 0o600);
        } catch {
          /* kept, with the mode it had */
        }
        return aside;
      }
    }
  }

  /**
   * Removes the file; true when there was one. Through a symlink, the credential at its target is
   * removed, and then the link.
   */
  async delete(): Promise<boolean> {
    const target = await this.target();
    let removed = false;
    for (const path of target === this.path ? [target] : [target, this.path]) {
      try {
        unlinkSync(path);
        removed = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return removed;
  }
}

/** How old a temp file must be before a save may take it for a dead writer's (a live save takes milliseconds). */
export const STALE_TEMP_MS = 5 * 60_000;

/** At least two of lower case, upper case and digits: what six random characters nearly always are, and `backup` is not. */
const looksRandom = (name: string) => [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(name)).length >= 2;

/**
 * Whether `name` in the folder of `<base>.json` is a temp file a writer makes: ours
 * (`.<base>-` and 12 hex digits, src/storage/atomicWrite.ts) or, for auth.json, the real CLI's
 * (`.auth-` and 6 random letters and digits, the tempfile crate's shape).
 */
export function isWriterTempName(name: string, base = 'auth'): boolean {
  const prefix = `.${base}-`;
  if (!name.startsWith(prefix)) return false;
  const rest = name.slice(prefix.length);
  if (/^[0-9a-f]{12}$/.test(rest)) return true;
  return base === 'auth' && /^[A-Za-z0-9]{6}$/.test(rest) && looksRandom(rest);
}

/**
 * A writer killed between creating its temp file and the rename (ours, or the real CLI's) leaves
 * a copy of the credentials behind; the next save removes it. Only files that are provably a
 * writer's and dead: the exact temp name shape, a regular file of this user, untouched for
 * STALE_TEMP_MS (saves run under the auth lock, and no live writer keeps a temp file that long).
 * Anything a person may have named `.auth-…` (`.auth-backup`, `.auth-20261201`) is left alone.
 */
export async function removeStaleTempFiles(dir: string, base = 'auth', now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    names = [];
  }
  const removed: string[] = [];
  const uid = process.getuid?.();
  await Promise.all(
    names
      .filter((name) => isWriterTempName(name, base))
      .map(async (name) => {
        const path = join(dir, name);
        try {
          const stat = lstatSync(path);
          if (!stat.isFile() || (uid !== undefined && stat.uid !== uid)) return;
          if (now - stat.mtimeMs < STALE_TEMP_MS) return;
          unlinkSync(path);
          removed.push(name);
        } catch {
          /* gone already, or not ours to remove */
        }
      }),
  );
  return removed;
}
/** Creates the folder (0700 whatever the umask) when missing; an existing folder keeps its mode. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) chmodSync(dir, 0o700);
}
