// kill -9 at every step of a save while `codex login --with-api-key` replaces auth.json: afterwards
// the file is the old credential (killed before the rename) or the new one (after), whole and 0600
// either way; temp files killed writers left behind are removed by the next save. The writer picks
// the moment itself: CODEX_TEST_PAUSE_SAVE_AT (src/storage/atomicWrite.ts) stops it right after a
// step and says so on stderr, so the kill lands there however fast or slow the machine is.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SAVE_STEPS, type SaveStep } from '../../src/storage/atomicWrite.js';
import { STALE_TEMP_MS } from '../../src/storage/fileAuthStorage.js';
import { BIN, baseEnv, ensureBuilt, runCodex } from '../cli/runCodex.js';

const ROUNDS_PER_STEP = 3;
let home: string;
beforeAll(async () => {
  ensureBuilt();
  home = await mkdtemp(join(tmpdir(), 'codex-kill-'));
});
afterAll(() => rm(home, { recursive: true, force: true }));

const keyFor = (round: number) => `sk-proj-killtest${String(round).padStart(4, '0')}abcdefghijklmnopqrstuvwx`;
const tempFiles = () => readdirSync(home).filter((name) => name.startsWith('.auth-')).sort();

/** Starts a writer that stops itself right after `step`; once it has, SIGKILLs it. Resolves with its temp file. */
function killAfter(step: SaveStep, key: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'login', '--with-api-key'], {
      env: { ...baseEnv(home), CODEX_TEST_PAUSE_SAVE_AT: step },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    let temp: string | null = null;
    child.stdin.on('error', () => undefined);
    child.stdin.end(key);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const paused = new RegExp(`^codex-test: save paused at ${step} (.+)$`, 'm').exec(stderr);
      if (paused && temp === null) {
        temp = paused[1]!;
        child.kill('SIGKILL'); // it is stopped (SIGSTOP) right after the step
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (temp !== null && signal === 'SIGKILL') resolve(temp);
      else reject(new Error(`the writer ended (${signal ?? code}) without pausing at "${step}".\nstderr: ${stderr}`));
    });
  });
}

it(`writers killed with SIGKILL after each step of a save (${SAVE_STEPS.join(', ')}) never leave a torn or open auth.json`, async () => {
  const path = join(home, 'auth.json');
  writeFileSync(path, `${JSON.stringify({ auth_mode: 'apikey', OPENAI_API_KEY: keyFor(0) })}\n`, { mode: 0o600 });
  let current = keyFor(0);
  let round = 0;
  const leftBehind: string[] = [];
  for (let pass = 0; pass < ROUNDS_PER_STEP; pass++) {
    for (const step of SAVE_STEPS) {
      const key = keyFor(++round);
      const temp = await killAfter(step, key);
      const renamed = step === 'renamed';
      const saved = JSON.parse(readFileSync(path, 'utf8')) as { auth_mode: string; OPENAI_API_KEY: string };
      expect(saved, `killed after "${step}"`).toEqual({ auth_mode: 'apikey', OPENAI_API_KEY: renamed ? key : current });
      expect(statSync(path).mode & 0o777, `killed after "${step}"`).toBe(0o600);
      if (renamed) {
        current = key;
        expect(existsSync(temp), 'the temp file became auth.json').toBe(false);
      } else {
        // The killed writer's temp file stays, private, until the next completed save.
        expect(statSync(temp).mode & 0o777, `temp file after "${step}"`).toBe(0o600);
        leftBehind.push(basename(temp));
      }
      expect(tempFiles(), `killed after "${step}"`).toEqual([...leftBehind].sort());
    }
  }

  // Temp files left by killed writers (ours, and one shaped like the real CLI's `.auth-XXXXXX`) go with the
  // next save once they are stale (STALE_TEMP_MS old: a live writer's temp file is never that old).
  writeFileSync(join(home, '.auth-AbC123'), 'secret copy', { mode: 0o600 });
  const stale = new Date(Date.now() - STALE_TEMP_MS - 60_000);
  for (const name of tempFiles()) utimesSync(join(home, name), stale, stale);
  expect((await runCodex(['login', '--with-api-key'], { env: baseEnv(home), input: keyFor(999) })).code).toBe(0);
  expect(JSON.parse(readFileSync(path, 'utf8')).OPENAI_API_KEY).toBe(keyFor(999));
  expect(statSync(path).mode & 0o777).toBe(0o600);
  expect(tempFiles()).toEqual([]);
  console.log(`[kill -9] ${round} writers killed, ${ROUNDS_PER_STEP} after each of ${SAVE_STEPS.join(', ')}: auth.json whole and 0600 every time; ${leftBehind.length + 1} stale temp files removed by the next save`);
}, 120_000);
