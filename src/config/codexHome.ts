// Where credentials and config live: CODEX_HOME, else ~/.codex (§1.1 of the reference).
import { realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class CodexHomeError extends Error {}

export interface CodexHome {
  /** Absolute (canonical when it exists) path of the folder. */
  readonly path: string;
  /** True when it came from the default (~/.codex), which may not exist yet. */
  readonly isDefault: boolean;
}

/**
 * The home folder as os.homedir() finds it: on Unix $HOME when it is set (libuv reads it first),
 * else the password database. node:os is loaded only then: most commands never need it.
 */
const homedir = () => (process.platform !== 'win32' && process.env.HOME !== undefined ? process.env.HOME : process.getBuiltinModule('node:os').homedir());

export function resolveCodexHome(env: NodeJS.ProcessEnv = process.env, home: () => string = homedir): CodexHome {
  const value = env.CODEX_HOME;
  if (value !== undefined && value !== '') {
    let stat;
    try {
      stat = statSync(value);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        throw new CodexHomeError(`CODEX_HOME points to "${value}", but that path does not exist`);
      }
      throw new CodexHomeError(`failed to read CODEX_HOME "${value}": ${(error as Error).message}`);
    }
    if (!stat.isDirectory()) {
      throw new CodexHomeError(`CODEX_HOME points to "${value}", but that path is not a directory`);
    }
    try {
      return { path: realpathSync(value), isDefault: false };
    } catch (error) {
      throw new CodexHomeError(`failed to canonicalize CODEX_HOME "${value}": ${(error as Error).message}`);
    }
  }
  let dir: string;
  try {
    dir = home();
  } catch {
    throw new CodexHomeError('Could not find home directory');
  }
  if (!dir) throw new CodexHomeError('Could not find home directory');
  const path = join(dir, '.codex');
  try {
    return { path: realpathSync(path), isDefault: true };
  } catch {
    return { path, isDefault: true };
  }
}

export const authFilePath = (home: CodexHome | string): string =>
  join(typeof home === 'string' ? home : home.path, 'auth.json');
