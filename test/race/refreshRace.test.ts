// Many `codex` processes wake up at once on one auth.json whose access token has expired (§2 of the
// pain points): exactly one refresh reaches the authority, every process ends with working tokens,
// and auth.json is valid JSON with mode 0600 at every moment we look.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { startAuthority, type Authority } from '../support/authority.js';
import { ALICE, chatgptAuthJson } from '../support/jwt.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const CACHE = join(ROOT, 'node_modules/.cache/codex-race');
const OUT = join(CACHE, 'raceClient.mjs');
// RACE_USE_BIN=1 runs bin/codex itself (after `npm run build`); by default a private build of the same
// entry with the same options, so a concurrent `npm run build` by someone else cannot break the run.
const CLI = process.env.RACE_USE_BIN ? join(ROOT, 'bin/codex') : join(CACHE, 'dist/main.js');
const PROCESSES = 20;
/** The real `codex login status` once src/cli/main.ts is wired; until then the script that wires AuthManager like it. */
const viaCli = !readFileSync(join(ROOT, 'src/cli/main.ts'), 'utf8').includes('not implemented yet');

beforeAll(async () => {
  // Bundled next to node_modules so native fs-ext resolves. The CLI is built with the options of
  // scripts/build.mjs into a private folder, so a concurrent `npm run build` elsewhere cannot break it.
  mkdirSync(CACHE, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'test/race/raceClient.ts')], outfile: OUT, bundle: true, format: 'esm', platform: 'node',
    target: 'node20', external: ['fs-ext', '@napi-rs/keyring', 'undici'], logLevel: 'warning',
  });
  if (viaCli && !process.env.RACE_USE_BIN) {
    await build({
      entryPoints: { main: join(ROOT, 'src/cli/main.ts') }, outdir: join(CACHE, 'dist'), bundle: true, splitting: true,
      format: 'esm', platform: 'node', target: 'node20', jsx: 'automatic', logLevel: 'warning',
      external: ['fs-ext', '@napi-rs/keyring', 'react-devtools-core'], define: { 'process.env.NODE_ENV': '"production"' },
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    });
  }
}, 60_000);

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

interface Outcome { ok: boolean; status?: number; error?: string; notices?: string[]; refreshFailure?: unknown; ms: number }

function runClient(home: string, authority: Authority): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, viaCli ? [CLI, 'login', 'status', '--json'] : [OUT], {
      env: {
        PATH: process.env.PATH, CODEX_HOME: home, CODEX_AUTH_ISSUER: authority.url,
        CODEX_REFRESH_TOKEN_URL_OVERRIDE: `${authority.url}/oauth/token`, RACE_BACKEND_URL: authority.chatgptBaseUrl,
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
        if (!viaCli) return resolve(JSON.parse(out.trim().split('\n').pop() ?? ''));
        const status = JSON.parse(out) as { loggedIn: boolean; refreshError: unknown; error: string | null };
        resolve({ ok: status.loggedIn && !status.refreshError, refreshFailure: status.refreshError, error: status.error ?? undefined, ms: 0 });
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
  console.log(`[race${viaCli ? ' via codex login status' : ' via test/race/raceClient'}] ${PROCESSES} processes: 1 refresh request, wall ${r.wallMs} ms, ${r.samples} file samples`);
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
