// `codex login --with-api-key`: key on stdin, exact messages and exit codes (§9), nothing written
// unless the input is exactly one key.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn as spawnPty } from 'node-pty';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, chatgptAuthJson } from '../support/jwt.js';
import { BIN, ROOT, baseEnv, ensureBuilt, runCodex, tempHome } from './runCodex.js';

const KEY = 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCDE';
let home: ReturnType<typeof tempHome>;
beforeAll(ensureBuilt);
beforeEach(() => {
  home = tempHome();
});
afterEach(() => home.cleanup());

const authPath = () => join(home.path, 'auth.json');
const login = (input: string, extra: string[] = [], env: Record<string, string | undefined> = {}) =>
  runCodex(['login', '--with-api-key', ...extra], { input, env: { ...baseEnv(home.path), ...env } });

describe('codex login --with-api-key', () => {
  it('reads the key from stdin, saves it 0600 and says so on stderr', async () => {
    const result = await login(`${KEY}\n`);
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr: `Reading API key from stdin...\nAPI key saved. Authentication is checked when you send a request.\nStored in ${authPath()}\n`,
    });
    expect(JSON.parse(readFileSync(authPath(), 'utf8'))).toEqual({ auth_mode: 'apikey', OPENAI_API_KEY: KEY });
    expect(statSync(authPath()).mode & 0o777).toBe(0o600);
  });

  it('replaces ChatGPT tokens (no tokens left behind)', async () => {
    writeFileSync(authPath(), JSON.stringify(chatgptAuthJson(ALICE)));
    expect((await login(KEY)).code).toBe(0);
    const saved = JSON.parse(readFileSync(authPath(), 'utf8'));
    expect(saved.tokens).toBeUndefined();
    expect(saved.OPENAI_API_KEY).toBe(KEY);
  });

  for (const [name, input] of [['empty', ''], ['whitespace', '  \n\t\n']] as const) {
    it(`refuses ${name} input and writes nothing`, async () => {
      const result = await login(input);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('Reading API key from stdin...\nNo API key provided via stdin.\n');
      expect(existsSync(authPath())).toBe(false);
    });
  }

  for (const [name, input] of [['a space', 'sk-proj-abc def'], ['a line break', 'sk-proj-abc\nsk-proj-def\n'], ['a control character', 'sk-proj-\u0007abc']] as const) {
    it(`refuses a key with ${name} inside, leaving the previous credentials byte for byte`, async () => {
      const previous = JSON.stringify(chatgptAuthJson(ALICE), null, 2);
      writeFileSync(authPath(), previous);
      const result = await login(input);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('contains spaces, line breaks or control characters');
      expect(result.stderr).not.toContain('abc');
      expect(readFileSync(authPath(), 'utf8')).toBe(previous);
    });
  }

  it('is refused when forced_login_method = "chatgpt" (config.toml or -c)', async () => {
    writeFileSync(join(home.path, 'config.toml'), 'forced_login_method = "chatgpt"\n');
    const fromFile = await login(KEY);
    expect(fromFile).toMatchObject({ code: 1, stderr: 'API key login is disabled. Use ChatGPT login instead.\n' });
    writeFileSync(join(home.path, 'config.toml'), '');
    const fromFlag = await runCodex(['-c', 'forced_login_method=chatgpt', 'login', '--with-api-key'], { input: KEY, env: baseEnv(home.path) });
    expect(fromFlag.code).toBe(1);
    expect(existsSync(authPath())).toBe(false);
  });

  it('asks for a pipe when stdin is a terminal', async () => {
    const term = spawnPty(process.execPath, [BIN, 'login', '--with-api-key'], { cwd: ROOT, env: baseEnv(home.path), cols: 200 });
    let output = '';
    term.onData((d) => (output += d));
    const code = await new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
    expect(code).toBe(1);
    expect(output.replace(/\r/g, '')).toContain(
      '--with-api-key expects the API key on stdin. Try piping it, e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`.',
    );
    expect(existsSync(authPath())).toBe(false);
  });

  it('creates the default ~/.codex 0700 on first save when CODEX_HOME is not set', async () => {
    const result = await login(KEY, [], { CODEX_HOME: undefined });
    expect(result.code).toBe(0);
    expect(statSync(join(home.path, '.codex')).mode & 0o777).toBe(0o700);
    expect(statSync(join(home.path, '.codex', 'auth.json')).mode & 0o777).toBe(0o600);
  });

  it('fails clearly when CODEX_HOME points to a missing folder', async () => {
    const missing = join(home.path, 'missing');
    const result = await login(KEY, [], { CODEX_HOME: missing });
    expect(result).toMatchObject({ code: 1, stderr: `CODEX_HOME points to "${missing}", but that path does not exist\n` });
    mkdirSync(missing);
  });

  it('sets a malformed auth.json aside instead of overwriting it, and says where', async () => {
    writeFileSync(authPath(), '{ not json');
    const result = await login(KEY);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Warning: .*auth\.json was not a valid Codex auth file; it was kept as .*auth\.json\.invalid-/);
  });
});
