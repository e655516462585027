// Agent Identity JWTs through `codex login --with-access-token`, `login status`, CODEX_ACCESS_TOKEN and
// `logout`, against a loopback JWKS and task registration (test/support/agentIdentity.ts), with the
// real Codex CLI 0.171's requests, messages and exit codes (test/interop/realCodex0171.test.ts runs
// the same scenarios through both).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AGENT, startAgentIdentityServer, type AgentIdentityServer } from '../support/agentIdentity.js';
import { baseEnv, runCodex, useCodexScenario } from './runCodex.js';

const scenario = useCodexScenario();
let agents: AgentIdentityServer;
beforeAll(async () => {
  agents = await startAgentIdentityServer();
});
afterAll(() => agents.close());
beforeEach(() => agents.reset());

const READING = 'Reading access token from stdin...\n';
const authPath = () => join(scenario.home.path, 'auth.json');
const env = (extra: Record<string, string> = {}) => ({ ...baseEnv(scenario.home.path), ...agents.env, ...extra });
const login = (token: string, config: string[] = [], extra: Record<string, string> = {}) =>
  runCodex([...config.flatMap((c) => ['-c', c]), 'login', '--with-access-token'], { env: env(extra), input: `${token}\n` });
const status = (config: string[] = [], extra: Record<string, string> = {}) =>
  runCodex([...config.flatMap((c) => ['-c', c]), 'login', 'status'], { env: env(extra) });
const store = (jwt: string) => writeFileSync(authPath(), JSON.stringify({ auth_mode: 'agentIdentity', OPENAI_API_KEY: null, agent_identity: jwt }), { mode: 0o600 });
const paths = () => agents.requests.map((r) => `${r.method} ${r.path.replace(/agent-runtime-\w+/, ':runtime')}`);
const JWKS = 'GET /jwks/agent-identities/jwks';
const REGISTER = 'POST /api/accounts/v1/agent/:runtime/task/register';
const loginError = (message: string) => ({ code: 1, stdout: '', stderr: `${READING}Error logging in with access token: ${message}\n` });

describe('codex login --with-access-token with an Agent Identity JWT', () => {
  it('verifies it against the JWKS, stores it as 0.171 does, and login status registers a task with it', async () => {
    const jwt = agents.mint();
    expect(await login(jwt)).toEqual({ code: 0, stdout: '', stderr: `${READING}Successfully logged in\nStored in ${authPath()}\n` });
    expect(JSON.parse(readFileSync(authPath(), 'utf8'))).toEqual({ auth_mode: 'agentIdentity', OPENAI_API_KEY: null, agent_identity: jwt });
    expect(paths()).toEqual([JWKS]); // signing in registers nothing

    expect(await status()).toEqual({ code: 0, stdout: '', stderr: `Logged in using access token\nStored in ${authPath()}\n` });
    expect(paths()).toEqual([JWKS, JWKS, REGISTER]);
    expect(agents.registered).toHaveLength(1); // signed with the JWT's agent key
    const json = await runCodex(['login', 'status', '--json'], { env: env() });
    expect(JSON.parse(json.stdout)).toMatchObject({ loggedIn: true, authMode: 'agentIdentity', email: AGENT.email, plan: 'plus', accountId: AGENT.accountId });
    expect(json.stdout + json.stderr).not.toContain(jwt.slice(20, 60));
  });

  it('refuses a JWT signed by another key, an unsigned one, an expired one, and text that is not a JWT; nothing is written', async () => {
    expect(await login(agents.mint({ signer: 'untrusted' }))).toEqual(loginError('failed to verify agent identity JWT'));
    expect(await login(agents.mint({ signer: 'unsigned' }))).toEqual(loginError('failed to decode agent identity JWT: invalid agent identity JWT format'));
    expect(await login(`${agents.mint({ signer: 'unsigned' })}c2ln`)).toEqual(loginError('failed to decode agent identity JWT header'));
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    expect(await login(agents.mint({ claims: { exp: hourAgo } }))).toEqual(loginError('failed to verify agent identity JWT'));
    expect(await login(agents.mint({ claims: { aud: 'someone-else' } }))).toEqual(loginError('failed to verify agent identity JWT'));
    expect(await login(agents.mint({ header: { kid: undefined } }))).toEqual(loginError('agent identity JWT header does not include a kid'));
    expect(await login(agents.mint({ header: { kid: 'rotated-away' } }))).toEqual(loginError('agent identity JWT kid rotated-away is not trusted'));
    const requestsSoFar = agents.requests.length;
    expect(await login('hello')).toEqual(loginError('failed to decode agent identity JWT: invalid agent identity JWT format'));
    expect(await login('eyJhbGciOiJSUzI1NiJ9.@@@.c2ln')).toEqual(
      loginError('failed to decode agent identity JWT: agent identity JWT payload is not valid base64url: Invalid symbol 64, offset 0.'),
    );
    expect((await login(agents.mint({ claims: { agent_private_key: undefined } }))).stderr).toContain(
      'Error logging in with access token: failed to decode agent identity JWT: invalid credential JSON',
    );
    expect(agents.requests.length).toBe(requestsSoFar); // a token that is not one is refused before any request
    expect(existsSync(authPath())).toBe(false);
  });

  it('the JWKS unavailable, forced_login_method = "api", and a workspace it does not belong to', async () => {
    agents.behavior.jwksStatus = 503;
    expect(await login(agents.mint())).toEqual(loginError('agent identity JWKS endpoint returned an error (HTTP 503 Service Unavailable)'));
    agents.reset();
    expect(await login(agents.mint(), ['forced_login_method="api"'])).toEqual({ code: 1, stdout: '', stderr: `${READING}Access token login is disabled. Use API key login instead.\n` });
    expect(await login(agents.mint(), ['forced_chatgpt_workspace_id="ws-other"'])).toEqual(loginError('Login is restricted to workspace id(s) ws-other.'));
    expect(agents.requests).toEqual([]); // the workspace is read from the claims, before the JWKS
    expect(existsSync(authPath())).toBe(false);
    expect((await login(agents.mint(), [`forced_chatgpt_workspace_id=["ws-other", "${AGENT.accountId}"]`])).code).toBe(0);
  });

  it('with a loopback chatgpt_base_url: the JWKS from its /wham path, but login status refuses to use it', async () => {
    const jwt = agents.mint();
    const local = [`chatgpt_base_url="${agents.url}/backend-api/"`];
    const noOverride = { CODEX_AGENT_IDENTITY_JWKS_BASE_URL: '' };
    expect((await login(jwt, local, noOverride)).code).toBe(0);
    expect(paths()).toEqual(['GET /backend-api/wham/agent-identities/jwks']);
    expect(await status(local, noOverride)).toEqual({
      code: 1, stdout: '', stderr: 'Error checking login status: Agent Identity only supports production and staging ChatGPT environments\n',
    });
    expect(paths()).toHaveLength(1);
  });
});

describe('codex login status with a stored Agent Identity JWT', () => {
  it('a registration the authority refuses: the reason, exit 1; a server error is tried three times', async () => {
    store(agents.mint());
    agents.behavior.registerFailure = { status: 401, body: '{"error":"unauthorized"}' };
    expect(await status()).toEqual({
      code: 1, stdout: '', stderr: 'Error checking login status: agent task registration failed with status 401 Unauthorized: {"error":"unauthorized"}\n',
    });
    expect(paths()).toEqual([JWKS, REGISTER]);
    agents.reset();
    agents.behavior.registerFailure = { status: 503, body: '' };
    expect((await status()).stderr).toBe('Error checking login status: retryable agent identity registration failure: agent task registration failed with status 503 Service Unavailable\n');
    expect(paths()).toEqual([JWKS, REGISTER, REGISTER, REGISTER]);
    expect(existsSync(authPath())).toBe(true); // refused, never removed
  });

  it('a JWT that no longer verifies, a workspace restriction, forced_login_method = "api"', async () => {
    store(agents.mint({ signer: 'untrusted' }));
    expect(await status()).toEqual({ code: 1, stdout: '', stderr: 'Error checking login status: failed to verify agent identity JWT\n' });
    expect(paths()).toEqual([JWKS]);
    agents.reset();
    store(agents.mint());
    expect(await status(['forced_chatgpt_workspace_id="ws-other"'])).toEqual({
      code: 1, stdout: '', stderr: 'Error checking login status: Login is restricted to workspace id(s) ws-other.\n',
    });
    const forced = await status(['forced_login_method="api"']);
    expect(forced.code).toBe(1);
    expect(forced.stderr.split('\n')[0]).toBe('Not logged in');
    expect(agents.requests).toEqual([]);
  });

  it('logout removes it without a request', async () => {
    store(agents.mint());
    expect(await runCodex(['logout'], { env: env() })).toMatchObject({ code: 0, stderr: 'Successfully logged out\n' });
    expect(existsSync(authPath())).toBe(false);
    expect(agents.requests).toEqual([]);
  });
});

describe('CODEX_ACCESS_TOKEN with an Agent Identity JWT', () => {
  it('is used ahead of a stored API key, checked like a stored one, and never saved or removed', async () => {
    const key = { auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-agentenv0123456789abcdefABCDE' };
    writeFileSync(authPath(), JSON.stringify(key), { mode: 0o600 });
    const jwt = agents.mint();
    expect(await status([], { CODEX_ACCESS_TOKEN: jwt })).toEqual({
      code: 0, stdout: '', stderr: 'Logged in using access token\nStored in the CODEX_ACCESS_TOKEN environment variable\n',
    });
    expect(agents.registered).toHaveLength(1);
    expect(await status([], { CODEX_ACCESS_TOKEN: 'hello' })).toEqual({
      code: 1, stdout: '', stderr: 'Error checking login status: failed to decode agent identity JWT: invalid agent identity JWT format\n',
    });
    expect(await status([], { CODEX_ACCESS_TOKEN: agents.mint({ signer: 'untrusted' }) })).toMatchObject({ code: 1 });
    expect(JSON.parse(readFileSync(authPath(), 'utf8'))).toEqual(key);
  });
});
