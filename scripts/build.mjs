// Bundles codex with esbuild:
//   dist/main.cjs       every command that draws nothing. CommonJS: Node 20 loads one CJS file much
//                       faster than a graph of ES modules, and `codex login status` must start
//                       about as fast as bare node. Heavy or rarely used packages (undici,
//                       smol-toml, open) stay in node_modules and load only when needed.
//   dist/main.cjs.cache its V8 code cache (see bin/codex).
//   dist/ui.mjs         the interactive screens (Ink + React, which need ES modules), imported
//                       only when a screen is drawn.
//
// `npm run build` and `prepack` (so a packed tarball always holds a fresh build) run it plainly: a
// missing esbuild is an error. `prepare` (every `npm install` in a checkout) runs it with
// --prepare: esbuild is a devDependency, and `npm install --omit=dev` has none, so then it keeps
// an existing dist/ (or says that codex is not built) instead of failing the install; it also
// says which lock codex will take (the flock binding, fs-ext, is an optional dependency).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};
// Native bindings load from node_modules.
const native = ['fs-ext', '@napi-rs/keyring'];

/** Ink connects to React DevTools only when DEV=true; we do not ship that package, so stub it. */
const noDevtools = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };' }));
  },
};

/** The development branch of src/cli/run.ts imports the screens' sources; the bundle loads dist/ui.mjs instead. */
const screensStayOut = {
  name: 'screens-stay-out',
  setup(b) {
    b.onResolve({ filter: /screens\/run\.js$/ }, () => ({ path: './ui.mjs', external: true }));
  },
};

/** Options of an ES module bundle with Ink; the bench builds its bare-Ink baseline with them too. */
export const inkBundleOptions = (entry, outfile) => ({
  ...common,
  entryPoints: [entry],
  outfile,
  format: 'esm',
  external: native,
  plugins: [noDevtools],
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

/** esbuild's build(), or null when esbuild is not installed (`npm install --omit=dev`). */
async function loadEsbuild() {
  try {
    return (await import('esbuild')).build;
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && /'esbuild'/.test(error.message)) return null;
    throw error;
  }
}

/** Sources changed after dist/main.cjs was built, for the warning about a kept dist/. */
function newerSources(than) {
  const newer = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && statSync(join(root, path)).mtimeMs > than) newer.push(path);
    }
  };
  for (const dir of ['src', 'components', 'screens']) if (existsSync(join(root, dir))) walk(dir);
  return newer;
}

/** A temp HOME and CODEX_HOME for running the built codex. */
function withTempHome(fn) {
  const home = mkdtempSync(join(tmpdir(), 'codex-build-'));
  try {
    return fn({ PATH: process.env.PATH ?? '', HOME: home, CODEX_HOME: home });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Prints `codex: `-prefixed lines, as warnings when `warn`; npm shows them during `npm install`. */
const say = (warn, ...lines) => (warn ? console.warn : console.log)(lines.map((line) => `codex: ${line}`).join('\n'));

/** Says which lock the built codex takes, as `codex login status --json` reports it. */
function reportLock() {
  const run = withTempHome((env) =>
    spawnSync(process.execPath, [join(root, 'bin', 'codex'), 'login', 'status', '--json'], { env, encoding: 'utf8' }),
  );
  let lock;
  try {
    lock = JSON.parse(run.stdout).lock;
  } catch {
    say(true, `WARNING: the built codex does not run: ${(run.stderr || run.error?.message || '').trim()}`);
    return;
  }
  if (lock?.kind === 'flock') say(false, 'auth.json lock: flock (fs-ext), shared with the real Codex CLI.');
  else if (lock) {
    say(
      true,
      `WARNING: auth.json lock: the lock file fallback, because ${lock.fallbackReason}.`,
      'It excludes other codex processes but not the real Codex CLI. For flock, reinstall with Python, make and',
      'a C++ compiler available: the optional dependency fs-ext is compiled on install.',
    );
  }
}

/** `prepare` without esbuild: keep dist/ when there is one, else say codex is not built. Never fails the install. */
function prepareWithoutEsbuild() {
  const main = join(root, 'dist', 'main.cjs');
  if (!existsSync(main)) {
    say(
      true,
      'WARNING: codex is not built: esbuild (a devDependency) is not installed, as with `npm install --omit=dev`,',
      'and there is no dist/ yet, so `codex` will not run. Run `npm install --include=dev` here to build it. To',
      'install codex without dev dependencies, install its package, which ships dist/: `npm pack` where dev',
      'dependencies are installed, then `npm install -g ./codex-signin-<version>.tgz`.',
    );
    return;
  }
  say(false, 'esbuild (a devDependency) is not installed, as with `npm install --omit=dev`: keeping the existing dist/.');
  const stale = newerSources(statSync(main).mtimeMs);
  if (stale.length) {
    const some = `${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''}`;
    say(true, `WARNING: dist/ is older than ${stale.length} source file(s) (${some}); \`npm install --include=dev\` rebuilds it.`);
  }
  reportLock();
}

async function buildAll({ prepare }) {
  // `npm pack` and `npm publish` run prepack (a full build) and then prepare: build once.
  if (prepare && ['pack', 'publish'].includes(process.env.npm_command ?? '')) return;
  const build = await loadEsbuild();
  if (!build) {
    if (prepare) return prepareWithoutEsbuild();
    console.error('build: esbuild is not installed (it is a devDependency): run `npm install --include=dev` first.');
    process.exitCode = 1;
    return;
  }
  // Build beside dist/ and swap it in at the end: a codex started during a build (a test, the
  // person's other terminal) runs the old build rather than finding no dist/ at all.
  const next = `dist.next-${process.pid}`;
  rmSync(join(root, next), { recursive: true, force: true });
  await Promise.all([
    build({
      ...common,
      entryPoints: ['src/cli/main.ts'],
      outfile: `${next}/main.cjs`,
      format: 'cjs',
      external: [...native, 'undici', 'smol-toml', 'open'],
      plugins: [screensStayOut],
      // CommonJS has no import.meta: give the modules that locate files a file URL of the bundle.
      // CODEX_BUNDLE switches src/cli/run.ts to load the screens from dist/ui.mjs.
      define: { ...common.define, 'import.meta.url': '__codexBundleUrl', CODEX_BUNDLE: 'true' },
      banner: { js: "const __codexBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    build(inkBundleOptions('screens/run.tsx', `${next}/ui.mjs`)),
  ]);

  // bin/codex compiles main.cjs through vm, where a bare import() has no loader: every ES module
  // must be loaded through src/platform/importEsm.ts.
  const main = readFileSync(join(root, next, 'main.cjs'), 'utf8');
  const refuse = (message) => {
    rmSync(join(root, next), { recursive: true, force: true });
    throw new Error(message);
  };
  if (/\bimport\(/.test(main)) refuse('dist/main.cjs contains import(): load ES modules through src/platform/importEsm.ts');
  if (main.includes('useInput')) refuse('dist/main.cjs contains Ink: the screens must stay in dist/ui.mjs');
  swapIntoPlace(next);

  // The V8 code cache bin/codex compiles main.cjs with, made by running one real command so that
  // it also holds the functions a command compiles, not only the top level.
  const cached = await writeCodeCache();
  if (cached !== true) console.warn(`build: no code cache (${cached}); codex still works, it only starts slower`);
  if (prepare) reportLock();
}

/**
 * Runs `codex login status` on an expired ChatGPT sign-in against a throwaway loopback authority that
 * refuses the refresh: the cache then holds the whole request path (load, refresh, HTTP, the error),
 * not only the top level. True, or why not.
 */
async function writeCodeCache() {
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'expired', type: 'invalid_request_error', code: 'refresh_token_expired' } }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const jwt = (payload) => `${b64({ alg: 'none' })}.${b64(payload)}.c2ln`;
  const claims = { 'https://api.openai.com/auth': { chatgpt_account_id: 'acct-build', chatgpt_plan_type: 'plus' } };
  const home = mkdtempSync(join(tmpdir(), 'codex-build-'));
  try {
    const tokens = { id_token: jwt({ email: 'build@example.com', ...claims }), access_token: jwt({ exp: 1, ...claims }), refresh_token: 'rt-build', account_id: 'acct-build' };
    writeFileSync(join(home, 'auth.json'), JSON.stringify({ auth_mode: 'chatgpt', OPENAI_API_KEY: null, tokens, last_refresh: new Date().toISOString() }), { mode: 0o600 });
    const env = { PATH: process.env.PATH ?? '', HOME: home, CODEX_HOME: home, CODEX_AUTH_ISSUER: issuer, CODEX_WRITE_CODE_CACHE: '1' };
    const child = spawn(process.execPath, [join(root, 'bin', 'codex'), 'login', 'status'], { env, stdio: 'ignore' });
    return await new Promise((resolve) => {
      child.on('error', (error) => resolve(error.message));
      child.on('close', () => resolve(existsSync(join(root, 'dist', 'main.cjs.cache')) ? true : 'the cache was not written'));
    });
  } finally {
    server.close();
    rmSync(home, { recursive: true, force: true });
  }
}

/** Replaces dist/ with the new build: two renames, so dist/ is missing for an instant at most. */
function swapIntoPlace(next) {
  const dist = join(root, 'dist');
  const old = join(root, `dist.old-${process.pid}`);
  let moved = false;
  try {
    renameSync(dist, old);
    moved = true;
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  renameSync(join(root, next), dist);
  if (moved) rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAll({ prepare: process.argv.includes('--prepare') });
