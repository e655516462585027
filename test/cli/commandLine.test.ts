// Argument handling: help, version, -c anywhere, precise conflict errors, the removed --api-key,
// the non-terminal hint, and that headless commands never load the UI (Ink/React) or undici.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args.js';
import { HELP } from '../../src/cli/help.js';
import { BIN, ROOT, baseEnv, ensureBuilt, runCodex, tempHome } from './runCodex.js';

let home: ReturnType<typeof tempHome>;
beforeAll(ensureBuilt);
beforeEach(() => {
  home = tempHome();
});
afterEach(() => home.cleanup());
const codex = (args: string[], input?: string) => runCodex(args, { env: baseEnv(home.path), input });

describe('parseArgs', () => {
  it('collects -c overrides from anywhere, in every spelling', () => {
    expect(parseArgs(['-c', 'a=1', 'login', '--config', 'b=2', 'status', '--config=c=3', '-cd=4'])).toEqual({
      command: { kind: 'loginStatus', json: false },
      overrides: ['a=1', 'b=2', 'c=3', 'd=4'],
    });
  });

  it('routes the sign-in methods', () => {
    const hidden = { issuer: null, clientId: null };
    expect(parseArgs(['login']).command).toEqual({ kind: 'login', method: 'browser', pasteCallback: false, hidden });
    expect(parseArgs(['login', '--paste-callback']).command).toEqual({ kind: 'login', method: 'browser', pasteCallback: true, hidden });
    expect(parseArgs(['login', '--device-auth']).command).toEqual({ kind: 'login', method: 'device', pasteCallback: false, hidden });
    expect(parseArgs([]).command).toEqual({ kind: 'interactive' });
    expect(parseArgs(['help', 'logout']).command).toEqual({ kind: 'help', topic: 'logout' });
  });

  it("accepts the real CLI's hidden --experimental_issuer and --experimental_client-id, with a value", () => {
    expect(parseArgs(['login', '--device-auth', '--experimental_issuer', 'http://127.0.0.1:9', '--experimental_client-id=app_x']).command).toEqual({
      kind: 'login', method: 'device', pasteCallback: false, hidden: { issuer: 'http://127.0.0.1:9', clientId: 'app_x' },
    });
    expect(() => parseArgs(['login', '--experimental_issuer'])).toThrow('--experimental_issuer needs a value: --experimental_issuer <URL>');
    expect(() => parseArgs(['logout', '--experimental_issuer', 'x'])).toThrow("unknown option '--experimental_issuer' for `codex logout`");
  });

  it('rejects unknown options and arguments with usage errors', () => {
    expect(() => parseArgs(['login', '--json'])).toThrow(UsageError);
    expect(() => parseArgs(['login', '--json'])).toThrow("unknown option '--json' for `codex login`");
    expect(() => parseArgs(['frobnicate'])).toThrow("unknown command 'frobnicate'");
    expect(() => parseArgs(['logout', 'now'])).toThrow("unexpected argument 'now' for `codex logout`");
    expect(() => parseArgs(['-c'])).toThrow('-c needs a value');
  });
});

describe('codex (process)', () => {
  it('--help lists every command and option; exit 0', async () => {
    const result = await codex(['--help']);
    expect(result.code).toBe(0);
    for (const word of ['login', 'login status', 'logout', '--config', '--help', '--version', 'CODEX_HOME']) expect(result.stdout).toContain(word);
    const login = await codex(['login', '--help']);
    for (const flag of ['--with-api-key', '--device-auth', '--paste-callback']) expect(login.stdout).toContain(flag);
    expect((await codex(['login', 'status', '-h'])).stdout).toBe(`${HELP['login status']}\n`);
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await codex(['--version'])).toEqual({ code: 0, stdout: `codex ${version}\n`, stderr: '' });
  });

  it('--with-api-key with --device-auth: a precise conflict error naming both, exit 2, nothing read', async () => {
    const result = await codex(['login', '--with-api-key', '--device-auth'], 'sk-proj-should-not-be-read');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: --with-api-key cannot be used with --device-auth: --with-api-key reads an API key from stdin; --device-auth signs in with ChatGPT using a one-time code. Choose one.\n\nRun 'codex login --help' for usage.\n",
    );
  });

  it('--with-api-key with --with-access-token: the real CLI message, exit 1', async () => {
    expect(await codex(['login', '--with-api-key', '--with-access-token'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Choose one login credential source: --with-api-key or --with-access-token.\n',
    });
  });

  it('--api-key is refused with the removal message and never echoes the key', async () => {
    const result = await codex(['login', '--api-key', 'sk-proj-visible-secret-12345']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'The --api-key flag is no longer supported. Pipe the key instead, e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`.\n',
    );
  });

  it('`login status` refuses sign-in options', async () => {
    const result = await codex(['login', 'status', '--device-auth']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--device-auth cannot be used with `codex login status`');
  });

  it('bare codex without a terminal prints one hint line and exits 1', async () => {
    expect(await codex([])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'codex needs an interactive terminal. To sign in without one, run `codex login --with-api-key` (key on stdin) or `codex login --device-auth`.\n',
    });
  });

  it('-c overrides apply to every command, placed anywhere', async () => {
    const result = await codex(['login', '--with-api-key', '-c', 'forced_login_method="chatgpt"'], 'sk-proj-abcdefghijklmnop');
    expect(result.stderr).toBe('API key login is disabled. Use ChatGPT login instead.\n');
    const bad = await codex(['logout', '-c', 'oops']);
    expect(bad).toMatchObject({ code: 1, stderr: "Error parsing -c overrides: Invalid override (missing '='): oops\n" });
  });
});

describe('lean headless commands', () => {
  /**
   * Every file a command loaded: ES modules through a resolve hook, CommonJS through Module._load,
   * and the files it read with readFileSync, as bin/codex reads the bundles it compiles (dist/*.cjs).
   */
  async function loadedFiles(args: string[]): Promise<string[]> {
    const record = join(home.path, 'loaded.txt');
    const hook = `data:text/javascript,${encodeURIComponent(`
      import { appendFileSync } from 'node:fs';
      export async function resolve(specifier, context, next) {
        const result = await next(specifier, context);
        appendFileSync(${JSON.stringify(record)}, result.url + '\\n');
        return result;
      }`)}`;
    const preload = `data:text/javascript,${encodeURIComponent(`
      import { register } from 'node:module';
      import Module from 'node:module';
      import fs, { appendFileSync } from 'node:fs';
      register(${JSON.stringify(hook)});
      const load = Module._load;
      Module._load = function (request, parent, isMain) {
        try { appendFileSync(${JSON.stringify(record)}, Module._resolveFilename(request, parent, isMain) + '\\n'); } catch {}
        return load.apply(this, arguments);
      };
      const read = fs.readFileSync;
      fs.readFileSync = function (path) {
        if (typeof path === 'string') appendFileSync(${JSON.stringify(record)}, path + '\\n');
        return read.apply(this, arguments);
      };`)}`;
    writeFileSync(record, '');
    const { spawnSync } = await import('node:child_process');
    spawnSync(process.execPath, ['--import', preload, BIN, ...args], { env: baseEnv(home.path), cwd: ROOT });
    return readFileSync(record, 'utf8').split('\n').filter(Boolean);
  }

  const heavy = /dist\/ui\.cjs|node_modules\/(ink|react|react-reconciler|undici)\//;

  it('login status and logout load neither Ink/React nor undici; --help loads no TOML parser', async () => {
    writeFileSync(join(home.path, 'auth.json'), JSON.stringify({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-abcdefghijklmnopqrstu' }));
    const status = await loadedFiles(['login', 'status']);
    expect(status.some((file) => file.endsWith('bin/codex'))).toBe(true);
    // The recorder sees the bundles bin/codex reads and compiles: the screens' would show as dist/ui.cjs.
    expect(status.some((file) => file.endsWith('dist/main.cjs'))).toBe(true);
    for (const loaded of [status, await loadedFiles(['logout'])]) {
      expect(loaded.filter((file) => heavy.test(file))).toEqual([]);
    }
    const help = await loadedFiles(['--help']);
    expect(help.filter((file) => file.includes('node_modules/smol-toml/'))).toEqual([]);
    // The recorder does see modules loaded on demand: with a config.toml, the TOML parser loads.
    writeFileSync(join(home.path, 'config.toml'), 'forced_login_method = "api"\n');
    expect((await loadedFiles(['login', 'status'])).some((file) => file.includes('node_modules/smol-toml/'))).toBe(true);
  });
});
