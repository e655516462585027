// Runs the built `bin/codex` as a real process (async, so a loopback authority in the test process
// can answer it). Every run gets a minimal environment: nothing from the developer's shell leaks in.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startAuthority, type Authority, type AuthorityBehavior } from '../support/authority.js';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const BIN = join(ROOT, 'bin', 'codex');

export interface CodexResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Written to stdin, then closed; without it stdin is empty (/dev/null-like). */
  input?: string;
  timeoutMs?: number;
}

/** Builds dist/ once when it is missing (scripts/test.sh builds before the suite). */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'main.cjs'))) return;
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/** The keyring timeout for tests that expect the real Secret Service to answer. */
export const TEST_KEYRING_TIMEOUT_MS = 30_000;

export function baseEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    CODEX_HOME: home,
    NO_COLOR: '1',
    // The real Secret Service answers in milliseconds, except on a busy CI machine; the 3 s default
    // is for a wedged bus, which test/unit/storage/secretService.test.ts drives with its own timeout.
    CODEX_KEYRING_TIMEOUT_MS: String(TEST_KEYRING_TIMEOUT_MS),
  };
  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'XDG_DATA_HOME', 'GNOME_KEYRING_CONTROL']) {
    if (process.env[name]) env[name] = process.env[name]!;
  }
  return env;
}

/**
 * How long one run may take before it is killed and reported with what it printed: a bound on a
 * hang only, above the keyring's test timeout and below vitest's 60 s test timeout.
 */
export const RUN_TIMEOUT_MS = 45_000;

export function runCodex(args: string[], options: RunOptions = {}): Promise<CodexResult> {
  return runProgram(process.execPath, [BIN, ...args], options);
}

/** Any program (the real Codex CLI, for the interop tests) the way runCodex runs ours. */
export function runProgram(command: string, args: string[], options: RunOptions = {}): Promise<CodexResult> {
  const env = Object.fromEntries(Object.entries(options.env ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdin.on('error', () => undefined); // the command may exit before reading
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish in time.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? RUN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A temp folder per test, used as both HOME and CODEX_HOME. */
export function tempHome(): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), 'codex-cli-'));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * For a test file that runs the real binary against the loopback authority: one authority for the
 * file, reset to its default behaviour before each test, and a fresh temp home (HOME and CODEX_HOME)
 * for each test. Read `home` and `authority` in tests.
 */
export function useCodexScenario(): { readonly home: { path: string }; readonly authority: Authority } {
  let home: ReturnType<typeof tempHome> | null = null;
  let authority: Authority | null = null;
  let defaults: AuthorityBehavior | null = null;
  beforeAll(async () => {
    ensureBuilt();
    authority = await startAuthority();
    defaults = { ...authority.behavior };
  });
  afterAll(() => authority?.close());
  beforeEach(() => {
    home = tempHome();
    Object.assign(authority!.behavior, defaults); // what one test set on the authority does not reach the next
  });
  afterEach(() => home?.cleanup());
  return {
    get home() {
      return home!;
    },
    get authority() {
      return authority!;
    },
  };
}
