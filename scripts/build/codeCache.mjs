// The V8 code caches bin/codex compiles dist/main.cjs and dist/ui.cjs with (dist/*.cjs.cache). Each
// is made by running real commands with CODEX_WRITE_CODE_CACHE=<bundle> (bin/codex then writes that
// bundle's cache when it exits), so a cache holds the functions those commands compiled, not only
// the top level:
//   dist/ui.cjs.cache   the picker, then home (starting from the picker's cache, so they add up),
//                       each in a pseudo-terminal until its first frame, then Ctrl+C;
//   dist/main.cjs.cache `login status` with an expired ChatGPT token, then `logout`, against a
//                       throwaway loopback authority (the request paths: load, refresh, HTTP, save,
//                       revoke, removal). Only those: a bigger cache also costs every headless
//                       command more to read.
// Without node-pty (a devDependency, like esbuild), or when it cannot start a pseudo-terminal, the
// screens' cache is made from compiling dist/ui.cjs alone: smaller, and first paint is a little slower.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload) => `${b64({ alg: 'none' })}.${b64(payload)}.c2ln`;
const CLAIMS = { 'https://api.openai.com/auth': { chatgpt_account_id: 'acct-build', chatgpt_plan_type: 'plus' } };

/** A temp CODEX_HOME holding `auth` (or nothing), for a run that writes the caches of `bundles`; removed after `fn`. */
async function withHome(auth, bundles, fn) {
  const home = mkdtempSync(join(tmpdir(), 'codex-build-'));
  try {
    if (auth) writeFileSync(join(home, 'auth.json'), JSON.stringify(auth), { mode: 0o600 });
    return await fn({ PATH: process.env.PATH ?? '', HOME: home, CODEX_HOME: home, CODEX_WRITE_CODE_CACHE: bundles });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Runs bin/codex in a pty until `until` is on screen and keys are read, then Ctrl+C (quit); true, or why not. */
function screenRun(pty, root, env, until) {
  return new Promise((resolve) => {
    let term;
    try {
      term = pty.spawn(process.execPath, [join(root, 'bin', 'codex')], { name: 'xterm-256color', cols: 100, rows: 30, cwd: root, env: { ...env, TERM: 'xterm-256color' } });
    } catch (error) {
      // node-pty loads but cannot spawn (no pty device in a sandbox, a spawn-helper without its execute bit).
      resolve(`no pseudo-terminal could be started (${error.message})`);
      return;
    }
    let output = '';
    let quitting = false;
    const timer = setTimeout(() => (term.kill(), resolve(`${until} was not on screen within 15 s`)), 15_000);
    term.onData((data) => {
      output += data;
      // The screen's text, and bracketed paste switched on, which the Keyboard does once it reads keys.
      if (quitting || !output.includes(until) || !output.includes('\x1b[?2004h')) return;
      quitting = true;
      term.write('\x03');
    });
    term.onExit(() => (clearTimeout(timer), resolve(quitting || `codex exited before ${until} was on screen`)));
  });
}

/** Runs `codex <args>` to its end with `env`; true, or why not. */
const commandRun = (root, args, env) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'codex'), ...args], { env, stdio: 'ignore' });
    child.on('error', (error) => resolve(error.message));
    child.on('close', () => resolve(true));
  });

/**
 * The network paths, against a throwaway loopback authority: `login status` on an expired token
 * (the refresh and the save of its answer), then `logout` (the revoke and the removal).
 */
async function requestRuns(root) {
  const now = Math.floor(Date.now() / 1000);
  const fresh = () => ({ id_token: jwt({ email: 'build@example.com', exp: now + 3600, ...CLAIMS }), access_token: jwt({ exp: now + 3600, ...CLAIMS }), refresh_token: 'rt-build-2' });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url.startsWith('/oauth/token') ? fresh() : {}));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const tokens = { id_token: jwt({ email: 'build@example.com', ...CLAIMS }), access_token: jwt({ exp: 1, ...CLAIMS }), refresh_token: 'rt-build', account_id: 'acct-build' };
    const auth = { auth_mode: 'chatgpt', OPENAI_API_KEY: null, tokens, last_refresh: new Date(Date.now() - 86_400_000).toISOString() };
    return await withHome(auth, 'main.cjs', async (env) => {
      const authority = { ...env, CODEX_AUTH_ISSUER: `http://127.0.0.1:${server.address().port}` };
      const refreshed = await commandRun(root, ['login', 'status'], authority);
      return refreshed === true ? commandRun(root, ['logout'], authority) : refreshed;
    });
  } finally {
    server.close();
  }
}

/** node-pty, or null when it is not installed or does not load. */
async function loadPty() {
  try {
    return (await import('node-pty')).default;
  } catch {
    return null;
  }
}

/** Writes dist/main.cjs.cache and dist/ui.cjs.cache; returns the warnings (empty when all went well). */
export async function writeCodeCaches(root) {
  const dist = join(root, 'dist');
  const warnings = [];
  const pty = await loadPty();
  let screens = pty ? true : 'node-pty is not installed';
  if (pty) {
    for (const [auth, until] of [[null, 'Sign in with ChatGPT'], [{ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-build00000000000000000000' }, 'Using API key']]) {
      const done = await withHome(auth, 'ui.cjs', (env) => screenRun(pty, root, env, until));
      if (done !== true) screens = done;
    }
  }
  if (screens !== true || !existsSync(join(dist, 'ui.cjs.cache'))) {
    const file = join(dist, 'ui.cjs');
    writeFileSync(`${file}.cache`, new vm.Script(readFileSync(file, 'utf8'), { filename: file }).createCachedData());
    warnings.push(`the screens' code cache holds the top level only (${screens === true ? 'no cache was written' : screens})`);
  }
  const request = await requestRuns(root);
  if (request !== true || !existsSync(join(dist, 'main.cjs.cache'))) warnings.push(`no code cache for dist/main.cjs (${request === true ? 'the cache was not written' : request}); codex still works, it only starts slower`);
  return warnings;
}
