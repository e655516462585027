// Many `codex` processes wake up at once on one auth.json whose access token has expired (§2 of the
// pain points): exactly one refresh reaches the authority, every process ends with working tokens,
// and auth.json is valid JSON with mode 0600 at every moment we look.
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { startAuthority, type Authority } from '../support/authority.js';
import { ALICE, chatgptAuthJson } from '../support/jwt.js';
import { BIN, ensureBuilt } from '../cli/runCodex.js';

const PROCESSES = 20;

beforeAll(ensureBuilt);

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

interface Outcome { ok: boolean; error?: string; refreshFailure?: unknown }

function runClient(home: string, authority: Authority): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'login', 'status', '--json'], {
      env: {
        PATH: process.env.PATH, CODEX_HOME: home, CODEX_AUTH_ISSUER: authority.url,
        CODEX_REFRESH_TOKEN_URL_OVERRIDE: `${authority.url}/oauth/token`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        const status = JSON.parse(out) as { loggedIn: boolean; refreshError: unknown; error: string | null };
        resolve({ ok: status.loggedIn && !status.refreshError, refreshFailure: status.refreshError, error: status.error ?? undefined });
      } catch {
        reject(new Error(`process exited ${code}: ${err || out}`));
      }
    });
  });
}

async function race(rotate: boolean) {
  const home = await mkdtemp(join(tmpdir(), 'codex-race-'));
  const authority = await startAuthority({ rotateRefreshTokens: rotate, refreshDelayMs: 150 });
  cleanup.push(() => authority.close(), () => rm(home, { recursive: true, force: true }));
  const auth = chatgptAuthJson(ALICE, { accessTtlSeconds: -60 });
  authority.seedAuth(auth);
  const file = join(home, 'auth.json');
  await writeFile(file, `${JSON.stringify(auth, null, 2)}\n`, { mode: 0o600 });

  // Watch the file the whole time: it must always parse and always be 0600.
  let samples = 0;
  const problems: string[] = [];
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      try {
        const mode = statSync(file).mode & 0o777;
        JSON.parse(readFileSync(file, 'utf8'));
        if (mode !== 0o600) problems.push(`mode ${mode.toString(8)}`);
      } catch (error) {
        problems.push((error as Error).message);
      }
      samples++;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();

  const started = Date.now();
  const outcomes = await Promise.all(Array.from({ length: PROCESSES }, () => runClient(home, authority)));
  const wallMs = Date.now() - started;
  watching = false;
  await watcher;

  const final = JSON.parse(readFileSync(file, 'utf8'));
  // The tokens everyone ended with work against the backend.
  const usage = await fetch(`${authority.chatgptBaseUrl}wham/usage`, { headers: { authorization: `Bearer ${final.tokens.access_token}` } });
  expect(usage.status).toBe(200);
  return { outcomes, wallMs, samples, problems, final, authority, original: auth };
}

it(`${PROCESSES} processes, one expired auth.json: exactly one refresh, all end with valid tokens`, async () => {
  const r = await race(false);
  expect(r.outcomes.filter((o) => !o.ok)).toEqual([]);
  expect(r.authority.count('/oauth/token', 'refresh_token')).toBe(1);
  expect(r.problems).toEqual([]);
  expect(r.samples).toBeGreaterThan(20);
  expect(r.final.tokens.access_token).not.toBe(r.original.tokens.access_token);
  console.log(`[race] ${PROCESSES} processes: 1 refresh request, wall ${r.wallMs} ms, ${r.samples} file samples`);
}, 120_000);

it('the same race against an authority that rotates refresh tokens and rejects reuse: nobody is logged out', async () => {
  const r = await race(true);
  expect(r.outcomes.filter((o) => !o.ok)).toEqual([]);
  expect(r.outcomes.every((o) => o.refreshFailure === null)).toBe(true);
  expect(r.authority.count('/oauth/token', 'refresh_token')).toBe(1);
  expect(r.problems).toEqual([]);
  expect(r.final.tokens.refresh_token).not.toBe(r.original.tokens.refresh_token);
  console.log(`[race/rotating] ${PROCESSES} processes: 1 refresh request, nobody logged out, wall ${r.wallMs} ms, ${r.samples} file samples`);
}, 120_000);
