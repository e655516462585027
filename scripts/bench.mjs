// Startup benchmark (`npm run bench`): median wall time of headless commands against a bare
// `node -e ''`, and the time to the interactive screen's first paint in a pseudo-terminal.
// Budget: `codex login status` <= 1.3x bare node. `--runs N` (default 15), `--strict` exits 1 over budget.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'codex');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 15;
const strict = args.includes('--strict');
const BUDGET = 1.3;
const PAINT_BUDGET = 1.25;

if (!existsSync(join(root, 'dist', 'main.cjs'))) {
  console.log('dist/ is missing: building first…');
  spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Median ms per command. Commands run round-robin (one of each per round, 2 warm-up rounds), so a
 * load spike from another process on the machine hits every command alike rather than one of them.
 */
function measureAll(cases) {
  const times = cases.map(() => []);
  for (let round = 0; round < runs + 2; round++) {
    cases.forEach(({ label, argv, env, expectCode, input }, index) => {
      const start = process.hrtime.bigint();
      const stdio = [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'];
      const result = spawnSync(argv[0], argv.slice(1), { env, stdio, input, encoding: 'utf8' });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.status !== expectCode) throw new Error(`${label}: exit ${result.status}, expected ${expectCode}\n${result.stderr}`);
      if (round >= 2) times[index].push(ms);
    });
  }
  return cases.map(({ label }, index) => ({ label, ms: median(times[index]), min: Math.min(...times[index]) }));
}

/**
 * Time from spawning `bin/codex` in a pseudo-terminal to its first visible frame (any printable
 * text after ANSI codes are stripped). Returns null when node-pty is unavailable.
 */
export async function measureFirstPaint(env, { script = bin, label = 'first paint: bin/codex (pty)', samples = Math.min(runs, 7) } = {}) {
  let pty;
  try {
    pty = (await import('node-pty')).default;
  } catch {
    return null;
  }
  const once = () =>
    new Promise((resolve, reject) => {
      const start = process.hrtime.bigint();
      const term = pty.spawn(process.execPath, [script], { name: 'xterm-256color', cols: 100, rows: 30, cwd: root, env });
      let output = '';
      const timer = setTimeout(() => (term.kill(), reject(new Error(`no first paint within 10 s: ${JSON.stringify(output.slice(0, 200))}`))), 10_000);
      term.onData((data) => {
        output += data;
        // eslint-disable-next-line no-control-regex
        if (/[A-Za-z]{3}/.test(output.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07/g, ''))) {
          clearTimeout(timer);
          resolve(Number(process.hrtime.bigint() - start) / 1e6);
          term.kill();
        }
      });
    });
  const times = [];
  for (let i = 0; i < samples + 1; i++) {
    const ms = await once();
    if (i > 0) times.push(ms);
  }
  return { label, ms: median(times), min: Math.min(...times) };
}

const APP_SERVER_SESSION = [
  { id: 1, method: 'initialize', params: { clientInfo: { name: 'bench', version: '1' } } },
  { method: 'initialized' },
  { id: 2, method: 'account/read', params: {} },
].map((message) => `${JSON.stringify(message)}\n`).join('');

const home = mkdtempSync(join(tmpdir(), 'codex-bench-'));
const emptyHome = mkdtempSync(join(tmpdir(), 'codex-bench-empty-'));
try {
  writeFileSync(join(home, 'auth.json'), `${JSON.stringify({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-bench000000000000000000000ABCDE' }, null, 2)}\n`, { mode: 0o600 });
  const base = { PATH: process.env.PATH ?? '', HOME: emptyHome, TERM: 'xterm-256color' };
  const rows = measureAll([
    { label: "node -e ''", argv: [process.execPath, '-e', ''], env: base, expectCode: 0 },
    { label: 'bin/codex login status', argv: [process.execPath, bin, 'login', 'status'], env: { ...base, CODEX_HOME: home }, expectCode: 0 },
    { label: 'bin/codex logout (empty home)', argv: [process.execPath, bin, 'logout'], env: { ...base, CODEX_HOME: emptyHome }, expectCode: 0 },
    { label: 'bin/codex --help', argv: [process.execPath, bin, '--help'], env: base, expectCode: 0 },
    // A whole app-server session: initialize, account/read, end of input.
    { label: 'app-server initialize+read', argv: [process.execPath, bin, 'app-server'], env: { ...base, CODEX_HOME: home }, expectCode: 0, input: APP_SERVER_SESSION },
  ]);
  const bareInk = await buildBareInk();
  const paints = [];
  for (const [script, label] of [[bareInk, 'first paint: bare bundled Ink app'], [bin, 'first paint: bin/codex (pty)']]) {
    const paint = await measureFirstPaint({ ...base, CODEX_HOME: emptyHome }, { script, label }).catch((error) => {
      console.log(`${label} not measured: ${error.message}`);
      return null;
    });
    if (paint) paints.push(paint);
  }
  rows.push(...paints);

  const bare = rows[0].ms;
  console.log(`\nmedian of ${runs} interleaved runs (after 2 warm-up rounds), node ${process.version}\n`);
  console.log(`${'command'.padEnd(34)}${'median ms'.padStart(10)}${'min ms'.padStart(9)}${'x bare'.padStart(9)}`);
  for (const row of rows) {
    console.log(`${row.label.padEnd(34)}${row.ms.toFixed(1).padStart(10)}${row.min.toFixed(1).padStart(9)}${(row.ms / bare).toFixed(2).padStart(9)}`);
  }
  const ratio = rows[1].ms / bare;
  const verdict = ratio <= BUDGET ? 'within' : 'OVER';
  console.log(`\nlogin status / bare node = ${ratio.toFixed(2)} (${verdict} the ${BUDGET}x budget)`);
  if (paints.length === 2) {
    const paintRatio = paints[1].ms / paints[0].ms;
    console.log(`first paint / bare bundled Ink app = ${paintRatio.toFixed(2)} (${paintRatio <= PAINT_BUDGET ? 'within' : 'OVER'} the ${PAINT_BUDGET}x budget)`);
    if (strict && paintRatio > PAINT_BUDGET) process.exitCode = 1;
  }
  if (strict && ratio > BUDGET) process.exitCode = 1;
} finally {
  rmSync(home, { recursive: true, force: true });
  rmSync(emptyHome, { recursive: true, force: true });
}

/** The baseline for first paint: the smallest Ink app, bundled with the same options as dist/ui.mjs. */
async function buildBareInk() {
  const { build } = await import('esbuild');
  const { inkBundleOptions } = await import('./build.mjs');
  const outfile = join(root, '.bench', 'bare-ink.mjs');
  await build(inkBundleOptions('scripts/bench/bareInk.tsx', outfile));
  return outfile;
}
