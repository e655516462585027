// Device code sign-in (§4): ask for a user code, poll until the person approved it elsewhere
// (OpenAI answers 403/404 while pending, not RFC 8628's authorization_pending), then exchange
// the code with the verifier the server hands back. No API-key exchange on this path.
import type { FlowDeps } from './flowDeps.js';
import { saveTokens, workspaceRestriction } from './finishLogin.js';
import { exchangeCode, statusText } from './tokenExchange.js';
import { LoginError, type DeviceLoginAttempt, type LoginSuccess } from './types.js';

export const DEVICE_CODE_TIMEOUT_MS = 15 * 60_000;
/** A missing or zero interval would poll in a tight loop; the real service sends 5. */
const MIN_POLL_INTERVAL_MS = 1_000;
const REQUEST_TIMEOUT_MS = 30_000;

interface UserCode {
  deviceAuthId: string;
  userCode: string;
  intervalMs: number;
}

async function postJson(deps: FlowDeps, url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const timeout = deps.clock.timeoutSignal(REQUEST_TIMEOUT_MS);
  try {
    return await deps.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new LoginError('network', deps.describeNetworkError(error, url));
  }
}

async function requestUserCode(deps: FlowDeps): Promise<UserCode> {
  const response = await postJson(deps, `${deps.endpoints.deviceApiBase}/deviceauth/usercode`, { client_id: deps.endpoints.clientId });
  const text = await response.text();
  if (response.status === 404) {
    throw new LoginError(
      'device_not_enabled',
      'device code login is not enabled for this Codex server. Use the browser login or verify the server URL.',
    );
  }
  if (!response.ok) throw new LoginError('device_failed', `device code request failed with status ${statusText(response.status)}`);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new LoginError('device_failed', 'device code request returned a response that is not JSON');
  }
  const userCode = json.user_code ?? json.usercode;
  if (typeof json.device_auth_id !== 'string' || typeof userCode !== 'string') {
    throw new LoginError('device_failed', 'device code response is missing device_auth_id or user_code');
  }
  // The interval arrives as a string ("5"); missing means 0.
  const seconds = Number.parseInt(String(json.interval ?? '0').trim(), 10);
  const intervalMs = Math.max(Number.isFinite(seconds) ? seconds * 1000 : 0, MIN_POLL_INTERVAL_MS);
  return { deviceAuthId: json.device_auth_id, userCode, intervalMs };
}

interface Authorization {
  code: string;
  codeVerifier: string;
}

async function pollForAuthorization(deps: FlowDeps, code: UserCode, startedAt: number, signal: AbortSignal): Promise<Authorization> {
  const url = `${deps.endpoints.deviceApiBase}/deviceauth/token`;
  for (;;) {
    const response = await postJson(deps, url, { device_auth_id: code.deviceAuthId, user_code: code.userCode }, signal);
    if (response.ok) {
      let json: Record<string, unknown>;
      try {
        json = (JSON.parse(await response.text()) as Record<string, unknown> | null) ?? {};
      } catch {
        // not response.json(): its SyntaxError quotes the body, which carries the code and verifier
        throw new LoginError('device_failed', 'device auth returned a response that is not JSON');
      }
      if (typeof json.authorization_code !== 'string' || typeof json.code_verifier !== 'string') {
        throw new LoginError('device_failed', 'device auth response is missing authorization_code or code_verifier');
      }
      return { code: json.authorization_code, codeVerifier: json.code_verifier };
    }
    await response.body?.cancel();
    if (response.status !== 403 && response.status !== 404) {
      throw new LoginError('device_failed', `device auth failed with status ${statusText(response.status)}`);
    }
    const remaining = startedAt + DEVICE_CODE_TIMEOUT_MS - deps.clock.now();
    if (remaining <= 0) throw new LoginError('timeout', 'device auth timed out after 15 minutes');
    await deps.clock.sleep(Math.min(code.intervalMs, remaining), signal);
  }
}

async function finishDeviceLogin(deps: FlowDeps, authorization: Authorization, abandoned: () => LoginError | null): Promise<LoginSuccess> {
  let tokens;
  try {
    tokens = await exchangeCode(deps, {
      code: authorization.code,
      redirectUri: `${deps.endpoints.issuer}/deviceauth/callback`,
      codeVerifier: authorization.codeVerifier,
    });
  } catch (error) {
    throw new LoginError('token_exchange_failed', `device code exchange failed: ${(error as Error).message}`);
  }
  const restriction = workspaceRestriction(tokens.idToken, deps.forcedWorkspaceIds);
  if (restriction) throw new LoginError('workspace_restriction', restriction);
  return saveTokens(deps.sink, tokens, null, abandoned);
}

/** Requests the code (errors such as "not enabled" throw here), then polls in the background. */
export async function startDeviceLogin(deps: FlowDeps): Promise<DeviceLoginAttempt> {
  const code = await requestUserCode(deps);
  const startedAt = deps.clock.now();
  const controller = new AbortController();
  const cancelled = new LoginError('cancelled', 'Login cancelled');
  const abandoned = () => (controller.signal.aborted ? cancelled : null);

  const done = (async () => {
    try {
      const authorization = await pollForAuthorization(deps, code, startedAt, controller.signal);
      return await finishDeviceLogin(deps, authorization, abandoned);
    } catch (error) {
      if (controller.signal.aborted) throw cancelled;
      throw error instanceof LoginError ? error : new LoginError('other', (error as Error).message);
    }
  })();
  done.catch(() => {});

  return {
    verificationUrl: deps.endpoints.deviceVerificationUrl,
    userCode: code.userCode,
    expiresAt: startedAt + DEVICE_CODE_TIMEOUT_MS,
    done,
    cancel: () => controller.abort(cancelled),
  };
}
