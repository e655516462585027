// The same scenarios through the real Codex CLI 0.171 and this codex, on one CODEX_HOME, with the exit
// codes (and the first line, where the words are the real CLI's) compared: the policy on stored
// credentials, the files 0.171 refuses, and a kind only 0.171 writes. Runs when the real binary is
// cached (REAL_CODEX_BIN_0171, or what ../shared/tools/real-codex.sh installs); skipped otherwise.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, chatgptAuthJson } from '../support/jwt.js';
import { PAT_OWNER, startWhoami, type WhoamiServer } from '../support/whoami.js';
import { baseEnv, ensureBuilt, runCodex, type CodexResult } from '../cli/runCodex.js';
import { realCodexBin, runReal as runRealCodex } from './realCodexBin.js';

const REAL = realCodexBin('0.171.0', process.env.REAL_CODEX_BIN_0171);
const KEY = 'sk-proj-interop0123456789abcdefghijklmnopqrsABCDE';
const BEDROCK = { auth_mode: 'bedrockApiKey', OPENAI_API_KEY: null, bedrock_api_key: { api_key: 'ABSKbedrockinterop0123456789BEDRK', region: 'us-east-1' } };

const runReal = (args: string[], home: string, input = '', extra: Record<string, string> = {}) => runRealCodex(REAL!, args, home, input, extra);

describe.skipIf(!REAL)('the same scenarios through the real Codex CLI 0.171 and this codex', () => {
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
});
