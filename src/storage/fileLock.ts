// Cross-process exclusion for writers of auth.json, compatible with the real Codex CLI 0.169 (§1.4):
// flock(LOCK_EX) on CODEX_HOME/auth.lock (blocking), then flock(LOCK_EX|LOCK_NB) on auth.json.lock,
// retried until free. When the native flock binding cannot be loaded we fall back to an O_EXCL
// lock file that still excludes other `codex` processes (but not the real CLI).
import { closeSync, constants, existsSync, lstatSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Flock = (fd: number, flags: 'ex' | 'exnb' | 'un', callback: (error: NodeJS.ErrnoException | null) => void) => void;

let flockImpl: Flock | null | undefined;
let flockError = '';

/** The nearest node_modules/fs-ext up from this module: the one `require('fs-ext')` finds first. */
function fsExtDir(): string | null {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    const fsExt = join(dir, 'node_modules', 'fs-ext');
    if (existsSync(fsExt)) return fsExt;
    if (dirname(dir) === dir) return null;
  }
}

interface FsExtAddon {
  flock(fd: number, operation: number, callback: (error: NodeJS.ErrnoException | null) => void): void;
  constants: { LOCK_EX: number; LOCK_NB: number; LOCK_UN: number };
}

/**
 * fs-ext's flock. Its compiled addon is loaded directly when it is where fs-ext.js requires it
 * from: that wrapper adds nothing flock needs, and resolving and compiling it cost each locking
 * command ~2 ms. Anything else goes through the package, whose errors say what is wrong.
 */
function loadFlock(): Flock {
  const require = createRequire(import.meta.filename);
  const dir = fsExtDir();
  const addonPath = dir && join(dir, 'build', 'Release', 'fs_ext.node');
  if (addonPath && existsSync(addonPath)) {
    const addon = require(addonPath) as Partial<FsExtAddon>;
    const c = addon.constants;
    if (typeof addon.flock === 'function' && c && [c.LOCK_EX, c.LOCK_NB, c.LOCK_UN].every(Number.isInteger)) {
      const operation = { ex: c.LOCK_EX, exnb: c.LOCK_EX | c.LOCK_NB, un: c.LOCK_UN };
      const flock = addon.flock.bind(addon);
      return (fd, flags, callback) => flock(fd, operation[flags], callback);
    }
  }
  return (require('fs-ext') as { flock: Flock }).flock;
}

/** The native flock, or null when the binding is unavailable (fs-ext is an optional dependency). */
export function nativeFlock(): Flock | null {
  if (flockImpl === undefined) {
    try {
      flockImpl = loadFlock();
    } catch (error) {
      flockImpl = null;
      // Node's messages span lines ("Require stack: …", "was compiled against …"): keep one line.
      flockError = String((error as Error).message ?? error).split('\nRequire stack:')[0]!.replace(/\s*\n\s*/g, ' ').replace(/\.$/, '');
    }
  }
  return flockImpl;
}

/**
 * Whether the binding looks loadable, without loading or even resolving it (`require.resolve`
 * alone costs `codex login status` about 1 ms of its start-up budget, loading about 2 ms): the
 * nearest node_modules/fs-ext up from this module, the one Node would load, has its compiled addon
 * (fs-ext.js requires build/Release/fs_ext.node) built for this Node.js (the addon exports
 * node_register_module_v<process.versions.modules>). The addon is absent when the optional install
 * failed (no compiler) or npm did not run install scripts, and built for another Node.js when
 * Node.js was upgraded under a global install. A false answer is not final: only nativeFlock() is.
 */
export function flockLooksLoadable(): boolean {
  if (flockImpl !== undefined) return flockImpl !== null;
  const dir = fsExtDir();
  if (!dir) return false;
  try {
    return readFileSync(join(dir, 'build', 'Release', 'fs_ext.node')).includes(`node_register_module_v${process.versions.modules}`);
  } catch {
    return false;
  }
}

/** Which lock writers of `dir` take, for `codex login status`. */
export interface LockInfo {
  /** `flock` on the real CLI's lock files, or the `O_EXCL` lock file fallback. */
  kind: 'flock' | 'lockfile';
  /** The files a writer locks. */
  files: string[];
  /** Whether the real Codex CLI takes the same lock (only with flock). */
  sharedWithCodexCli: boolean;
  /** Why the fallback is used (the binding's load error); null with flock. */
  fallbackReason: string | null;
}

/** The lock withAuthLock takes in `dir`. `probeOnly` trusts a binding that looks loadable without loading it. */
export function describeLock(dir: string, options: { probeOnly?: boolean } = {}): LockInfo {
  // Otherwise it is loaded: the answer is then certain, and a failure has its error message.
  if ((options.probeOnly && flockLooksLoadable()) || nativeFlock()) {
    return { kind: 'flock', files: [join(dir, 'auth.lock'), join(dir, 'auth.json.lock')], sharedWithCodexCli: true, fallbackReason: null };
  }
  return {
    kind: 'lockfile',
    files: [join(dir, 'auth.codex-lock')],
    sharedWithCodexCli: false,
    fallbackReason: `the native flock binding (fs-ext) could not be loaded: ${flockError}`,
  };
}

export class LockTimeoutError extends Error {}
export class LockFileError extends Error {}

/**
 * Opens a lock file without following a symlink (O_NOFOLLOW): a link planted at auth.lock must not
 * make codex create or lock a file elsewhere. A link there is refused with a message naming it.
 */
function openLockFile(path: string, flags: number, mode: number): number {
  try {
    return openSync(path, flags | constants.O_NOFOLLOW, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new LockFileError(`${path} is a symlink; codex does not follow symlinks for lock files. Remove it and try again.`);
    }
    throw error;
  }
}

export interface LockOptions {
  /** Give up after this long (default 30 s): a stuck holder must not hang codex forever. */
  timeoutMs?: number;
  /** For tests: pretend the native binding is missing. */
  forceFallback?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const flockAsync = (flock: Flock, fd: number, flags: 'ex' | 'exnb' | 'un') =>
  new Promise<void>((resolve, reject) => flock(fd, flags, (error) => (error ? reject(error) : resolve())));

async function tryUntil(deadline: number, what: string, attempt: () => Promise<boolean>): Promise<void> {
  let delay = 5;
  for (;;) {
    if (await attempt()) return;
    if (Date.now() >= deadline) {
      throw new LockTimeoutError(`Timed out waiting for ${what}: another process is holding it. Try again in a moment.`);
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
}

const isBusy = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EWOULDBLOCK' || code === 'EAGAIN';
};

async function lockWithFlock(flock: Flock, dir: string, deadline: number): Promise<() => void> {
  // Both lock files are created 0600 whatever the umask: another user who could open auth.lock could
  // hold its flock forever and block every save (the real CLI's own 0644 file works the same for us).
  const outer = openLockFile(join(dir, 'auth.lock'), constants.O_RDWR | constants.O_CREAT, 0o600);
  let inner: number;
  try {
    inner = openLockFile(join(dir, 'auth.json.lock'), constants.O_RDWR | constants.O_CREAT, 0o600);
  } catch (error) {
    closeSync(outer);
    throw error;
  }
  const release = () => {
    for (const fd of [inner, outer]) {
      try {
        closeSync(fd); // closing the descriptor drops its flock
      } catch {
        /* already closed */
      }
    }
  };
  try {
    // Non-blocking attempts in a loop, so the wait honours our deadline (a blocking flock would not).
    const attempt = (fd: number) => async () => {
      try {
        await flockAsync(flock, fd, 'exnb');
        return true;
      } catch (error) {
        if (isBusy(error)) return false;
        throw error;
      }
    };
    await tryUntil(deadline, join(dir, 'auth.lock'), attempt(outer));
    await tryUntil(deadline, join(dir, 'auth.json.lock'), attempt(inner));
  } catch (error) {
    release();
    throw error;
  }
  return release;
}

async function lockWithFile(dir: string, deadline: number): Promise<() => void> {
  const path = join(dir, 'auth.codex-lock');
  let fd = -1;
  await tryUntil(deadline, path, async () => {
    try {
      fd = openLockFile(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      writeSync(fd, String(process.pid));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // O_EXCL never follows a link, but a link there is no holder either: say so rather than wait on it.
      if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) {
        throw new LockFileError(`${path} is a symlink; codex does not follow symlinks for lock files. Remove it and try again.`);
      }
      // A holder that died leaves its file behind: take it over when that pid is gone.
      let pid = 0;
      try {
        pid = Number(readFileSync(path, 'utf8').trim());
      } catch {
        /* gone meanwhile: the next attempt takes it */
      }
      if (pid > 0 && !processExists(pid)) {
        try {
          unlinkSync(path);
        } catch {
          /* taken over by another waiter */
        }
      }
      return false;
    }
  });
  return () => {
    try {
      closeSync(fd);
      unlinkSync(path);
    } catch {
      /* gone already */
    }
  };
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `fn` while holding the auth write locks of `dir` (which must exist). */
export async function withAuthLock<T>(dir: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const flock = options.forceFallback ? null : nativeFlock();
  const release = flock ? await lockWithFlock(flock, dir, deadline) : await lockWithFile(dir, deadline);
  try {
    return await fn();
  } finally {
    release();
  }
}
