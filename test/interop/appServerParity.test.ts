// `codex app-server` next to the real Codex CLI 0.171's: the same sessions sent to both, and the
// answers (results, error codes and messages, account notifications) compared. Runs when the real
// 0.171 binary is available (REAL_CODEX_171_BIN, or the cache ../shared/tools/real-codex.sh fills).
//
// Deliberate differences, not compared here: an unknown method gets -32601 from us (the real server
// never answers); we refuse an empty or spaced API key (the real one saves it); the real server runs
// workspace-routing discovery against the ChatGPT backend for ChatGPT accounts, which we do not.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIN, baseEnv, ensureBuilt } from '../cli/runCodex.js';
import { makeAccessToken } from '../support/jwt.js';
import { realCodexBin, REAL_CLI_LIMITS } from './realCodexBin.js';

const REAL = realCodexBin('0.171.0', process.env.REAL_CODEX_171_BIN);

type Json = Record<string, unknown>;
const DEAD = 'http://127.0.0.1:9';
const CONFIG = `chatgpt_base_url = "${DEAD}/backend-api/"\nopenai_base_url = "${DEAD}/v1"\n`;
interface Transcript {
  answers: Json[];
  notifications: Json[];
}

/** Sends each request after the previous answer; collects the answers and the account/* notifications. */
async function session(argv: string[], home: string, requests: Json[], expectNotifications?: number): Promise<Transcript> {
  // Every URL either server could use points at a closed loopback port: nothing leaves the machine.
  const env = { ...baseEnv(home), RUST_LOG: 'off', CODEX_AUTH_ISSUER: DEAD, CODEX_REFRESH_TOKEN_URL_OVERRIDE: `${DEAD}/oauth/token` };
  const child = spawn(argv[0]!, [...argv.slice(1), 'app-server'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  const answers: Json[] = [];
  const notifications: Json[] = [];
  let buffer = '';
  let wake: (() => void) | null = null;
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
      const message = JSON.parse(buffer.slice(0, nl)) as Json;
      buffer = buffer.slice(nl + 1);
      if (typeof message.method === 'string') {
        if (message.method.startsWith('account/')) notifications.push({ method: message.method, params: message.params });
      } else answers.push(message);
      wake?.();
    }
  });
  const until = async (done: () => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!done() && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, Math.max(0, deadline - Date.now()));
      });
    }
  };
  let id = 0;
  for (const request of requests) {
    const { noId, ...body } = request;
    const message: Json = noId ? body : { id: ++id, ...body };
    child.stdin.write(`${JSON.stringify(message)}\n`);
    if ('id' in message) await until(() => answers.some((a) => a.id === message.id), 60_000);
  }
  if (expectNotifications !== undefined) await until(() => notifications.length >= expectNotifications, 30_000);
  child.stdin.end();
  await new Promise((resolve) => child.on('close', resolve));
  return { answers: answers.map(normalise), notifications };
}

/** Fields that differ by nature between two servers: paths, versions, ids. */
function normalise(answer: Json): Json {
  const result = answer.result as Json | undefined;
  if (result && typeof result.userAgent === 'string') return { ...answer, result: { ...result, userAgent: '<ua>', codexHome: '<home>' } };
  return answer;
}

const init = (experimentalApi = false): Json => ({
  method: 'initialize', params: { clientInfo: { name: 'parity', version: '1.0.0' }, capabilities: { experimentalApi } },
});
const initialized: Json = { method: 'initialized', noId: true };

describe.skipIf(!REAL)('app-server parity with the real Codex CLI 0.171', REAL_CLI_LIMITS, () => {
  let homes: string[];
  beforeAll(ensureBuilt);
  beforeEach(() => {
    homes = [];
  });
  afterEach(() => {
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  });

  /** Runs `requests` against both binaries, each on its own fresh CODEX_HOME set up by `prepare`. */
  async function both(requests: Json[], prepare: (home: string) => void = () => undefined) {
    const make = () => {
      // The real CLI refuses some helpers under /tmp: its homes live under ~/.cache.
      const home = mkdtempSync(join(homedir(), '.cache', 'codex-parity-'));
      homes.push(home);
      writeFileSync(join(home, 'config.toml'), CONFIG);
      prepare(home);
      return home;
    };
    const ours = await session([process.execPath, BIN], make(), requests);
    const real = await session([REAL!], make(), requests, ours.notifications.length);
    return { ours, real };
  }

  it('signed out, an API key, the lifecycle errors', async () => {
    const requests = [
      { method: 'account/read', params: {} },
      init(),
      initialized,
      init(),
      { method: 'account/read', params: {} },
      { method: 'getAuthStatus', params: { includeToken: true, refreshToken: false } },
      { method: 'account/rateLimits/read' },
      { method: 'account/login/cancel', params: { loginId: 'not-a-uuid' } },
      { method: 'account/login/cancel', params: { loginId: '6f1c2e4a-0b9d-4c1e-8f3a-2d5b7c9e1a0f' } },
    ];
    const { ours, real } = await both(requests);
    expect(ours.answers).toEqual(real.answers);
    const withKey = await both(requests, (home) =>
      writeFileSync(join(home, 'auth.json'), JSON.stringify({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-test-parity123456' }), { mode: 0o600 }),
    );
    expect(withKey.ours.answers).toEqual(withKey.real.answers);
  });

  it('API key sign-in and logout: the same answers and notifications', async () => {
    const { ours, real } = await both([
      init(),
      initialized,
      { method: 'account/login/start', params: { type: 'apiKey', apiKey: 'sk-test-parity-login-1234' } },
      { method: 'account/read', params: {} },
      { method: 'account/logout' },
      { method: 'account/read', params: {} },
    ]);
    expect(ours.answers).toEqual(real.answers);
    expect(ours.notifications).toEqual(real.notifications);
  });

  it('forced login methods', async () => {
    // Only the starts the policy refuses: an allowed device-code start would call the real issuer.
    const refusedBy: Record<string, Json[]> = {
      chatgpt: [{ type: 'apiKey', apiKey: 'sk-test-forced-12345' }],
      api: [
        { type: 'chatgpt' },
        { type: 'chatgptDeviceCode' },
        { type: 'chatgptAuthTokens', accessToken: makeAccessToken({ accountId: 'acct-1' }), chatgptAccountId: 'acct-1' },
      ],
    };
    for (const [forced, starts] of Object.entries(refusedBy)) {
      const { ours, real } = await both(
        [init(true), initialized, ...starts.map((params) => ({ method: 'account/login/start', params }))],
        (home) => writeFileSync(join(home, 'config.toml'), `${CONFIG}forced_login_method = "${forced}"\n`),
      );
      expect(ours.answers).toEqual(real.answers);
    }
  });

  // The real server also runs workspace-routing discovery on the ChatGPT backend after external tokens
  // are set (unreachable here, so its login/completed says "workspace routing discovery failed"); ours
  // does not. The refusals and the logout are compared.
  it('external tokens need experimentalApi; with it they refuse other starts, and log out', async () => {
    const token = makeAccessToken({ email: null, plan: 'pro', accountId: 'acct-parity', userId: 'user-parity' });
    const tokens = { type: 'chatgptAuthTokens', accessToken: token, chatgptAccountId: 'acct-parity', chatgptPlanType: 'pro' };
    const refused = await both([init(false), initialized, { method: 'account/login/start', params: tokens }]);
    expect(refused.ours.answers).toEqual(refused.real.answers);
    const { ours, real } = await both([
      init(true),
      initialized,
      { method: 'account/login/start', params: tokens },
      { method: 'account/login/start', params: { type: 'apiKey', apiKey: 'sk-test-refused-12345' } },
      { method: 'account/login/start', params: { ...tokens, accessToken: 'not-a-jwt' } },
      { method: 'account/logout' },
      { method: 'account/read', params: {} },
    ]);
    const comparable = (t: Transcript) =>
      t.answers.map((a) => (a.error ? { code: (a.error as Json).code, message: String((a.error as Json).message).split(':')[0] } : a));
    expect(comparable(ours)).toEqual(comparable(real));
    const last = (t: Transcript) => t.notifications.at(-1);
    expect(last(ours)).toEqual(last(real)); // account/updated after logout
    expect(last(ours)).toEqual({ method: 'account/updated', params: { authMode: null, planType: null, reason: null } });
  });
});
