// kill -9 at random moments while `codex login --with-api-key` replaces auth.json: afterwards the
// file is always the old credential or the new one, whole, 0600; a temp file a killed writer left
// behind is removed by the next save.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BIN, baseEnv, ensureBuilt, runCodex } from '../cli/runCodex.js';

const ROUNDS = 40;
let home: string;
beforeAll(async () => {
  ensureBuilt();
  home = await mkdtemp(join(tmpdir(), 'codex-kill-'));
});
afterAll(() => rm(home, { recursive: true, force: true }));

const keyFor = (round: number) => `sk-proj-killtest${String(round).padStart(4, '0')}abcdefghijklmnopqrstuvwx`;

function writeAndKill(key: string, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'login', '--with-api-key'], { env: baseEnv(home), stdio: ['pipe', 'ignore', 'ignore'] });
    child.stdin.on('error', () => undefined);
    child.stdin.end(key);
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

it(`${ROUNDS} writers killed with SIGKILL at random moments never leave a torn or open auth.json`, async () => {
  const path = join(home, 'auth.json');
  writeFileSync(path, `${JSON.stringify({ auth_mode: 'apikey', OPENAI_API_KEY: keyFor(0) })}\n`, { mode: 0o600 });
  let current = keyFor(0);
  let replaced = 0;
  let midWrite = 0; // temp files seen at once: writers killed between creating the temp file and the rename
  for (let round = 1; round <= ROUNDS; round++) {
    // Spread the kills over the process's life (it finishes in a few tens of ms).
    await writeAndKill(keyFor(round), 5 + ((round * 37) % 60));
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { OPENAI_API_KEY: string };
    expect([current, keyFor(round)]).toContain(saved.OPENAI_API_KEY);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    if (saved.OPENAI_API_KEY !== current) replaced++;
    midWrite = Math.max(midWrite, readdirSync(home).filter((name) => name.startsWith('.auth-')).length);
    current = saved.OPENAI_API_KEY;
  }
  // Both outcomes happened: some writers were killed before their rename, some after.
  expect(replaced).toBeGreaterThan(0);
  expect(replaced).toBeLessThan(ROUNDS);

  // A temp file left by a killed writer (ours, or the real CLI's `.auth-XXXXXX`) goes with the next save.
  writeFileSync(join(home, '.auth-AbC123'), 'secret copy', { mode: 0o600 });
  expect((await runCodex(['login', '--with-api-key'], { env: baseEnv(home), input: keyFor(999) })).code).toBe(0);
  expect(readdirSync(home).filter((name) => name.startsWith('.auth-'))).toEqual([]);
  console.log(`[kill -9] ${ROUNDS} writers killed: ${replaced} after their rename, ${ROUNDS - replaced} before (up to ${midWrite} of them mid-write); auth.json whole and 0600 every time`);
}, 120_000);
