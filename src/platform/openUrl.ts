// Opens a URL in a browser without ever throwing: BROWSER (a command line; `%s` is replaced by
// the URL, else the URL is appended; `none` opens nothing), else the `open` package. A failure
// (no xdg-open, no display) is returned so the caller can say so; the URL stays on screen.
import type { ChildProcess, spawn as nodeSpawn } from 'node:child_process';
import { splitCommandLine } from './commandLine.js';
import { importEsm } from './importEsm.js';

export interface OpenUrlResult {
  opened: boolean;
  /** `BROWSER`, `system` (the OS opener) or `none` (BROWSER=none). */
  via: 'BROWSER' | 'system' | 'none';
  /** Why it did not open, in one line. */
  error?: string;
}

export interface OpenUrlDeps {
  env: NodeJS.ProcessEnv;
  spawn?: typeof nodeSpawn;
  /** The OS default opener; defaults to the `open` package. */
  openDefault?: (url: string) => Promise<ChildProcess>;
  /** How long the opener may take to fail before it counts as opened; default 1.5 s. */
  earlyFailureMs?: number;
}

/** How long an opener may take to fail before we assume it worked (xdg-open exits fast on failure). */
const EARLY_FAILURE_MS = 1_500;

/** Resolves with an error line when the opener fails to start or exits non-zero soon after. */
export function watchOpener(child: ChildProcess, name: string, earlyFailureMs = EARLY_FAILURE_MS): Promise<string | null> {
  return new Promise((resolve) => {
    const settle = (result: string | null) => {
      clearTimeout(timer);
      child.off('error', onError);
      child.off('exit', onExit);
      resolve(result);
    };
    const onError = (error: NodeJS.ErrnoException) =>
      settle(error.code === 'ENOENT' ? `${name} was not found` : `${name} failed: ${error.message}`);
    const onExit = (code: number | null) => settle(code === 0 || code === null ? null : `${name} exited with status ${code}`);
    const timer = setTimeout(() => settle(null), earlyFailureMs);
    timer.unref();
    child.on('error', onError);
    child.on('exit', onExit);
    // A late error after we stopped watching must not crash the process.
    child.on('error', () => {});
  });
}

export async function openUrl(url: string, deps: OpenUrlDeps): Promise<OpenUrlResult> {
  if (!/^https?:\/\//i.test(url)) return { opened: false, via: 'none', error: 'only http(s) addresses are opened' };
  const browser = deps.env.BROWSER?.trim();
  if (browser === 'none') return { opened: false, via: 'none', error: 'BROWSER is set to none' };
  try {
    if (browser) {
      const words = splitCommandLine(browser);
      const [command, ...rest] = words;
      if (!command) return { opened: false, via: 'BROWSER', error: 'BROWSER is empty' };
      const args = rest.some((word) => word.includes('%s')) ? rest.map((word) => word.replaceAll('%s', url)) : [...rest, url];
      // node:child_process on use: the picker loads this module before anything is opened.
      const child = (deps.spawn ?? process.getBuiltinModule('node:child_process').spawn)(command, args, { env: deps.env, detached: true, stdio: 'ignore' });
      child.unref();
      const error = await watchOpener(child, `BROWSER command ${command}`, deps.earlyFailureMs);
      return error ? { opened: false, via: 'BROWSER', error } : { opened: true, via: 'BROWSER' };
    }
    const openDefault = deps.openDefault ?? (async (target: string) => (await importEsm<typeof import('open')>('open')).default(target));
    const child = await openDefault(url);
    const error = await watchOpener(child, 'the system browser opener', deps.earlyFailureMs);
    return error ? { opened: false, via: 'system', error } : { opened: true, via: 'system' };
  } catch (error) {
    return { opened: false, via: browser ? 'BROWSER' : 'system', error: (error as Error).message };
  }
}
