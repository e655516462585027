// Performance benchmark (`npm run bench`): every figure of the README's Performance section, each
// next to its baseline measured in the same run, interleaved (one run of each case per round, so a
// load spike from another process hits every case alike rather than one of them):
//   - headless commands (wall time of the whole process) against `node -e ''`, those that make one
//     request against a loopback authority this script starts in a child process;
//   - first paint of the picker and of home in a pseudo-terminal, until the screen's own text is
//     on screen, against a bundled two-line Ink app; their idle memory against that app's. That
//     app is measured twice: bundled as Ink ships (ES modules: the budget's floor) and as
//     dist/ui.cjs is (CommonJS with a code cache, so what codex itself adds shows against it);
//   - input latency: a key written to the pty until its effect is on screen (home's composer);
//     the bytes written per keystroke in the API key field (one line, not the frame);
//   - CPU time: of the headless commands (user + system) in a pass of its own, of a screen until its
//     first paint (all its threads); on a busy machine it moves far less than wall time, so its
//     ratios are the steadier reading of the same budgets.
// `--runs N` (default 15), `--headless` (no pty rows), `--screens` (only the pty rows), `--strict` exits 1 when a ratio is over its budget. The test suite never
// runs this: timings on a shared machine are not a pass/fail signal.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 15;
const strict = args.includes('--strict');
const headlessOnly = args.includes('--headless'); // skip the pseudo-terminal rows
const screensOnly = args.includes('--screens'); // skip the headless commands
const BUDGET = { offline: 1.25, network: 2, paint: 1.15, memory: 1.1 };

if (!existsSync(join(root, 'dist', 'main.cjs'))) {
  console.log('dist/ is missing: building first…');
  spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}
// The build as it is now, copied: a rebuild during the run (a test suite in the same checkout) must
// not pull dist/ from under it. Inside the checkout, so node_modules resolves as from dist/.
const snapshot = join(root, '.bench', 'build');
rmSync(snapshot, { recursive: true, force: true });
for (const part of ['bin', 'dist', 'package.json']) cpSync(join(root, part), join(snapshot, part), { recursive: true });
const bin = join(snapshot, 'bin', 'codex');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// ---- tokens and homes -------------------------------------------------------------------------

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(payload)}.${randomBytes(16).toString('base64url')}`;
const CLAIMS = { chatgpt_plan_type: 'plus', chatgpt_account_id: 'acct-bench-0001', chatgpt_user_id: 'user-bench' };
const now = () => Math.floor(Date.now() / 1000);
const idToken = () => jwt({ iss: 'https://auth.openai.com', aud: ['app_EMoamEEZ73f0CkXaXp7hrann'], iat: now(), exp: now() + 3600, email: 'bench@example.com', 'https://api.openai.com/auth': CLAIMS });
const accessToken = (ttl) => jwt({ iss: 'https://auth.openai.com', iat: now(), exp: now() + ttl, jti: randomBytes(8).toString('hex'), 'https://api.openai.com/auth': CLAIMS });
const chatgptAuth = (ttl) => ({
  auth_mode: 'chatgpt',
  OPENAI_API_KEY: null,
  tokens: { id_token: idToken(), access_token: accessToken(ttl), refresh_token: `rt_${randomBytes(24).toString('base64url')}`, account_id: CLAIMS.chatgpt_account_id },
  last_refresh: new Date(Date.now() - (ttl < 0 ? 86_400_000 : 0)).toISOString(),
});
const API_KEY = 'sk-proj-bench000000000000000000000ABCDE';
const apiKeyAuth = { auth_mode: 'apikey', OPENAI_API_KEY: API_KEY };

const homes = [];
const newHome = (auth) => {
  const dir = mkdtempSync(join(tmpdir(), 'codex-bench-'));
  homes.push(dir);
  if (auth) writeAuth(dir, auth);
  return dir;
};
const writeAuth = (dir, auth) => writeFileSync(join(dir, 'auth.json'), `${JSON.stringify(auth, null, 2)}\n`, { mode: 0o600 });

// ---- the loopback authority -------------------------------------------------------------------

/** A token endpoint (refresh) and a revoke endpoint on 127.0.0.1, in its own process: spawnSync blocks ours. */
const AUTHORITY = `
const http = require('node:http');
const { tokens } = JSON.parse(process.argv[1]);
let served = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    served++;
    res.setHeader('content-type', 'application/json');
    if (req.url.startsWith('/oauth/token')) res.end(JSON.stringify(tokens[served % tokens.length]));
    else if (req.url.startsWith('/oauth/revoke')) res.end('{}');
    else { res.statusCode = 404; res.end('{}'); }
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
process.stdin.on('end', () => { process.stdout.write('served ' + served + '\\n'); process.exit(0); });
process.stdin.resume();
`;

async function startAuthority() {
  // Fresh tokens for the refreshes, made now (valid for an hour: longer than any bench run).
  const tokens = Array.from({ length: 8 }, () => ({ id_token: idToken(), access_token: accessToken(3600), refresh_token: `rt_${randomBytes(24).toString('base64url')}` }));
  const child = spawn(process.execPath, ['-e', AUTHORITY, JSON.stringify({ tokens })], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = /^(\d+)\n/.exec(out);
      if (line) resolve(Number(line[1]));
    });
    child.once('exit', (code) => reject(new Error(`the bench authority exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => {
      child.once('exit', () => resolve(/served (\d+)/.exec(out)?.[1] ?? '?'));
      child.stdin.end();
    }),
  };
}

// ---- headless commands ------------------------------------------------------------------------

/** Median ms per case, round-robin with 2 warm-up rounds; `prepare` runs before each run, untimed. */
function measureAll(cases) {
  const times = cases.map(() => []);
  for (let round = 0; round < runs + 2; round++) {
    cases.forEach(({ label, argv, env, expectCode, input, prepare, expectOutput }, index) => {
      prepare?.();
      const start = process.hrtime.bigint();
      const result = spawnSync(argv[0], argv.slice(1), { env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], input, encoding: 'utf8' });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.status !== expectCode) throw new Error(`${label}: exit ${result.status}, expected ${expectCode}\n${result.stderr}`);
      if (expectOutput && !expectOutput.test(result.stdout + result.stderr)) throw new Error(`${label}: unexpected output\n${result.stdout}${result.stderr}`);
      if (round >= 2) times[index].push(ms);
    });
  }
  return cases.map(({ label, kind }, index) => ({ label, kind, ms: median(times[index]), min: Math.min(...times[index]) }));
}

/**
 * Median CPU time (user + system, from bash's `time`, which reads the child's rusage) per case, in
 * a pass of its own: on a machine that other work keeps busy, CPU time moves far less than wall time.
 */
function measureCpu(cases) {
  const times = cases.map(() => []);
  for (let round = 0; round < runs + 1; round++) {
    cases.forEach(({ argv, env, input, prepare }, index) => {
      prepare?.();
      const result = spawnSync('bash', ['-c', 'TIMEFORMAT="%3U %3S"; time "$@" >/dev/null 2>&1', 'bench', ...argv], {
        env, input: input ?? '', encoding: 'utf8', stdio: ['pipe', 'ignore', 'pipe'],
      });
      const [user, system] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
      if (round >= 1) times[index].push((user + system) * 1000);
    });
  }
  return times.map(median);
}

// ---- the pseudo-terminal ----------------------------------------------------------------------

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b[@-_]/g;
const strip = (text) => text.replace(ANSI, '');
const rssMb = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
  } catch {
    return Number.NaN;
  }
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** CPU ms the process has used so far, all its threads (Linux schedstat: ns on a CPU), or NaN. */
const cpuMsOf = (pid) => {
  try {
    let ns = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    return ns / 1e6;
  } catch {
    return Number.NaN;
  }
};

/** Runs a CommonJS bundle with its code cache, as bin/codex does (the bare-Ink CJS floor). */
const BUNDLE_RUNNER = join(root, 'scripts', 'bench', 'runBundle.cjs');

let pty = null;
try {
  pty = (await import('node-pty')).default;
} catch {
  // measured without the pty rows
}

/**
 * One start in a pty: ms until `until` (the screen's own text) is on screen, then the idle RSS
 * after `idleMs`, then `after(session)` (the input-latency run) before it is killed.
 */
function ptyRun(script, env, until, { idleMs = 0, after, cols = 100, args = [] } = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const term = pty.spawn(process.execPath, [script, ...args], { name: 'xterm-256color', cols, rows: 30, cwd: root, env });
    let output = '';
    let painted = false;
    const listeners = new Set();
    const timer = setTimeout(() => (term.kill(), reject(new Error(`${until} not on screen within 10 s: ${JSON.stringify(strip(output).slice(-300))}`))), 10_000);
    term.onData((data) => {
      output += data;
      for (const listener of listeners) listener(data);
      if (painted || !strip(output).includes(until)) return;
      painted = true;
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const cpu = cpuMsOf(term.pid);
      void (async () => {
        await sleep(idleMs);
        const rss = idleMs ? rssMb(term.pid) : Number.NaN;
        const extra = after ? await after({ write: (keys) => term.write(keys), listen: (fn) => (listeners.add(fn), () => listeners.delete(fn)) }) : null;
        term.kill();
        resolve({ ms, rss, cpu, extra });
      })().catch(reject);
    });
  });
}

/** 100 keys typed into home's composer one at a time: each until the composer shows it. */
async function typeKeys(session) {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let text = '';
  const latencies = [];
  for (let i = 0; i < 100; i++) {
    const key = i < 60 ? letters[i % letters.length] : '\x7f';
    text = key === '\x7f' ? text.slice(0, -1) : text + key;
    const expected = `> ${text} `;
    const ms = await new Promise((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => (stop(), reject(new Error(`key ${i} not shown within 2 s`))), 2_000);
      const start = process.hrtime.bigint();
      const stop = session.listen((data) => {
        seen += data;
        if (!strip(seen).includes(expected)) return;
        clearTimeout(timer);
        stop();
        resolve(Number(process.hrtime.bigint() - start) / 1e6);
      });
      session.write(key);
    });
    latencies.push(ms);
    await sleep(5); // a typist, not a paste
  }
  return latencies;
}

/** 30 keys typed into the API key field (from the picker, `3`): the bytes each one made codex write. */
async function keyBytes(session) {
  const until = (text) => new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => (stop(), reject(new Error(`${text} not shown within 2 s`))), 2_000);
    const stop = session.listen((data) => {
      seen += data;
      if (!strip(seen).includes(text)) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
  const shown = until('Paste or type your API key');
  session.write('3');
  await shown;
  const bytes = [];
  for (let i = 1; i <= 30; i++) {
    let written = 0;
    const stop = session.listen((data) => (written += Buffer.byteLength(data)));
    const effect = until(`(${i} char${i === 1 ? '' : 's'})`);
    session.write('k');
    await effect;
    await sleep(20); // the rest of that frame (the end of its synchronized update) and a typist's pause
    stop();
    bytes.push(written);
  }
  return bytes;
}

// ---- the run ----------------------------------------------------------------------------------

const emptyHome = newHome(null);
const base = { PATH: process.env.PATH ?? '', HOME: emptyHome, TERM: 'xterm-256color' };
const authority = await startAuthority();
let served = '?';
const rows = [];
try {
  const apiHome = newHome(apiKeyAuth);
  const validHome = newHome(chatgptAuth(3600));
  const expiredHome = newHome(chatgptAuth(-60));
  const logoutHome = newHome(chatgptAuth(3600));
  const keyHome = newHome(null);
  const appHome = newHome(chatgptAuth(-60));
  const net = {
    CODEX_REFRESH_TOKEN_URL_OVERRIDE: `${authority.url}/oauth/token`,
    CODEX_REVOKE_TOKEN_URL_OVERRIDE: `${authority.url}/oauth/revoke`,
    CODEX_AUTH_ISSUER: authority.url,
  };
  const codex = (...argv) => [process.execPath, bin, ...argv];
  const APP_SERVER_SESSION = [
    { id: 1, method: 'initialize', params: { clientInfo: { name: 'bench', version: '1' } } },
    { method: 'initialized' },
    { id: 2, method: 'account/read', params: {} },
  ].map((message) => `${JSON.stringify(message)}\n`).join('');
  const headlessCases = [
    { label: "node -e ''", argv: [process.execPath, '-e', ''], env: base, expectCode: 0, kind: 'baseline' },
    { label: 'login status, logged out', argv: codex('login', 'status'), env: { ...base, CODEX_HOME: emptyHome }, expectCode: 1, kind: 'offline' },
    { label: 'login status, API key', argv: codex('login', 'status'), env: { ...base, CODEX_HOME: apiHome }, expectCode: 0, kind: 'offline' },
    { label: 'login status, valid ChatGPT token', argv: codex('login', 'status'), env: { ...base, ...net, CODEX_HOME: validHome }, expectCode: 0, kind: 'offline' },
    {
      label: 'login status, expired token (1 refresh)', argv: codex('login', 'status'), env: { ...base, ...net, CODEX_HOME: expiredHome }, expectCode: 0, kind: 'network',
      prepare: () => writeAuth(expiredHome, chatgptAuth(-60)), expectOutput: /Logged in using ChatGPT/,
    },
    {
      label: 'logout, ChatGPT (1 revoke)', argv: codex('logout'), env: { ...base, ...net, CODEX_HOME: logoutHome }, expectCode: 0, kind: 'network',
      prepare: () => writeAuth(logoutHome, chatgptAuth(3600)),
    },
    { label: 'logout, nothing stored', argv: codex('logout'), env: { ...base, CODEX_HOME: emptyHome }, expectCode: 0, kind: 'offline' },
    { label: 'login --with-api-key (saves; no check request)', argv: codex('login', '--with-api-key'), env: { ...base, CODEX_HOME: keyHome }, expectCode: 0, kind: 'network', input: `${API_KEY}\n` },
    { label: '--help', argv: codex('--help'), env: base, expectCode: 0, kind: 'offline' },
    { label: 'app-server initialize+read, API key', argv: codex('app-server'), env: { ...base, CODEX_HOME: apiHome }, expectCode: 0, kind: 'network', input: APP_SERVER_SESSION },
    {
      label: 'app-server initialize+read, 1 refresh', argv: codex('app-server'), env: { ...base, ...net, CODEX_HOME: appHome }, expectCode: 0, kind: 'network', input: APP_SERVER_SESSION,
      prepare: () => writeAuth(appHome, chatgptAuth(-60)), expectOutput: /"type":"chatgpt"/,
    },
  ];
  if (!screensOnly) {
    const headless = measureAll(headlessCases);
    const cpu = existsSync('/bin/bash') ? measureCpu(headlessCases) : headlessCases.map(() => Number.NaN);
    const bare = headless[0].ms;
    headless.forEach((row, i) => rows.push({
      ...row, unit: 'ms', base: i === 0 ? null : bare, baseLabel: "node -e ''", budget: BUDGET[row.kind] ?? null, cpu: cpu[i], cpuRatio: i === 0 ? null : cpu[i] / cpu[0],
    }));
  }

  if (pty && !headlessOnly) {
    const { esm: bareInk, cjs: bareInkCjs } = await buildBareInk();
    const samples = Math.min(runs, 11);
    const cases = [
      { label: 'bare bundled Ink app', script: bareInk, env: base, until: 'Welcome' },
      { label: 'bare Ink app as CJS + code cache', script: BUNDLE_RUNNER, args: [bareInkCjs], env: base, until: 'Welcome' },
      { label: 'picker (signed out)', script: bin, env: { ...base, CODEX_HOME: emptyHome }, until: 'Sign in with ChatGPT' },
      { label: 'home (API key)', script: bin, env: { ...base, CODEX_HOME: apiHome }, until: 'Using API key' },
    ];
    // The ES module floor is the budget's (Ink as it ships); the CommonJS one is loaded as dist/ui.cjs
    // is, so against it a screen's ratio is what codex itself adds.
    const CJS_FLOOR = 1;
    const ours = (i) => i > CJS_FLOOR;
    const paint = cases.map(() => []);
    const memory = cases.map(() => []);
    const paintCpu = cases.map(() => []);
    for (let round = 0; round < samples + 1; round++) {
      for (const [index, c] of cases.entries()) {
        const { ms, rss, cpu } = await ptyRun(c.script, c.env, c.until, { idleMs: 700, args: c.args });
        if (round > 0) (paint[index].push(ms), memory[index].push(rss), paintCpu[index].push(cpu));
      }
    }
    const floor = (i) => median(paint[i]);
    const cpuFloor = (i) => median(paintCpu[i]);
    cases.forEach((c, i) => rows.push({
      label: `first paint: ${c.label}`, ms: median(paint[i]), min: Math.min(...paint[i]), unit: 'ms', base: i ? floor(0) : null, baseLabel: 'bare Ink', budget: ours(i) ? BUDGET.paint : null,
      cpu: median(paintCpu[i]), cpuRatio: i ? median(paintCpu[i]) / cpuFloor(0) : null,
    }));
    cases.forEach((c, i) => ours(i) && rows.push({
      label: `first paint: ${c.label}, against the CJS floor`, ms: median(paint[i]), min: Math.min(...paint[i]), unit: 'ms', base: floor(CJS_FLOOR), baseLabel: 'bare Ink CJS', budget: null,
      cpu: median(paintCpu[i]), cpuRatio: median(paintCpu[i]) / cpuFloor(CJS_FLOOR),
    }));
    const memFloor = median(memory[0]);
    cases.forEach((c, i) => rows.push({ label: `idle memory: ${c.label}`, ms: median(memory[i]), min: Math.min(...memory[i]), unit: 'MB', base: i ? memFloor : null, baseLabel: 'bare Ink', budget: ours(i) ? BUDGET.memory : null }));
    const { extra: latencies } = await ptyRun(bin, { ...base, CODEX_HOME: apiHome }, 'Using API key', { after: typeKeys, cols: 200 });
    rows.push({ label: 'input latency: 100 keys in home', ms: median(latencies), min: Math.max(...latencies), unit: 'ms', base: null, budget: null, minLabel: 'worst' });
    const { extra: keyWrites } = await ptyRun(bin, { ...base, CODEX_HOME: emptyHome }, 'Sign in with ChatGPT', { after: keyBytes });
    rows.push({ label: 'bytes written per keystroke: API key field (30 keys)', ms: median(keyWrites), min: Math.max(...keyWrites), unit: 'B', base: null, budget: null, minLabel: 'worst' });
  } else if (!headlessOnly) {
    console.log('node-pty is not installed: first paint, memory and input latency not measured');
  }
} finally {
  served = await authority.stop();
  for (const dir of homes) rmSync(dir, { recursive: true, force: true });
}

console.log(`\n${runs} interleaved runs per command (after 2 warm-up rounds), node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z; the authority served ${served} requests\n`);
console.log('| | median | min (latency: worst) | baseline | ratio | budget | CPU (user+sys) | CPU ratio |');
console.log('|---|---|---|---|---|---|---|---|');
let over = false;
for (const row of rows) {
  const ratio = row.base ? row.ms / row.base : null;
  const verdict = ratio !== null && row.budget !== null ? (ratio <= row.budget ? `${row.budget}x` : `**over ${row.budget}x**`) : '';
  if (ratio !== null && row.budget !== null && ratio > row.budget) over = true;
  const fmt = (v) => `${v.toFixed(1)} ${row.unit}`;
  const cpu = row.cpu === undefined || Number.isNaN(row.cpu) ? '' : `${row.cpu.toFixed(0)} ms`;
  const cpuRatio = row.cpuRatio ? `${row.cpuRatio.toFixed(2)}x` : '';
  console.log(`| ${row.label} | ${fmt(row.ms)} | ${fmt(row.min)} | ${row.base ? row.baseLabel : ''} | ${ratio === null ? '' : `${ratio.toFixed(2)}x`} | ${verdict} | ${cpu} | ${cpuRatio} |`);
}
if (strict && over) process.exitCode = 1;

/**
 * The baselines for first paint: the smallest Ink app, bundled as Ink ships (ES modules: the budget's
 * floor) and as dist/ui.cjs is (CommonJS, run with a code cache made by one run of it in a pty).
 */
async function buildBareInk() {
  const { build } = await import('esbuild');
  const { inkBundleOptions, uiBundleOptions } = await import('./build.mjs');
  const esm = join(root, '.bench', 'bare-ink.mjs');
  const cjs = join(root, '.bench', 'bare-ink.cjs');
  rmSync(`${cjs}.cache`, { force: true });
  await Promise.all([build(inkBundleOptions('scripts/bench/bareInk.tsx', esm)), build(uiBundleOptions('scripts/bench/bareInk.tsx', cjs))]);
  await ptyRun(BUNDLE_RUNNER, { ...base, CODEX_BENCH_WRITE_CACHE: '1' }, 'Welcome', { idleMs: 700, args: [cjs] });
  if (!existsSync(`${cjs}.cache`)) throw new Error('the bare CJS Ink app wrote no code cache');
  return { esm, cjs };
}
