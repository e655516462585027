// `codex login --with-access-token` and CODEX_ACCESS_TOKEN (§9 item 5, §11.2), as the real CLI 0.171
// does them against a loopback authority: the whoami check, the record it writes, its messages.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PAT_OWNER, startWhoami, type WhoamiServer } from '../support/whoami.js';
import { baseEnv, ensureBuilt, runCodex, tempHome } from './runCodex.js';

const TOKEN = 'at-0123456789abcdefghijPATOK';
let home: ReturnType<typeof tempHome>;
let whoami: WhoamiServer;
beforeAll(async () => {
  ensureBuilt();
  whoami = await startWhoami();
});
afterAll(() => whoami.close());
beforeEach(() => {
  home = tempHome();
  whoami.requests.length = 0;
  whoami.answer = { status: 200, body: PAT_OWNER };
});
afterEach(() => home.cleanup());

const authPath = () => join(home.path, 'auth.json');
const env = (extra: Record<string, string> = {}) => ({ ...baseEnv(home.path), CODEX_AUTHAPI_BASE_URL: whoami.url, ...extra });
const login = (input: string, config: string[] = []) =>
  runCodex([...config.flatMap((c) => ['-c', c]), 'login', '--with-access-token'], { env: env(), input });

describe('codex login --with-access-token', () => {
  it('checks an at- token with whoami, writes it as 0.171 does, and login status reports it', async () => {
    const result = await login(`${TOKEN}\n`);
    expect(result).toEqual({ code: 0, stdout: '', stderr: `Reading access token from stdin...\nSuccessfully logged in\nStored in ${authPath()}\n` });
    expect(whoami.requests).toMatchObject([{ method: 'GET', path: '/v1/user-auth-credential/whoami', headers: { authorization: `Bearer ${TOKEN}` } }]);
    expect(JSON.parse(readFileSync(authPath(), 'utf8'))).toEqual({ OPENAI_API_KEY: null, personal_access_token: TOKEN });
    const status = await runCodex(['login', 'status'], { env: env() });
    expect(status).toEqual({ code: 0, stdout: '', stderr: `Logged in using personal access token\nStored in ${authPath()}\n` });
    const json = JSON.parse((await runCodex(['login', 'status', '--json'], { env: env() })).stdout);
    expect(json).toMatchObject({ loggedIn: true, authMode: 'personalAccessToken' });
    expect(JSON.stringify(json)).not.toContain(TOKEN);
  });

  it('a token whoami refuses: the real message, exit 1, nothing written', async () => {
    whoami.answer = { status: 401 };
    const result = await login(TOKEN);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('Reading access token from stdin...\nError logging in with access token: personal access token metadata request failed with status 401 Unauthorized\n');
    expect(existsSync(authPath())).toBe(false);
  });

  it('forced_login_method = "api", forced_chatgpt_workspace_id, an empty stdin, a token that is not one', async () => {
    expect(await login(TOKEN, ['forced_login_method="api"'])).toMatchObject({
      code: 1, stderr: 'Reading access token from stdin...\nAccess token login is disabled. Use API key login instead.\n',
    });
    expect(await login(TOKEN, ['forced_chatgpt_workspace_id="acct-x"'])).toMatchObject({
      code: 1, stderr: 'Reading access token from stdin...\nError logging in with access token: Login is restricted to workspace id(s) acct-x.\n',
    });
    expect(await login('  \n')).toMatchObject({ code: 1, stderr: 'Reading access token from stdin...\nNo access token provided via stdin.\n' });
    expect(await login('hello')).toMatchObject({
      code: 1, stderr: 'Reading access token from stdin...\nError logging in with access token: failed to decode agent identity JWT: invalid agent identity JWT format\n',
    });
    expect(existsSync(authPath())).toBe(false);
    expect(whoami.requests).toHaveLength(1); // only the workspace case asked the authority
  });

  it('login status asks whoami each time, as 0.171 does: a refused token or another workspace is an error, exit 1', async () => {
    expect((await login(TOKEN)).code).toBe(0);
    const statusWith = (config: string[] = []) => runCodex([...config.flatMap((c) => ['-c', c]), 'login', 'status'], { env: env() });
    expect((await statusWith()).code).toBe(0);
    expect(whoami.requests).toHaveLength(2);
    whoami.answer = { status: 401 };
    expect(await statusWith()).toEqual({
      code: 1, stdout: '', stderr: 'Error checking login status: personal access token metadata request failed with status 401 Unauthorized\n',
    });
    whoami.answer = { status: 200, body: PAT_OWNER };
    expect(await statusWith(['forced_chatgpt_workspace_id="ws-other"'])).toEqual({
      code: 1, stdout: '', stderr: 'Error checking login status: Login is restricted to workspace id(s) ws-other.\n',
    });
    expect((await statusWith([`forced_chatgpt_workspace_id="${PAT_OWNER.chatgpt_account_id}"`])).code).toBe(0);
    whoami.answer = { status: 200, body: { email: 'pat@example.com' } }; // 0.171 needs the account, user, plan and FedRAMP fields
    expect((await statusWith()).stderr).toBe('Error checking login status: failed to decode personal access token metadata: error decoding response body\n');
    const asked = whoami.requests.length;
    const forced = await statusWith(['forced_login_method="api"']);
    expect([forced.code, forced.stderr.split('\n')[0]]).toEqual([1, 'Not logged in']);
    expect(whoami.requests).toHaveLength(asked); // the policy refuses it before any request
    expect(JSON.parse(readFileSync(authPath(), 'utf8'))).toEqual({ OPENAI_API_KEY: null, personal_access_token: TOKEN });
  });

  it('CODEX_ACCESS_TOKEN is used ahead of what is stored, and never saved or removed', async () => {
    const status = await runCodex(['login', 'status'], { env: env({ CODEX_ACCESS_TOKEN: TOKEN }) });
    expect(status).toEqual({ code: 0, stdout: '', stderr: 'Logged in using personal access token\nStored in the CODEX_ACCESS_TOKEN environment variable\n' });
    const json = JSON.parse((await runCodex(['login', 'status', '--json'], { env: env({ CODEX_ACCESS_TOKEN: TOKEN }) })).stdout);
    expect(json).toMatchObject({ loggedIn: true, authMode: 'personalAccessToken', storage: { location: 'the CODEX_ACCESS_TOKEN environment variable' } });
    expect(existsSync(authPath())).toBe(false);
  });
});
