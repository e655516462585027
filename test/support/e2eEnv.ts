// One end-to-end bench: its own loopback authority, a temp root holding CODEX_HOME, HOME and the
// browser script, a clean environment (nothing of the developer's shell), and every process it
// started killed on close().
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAuthority, type Authority, type AuthorityBehavior } from './authority.js';
import { headlessBrowser, type HeadlessBrowser } from './headlessBrowser.js';
import { spawnInPty, type PtySession } from './pty.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(REPO, 'bin', 'codex');

/**
 * Test timeout for the e2e files: several waits of up to 30 s each (pty.ts) must not be cut by
 * the test's own timeout on a loaded machine first; a hang still fails, just later.
 */
export const E2E_TEST_TIMEOUT_MS = 90_000;

/** The suite drives the built CLI; scripts/test.sh builds first. */
export function assertBuilt(): void {
  if (!existsSync(join(REPO, 'dist', 'main.cjs'))) {
    throw new Error('dist/main.cjs is missing: run `npm run build` before the e2e tests (scripts/test.sh does).');
  }
}

export interface E2eOptions {
  behavior?: Partial<AuthorityBehavior>;
  /** CODEX_LOGIN_PORT; default 0 (any free port). */
  loginPort?: number;
  /** 'chromium' (default): the headless browser script; 'none': BROWSER=none. */
  browser?: 'chromium' | 'none';
  env?: Record<string, string>;
}

export interface E2eEnv {
  authority: Authority;
  root: string;
  codexHome: string;
  authPath: string;
  env: Record<string, string>;
  browser: HeadlessBrowser | null;
  /** `-c` overrides pointing codex at the authority, then `extra`. */
  args(...extra: string[]): string[];
  /** Runs `codex …args` in a pseudo-terminal. */
  pty(args?: string[], size?: { cols?: number; rows?: number }): PtySession;
  /** Runs `codex …args` with pipes (no TTY); resolves when it exits. */
  run(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Writes auth.json (mode 0600) and returns its bytes. */
  seedAuthJson(auth: unknown): Buffer;
  /** A ChatGPT sign-in the authority knows (it will refresh these tokens), saved as auth.json; its bytes. */
  seedChatgpt(auth: Parameters<Authority['seedAuth']>[0]): Buffer;
  authBytes(): Buffer | null;
  authJson(): Record<string, any> | null;
  /** Permission bits of auth.json, e.g. 0o600. */
  authFileMode(): number | null;
  close(): Promise<void>;
}

export async function e2eEnv(options: E2eOptions = {}): Promise<E2eEnv> {
  assertBuilt();
  const authority = await startAuthority(options.behavior);
  const root = await mkdtemp(join(tmpdir(), 'codex-e2e-'));
  const codexHome = join(root, 'codex-home');
  const home = join(root, 'home');
  await Promise.all([mkdir(codexHome), mkdir(home)]);
  const authPath = join(codexHome, 'auth.json');
  const browser = options.browser === 'none' ? null : headlessBrowser(root);
  const seedAuthJson = (auth: unknown): Buffer => {
    writeFileSync(authPath, `${JSON.stringify(auth, null, 2)}\n`, { mode: 0o600 });
    chmodSync(authPath, 0o600);
    return readFileSync(authPath);
  };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    TMPDIR: root,
    CODEX_HOME: codexHome,
    CODEX_AUTH_ISSUER: authority.url,
    CODEX_LOGIN_PORT: String(options.loginPort ?? 0),
    BROWSER: browser ? browser.command : 'none',
    ...options.env,
  };
  const sessions: PtySession[] = [];
  const children: ReturnType<typeof spawn>[] = [];
  const args = (...extra: string[]) => [
    '-c', `chatgpt_base_url="${authority.chatgptBaseUrl}"`,
    '-c', `openai_base_url="${authority.openaiBaseUrl}"`,
    ...extra,
  ];
  const authBytes = () => (existsSync(authPath) ? readFileSync(authPath) : null);

  return {
    authority,
    root,
    codexHome,
    authPath,
    env,
    browser,
    args,
    pty(extra = [], size = {}) {
      const session = spawnInPty(process.execPath, [BIN, ...args(...extra)], { env, cwd: root, ...size });
      sessions.push(session);
      return session;
    },
    run(extra, stdin) {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args(...extra)], { env, cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
        children.push(child);
        let stdout = '';
        let stderr = '';
        child.stdout!.on('data', (chunk) => (stdout += chunk));
        child.stderr!.on('data', (chunk) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
        child.stdin!.end(stdin ?? '');
      });
    },
    seedAuthJson,
    seedChatgpt(auth) {
      authority.seedAuth(auth);
      return seedAuthJson(auth);
    },
    authBytes,
    authJson: () => {
      const bytes = authBytes();
      return bytes ? JSON.parse(bytes.toString('utf8')) : null;
    },
    authFileMode: () => (existsSync(authPath) ? statSync(authPath).mode & 0o777 : null),
    async close() {
      await Promise.all(sessions.map((session) => session.kill()));
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await browser?.close();
      await authority.close();
      await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}
