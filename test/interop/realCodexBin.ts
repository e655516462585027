// The real Codex CLI for the interop tests: where ../shared/tools/real-codex.sh caches each release
// (or an environment variable naming the binary), and running it the way runCodex runs ours.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, runProgram, type CodexResult } from '../cli/runCodex.js';

/** The binary of `version`, or null (the tests that need it are then skipped). */
export function realCodexBin(version: '0.169.0' | '0.171.0', override: string | undefined): string | null {
  if (override) return override;
  const cached = join(homedir(), `.cache/real-codex-${version}/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex`);
  return existsSync(cached) ? cached : null;
}

/**
 * The limits of a test that runs the real CLI: the first run of its ~100 MB binary after a while
 * reads it back from disk (the kernel reclaims cold pages), which on a busy machine has taken over
 * 20 s. The tests wait for the process, never for a fixed time; this only bounds a hang.
 */
export const REAL_CLI_LIMITS = { timeout: 120_000 };

/**
 * Runs the real CLI on `home`. Its home lives under ~/.cache, not /tmp (it refuses some helpers
 * there); baseEnv passes the test session's D-Bus address, for the keyring cases.
 */
export function runReal(bin: string, args: string[], home: string, input = '', extra: Record<string, string> = {}): Promise<CodexResult> {
  return runProgram(bin, args, { env: { ...baseEnv(home), NO_COLOR: undefined, ...extra }, input, timeoutMs: 60_000 });
}
