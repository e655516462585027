// Installing codex the way people install a CLI: `npm pack`, then `npm install -g ./codex-signin-*.tgz`.
// The package must ship what bin/codex runs (dist/, built by prepack) and nothing else, and
// `prepare`, which every `npm install` in a checkout runs, must not fail without the devDependency
// esbuild (`npm install --omit=dev`). No network: `npm pack --dry-run` only lists files.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt } from '../cli/runCodex.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('npm pack', () => {
  let files: { path: string; mode: number }[];
  beforeAll(() => {
    ensureBuilt();
    // --ignore-scripts: list the dist/ the suite runs, without prepack rebuilding it under other tests.
    const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    files = JSON.parse(result.stdout)[0].files;
  }, 60_000);

  it('ships the executable, the built bundles and the callback pages', () => {
    const paths = files.map((f) => f.path);
    const assets = readdirSync(join(ROOT, 'assets')).map((name) => `assets/${name}`);
    expect(assets.length).toBeGreaterThan(0);
    for (const path of ['bin/codex', 'bin/package.json', 'dist/main.cjs', 'dist/main.cjs.cache', 'dist/ui.cjs', 'dist/ui.cjs.cache', 'package.json', 'README.md', ...assets]) {
      expect(paths).toContain(path);
    }
    expect(files.find((f) => f.path === 'bin/codex')!.mode & 0o111).not.toBe(0);
  });

  it('and nothing else: no sources, tests or scripts', () => {
    const extra = files.map((f) => f.path).filter((path) => !/^(bin|dist|assets)\//.test(path) && !['package.json', 'README.md'].includes(path));
    expect(extra).toEqual([]);
    expect(files.filter((f) => /\.tsx?$/.test(f.path))).toEqual([]);
  });

  it('package.json: built on pack; build tools stay dev-only; the flock binding is optional', () => {
    expect(pkg.files).toEqual(expect.arrayContaining(['bin/', 'dist/', 'assets/']));
    expect(pkg.scripts.prepack).toBe('node scripts/build.mjs');
    expect(pkg.dependencies.esbuild).toBeUndefined();
    expect(pkg.devDependencies.esbuild).toBeDefined();
    expect(pkg.dependencies['fs-ext']).toBeUndefined();
    expect(pkg.optionalDependencies['fs-ext']).toBeDefined();
  });
});

describe('prepare without esbuild (npm install --omit=dev)', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A checkout whose node_modules has every package but esbuild; with or without a built dist/. */
  function checkout(withDist: boolean): string {
    root = mkdtempSync(join(tmpdir(), 'codex-omit-dev-'));
    for (const sub of ['bin', 'scripts', ...(withDist ? ['dist'] : [])]) cpSync(join(ROOT, sub), join(root, sub), { recursive: true });
    copyFileSync(join(ROOT, 'package.json'), join(root, 'package.json'));
    mkdirSync(join(root, 'node_modules'));
    for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
      if (entry === 'esbuild' || entry === '@esbuild' || entry.startsWith('.')) continue;
      symlinkSync(join(ROOT, 'node_modules', entry), join(root, 'node_modules', entry));
    }
    return root;
  }
  const build = (dir: string, ...args: string[]) => {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir };
    const result = spawnSync(process.execPath, [join(dir, 'scripts', 'build.mjs'), ...args], { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  beforeAll(ensureBuilt);

  it('keeps an existing dist/, says so and which lock codex takes, and succeeds', () => {
    const dir = checkout(true);
    const before = statSync(join(dir, 'dist', 'main.cjs')).mtimeMs;
    const result = build(dir, '--prepare');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('codex: esbuild (a devDependency) is not installed, as with `npm install --omit=dev`: keeping the existing dist/.');
    expect(result.stdout + result.stderr).toMatch(/codex: (auth\.json lock: flock \(fs-ext\)|WARNING: auth\.json lock: the lock file fallback)/);
    expect(statSync(join(dir, 'dist', 'main.cjs')).mtimeMs).toBe(before);
    expect(spawnSync(process.execPath, [join(dir, 'bin', 'codex'), '--version'], { encoding: 'utf8' }).stdout).toBe(`codex ${pkg.version}\n`);
  });

  it('warns when the kept dist/ is older than the sources', () => {
    const dir = checkout(true);
    mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
    writeFileSync(join(dir, 'src', 'cli', 'main.ts'), '// changed\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'src', 'cli', 'main.ts'), later, later);
    const result = build(dir, '--prepare');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('codex: WARNING: dist/ is older than 1 source file(s) (src/cli/main.ts); `npm install --include=dev` rebuilds it.');
  });

  it('without dist/: succeeds, saying that codex is not built and how to get it', () => {
    const dir = checkout(false);
    const result = build(dir, '--prepare');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('codex: WARNING: codex is not built: esbuild (a devDependency) is not installed');
    expect(result.stderr).toContain('`npm install --include=dev`');
    expect(result.stderr).toContain('`npm install -g ./codex-signin-<version>.tgz`');
  });

  it('a dist/ built by an older codex (bundles not wrapped): prepare says it must be rebuilt, and codex says so too instead of a stack trace', () => {
    const dir = checkout(true);
    const main = join(dir, 'dist', 'main.cjs');
    // As builds before the wrapped bundles wrote it: a plain CommonJS file.
    writeFileSync(main, `"use strict";require('node:fs');module.exports = {};\n`);
    const result = build(dir, '--prepare');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('codex: WARNING: dist/ was built by an older version of codex, which this one cannot run');
    const run = spawnSync(process.execPath, [join(dir, 'bin', 'codex'), 'login', 'status'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("codex's build (dist/) was made by an older version of codex and must be rebuilt. Run `npm install` in the project folder (`npm install --include=dev` when dev dependencies are\nomitted: the build needs esbuild), or `npm run build`.\n");
  });

  it('`npm run build` and prepack still fail: a package is never packed without a fresh build', () => {
    const result = build(checkout(true));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('build: esbuild is not installed (it is a devDependency): run `npm install --include=dev` first.\n');
  });
});
