// Loads a module with import() — through bin/codex's importer when there is one. bin/codex
// compiles the bundle with vm.Script to use a V8 code cache, and code compiled that way has no
// module loader of its own for import(); the executable's own import() does.
const IMPORTER = Symbol.for('codex.importEsm');

declare const CODEX_BUNDLE: boolean | undefined;

export function importEsm<T>(specifier: string): Promise<T> {
  const importer = (globalThis as Record<symbol, unknown>)[IMPORTER] as ((specifier: string) => Promise<unknown>) | undefined;
  if (importer) return importer(specifier) as Promise<T>;
  if (typeof CODEX_BUNDLE !== 'undefined') {
    return Promise.reject(new Error(`cannot load ${specifier}: start codex through bin/codex`));
  }
  return import(specifier) as Promise<T>;
}
