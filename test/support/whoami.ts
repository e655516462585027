// A loopback stand-in for the authority's personal-access-token check,
// `GET /v1/user-auth-credential/whoami` (CODEX_AUTHAPI_BASE_URL points here), answering as 0.171 expects.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WhoamiServer {
  url: string;
  requests: { method: string; path: string; headers: IncomingHttpHeaders }[];
  /** The answer: 200 with these fields, or an HTTP status. */
  answer: { status: 200; body: Record<string, unknown> } | { status: number };
  close(): Promise<void>;
}

export const PAT_OWNER = { email: 'pat@example.com', chatgpt_user_id: 'user-pat', chatgpt_account_id: 'acct-pat', chatgpt_plan_type: 'plus', chatgpt_account_is_fedramp: false };

export async function startWhoami(): Promise<WhoamiServer> {
  const state: WhoamiServer = { url: '', requests: [], answer: { status: 200, body: PAT_OWNER }, close: async () => undefined };
  const server = createServer((req, res) => {
    state.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    if (req.url !== '/v1/user-auth-credential/whoami') return res.writeHead(404).end('not found');
    const { answer } = state;
    if (answer.status !== 200) return res.writeHead(answer.status, { 'content-type': 'application/json' }).end('{"error":{"message":"bad token"}}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify((answer as { body: unknown }).body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
