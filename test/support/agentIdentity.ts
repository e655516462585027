// A loopback stand-in for the ChatGPT backend's Agent Identity JWKS and the authority's task
// registration, answering as the real Codex CLI 0.171 expects (recorded against it):
//   GET  /backend-api/wham/agent-identities/jwks   (chatgpt_base_url = `${url}/backend-api/`)
//   GET  /jwks/agent-identities/jwks               (CODEX_AGENT_IDENTITY_JWKS_BASE_URL = `${url}/jwks`)
//   POST /api/accounts/v1/agent/{runtime}/task/register
//                                                  (CODEX_AGENT_IDENTITY_AUTHAPI_BASE_URL = `${url}/api/accounts`)
// It mints the JWTs too (RS256 with its key, or another key, or unsigned), and a registration is
// accepted only when signed with the private key of a JWT it minted, so a test sees a real check.
import { generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export const AGENT = { accountId: 'acct-agent', userId: 'user-agent', email: 'agent@example.com', plan: 'plus' };
const ISSUER = 'https://chatgpt.com/codex-backend/agent-identity';
const KID = 'agent-kid-1';

export interface AgentIdentityRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface AgentIdentityBehavior {
  /** Answer the JWKS with this status (and an error body) instead of the key set. */
  jwksStatus: number | null;
  /** Answer registrations with this status and body instead of a task id. */
  registerFailure: { status: number; body: string } | null;
}

export interface MintOptions {
  /** Claims to add, replace, or (undefined) leave out. */
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  /** `trusted` (the served key), `untrusted` (a key the JWKS does not have) or `unsigned` (`alg: none`). */
  signer?: 'trusted' | 'untrusted' | 'unsigned';
}

export interface AgentIdentityServer {
  url: string;
  /** Environment pointing a CLI's JWKS and registration here (chatgpt_base_url stays production). */
  env: Record<string, string>;
  behavior: AgentIdentityBehavior;
  requests: AgentIdentityRequest[];
  /** Registrations that carried a valid signature of a minted agent, with their runtime id. */
  registered: string[];
  mint(options?: MintOptions): string;
  reset(): void;
  close(): Promise<void>;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function startAgentIdentityServer(): Promise<AgentIdentityServer> {
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const untrusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const agents = new Map<string, KeyObject>(); // runtime id → public key of its agent_private_key
  const defaults = (): AgentIdentityBehavior => ({ jwksStatus: null, registerFailure: null });
  const state: AgentIdentityServer = {
    url: '', env: {}, behavior: defaults(), requests: [], registered: [],
    mint: () => '', reset: () => undefined, close: async () => undefined,
  };

  state.mint = ({ claims = {}, header = {}, signer = 'trusted' } = {}) => {
    const agentKey = generateKeyPairSync('ed25519');
    const runtime = `agent-runtime-${randomBytes(4).toString('hex')}`;
    agents.set(runtime, agentKey.publicKey);
    const now = Math.floor(Date.now() / 1000);
    const payload: Record<string, unknown> = {
      iss: ISSUER, aud: 'codex-app-server', iat: now, exp: now + 3600, agent_runtime_id: runtime,
      agent_private_key: agentKey.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      account_id: AGENT.accountId, chatgpt_user_id: AGENT.userId, email: AGENT.email, plan_type: AGENT.plan,
      chatgpt_account_is_fedramp: false, ...claims,
    };
    for (const [name, value] of Object.entries(claims)) if (value === undefined) delete payload[name];
    const head = { alg: signer === 'unsigned' ? 'none' : 'RS256', typ: 'JWT', kid: KID, ...header };
    for (const [name, value] of Object.entries(header)) if (value === undefined) delete (head as Record<string, unknown>)[name];
    const input = `${b64(head)}.${b64(payload)}`;
    if (signer === 'unsigned') return `${input}.`;
    const key = signer === 'trusted' ? trusted.privateKey : untrusted.privateKey;
    return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
  };

  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const path = req.url ?? '';
      state.requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(typeof value === 'string' ? value : JSON.stringify(value));
      if (req.method === 'GET' && (path === '/backend-api/wham/agent-identities/jwks' || path === '/jwks/agent-identities/jwks')) {
        if (state.behavior.jwksStatus) return json(state.behavior.jwksStatus, { detail: 'unavailable' });
        const jwk = { ...trusted.publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' };
        return json(200, { keys: [jwk] });
      }
      const registration = /^\/api\/accounts\/v1\/agent\/([^/]+)\/task\/register$/.exec(path);
      if (req.method === 'POST' && registration) {
        const failure = state.behavior.registerFailure;
        if (failure) return json(failure.status, failure.body);
        const runtime = decodeURIComponent(registration[1]!);
        const publicKey = agents.get(runtime);
        let request: { timestamp?: unknown; signature?: unknown } = {};
        try {
          request = JSON.parse(body) as typeof request;
        } catch {
          // answered below
        }
        const signed = publicKey && typeof request.timestamp === 'string' && typeof request.signature === 'string'
          && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(request.timestamp)
          && verify(null, Buffer.from(`${runtime}:${request.timestamp}`), publicKey, Buffer.from(request.signature, 'base64'));
        if (!signed) return json(401, { error: { message: 'invalid agent signature' } });
        state.registered.push(runtime);
        return json(200, { task_id: `task-${randomBytes(4).toString('hex')}` });
      }
      json(404, { detail: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.env = { CODEX_AGENT_IDENTITY_JWKS_BASE_URL: `${state.url}/jwks`, CODEX_AGENT_IDENTITY_AUTHAPI_BASE_URL: `${state.url}/api/accounts` };
  state.reset = () => {
    state.behavior = defaults();
    state.requests.length = 0;
    state.registered.length = 0;
  };
  state.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
