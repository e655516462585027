// Interoperability with the real Codex CLI 0.169 on one CODEX_HOME: each reads what the other
// wrote, and both take the same flock locks. Runs when the real binary is available
// (REAL_CODEX_BIN, or the cache that ../shared/tools/real-codex.sh fills); skipped otherwise.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAuthority, type Authority } from '../support/authority.js';
import { ALICE, chatgptAuthJson } from '../support/jwt.js';
import { ROOT, baseEnv, ensureBuilt, runCodex } from '../cli/runCodex.js';
import { realCodexBin, runReal as runRealCodex, REAL_CLI_LIMITS } from './realCodexBin.js';

const REAL = realCodexBin('0.169.0', process.env.REAL_CODEX_BIN);
const KEY = 'sk-proj-interop0123456789abcdefghijklmnopqrsABCDE';

const runReal = (args: string[], home: string, input = '') => runRealCodex(REAL!, args, home, input);

describe.skipIf(!REAL)('interop with the real Codex CLI 0.169', REAL_CLI_LIMITS, () => {
  let home: string;
  let authority: Authority;
  beforeAll(ensureBuilt);
  beforeEach(async () => {
    home = mkdtempSync(join(homedir(), '.cache', 'codex-interop-'));
    authority = await startAuthority();
  });
  afterEach(async () => {
    await authority.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('reads an API key the real CLI saved, and the real CLI reads ours', async () => {
    expect((await runReal(['login', '--with-api-key'], home, KEY)).code).toBe(0);
    const ours = await runCodex(['login', 'status'], { env: baseEnv(home) });
    expect(ours.code).toBe(0);
    expect(ours.stderr).toContain('API key configured - sk-proj-***ABCDE');

    const other = 'sk-proj-ourkey0123456789abcdefghijklmnopqrsVWXYZ';
    expect((await runCodex(['login', '--with-api-key'], { env: baseEnv(home), input: other })).code).toBe(0);
    const real = await runReal(['login', 'status'], home);
    expect(real.code).toBe(0);
    expect(real.stderr).toContain('sk-proj-***VWXYZ');
  });

  it('the real CLI accepts ChatGPT tokens we refreshed and rewrote', async () => {
    const auth = chatgptAuthJson(ALICE, { accessTtlSeconds: -60 });
    authority.seedAuth(auth);
    writeFileSync(join(home, 'auth.json'), JSON.stringify(auth));
    const ours = await runCodex(['login', 'status'], {
      env: { ...baseEnv(home), CODEX_REFRESH_TOKEN_URL_OVERRIDE: `${authority.url}/oauth/token` },
    });
    expect(ours.code).toBe(0);
    expect(authority.count('/oauth/token', 'refresh_token')).toBe(1);
    const rewritten = JSON.parse(readFileSync(join(home, 'auth.json'), 'utf8'));
    expect(rewritten.tokens.refresh_token).not.toBe(auth.tokens.refresh_token);

    const real = await runReal(['login', 'status'], home);
    expect(real.code).toBe(0);
    expect(real.stderr).toContain('Logged in using ChatGPT');
  });

  it.skipIf(!process.env.CODEX_TEST_SECRET_SERVICE)('keyring mode: each finds the entry the other saved in the Secret Service', async () => {
    const keyring = ['-c', 'cli_auth_credentials_store=keyring'];
    const ours = 'sk-proj-keyringinterop0123456789abcdefKEYRG';
    const login = await runCodex(['login', '--with-api-key', ...keyring], { env: baseEnv(home), input: ours });
    expect(login.code, login.stderr).toBe(0);
    expect(existsSync(join(home, 'auth.json'))).toBe(false);
    const real = await runReal(['login', 'status', ...keyring], home);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stderr).toContain('sk-proj-***KEYRG');

    const theirs = 'sk-proj-realwrites0123456789abcdefghREALW';
    const realLogin = await runReal(['login', '--with-api-key', ...keyring], home, theirs);
    expect(realLogin.code, realLogin.stderr).toBe(0);
    const status = await runCodex(['login', 'status', ...keyring], { env: baseEnv(home) });
    expect(status.stderr).toContain('API key configured - sk-proj-***REALW');
    expect(status.stderr).toContain('Stored in keyring (Codex Auth / cli|');
    const logout = await runCodex(['logout', ...keyring], { env: baseEnv(home) });
    expect(logout.code, logout.stderr).toBe(0);
    const after = await runReal(['login', 'status', ...keyring], home);
    expect(after.code, after.stderr).toBe(1);
  });

  it('the real CLI waits for the lock we hold before writing', async () => {
    // A child of ours holds the auth locks for 1.5 s; the real CLI's save must wait for it (the holder
    // says whether auth.json appeared while it held them).
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `
      const { withAuthLock } = await import(${JSON.stringify(join(ROOT, 'test/interop/holdLock.mjs'))});
      await withAuthLock(${JSON.stringify(home)}, 1500);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    let said = '';
    holder.stdout!.on('data', (d: Buffer) => (said += d));
    const released = new Promise((resolve) => holder.on('close', resolve));
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const real = await runReal(['login', '--with-api-key'], home, KEY);
    expect(real.code).toBe(0);
    expect(JSON.parse(readFileSync(join(home, 'auth.json'), 'utf8')).OPENAI_API_KEY).toBe(KEY);
    await released;
    expect(said).toContain('releasing: auth.json absent'); // the real CLI wrote only once we let go
  });
});
