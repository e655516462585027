// Bundles codex with esbuild:
//   dist/main.cjs       every command that draws nothing. CommonJS: Node 20 loads one CJS file much
//                       faster than a graph of ES modules, and `codex login status` must start
//                       about as fast as bare node. Heavy or rarely used packages (undici,
//                       smol-toml, open) stay in node_modules and load only when needed.
//   dist/ui.cjs         the interactive screens (Ink + React), loaded only when a screen is drawn.
//                       CommonJS too, although Ink ships as ES modules (scripts/build/inkCommonJs.mjs
//                       makes that possible): Node 20 has no code cache for ES modules, and
//                       compiling Ink is much of the time to first paint.
//   dist/*.cjs.cache    their V8 code caches (see bin/codex and scripts/build/codeCache.mjs).
//
// `npm run build` and `prepack` (so a packed tarball always holds a fresh build) run it plainly: a
// missing esbuild is an error. `prepare` (every `npm install` in a checkout) runs it with
// --prepare: esbuild is a devDependency, and `npm install --omit=dev` has none, so then it keeps
// an existing dist/ (or says that codex is not built) instead of failing the install; it also
// says which lock codex will take (the flock binding, fs-ext, is an optional dependency).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCodeCaches } from './build/codeCache.mjs';
import { inkCommonJs } from './build/inkCommonJs.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  // `--no-minify` keeps names and lines, for profiling (`node --cpu-prof bin/codex …`); the syntax is
  // minified either way, which drops the dead branches the checks below look for.
  minifySyntax: true,
  minifyWhitespace: !process.argv.includes('--no-minify'),
  minifyIdentifiers: !process.argv.includes('--no-minify'),
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

/** The development branch of src/cli/run.ts imports the screens' sources; the bundle loads dist/ui.cjs instead. */
const screensStayOut = {
  name: 'screens-stay-out',
  setup(b) {
    b.onResolve({ filter: /screens\/run\.js$/ }, () => ({ path: './ui.cjs', external: true }));
  },
};

// The CommonJS bundles are written already wrapped as Node wraps a module (bin/codex compiles the
// text as it is): wrapping at run time made a second copy of the whole source, hundreds of KB more
// for the first garbage collection to find. Strict, as the ES module sources are. CommonJS has no
// import.meta: the modules that locate files get their bundle's path (import.meta.dirname and
// .filename) or its file URL, made only when asked for (node:url's URL is not free to start).
// bin/codex checks that a bundle starts this way (a dist/ from an older codex does not).
const BUNDLE_WRAPPER = '(function (exports, require, module, __filename, __dirname) {';
const bundleUrl = {
  define: { ...common.define, 'import.meta.url': '__codexBundle.url', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
  banner: {
    js: `${BUNDLE_WRAPPER}"use strict";const __codexBundle = { get url() { return require('node:url').pathToFileURL(__filename).href; } };`,
  },
  footer: { js: '\n})' },
};

/** Options of an ES module bundle with Ink as Ink ships (the bench's bare-Ink floor). */
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

/** Options of dist/ui.cjs: Ink and the screens as CommonJS, for a code cache; the bench builds a bare-Ink floor with them too. */
export const uiBundleOptions = (entry, outfile) => ({
  ...common,
  ...bundleUrl,
  define: { ...bundleUrl.define, CODEX_BUNDLE: 'true' },
  entryPoints: [entry],
  outfile,
  format: 'cjs',
  external: native,
  plugins: [noDevtools, inkCommonJs],
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
  if (!readFileSync(main, 'utf8').startsWith(BUNDLE_WRAPPER)) {
    say(
      true,
      'WARNING: dist/ was built by an older version of codex, which this one cannot run, and esbuild (a devDependency)',
      'is not installed to rebuild it, as with `npm install --omit=dev`. Run `npm install --include=dev` here to build it.',
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
      // CODEX_BUNDLE switches src/cli/run.ts to load the screens from dist/ui.cjs.
      define: { ...bundleUrl.define, CODEX_BUNDLE: 'true' },
      banner: bundleUrl.banner,
      footer: bundleUrl.footer,
    }),
    build(uiBundleOptions('screens/run.tsx', `${next}/ui.cjs`)),
  ]);

  // bin/codex compiles the bundles through vm, where a bare import() has no loader: every ES module
  // must be loaded through src/platform/importEsm.ts.
  const refuse = (message) => {
    rmSync(join(root, next), { recursive: true, force: true });
    throw new Error(message);
  };
  for (const bundle of ['main.cjs', 'ui.cjs']) {
    if (/\bimport\(/.test(readFileSync(join(root, next, bundle), 'utf8'))) refuse(`dist/${bundle} contains import(): load ES modules through src/platform/importEsm.ts`);
  }
  if (readFileSync(join(root, next, 'main.cjs'), 'utf8').includes('useInput')) refuse('dist/main.cjs contains Ink: the screens must stay in dist/ui.cjs');
  swapIntoPlace(next);

  for (const warning of await writeCodeCaches(root)) console.warn(`build: ${warning}`);
  if (prepare) reportLock();
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
