// A real OAuth authority and ChatGPT/OpenAI backend on loopback, speaking the wire format the real
// services use (see ../shared/reference/codex-auth.md §3-§5, §10.5). Tests steer it through
// `behavior` and read what it saw through `requests`.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALICE, type TestAccount, makeAccessToken, makeIdToken, makeRefreshToken } from './jwt.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

export interface AuthorityBehavior {
  /** The account whose tokens the authority issues. */
  account: TestAccount;
  accessTtlSeconds: number;
  /** Rotate refresh tokens (single use) as the real authority does. */
  rotateRefreshTokens: boolean;
  /** Force an answer for /oauth/token refresh requests: e.g. {status: 401, code: 'refresh_token_expired'}. */
  refreshFailure: { status: number; code?: string; message?: string; raw?: string } | null;
  refreshDelayMs: number;
  /** Answer refreshes without an id_token (the field is optional on the wire, §5.1). */
  refreshOmitsIdToken: boolean;
  /** Redirect from /oauth/authorize with this error instead of a code. */
  authorizeError: { error: string; error_description?: string } | null;
  /** Status for authorization_code exchanges (200 = normal). */
  codeExchangeStatus: number;
  apiKeyExchangeStatus: number;
  revokeStatus: number;
  deviceCodeEnabled: boolean;
  /** Status the user-code request returns instead of a code (e.g. 500); 404 is deviceCodeEnabled=false. */
  deviceUserCodeFailure: number | null;
  /** How many polls answer "pending" (403/404) before the code is authorised. */
  devicePendingPolls: number;
  deviceInterval: string;
  /** Status the device token poll returns instead of pending/success (e.g. 401). */
  devicePollFailure: number | null;
  usage: Record<string, unknown>;
}

export interface Authority {
  url: string;
  /** Base of the backend: use as chatgpt_base_url (`${url}/backend-api/`). */
  chatgptBaseUrl: string;
  /** Use as openai_base_url (`${url}/v1`). */
  openaiBaseUrl: string;
  behavior: AuthorityBehavior;
  requests: RecordedRequest[];
  count(path: string, grantType?: string): number;
  /** Makes the tokens of an auth.json known, as if this authority had issued them. */
  seedAuth(auth: { tokens?: { access_token: string; refresh_token: string } }, account?: TestAccount): void;
  validApiKeys: Set<string>;
  revokeAccessToken(token: string): void;
  close(): Promise<void>;
}

const DEFAULT_USAGE = {
  plan_type: 'plus',
  rate_limit: {
    allowed: true,
    limit_reached: false,
    primary_window: { used_percent: 24.5, limit_window_seconds: 18000, reset_after_seconds: 3600, reset_at: 1893456000 },
    secondary_window: { used_percent: 80, limit_window_seconds: 604800, reset_at: 1894060800 },
  },
  credits: { has_credits: true, unlimited: false, balance: '5.39' },
};

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { _raw: text };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startAuthority(overrides: Partial<AuthorityBehavior> = {}): Promise<Authority> {
  const behavior: AuthorityBehavior = {
    account: ALICE,
    accessTtlSeconds: 3600,
    rotateRefreshTokens: true,
    refreshFailure: null,
    refreshDelayMs: 0,
    refreshOmitsIdToken: false,
    authorizeError: null,
    codeExchangeStatus: 200,
    apiKeyExchangeStatus: 200,
    revokeStatus: 200,
    deviceCodeEnabled: true,
    deviceUserCodeFailure: null,
    devicePendingPolls: 1,
    deviceInterval: '0',
    devicePollFailure: null,
    usage: DEFAULT_USAGE,
    ...overrides,
  };
  const requests: RecordedRequest[] = [];
  const codes = new Map<string, { challenge: string; redirectUri: string; account: TestAccount }>();
  const refreshTokens = new Map<string, { account: TestAccount; used: boolean }>();
  const accessTokens = new Set<string>();
  const revoked = new Set<string>();
  const devices = new Map<string, { userCode: string; polls: number }>();
  const validApiKeys = new Set<string>();
  let url = '';

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const oauthError = (res: ServerResponse, status: number, code: string, message: string) =>
    json(res, status, { error: { message, type: 'invalid_request_error', param: null, code } });

  function issueTokens(account: TestAccount) {
    const access = makeAccessToken(account, behavior.accessTtlSeconds);
    const refresh = makeRefreshToken();
    accessTokens.add(access);
    refreshTokens.set(refresh, { account, used: false });
    return { id_token: makeIdToken(account), access_token: access, refresh_token: refresh };
  }

  async function token(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>) {
    const grant = String(body.grant_type ?? '');
    if (grant === 'authorization_code') {
      if (behavior.codeExchangeStatus !== 200) {
        return json(res, behavior.codeExchangeStatus, { error: 'server_error', error_description: 'authority is having a bad day' });
      }
      const entry = codes.get(String(body.code));
      if (!entry) return json(res, 400, { error: 'invalid_grant', error_description: 'unknown authorization code' });
      codes.delete(String(body.code));
      const challenge = createHash('sha256').update(String(body.code_verifier ?? '')).digest('base64url');
      if (challenge !== entry.challenge) return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
      if (body.redirect_uri !== entry.redirectUri) return json(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri mismatch' });
      return json(res, 200, issueTokens(entry.account));
    }
    if (grant === 'urn:ietf:params:oauth:grant-type:token-exchange') {
      if (behavior.apiKeyExchangeStatus !== 200) return json(res, behavior.apiKeyExchangeStatus, { error: 'exchange_failed' });
      const key = `sk-proj-exchanged${randomBytes(20).toString('hex')}`;
      validApiKeys.add(key);
      return json(res, 200, { access_token: key });
    }
    if (grant === 'refresh_token') {
      if (behavior.refreshDelayMs) await sleep(behavior.refreshDelayMs);
      const failure = behavior.refreshFailure;
      if (failure) {
        if (failure.raw !== undefined) {
          res.writeHead(failure.status, { 'content-type': 'text/plain' });
          return res.end(failure.raw);
        }
        return oauthError(res, failure.status, failure.code ?? 'server_error', failure.message ?? 'refresh failed');
      }
      const entry = refreshTokens.get(String(body.refresh_token));
      if (!entry) return oauthError(res, 401, 'refresh_token_invalidated', 'Your refresh token has been invalidated.');
      if (entry.used) return oauthError(res, 401, 'refresh_token_reused', 'Your refresh token has already been used.');
      if (behavior.rotateRefreshTokens) entry.used = true;
      const issued = issueTokens(entry.account);
      if (!behavior.rotateRefreshTokens) {
        refreshTokens.delete(issued.refresh_token);
        issued.refresh_token = String(body.refresh_token);
      }
      if (behavior.refreshOmitsIdToken) return json(res, 200, { access_token: issued.access_token, refresh_token: issued.refresh_token });
      return json(res, 200, issued);
    }
    return json(res, 400, { error: 'unsupported_grant_type' });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const parsed = new URL(req.url ?? '/', url);
    const body = req.method === 'POST' ? await readBody(req) : {};
    requests.push({
      method: req.method ?? 'GET',
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      headers: req.headers,
      body,
    });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    switch (`${req.method} ${parsed.pathname}`) {
      case 'GET /oauth/authorize': {
        // Stands in for the person approving the sign-in: straight back to redirect_uri.
        const q = parsed.searchParams;
        const target = new URL(q.get('redirect_uri') ?? 'http://localhost/');
        if (behavior.authorizeError) {
          for (const [k, v] of Object.entries(behavior.authorizeError)) if (v !== undefined) target.searchParams.set(k, v);
        } else {
          const code = `ac_${randomBytes(16).toString('hex')}`;
          codes.set(code, { challenge: q.get('code_challenge') ?? '', redirectUri: q.get('redirect_uri') ?? '', account: behavior.account });
          target.searchParams.set('code', code);
        }
        target.searchParams.set('state', q.get('state') ?? '');
        res.writeHead(302, { location: target.toString() });
        return res.end();
      }
      case 'POST /oauth/token':
        return token(req, res, body);
      case 'POST /oauth/revoke':
        if (behavior.revokeStatus !== 200) return json(res, behavior.revokeStatus, { error: 'server_error' });
        refreshTokens.delete(String(body.token));
        revoked.add(String(body.token));
        return json(res, 200, {});
      case 'POST /api/accounts/deviceauth/usercode': {
        if (!behavior.deviceCodeEnabled) return json(res, 404, { error: 'not_found' });
        if (behavior.deviceUserCodeFailure) return json(res, behavior.deviceUserCodeFailure, { error: 'server_error' });
        const id = `dev_${randomBytes(8).toString('hex')}`;
        const userCode = `${randomBytes(2).toString('hex')}-${randomBytes(3).toString('hex')}`.toUpperCase();
        devices.set(id, { userCode, polls: 0 });
        return json(res, 200, { device_auth_id: id, user_code: userCode, interval: behavior.deviceInterval });
      }
      case 'POST /api/accounts/deviceauth/token': {
        const device = devices.get(String(body.device_auth_id));
        if (!device || device.userCode !== body.user_code) return json(res, 404, { error: 'not_found' });
        if (behavior.devicePollFailure) return json(res, behavior.devicePollFailure, { error: 'denied' });
        if (device.polls++ < behavior.devicePendingPolls) return json(res, 403, { error: 'authorization_pending' });
        devices.delete(String(body.device_auth_id));
        const verifier = randomBytes(64).toString('base64url');
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        const code = `ac_${randomBytes(16).toString('hex')}`;
        codes.set(code, { challenge, redirectUri: `${url}/deviceauth/callback`, account: behavior.account });
        return json(res, 200, { authorization_code: code, code_challenge: challenge, code_verifier: verifier });
      }
      case 'GET /backend-api/wham/usage': {
        const exp = accessTokens.has(bearer) && !revoked.has(bearer) ? expiryOf(bearer) : 0;
        if (exp * 1000 <= Date.now()) return json(res, 401, { detail: 'Unauthorized' });
        return json(res, 200, behavior.usage);
      }
      case 'GET /v1/models':
        if (!validApiKeys.has(bearer)) {
          return json(res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } });
        }
        return json(res, 200, { object: 'list', data: [{ id: 'gpt-5-codex', object: 'model' }] });
      default:
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('Not Found');
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    chatgptBaseUrl: `${url}/backend-api/`,
    openaiBaseUrl: `${url}/v1`,
    behavior,
    requests,
    count: (path, grantType) =>
      requests.filter((r) => r.path === path && (grantType === undefined || r.body.grant_type === grantType)).length,
    seedAuth(auth, account = behavior.account) {
      if (!auth.tokens) return;
      accessTokens.add(auth.tokens.access_token);
      refreshTokens.set(auth.tokens.refresh_token, { account, used: false });
    },
    validApiKeys,
    revokeAccessToken: (token) => void revoked.add(token),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function expiryOf(token: string): number {
  try {
    return Number(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).exp) || 0;
  } catch {
    return 0;
  }
}
