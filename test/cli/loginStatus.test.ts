// `codex login status [--json]`: messages and exit codes (§9), the account and storage details we
// add, and refreshing an expired access token through the real loopback authority.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeFlock } from '../../src/storage/fileLock.js';
import { ALICE, BOB, chatgptAuthJson } from '../support/jwt.js';
import { baseEnv, runCodex, useCodexScenario } from './runCodex.js';

const KEY = 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCDE';
const scene = useCodexScenario();

const authPath = () => join(scene.home.path, 'auth.json');
const writeAuth = (auth: unknown) => writeFileSync(authPath(), `${JSON.stringify(auth, null, 2)}\n`, { mode: 0o600 });
const status = (...args: string[]) =>
  runCodex(['login', 'status', ...args], { env: { ...baseEnv(scene.home.path), CODEX_AUTH_ISSUER: scene.authority.url } });

describe('codex login status', () => {
  it('Not logged in: exit 1', async () => {
    expect(await status()).toEqual({ code: 1, stdout: '', stderr: 'Not logged in\n' });
  });

  it('API key: masked key and where it is stored', async () => {
    writeAuth({ auth_mode: 'apikey', OPENAI_API_KEY: KEY });
    const result = await status();
    expect(result).toEqual({ code: 0, stdout: '', stderr: `API key configured - sk-proj-***ABCDE\nAuthentication is checked when you send a request.\nStored in ${authPath()}\n` });
  });

  it('ChatGPT: email and plan', async () => {
    writeAuth(chatgptAuthJson(ALICE));
    expect((await status()).stderr).toBe(`Logged in using ChatGPT - alice@example.com (Plus)\nStored in ${authPath()}\n`);
    writeAuth(chatgptAuthJson(BOB));
    expect((await status()).stderr).toContain('Logged in using ChatGPT - bob@example.com (Business)\n');
  });

  it('--json prints the documented object on stdout', async () => {
    const auth = chatgptAuthJson(ALICE);
    writeAuth(auth);
    const result = await status('--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toEqual({
      schemaVersion: 1,
      loggedIn: true,
      authMode: 'chatgpt',
      email: 'alice@example.com',
      plan: 'plus',
      planName: 'Plus',
      accountId: 'acct-alice-0001',
      apiKey: null,
      storage: { mode: 'file', location: authPath() },
      accessTokenExpiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastRefresh: auth.last_refresh,
      refreshError: null,
      lock: nativeFlock()
        ? { kind: 'flock', files: [join(scene.home.path, 'auth.lock'), join(scene.home.path, 'auth.json.lock')], sharedWithCodexCli: true, fallbackReason: null }
        : expect.objectContaining({ kind: 'lockfile' }), // test/cli/lockFallback.test.ts
      warnings: nativeFlock() ? [] : [expect.any(String)],
      error: null,
      notAllowed: null,
    });
    expect(result.stdout).not.toContain(auth.tokens.access_token);
    expect(result.stdout).not.toContain(auth.tokens.refresh_token);
  });

  it('--json when signed out: loggedIn false, exit 1', async () => {
    const result = await status('--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ loggedIn: false, authMode: null, error: null });
  });

  it('a malformed auth.json: path and parse error, exit 1, file untouched', async () => {
    const text = '{"auth_mode": "apikey", "OPENAI_API_KEY": "sk-proj-secret-1234567890"\n';
    writeFileSync(authPath(), text);
    const result = await status();
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Error checking login status: ${authPath()} is not a valid Codex auth file: invalid JSON at line 2, column 1\n`);
    expect(readFileSync(authPath(), 'utf8')).toBe(text);
    const json = await status('--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error).toContain('is not a valid Codex auth file');
  });

  it('refreshes an expired access token first and saves the new tokens', async () => {
    const auth = chatgptAuthJson(ALICE, { accessTtlSeconds: -60, lastRefresh: new Date(Date.now() - 86_400_000) });
    scene.authority.seedAuth(auth, ALICE);
    writeAuth(auth);
    const result = await status();
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Logged in using ChatGPT - alice@example.com (Plus)');
    const saved = JSON.parse(readFileSync(authPath(), 'utf8'));
    expect(saved.tokens.access_token).not.toBe(auth.tokens.access_token);
    expect(Date.parse(saved.last_refresh)).toBeGreaterThan(Date.now() - 60_000);
    expect(scene.authority.count('/oauth/token', 'refresh_token')).toBeGreaterThanOrEqual(1);
  });

  it('a permanent refresh failure prints its exact message and exits 1, keeping the credentials', async () => {
    const auth = chatgptAuthJson(ALICE, { accessTtlSeconds: -60 });
    writeAuth(auth);
    const before = readFileSync(authPath(), 'utf8');
    scene.authority.behavior.refreshFailure = { status: 401, code: 'refresh_token_expired' };
    const result = await status();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Your access token could not be refreshed because your refresh token has expired. Please log out and sign in again.\n',
    );
    expect(readFileSync(authPath(), 'utf8')).toBe(before);
    const json = JSON.parse((await status('--json')).stdout);
    expect(json).toMatchObject({ loggedIn: false, refreshError: { permanent: true } });
  });

  it('reports a configuration error instead of a status', async () => {
    writeFileSync(join(scene.home.path, 'config.toml'), 'cli_auth_credentials_store = 3\n');
    const result = await status();
    expect(result).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Error loading configuration: cli_auth_credentials_store must be one of/) });
  });
});
