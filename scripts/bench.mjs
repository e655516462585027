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

if (!existsSync(join(root, 'dist', 'main.js'))) {
  console.log('dist/ is missing: building first…');
  spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Median ms of `runs` executions after 2 warm-ups; fails loudly if the command does not behave. */
function measure(label, argv, env, expectCode) {
  const times = [];
  for (let i = 0; i < runs + 2; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(argv[0], argv.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== expectCode) {
      throw new Error(`${label}: exit ${result.status}, expected ${expectCode}\n${result.stderr}`);
    }
    if (i >= 2) times.push(ms);
  }
  return { label, ms: median(times), min: Math.min(...times) };
}

/**
 * Time from spawning `bin/codex` in a pseudo-terminal to its first visible frame (any printable
 * text after ANSI codes are stripped). Returns null when node-pty is unavailable.
 */
export async function measureFirstPaint(env, samples = Math.min(runs, 7)) {
  let pty;
  try {
    pty = (await import('node-pty')).default;
  } catch {
    return null;
  }
  const once = () =>
    new Promise((resolve, reject) => {
      const start = process.hrtime.bigint();
      const term = pty.spawn(process.execPath, [bin], { name: 'xterm-256color', cols: 100, rows: 30, cwd: root, env });
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
  return { label: 'first paint: bin/codex (pty)', ms: median(times), min: Math.min(...times) };
}

const home = mkdtempSync(join(tmpdir(), 'codex-bench-'));
const emptyHome = mkdtempSync(join(tmpdir(), 'codex-bench-empty-'));
try {
  writeFileSync(join(home, 'auth.json'), `${JSON.stringify({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-bench000000000000000000000ABCDE' }, null, 2)}\n`, { mode: 0o600 });
  const base = { PATH: process.env.PATH ?? '', HOME: emptyHome, TERM: 'xterm-256color' };
  const rows = [
    measure("node -e ''", [process.execPath, '-e', ''], base, 0),
    measure('bin/codex login status', [process.execPath, bin, 'login', 'status'], { ...base, CODEX_HOME: home }, 0),
    measure('bin/codex logout (empty home)', [process.execPath, bin, 'logout'], { ...base, CODEX_HOME: emptyHome }, 0),
    measure('bin/codex --help', [process.execPath, bin, '--help'], base, 0),
  ];
  const paint = await measureFirstPaint({ ...base, CODEX_HOME: emptyHome }).catch((error) => {
    console.log(`first paint not measured: ${error.message}`);
    return null;
  });
  if (paint) rows.push(paint);

  const bare = rows[0].ms;
  console.log(`\nmedian of ${runs} runs (after warm-up), node ${process.version}\n`);
  console.log(`${'command'.padEnd(34)}${'median ms'.padStart(10)}${'min ms'.padStart(9)}${'x bare'.padStart(9)}`);
  for (const row of rows) {
    console.log(`${row.label.padEnd(34)}${row.ms.toFixed(1).padStart(10)}${row.min.toFixed(1).padStart(9)}${(row.ms / bare).toFixed(2).padStart(9)}`);
  }
  const ratio = rows[1].ms / bare;
  const verdict = ratio <= BUDGET ? 'within' : 'OVER';
  console.log(`\nlogin status / bare node = ${ratio.toFixed(2)} (${verdict} the ${BUDGET}x budget)`);
  if (strict && ratio > BUDGET) process.exitCode = 1;
} finally {
  rmSync(home, { recursive: true, force: true });
  rmSync(emptyHome, { recursive: true, force: true });
}
