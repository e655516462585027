// The same scenarios through the real Codex CLI 0.171 and this codex, on one CODEX_HOME, with the exit
// codes (and the first line, where the words are the real CLI's) compared: the policy on stored
// credentials, the files 0.171 refuses, a kind only 0.171 writes, and access tokens (personal ones and
// Agent Identity JWTs, against loopback whoami, JWKS and task registration). Runs when the real binary is
// cached (REAL_CODEX_BIN_0171, or what ../shared/tools/real-codex.sh installs); skipped otherwise.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, chatgptAuthJson } from '../support/jwt.js';
import { PAT_OWNER, startWhoami, type WhoamiServer } from '../support/whoami.js';
import { startAgentIdentityServer, type AgentIdentityServer } from '../support/agentIdentity.js';
import { baseEnv, ensureBuilt, runCodex, type CodexResult } from '../cli/runCodex.js';
import { realCodexBin, runReal as runRealCodex, REAL_CLI_LIMITS } from './realCodexBin.js';

const REAL = realCodexBin('0.171.0', process.env.REAL_CODEX_BIN_0171);
const KEY = 'sk-proj-interop0123456789abcdefghijklmnopqrsABCDE';
const BEDROCK = { auth_mode: 'bedrockApiKey', OPENAI_API_KEY: null, bedrock_api_key: { api_key: 'ABSKbedrockinterop0123456789BEDRK', region: 'us-east-1' } };

const runReal = (args: string[], home: string, input = '', extra: Record<string, string> = {}) => runRealCodex(REAL!, args, home, input, extra);

describe.skipIf(!REAL)('the same scenarios through the real Codex CLI 0.171 and this codex', REAL_CLI_LIMITS, () => {
  let home: string;
  beforeAll(ensureBuilt);
  beforeEach(() => {
    // The real CLI refuses some helpers under /tmp, so the shared home lives under ~/.cache.
    home = mkdtempSync(join(homedir(), '.cache', 'codex-interop-0171-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const authPath = () => join(home, 'auth.json');
  const write = (auth: unknown) => writeFileSync(authPath(), typeof auth === 'string' ? auth : JSON.stringify(auth, null, 2), { mode: 0o600 });
  /** `login status` through both, the file unchanged by either; returns [real, ours]. */
  async function both(config: string[] = []): Promise<[CodexResult, CodexResult]> {
    const before = readFileSync(authPath(), 'utf8');
    const args = [...config.flatMap((c) => ['-c', c]), 'login', 'status'];
    const real = await runReal(args, home);
    expect(readFileSync(authPath(), 'utf8')).toBe(before);
    const ours = await runCodex(args, { env: baseEnv(home) });
    expect(readFileSync(authPath(), 'utf8')).toBe(before);
    expect(ours.code).toBe(real.code);
    return [real, ours];
  }
  const firstLine = (r: CodexResult) => r.stderr.split('\n')[0];

  it('forced_login_method = "api" with ChatGPT stored: Not logged in, exit 1, from both', async () => {
    write(chatgptAuthJson(ALICE));
    const [real, ours] = await both(['forced_login_method="api"']);
    expect(real.code).toBe(1);
    expect(firstLine(ours)).toBe(firstLine(real));
    expect(firstLine(real)).toBe('Not logged in');
  });

  it('forced_login_method = "chatgpt" with an API key stored', async () => {
    write({ auth_mode: 'apikey', OPENAI_API_KEY: KEY });
    const [real, ours] = await both(['forced_login_method="chatgpt"']);
    expect(real.code).toBe(1);
    expect(firstLine(ours)).toBe(firstLine(real));
  });

  it('forced_chatgpt_workspace_id not matching, and matching', async () => {
    write(chatgptAuthJson(ALICE));
    const [real, ours] = await both(['forced_chatgpt_workspace_id="ws-other"']);
    expect(real.code).toBe(1);
    expect(firstLine(ours)).toBe(firstLine(real));
    expect((await both([`forced_chatgpt_workspace_id="${ALICE.accountId}"`]))[0].code).toBe(0);
  });

  it('an API-key record without a key, or with a null key: refused by both', async () => {
    for (const auth of [{ auth_mode: 'apikey' }, { auth_mode: 'apikey', OPENAI_API_KEY: null }]) {
      write(auth);
      const [real, ours] = await both();
      expect(real.code).toBe(1);
      expect(real.stderr).toContain('Error checking login status: API key auth is missing a key.');
      expect(ours.stderr).toContain(`Error checking login status: ${authPath()} is not a valid Codex auth file: API key auth is missing a key`);
    }
  });

  it('a ChatGPT record whose id_token is not a JWT: refused by both', async () => {
    const auth = chatgptAuthJson(ALICE);
    auth.tokens.id_token = 'garbage';
    write(auth);
    const [real, ours] = await both();
    expect(real.code).toBe(1);
    expect(ours.stderr).toContain('"tokens.id_token" is not a JWT');
  });

  it('duplicate keys: refused by both', async () => {
    write(`{"auth_mode":"apikey","OPENAI_API_KEY":"${KEY}","OPENAI_API_KEY":"sk-proj-other0123456789abcdefXYZAB"}`);
    const [real, ours] = await both();
    expect(real.code).toBe(1);
    expect(real.stderr).toContain('invalid credential JSON');
    expect(ours.stderr).toContain('duplicate key "OPENAI_API_KEY"');
  });

  it('an Amazon Bedrock file as 0.171 writes it: the same words and policy from both; our logout removes it', async () => {
    write(BEDROCK);
    const [real, ours] = await both();
    expect(real.code).toBe(0);
    expect(firstLine(ours)).toBe(firstLine(real));
    expect(firstLine(real)).toBe('Logged in using Amazon Bedrock API key');
    expect((await both(['forced_login_method="chatgpt"']))[0].code).toBe(1);
    expect((await both(['forced_login_method="api"']))[0].code).toBe(0);
    expect((await runCodex(['logout'], { env: baseEnv(home) })).code).toBe(0);
    expect(existsSync(authPath())).toBe(false);
    expect((await runReal(['login', 'status'], home)).code).toBe(1);
  });

  describe('access tokens, against a loopback whoami (CODEX_AUTHAPI_BASE_URL)', () => {
    const TOKEN = 'at-interop0123456789abcdefPATOK';
    let whoami: WhoamiServer;
    beforeEach(async () => {
      whoami = await startWhoami();
    });
    afterEach(() => whoami.close());
    const extra = () => ({ CODEX_AUTHAPI_BASE_URL: whoami.url });

    it('--with-access-token: the same request, exit code and first lines from both; each reads what the other wrote', async () => {
      const real = await runReal(['login', '--with-access-token'], home, TOKEN, extra());
      expect(real.code).toBe(0);
      const realFile = readFileSync(authPath(), 'utf8');
      const ours = await runCodex(['login', '--with-access-token'], { env: { ...baseEnv(home), ...extra() }, input: TOKEN });
      expect(ours.code).toBe(real.code);
      expect(ours.stderr.split('\n').slice(0, 2)).toEqual(real.stderr.split('\n').slice(0, 2));
      expect(JSON.parse(readFileSync(authPath(), 'utf8'))).toEqual(JSON.parse(realFile));
      expect(whoami.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
        ['GET', '/v1/user-auth-credential/whoami', `Bearer ${TOKEN}`],
        ['GET', '/v1/user-auth-credential/whoami', `Bearer ${TOKEN}`],
      ]);
      const [realStatus, ourStatus] = [await runReal(['login', 'status'], home, '', extra()), await runCodex(['login', 'status'], { env: { ...baseEnv(home), ...extra() } })];
      expect(ourStatus.code).toBe(realStatus.code);
      expect(firstLine(ourStatus)).toBe(firstLine(realStatus));
      const [realForced, ourForced] = [
        await runReal(['-c', 'forced_login_method="api"', 'login', 'status'], home, '', extra()),
        await runCodex(['-c', 'forced_login_method="api"', 'login', 'status'], { env: { ...baseEnv(home), ...extra() } }),
      ];
      expect(realForced.code).toBe(1);
      expect(ourForced.code).toBe(1);
    });

    it('login status asks whoami in both: a refused token and another workspace are the same error and exit code', async () => {
      write({ OPENAI_API_KEY: null, personal_access_token: TOKEN });
      const statusOf = async (config: string[] = []) => {
        const args = [...config.flatMap((c) => ['-c', c]), 'login', 'status'];
        const asked = whoami.requests.length;
        const real = await runReal(args, home, '', extra());
        const ours = await runCodex(args, { env: { ...baseEnv(home), ...extra() } });
        expect(whoami.requests.length - asked).toBe(2); // one whoami each
        expect(ours.code).toBe(real.code);
        expect(firstLine(ours)).toBe(firstLine(real));
        return real;
      };
      expect((await statusOf()).code).toBe(0);
      whoami.answer = { status: 401 };
      expect(firstLine(await statusOf())).toBe('Error checking login status: personal access token metadata request failed with status 401 Unauthorized');
      whoami.answer = { status: 200, body: PAT_OWNER };
      expect((await statusOf(['forced_chatgpt_workspace_id="ws-other"'])).code).toBe(1);
    });

    it('a refused token and CODEX_ACCESS_TOKEN: the same exit codes and words', async () => {
      whoami.answer = { status: 401 };
      const real = await runReal(['login', '--with-access-token'], home, TOKEN, extra());
      const ours = await runCodex(['login', '--with-access-token'], { env: { ...baseEnv(home), ...extra() }, input: TOKEN });
      expect([ours.code, ours.stderr]).toEqual([real.code, real.stderr]);
      whoami.answer = { status: 200, body: PAT_OWNER };
      const withEnv = { ...extra(), CODEX_ACCESS_TOKEN: TOKEN };
      const realEnv = await runReal(['login', 'status'], home, '', withEnv);
      const ourEnv = await runCodex(['login', 'status'], { env: { ...baseEnv(home), ...withEnv } });
      expect(realEnv.code).toBe(0);
      expect(ourEnv.code).toBe(0);
      expect(firstLine(ourEnv)).toBe(firstLine(realEnv));
    });
  });
  describe('Agent Identity JWTs, against a loopback JWKS and task registration', () => {
    let agents: AgentIdentityServer;
    beforeAll(async () => {
      agents = await startAgentIdentityServer();
    });
    afterAll(() => agents.close());
    beforeEach(() => agents.reset());
    const run = (which: 'real' | 'ours', args: string[], input = '', extra: Record<string, string> = {}) =>
      which === 'real'
        ? runReal(args, home, input, { ...agents.env, ...extra })
        : runCodex(args, { env: { ...baseEnv(home), ...agents.env, ...extra }, input });
    /** The same command through both on the same home (reset in between by `prepare`); returns [real, ours]. */
    async function bothRun(args: string[], options: { input?: string; extra?: Record<string, string>; prepare?: () => void } = {}) {
      options.prepare?.();
      const real = await run('real', args, options.input, options.extra);
      options.prepare?.();
      const ours = await run('ours', args, options.input, options.extra);
      expect(ours.code).toBe(real.code);
      expect(firstLines(ours)).toEqual(firstLines(real));
      return [real, ours] as const;
    }
    /** `Reading access token from stdin...` and the line after it, or the first line. */
    const firstLines = (r: CodexResult) => r.stderr.split('\n').slice(0, r.stderr.startsWith('Reading') ? 2 : 1);
    const login = (token: string, config: string[] = []) => [...config.flatMap((c) => ['-c', c]), 'login', '--with-access-token'];
    const store = (jwt: string) => () => write({ auth_mode: 'agentIdentity', OPENAI_API_KEY: null, agent_identity: jwt });
    const wipe = () => rmSync(authPath(), { force: true });

    it('a valid JWT: the same requests, file, words and exit codes; each reads what the other wrote', async () => {
      const jwt = agents.mint();
      const [real] = await bothRun(login(jwt), { input: jwt, prepare: wipe });
      expect(real.code).toBe(0);
      expect(JSON.parse(readFileSync(authPath(), 'utf8'))).toEqual({ auth_mode: 'agentIdentity', OPENAI_API_KEY: null, agent_identity: jwt });
      const [realStatus] = await bothRun(['login', 'status']);
      expect(firstLine(realStatus)).toBe('Logged in using access token');
      // Each: one JWKS at sign-in; one JWKS and one signed task registration per login status.
      expect(agents.requests.map((r) => `${r.method} ${r.path.replace(/agent-runtime-\w+/, ':runtime')}`)).toEqual([
        'GET /jwks/agent-identities/jwks', 'GET /jwks/agent-identities/jwks',
        'GET /jwks/agent-identities/jwks', 'POST /api/accounts/v1/agent/:runtime/task/register',
        'GET /jwks/agent-identities/jwks', 'POST /api/accounts/v1/agent/:runtime/task/register',
      ]);
      expect(agents.registered).toHaveLength(2);
    });

    // One case each, so that each has the time limit of a real run (a case runs the real CLI once).
    // The tokens are minted in the case: the signing server starts in beforeAll.
    it.each<[string, () => string, string[]]>([
      ['another key', () => agents.mint({ signer: 'untrusted' }), []],
      ['unsigned', () => agents.mint({ signer: 'unsigned' }), []],
      ['"alg": "none" with a signature', () => `${agents.mint({ signer: 'unsigned' })}c2ln`, []],
      ['not a JWT', () => 'hello', []],
      ['a payload that is not base64url', () => 'eyJhbGciOiJSUzI1NiJ9.@@@.c2ln', []],
      ['expired', () => agents.mint({ claims: { exp: Math.floor(Date.now() / 1000) - 3600 } }), []],
      ['a key id not in the JWKS', () => agents.mint({ header: { kid: 'rotated-away' } }), []],
      ['another workspace', () => agents.mint(), ['forced_chatgpt_workspace_id="ws-other"']],
      ['forced "api"', () => agents.mint(), ['forced_login_method="api"']],
    ])('refused at sign-in by both: %s', async (_, mint, config) => {
      const token = mint();
      const [real] = await bothRun(login(token, config), { input: token, prepare: wipe });
      expect(real.code).toBe(1);
      expect(existsSync(authPath())).toBe(false);
    });

    it('refused at sign-in by both: a missing claim', async () => {
      // The same start; 0.171 adds its JSON parser's position, we name the claim.
      const token = agents.mint({ claims: { agent_private_key: undefined } });
      const prefix = 'Error logging in with access token: failed to decode agent identity JWT: invalid credential JSON';
      expect((await run('real', login(token), token)).stderr).toContain(prefix);
      expect((await run('ours', login(token), token)).stderr).toContain(prefix);
    });

    it('login status with a stored JWT: a refused registration, a failing one, another key, another workspace, forced "api"', async () => {
      agents.behavior.registerFailure = { status: 401, body: '{"error":"unauthorized"}' };
      const [real] = await bothRun(['login', 'status'], { prepare: store(agents.mint()) });
      expect(real.code).toBe(1);
      agents.behavior.registerFailure = { status: 500, body: '' };
      await bothRun(['login', 'status'], { prepare: store(agents.mint()) });
      agents.reset();
      await bothRun(['login', 'status'], { prepare: store(agents.mint({ signer: 'untrusted' })) });
      await bothRun(['-c', 'forced_chatgpt_workspace_id="ws-other"', 'login', 'status'], { prepare: store(agents.mint()) });
      const [forced] = await bothRun(['-c', 'forced_login_method="api"', 'login', 'status'], { prepare: store(agents.mint()) });
      expect(firstLine(forced)).toBe('Not logged in');
    });

    it('CODEX_ACCESS_TOKEN holding a JWT wins over a stored API key in both; a bad one fails both; logout removes a stored one', async () => {
      const apiKey = () => write({ auth_mode: 'apikey', OPENAI_API_KEY: KEY });
      const [real] = await bothRun(['login', 'status'], { prepare: apiKey, extra: { CODEX_ACCESS_TOKEN: agents.mint() } });
      expect(firstLine(real)).toBe('Logged in using access token');
      expect((await bothRun(['login', 'status'], { prepare: apiKey, extra: { CODEX_ACCESS_TOKEN: 'hello' } }))[0].code).toBe(1);
      expect(JSON.parse(readFileSync(authPath(), 'utf8'))).toEqual({ auth_mode: 'apikey', OPENAI_API_KEY: KEY });
      const jwt = agents.mint();
      const [realLogout] = await bothRun(['logout'], { prepare: store(jwt) });
      expect(firstLine(realLogout)).toBe('Successfully logged out');
      expect(existsSync(authPath())).toBe(false);
    });
  });
});
