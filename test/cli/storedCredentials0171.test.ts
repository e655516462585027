// What `codex login status`, `codex logout` and a new sign-in do with what the real Codex CLI 0.171
// stores (§1.2, §9.2, §11.3): credentials an admin's policy forbids are not used; files it refuses are
// refused naming the file and the field; every kind it writes is reported as what it is. Real files,
// the built binary.
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, chatgptAuthJson, makeAccessToken, makeJwt } from '../support/jwt.js';
import { baseEnv, ensureBuilt, runCodex, tempHome } from './runCodex.js';

const KEY = 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCDE';
const BEDROCK = { auth_mode: 'bedrockApiKey', OPENAI_API_KEY: null, bedrock_api_key: { api_key: 'ABSKbedrockkey0123456789XYZAB', region: 'us-east-1' } };
let home: ReturnType<typeof tempHome>;
beforeAll(() => ensureBuilt());
beforeEach(() => {
  home = tempHome();
});
afterEach(() => home.cleanup());

const authPath = () => join(home.path, 'auth.json');
const writeAuth = (auth: unknown) => writeFileSync(authPath(), typeof auth === 'string' ? auth : `${JSON.stringify(auth, null, 2)}\n`, { mode: 0o600 });
const codex = (args: string[], input?: string) => runCodex(args, { env: baseEnv(home.path), ...(input !== undefined ? { input } : {}) });
const status = (...config: string[]) => codex([...config.flatMap((c) => ['-c', c]), 'login', 'status']);
const statusJson = async (...config: string[]) => {
  const result = await codex([...config.flatMap((c) => ['-c', c]), 'login', 'status', '--json']);
  return { code: result.code, json: JSON.parse(result.stdout) };
};

describe('policy on stored credentials', () => {
  it('forced_login_method = "api" with ChatGPT stored: Not logged in, the reason, exit 1, the file left as it is', async () => {
    writeAuth(chatgptAuthJson(ALICE));
    const before = readFileSync(authPath(), 'utf8');
    expect(await status('forced_login_method="api"')).toEqual({
      code: 1, stdout: '', stderr: 'Not logged in\nAPI key login is required, but ChatGPT is currently being used.\n',
    });
    const { code, json } = await statusJson('forced_login_method="api"');
    expect(code).toBe(1);
    expect(json).toMatchObject({
      loggedIn: false, authMode: null, email: null, error: null,
      notAllowed: { reason: 'API key login is required, but ChatGPT is currently being used.', authMode: 'chatgpt' },
    });
    expect(readFileSync(authPath(), 'utf8')).toBe(before);
  });

  it('forced_login_method = "chatgpt" with an API key or a Bedrock key stored', async () => {
    writeAuth({ auth_mode: 'apikey', OPENAI_API_KEY: KEY });
    expect(await status('forced_login_method="chatgpt"')).toEqual({
      code: 1, stdout: '', stderr: 'Not logged in\nChatGPT login is required, but an API key is currently being used.\n',
    });
    writeAuth(BEDROCK);
    expect((await status('forced_login_method="chatgpt"')).code).toBe(1);
    expect((await status('forced_login_method="api"')).code).toBe(0);
  });

  it('forced_chatgpt_workspace_id not matching the stored account', async () => {
    writeAuth(chatgptAuthJson(ALICE));
    expect(await status('forced_chatgpt_workspace_id=["ws-1","ws-2"]')).toEqual({
      code: 1, stdout: '', stderr: 'Not logged in\nLogin is restricted to workspace(s) ws-1, ws-2, but current credentials belong to acct-alice-0001.\n',
    });
    expect((await status(`forced_chatgpt_workspace_id="${ALICE.accountId}"`)).code).toBe(0);
    writeAuth({ auth_mode: 'apikey', OPENAI_API_KEY: KEY });
    expect((await status('forced_chatgpt_workspace_id="ws-1"')).code).toBe(0); // API keys pass the workspace check
  });

  it('a new allowed sign-in replaces the forbidden credentials, and only then', async () => {
    writeAuth(chatgptAuthJson(ALICE));
    const refused = await codex(['-c', 'forced_login_method="api"', 'login', '--with-api-key'], '   ');
    expect(refused.code).toBe(1);
    expect(JSON.parse(readFileSync(authPath(), 'utf8')).auth_mode).toBe('chatgpt');
    const saved = await codex(['-c', 'forced_login_method="api"', 'login', '--with-api-key'], KEY);
    expect(saved.code).toBe(0);
    expect(JSON.parse(readFileSync(authPath(), 'utf8'))).toEqual({ auth_mode: 'apikey', OPENAI_API_KEY: KEY });
    expect((await status('forced_login_method="api"')).code).toBe(0);
  });

  it('app-server is not affected by the policy on what is stored (§10.4)', async () => {
    writeAuth(chatgptAuthJson(ALICE));
    const lines = [
      { id: 1, method: 'initialize', params: { clientInfo: { name: 't', version: '1' } } },
      { method: 'initialized' },
      { id: 2, method: 'account/read', params: {} },
    ].map((m) => JSON.stringify(m)).join('\n');
    const result = await codex(['-c', 'forced_login_method="api"', 'app-server'], `${lines}\n`);
    const read = result.stdout.trim().split('\n').map((l) => JSON.parse(l)).find((m) => m.id === 2);
    expect(read.result.account).toMatchObject({ type: 'chatgpt', email: 'alice@example.com' });
  });
});

describe('files the real CLI refuses: named file and field, exit 1, never modified by a read', () => {
  const refused = async (auth: unknown, field: string) => {
    writeAuth(auth);
    const before = readFileSync(authPath(), 'utf8');
    const result = await status();
    expect(result.code).toBe(1);
    expect(result.stderr.startsWith(`Error checking login status: ${authPath()} is not a valid Codex auth file: `)).toBe(true);
    expect(result.stderr).toContain(field);
    expect(readFileSync(authPath(), 'utf8')).toBe(before);
    expect((await statusJson()).json).toMatchObject({ loggedIn: false, error: expect.stringContaining(field) });
  };

  it('an API-key record with no key or a null key', async () => {
    await refused({ auth_mode: 'apikey' }, 'API key auth is missing a key ("OPENAI_API_KEY" is missing)');
    await refused({ auth_mode: 'apikey', OPENAI_API_KEY: null }, '"OPENAI_API_KEY" is null');
  });

  it('a ChatGPT record whose id_token is not a JWT', async () => {
    const auth = chatgptAuthJson(ALICE);
    auth.tokens.id_token = 'garbage';
    await refused(auth, '"tokens.id_token" is not a JWT');
  });

  it('duplicate keys', async () => {
    const text = `{"auth_mode":"apikey","OPENAI_API_KEY":"${KEY}","OPENAI_API_KEY":"sk-proj-other0123456789abcdefXYZAB"}`;
    await refused(text, `duplicate key "OPENAI_API_KEY" at line 1, column ${text.lastIndexOf('"OPENAI_API_KEY"') + 1}`);
  });
});

describe('every kind 0.171 writes', () => {
  it('Amazon Bedrock: reported as what it is, in plain text and --json; logout removes it', async () => {
    writeAuth(BEDROCK);
    expect(await status()).toEqual({ code: 0, stdout: '', stderr: `Logged in using Amazon Bedrock API key\nStored in ${authPath()}\n` });
    expect((await statusJson()).json).toMatchObject({ loggedIn: true, authMode: 'bedrockApiKey', error: null });
    expect(await codex(['logout'])).toMatchObject({ code: 0, stderr: 'Successfully logged out\n' });
    expect(existsSync(authPath())).toBe(false);
    expect(readdirSync(home.path).filter((n) => n.includes('invalid'))).toEqual([]);
  });

  it('an unknown auth_mode: reported, exit 1, and a new sign-in says it replaced it', async () => {
    writeAuth({ auth_mode: 'quantumKey', OPENAI_API_KEY: null, quantum: 'q' });
    expect(await status()).toEqual({ code: 1, stdout: '', stderr: `Signed in with quantumKey, which this codex does not use\nStored in ${authPath()}\n` });
    expect((await statusJson()).json).toMatchObject({ loggedIn: false, authMode: 'quantumKey', error: null });
    const saved = await codex(['login', '--with-api-key'], KEY);
    expect(saved.code).toBe(0);
    expect(saved.stderr).toContain(`${authPath()} held a "quantumKey" sign-in, which this codex does not use; the new sign-in replaced it`);
    expect(readdirSync(home.path).filter((n) => n.includes('invalid'))).toEqual([]);
  });

  it('ChatGPT fields 0.171 adds survive our refresh rewrite untouched (kept on save)', async () => {
    const auth = chatgptAuthJson(ALICE) as ReturnType<typeof chatgptAuthJson> & { tokens: Record<string, unknown> };
    auth.tokens.oauth_provenance = { issuer: 'https://auth.openai.com', client_id: 'app_x' };
    auth.tokens.login_owner_id = 'user-alice';
    writeAuth(auth);
    expect((await status()).code).toBe(0);
  });

  it('an access token exp outside the date range: no usable expiry, no Invalid time value', async () => {
    const auth = chatgptAuthJson(ALICE);
    auth.tokens.access_token = makeJwt({ exp: 1e300 });
    writeAuth(auth);
    const plain = await status();
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toContain('Invalid time value');
    const { code, json } = await statusJson();
    expect(code).toBe(0);
    expect(json.accessTokenExpiresAt).toBeNull();
    void makeAccessToken;
  });
});
