// Loads a sibling bundle of dist/main.cjs (the screens, dist/ui.cjs) through bin/codex's loader,
// which compiles it with its V8 code cache. Only the bundle calls this (run from bin/codex).
const LOADER = Symbol.for('codex.loadBundle');

export function loadBundle<T>(name: string): T {
  const loader = (globalThis as Record<symbol, unknown>)[LOADER] as ((name: string) => unknown) | undefined;
  if (!loader) throw new Error(`cannot load ${name}: start codex through bin/codex`);
  return loader(name) as T;
}
