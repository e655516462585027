// One browser sign-in attempt (§3): a PKCE authorize URL, a callback server on 127.0.0.1 and a
// single outcome. Cancel, timeout, the success page and errors all end it; after that the
// server is closed and nothing of this attempt can write credentials any more.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildAuthorizeUrl, callbackRedirectUri } from './authorizeUrl.js';
import { parsePastedCallbackUrl } from './callbackUrl.js';
import { renderErrorPage, renderSuccessPage } from './callbackPages.js';
import { resolveCallback, type CallbackOutcome } from './callbackOutcome.js';
import { bindCallbackServer } from './callbackPort.js';
import type { FlowDeps } from './flowDeps.js';
import { generatePkce, generateState } from './pkce.js';
import { LoginError, type BrowserLoginAttempt, type LoginSuccess } from './types.js';

export const BROWSER_LOGIN_TIMEOUT_MS = 10 * 60_000;
/**
 * How long the server waits for the browser to load /success after a saved sign-in. Serving the
 * page ends the attempt at once, so this only delays a browser that never comes back; a busy
 * machine can take several seconds to follow the redirect.
 */
const SUCCESS_PAGE_GRACE_MS = 15_000;

export interface BrowserLoginOptions {
  /** Requested port: 1455 falls back to 1457; 0 means any free port. */
  port: number;
  originator: string;
  timeoutMs?: number;
}

type Settled = { ok: true; success: LoginSuccess } | { ok: false; error: LoginError };

function send(res: ServerResponse, status: number, type: string, body: string, terminal: boolean, after?: () => void) {
  if (res.destroyed || res.writableEnded) return after?.();
  // 'close' too: a browser that drops the connection mid-answer must still end the attempt.
  if (after) res.once('close', after);
  const headers: Record<string, string | number> = { 'content-type': type, 'content-length': Buffer.byteLength(body) };
  // Terminal answers close the socket so a keep-alive connection cannot hold the next login.
  if (terminal) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(body, after);
}

/** `127.0.0.1:<port>` or `localhost:<port>` (any case), the only names the callback server answers to. */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (!host || port === 0) return false;
  const value = host.trim().toLowerCase();
  return value === `127.0.0.1:${port}` || value === `localhost:${port}`;
}

export async function startBrowserLogin(deps: FlowDeps, options: BrowserLoginOptions): Promise<BrowserLoginAttempt> {
  const pkce = generatePkce();
  const state = generateState();
  const timeoutMs = options.timeoutMs ?? BROWSER_LOGIN_TIMEOUT_MS;
  let settled: Settled | null = null;
  let saved: LoginSuccess | null = null;
  let successHtml: string | null = null;
  let completing = false;
  // Set while the tokens are being written: a cancel then frees the port at once, but the
  // outcome waits for the write (so "cancelled" is never reported for credentials that landed).
  let saving = false;
  let deferred: LoginError | null = null;
  let stopTimers: (() => void)[] = [];
  let resolveDone!: (value: LoginSuccess) => void;
  let rejectDone!: (error: LoginError) => void;
  const done = new Promise<LoginSuccess>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => {}); // callers that only use submitCallbackUrl() must not see an unhandled rejection
  let announceSaved!: (value: LoginSuccess) => void;
  const credentialsSaved = new Promise<LoginSuccess>((resolve) => (announceSaved = resolve));

  // node:http on use: the picker loads this module before any sign-in starts.
  const server = process.getBuiltinModule('node:http').createServer((req, res) => void route(req, res));
  server.keepAliveTimeout = 1_000;
  const closeServer = () => {
    server.close();
    server.closeAllConnections();
  };

  const finish = (error?: LoginError) => {
    if (settled) return;
    const reason = error ?? new LoginError('cancelled', 'Login cancelled');
    if (saving) {
      deferred ??= reason;
      return closeServer();
    }
    settled = saved ? { ok: true, success: saved } : { ok: false, error: deferred ?? reason };
    for (const stop of stopTimers) stop();
    stopTimers = [];
    closeServer();
    if (settled.ok) resolveDone(settled.success);
    else rejectDone(settled.error);
  };
  /** Called right before the write: why this attempt must not save, or null (then it is saving). */
  const abandoned = () => {
    const reason = settled && !settled.ok ? settled.error : deferred;
    if (!reason) saving = true;
    return reason;
  };

  let port = 0;
  const complete = async (params: URLSearchParams): Promise<CallbackOutcome> => {
    completing = true;
    const outcome = await resolveCallback(params, { deps, redirectUri: callbackRedirectUri(port), codeVerifier: pkce.verifier, abandoned });
    if (outcome.ok) {
      saved = outcome.success;
      announceSaved(saved);
    }
    if (saving) {
      saving = false;
      if (deferred) finish(deferred);
    }
    return outcome;
  };

  async function route(req: IncomingMessage, res: ServerResponse) {
    // DNS-rebinding guard: a page on evil.com that resolves to 127.0.0.1 reaches this server with
    // its own Host. Only requests addressed to this server by name are answered, /cancel included
    // (cancelPreviousLoginServer sends Host: 127.0.0.1:<port>, as Node does for that address).
    if (!isOwnHost(req.headers.host, port)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden', false);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'Bad Request', false);
    }
    if (url.pathname === '/auth/callback') {
      if (url.searchParams.get('state') !== state) return send(res, 400, 'text/plain; charset=utf-8', 'State mismatch', false);
      if (completing || settled) return send(res, 409, 'text/plain; charset=utf-8', 'This sign-in is already being completed.', false);
      const outcome = await complete(url.searchParams);
      if (settled) return; // cancelled or timed out meanwhile: the connection is already closed
      if (outcome.ok) {
        successHtml = renderSuccessPage(outcome.page);
        stopTimers.push(deps.clock.setTimer(() => finish(), SUCCESS_PAGE_GRACE_MS));
        res.writeHead(302, { location: `http://localhost:${port}/success`, 'content-length': 0 });
        return res.end();
      }
      return send(res, 200, 'text/html; charset=utf-8', renderErrorPage(outcome.page), true, () => finish(outcome.error));
    }
    if (url.pathname === '/success' && successHtml) {
      return send(res, 200, 'text/html; charset=utf-8', successHtml, true, () => finish());
    }
    if (url.pathname === '/cancel') {
      return send(res, 200, 'text/plain; charset=utf-8', 'Login cancelled', true, () => finish(new LoginError('cancelled', 'Login cancelled')));
    }
    return send(res, 404, 'text/plain; charset=utf-8', 'Not Found', false);
  }

  port = await bindCallbackServer(server, options.port, deps.log);
  const expiresAt = deps.clock.now() + timeoutMs;
  stopTimers.push(deps.clock.setTimer(() => finish(new LoginError('timeout', 'Login timed out')), timeoutMs));
  const authUrl = buildAuthorizeUrl({
    authorizeUrl: deps.endpoints.authorizeUrl,
    clientId: deps.endpoints.clientId,
    redirectUri: callbackRedirectUri(port),
    codeChallenge: pkce.challenge,
    state,
    originator: options.originator,
    allowedWorkspaceIds: deps.forcedWorkspaceIds,
  });

  return {
    authUrl,
    port,
    expiresAt,
    done,
    saved: credentialsSaved,
    cancel: () => finish(new LoginError('cancelled', 'Login cancelled')),
    async submitCallbackUrl(pasted: string) {
      if (settled) {
        if (settled.ok) return;
        throw settled.error;
      }
      const params = parsePastedCallbackUrl(pasted);
      if (params.get('state') !== state) {
        throw new LoginError(
          'state_mismatch',
          'That URL belongs to a different sign-in attempt (its state does not match). Paste the address from the tab this sign-in opened.',
        );
      }
      if (completing) throw new LoginError('other', 'This sign-in is already being completed.');
      const outcome = await complete(params);
      finish(outcome.ok ? undefined : outcome.error);
      if (!outcome.ok) throw outcome.error;
    },
  };
}
