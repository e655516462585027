// Bundles codex with esbuild:
//   dist/main.cjs       every command that draws nothing. CommonJS: Node 20 loads one CJS file much
//                       faster than a graph of ES modules, and `codex login status` must start
//                       about as fast as bare node. Heavy or rarely used packages (undici,
//                       smol-toml, open) stay in node_modules and load only when needed.
//   dist/main.cjs.cache its V8 code cache (see bin/codex).
//   dist/ui.mjs         the interactive screens (Ink + React, which need ES modules), imported
//                       only when a screen is drawn.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

async function buildAll() {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  await Promise.all([
    build({
      ...common,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/main.cjs',
      format: 'cjs',
      external: [...native, 'undici', 'smol-toml', 'open'],
      plugins: [screensStayOut],
      // CommonJS has no import.meta: give the modules that locate files a file URL of the bundle.
      // CODEX_BUNDLE switches src/cli/run.ts to load the screens from dist/ui.mjs.
      define: { ...common.define, 'import.meta.url': '__codexBundleUrl', CODEX_BUNDLE: 'true' },
      banner: { js: "const __codexBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    build(inkBundleOptions('screens/run.tsx', 'dist/ui.mjs')),
  ]);

  // bin/codex compiles main.cjs through vm, where a bare import() has no loader: every ES module
  // must be loaded through src/platform/importEsm.ts.
  const main = readFileSync(join(root, 'dist', 'main.cjs'), 'utf8');
  if (/\bimport\(/.test(main)) throw new Error('dist/main.cjs contains import(): load ES modules through src/platform/importEsm.ts');
  if (main.includes('useInput')) throw new Error('dist/main.cjs contains Ink: the screens must stay in dist/ui.mjs');

  // The V8 code cache bin/codex compiles main.cjs with, made by running one real command so that
  // it also holds the functions a command compiles, not only the top level.
  const home = mkdtempSync(join(tmpdir(), 'codex-build-'));
  try {
    const run = spawnSync(process.execPath, [join(root, 'bin', 'codex'), 'login', 'status'], {
      env: { PATH: process.env.PATH ?? '', HOME: home, CODEX_HOME: home, CODEX_WRITE_CODE_CACHE: '1' },
      stdio: 'ignore',
    });
    if (run.error) console.warn(`build: no code cache (${run.error.message}); codex still works, it only starts slower`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAll();
