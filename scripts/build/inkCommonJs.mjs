// An esbuild plugin that lets Ink be bundled as CommonJS, so that dist/ui.cjs can be compiled with
// a V8 code cache as dist/main.cjs is (Node 20 has none for ES modules). Ink 6 is shipped as ES
// modules with two top-level awaits, which CommonJS cannot hold:
//   - yoga-layout awaits its WebAssembly: Emscripten fetches the base64 data URL with Node's fetch
//     (which loads Node's own undici, ~20 ms) and instantiates asynchronously. Here the bytes are
//     decoded directly and instantiated synchronously (Emscripten's instantiateWasm hook), which
//     runs the whole module set-up in the same tick.
//   - Ink's reconciler awaits React DevTools and its package.json only when DEV=true; we ship no
//     DevTools (scripts/build.mjs stubs them), so those branches go.
// Each rewrite checks that the text it replaces is there: a new Ink or yoga-layout that changed it
// fails the build instead of shipping a bundle that breaks at start-up.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';

const YOGA_INDEX = /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/;
const YOGA_BINARY = /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/;
const INK_RECONCILER = /ink[\\/]build[\\/]reconciler\.js$/;

/** `text` with each [from, to] replaced once; throws when `from` is not in it. */
function rewrite(path, text, replacements) {
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`inkCommonJs: ${path} no longer contains ${JSON.stringify(from)}; update scripts/build/inkCommonJs.mjs`);
    text = text.replace(from, to);
  }
  return text;
}

const SYNC_YOGA_INDEX = `import loadYoga, { yogaWasmBytes } from '../binaries/yoga-wasm-base64-esm.js';
import wrapAssembly from './wrapAssembly.js';
// Instantiated synchronously (scripts/build/inkCommonJs.mjs): Emscripten sets the module up on the
// object it is given, in this tick, when instantiateWasm hands it the instance at once.
const yogaModule = {
  instantiateWasm(imports, done) {
    done(new WebAssembly.Instance(new WebAssembly.Module(yogaWasmBytes()), imports));
    return {};
  },
};
loadYoga(yogaModule);
const Yoga = wrapAssembly(yogaModule);
export default Yoga;
export * from './generated/YGEnums.js';
`;

export const inkCommonJs = {
  name: 'ink-common-js',
  setup(build) {
    build.onLoad({ filter: YOGA_INDEX }, (args) => {
      rewrite(args.path, readFileSync(args.path, 'utf8'), [['const Yoga = wrapAssembly(await loadYoga());', '']]);
      return { contents: SYNC_YOGA_INDEX, resolveDir: dirname(args.path), loader: 'js' };
    });
    build.onLoad({ filter: YOGA_BINARY }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const dataUrl = /H="data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(text);
      if (!dataUrl) throw new Error(`inkCommonJs: no WebAssembly data URL in ${args.path}; update scripts/build/inkCommonJs.mjs`);
      // The bytes move out of Emscripten's data URL (left empty: instantiateWasm never reads it).
      const contents = rewrite(args.path, text, [
        [dataUrl[0], 'H=""'],
        ['var _scriptDir = import.meta.url;', 'var _scriptDir = undefined;'],
      ]) + `\nexport const yogaWasmBytes = () => Buffer.from(${JSON.stringify(dataUrl[1])}, 'base64');\n`;
      return { contents, loader: 'js' };
    });
    build.onLoad({ filter: INK_RECONCILER }, (args) => {
      const contents = rewrite(args.path, readFileSync(args.path, 'utf8'), [
        ["await import('./devtools.js');", ''],
        ['? await loadPackageJson()', '? { name: undefined, version: undefined }'],
      ]);
      return { contents, loader: 'js' };
    });
  },
};
