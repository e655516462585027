// What a callback (`/auth/callback?…`, or the same URL pasted by the person) leads to (§3.4-§3.8):
// error copy, code exchange, workspace check, API-key exchange, save. Used by the HTTP route and
// the paste-back alike, so both finish a sign-in the same way.
import { parseIdTokenClaims, accessTokenPlan } from '../credential/jwt.js';
import type { ErrorPage, SuccessPage } from './callbackPages.js';
import type { ChatgptTokens, FlowDeps } from './flowDeps.js';
import { saveTokens, workspaceRestriction } from './finishLogin.js';
import { exchangeApiKey, exchangeCode } from './tokenExchange.js';
import { LoginError, type LoginSuccess } from './types.js';
import { scrubSecrets } from '../credential/mask.js';

const GENERIC_TITLE = 'Sign-in could not be completed';
const GENERIC_HELP = 'Return to Codex to retry, switch accounts, or contact your workspace admin if access is restricted.';
const DEFAULT_ISSUER = 'https://auth.openai.com';

export type CallbackOutcome =
  | { ok: true; success: LoginSuccess; page: SuccessPage }
  | { ok: false; error: LoginError; page: ErrorPage };

export interface CallbackContext {
  deps: FlowDeps;
  redirectUri: string;
  codeVerifier: string;
  /** The reason the attempt is over (cancelled, timed out), checked right before saving. */
  abandoned(): LoginError | null;
}

const failure = (error: LoginError, code: string, description: string, title = GENERIC_TITLE, help = GENERIC_HELP): CallbackOutcome => ({
  ok: false,
  error,
  page: { title, message: error.message, code, description, help },
});

function oauthError(error: string, description: string): CallbackOutcome {
  if (error === 'access_denied' && description.toLowerCase().includes('missing_codex_entitlement')) {
    const loginError = new LoginError(
      'missing_entitlement',
      'Codex is not enabled for your workspace. Contact your workspace administrator to request access to Codex.',
    );
    return {
      ok: false,
      error: loginError,
      page: {
        title: 'You do not have access to Codex',
        message: 'This account is not currently authorized to use Codex in this workspace.',
        code: error,
        description: 'Contact your workspace administrator to request access to Codex.',
        help: 'Contact your workspace administrator to get access to Codex, then return to Codex and try again.',
      },
    };
  }
  const loginError = new LoginError('access_denied', `Sign-in failed: ${description || error}`);
  return failure(loginError, error, description || error);
}

function successPage(deps: FlowDeps, tokens: ChatgptTokens): SuccessPage {
  const claims = parseIdTokenClaims(tokens.idToken);
  return {
    needsSetup: !claims.completedPlatformOnboarding && claims.isOrgOwner,
    platformUrl: deps.endpoints.issuer === DEFAULT_ISSUER ? 'https://platform.openai.com' : 'https://platform.api.openai.org',
    orgId: claims.organizationId,
    projectId: claims.projectId,
    plan: accessTokenPlan(tokens.accessToken),
  };
}

export async function resolveCallback(params: URLSearchParams, context: CallbackContext): Promise<CallbackOutcome> {
  const { deps } = context;
  const error = params.get('error');
  if (error) {
    // Both come from whoever made the request: terminal-safe, capped, scrubbed before they are shown.
    const code = scrubSecrets(error, [], 100) || 'error';
    deps.log?.(`OAuth callback error: ${code}`);
    return oauthError(code, scrubSecrets(params.get('error_description') ?? ''));
  }
  const code = params.get('code');
  if (!code) {
    const loginError = new LoginError('missing_code', 'Missing authorization code. Sign-in could not be completed.');
    return failure(loginError, 'missing_authorization_code', 'The browser came back without an authorization code.');
  }
  let tokens: ChatgptTokens;
  try {
    tokens = await exchangeCode(deps, { code, redirectUri: context.redirectUri, codeVerifier: context.codeVerifier });
  } catch (cause) {
    const detail = (cause as Error).message;
    deps.log?.(`Token exchange error: ${detail}`);
    return failure(new LoginError('token_exchange_failed', `Token exchange failed: ${detail}`), 'token_exchange_failed', detail);
  }
  const restriction = workspaceRestriction(tokens.idToken, deps.forcedWorkspaceIds);
  if (restriction) {
    deps.log?.(`Workspace restriction error: ${restriction}`);
    return failure(new LoginError('workspace_restriction', restriction), 'workspace_restriction', restriction);
  }
  const apiKey = await exchangeApiKey(deps, tokens.idToken);
  try {
    const success = await saveTokens(deps.sink, tokens, apiKey, context.abandoned);
    let page: SuccessPage;
    try {
      page = successPage(deps, tokens);
    } catch {
      page = { needsSetup: false, platformUrl: 'https://platform.openai.com', orgId: null, projectId: null, plan: null };
    }
    return { ok: true, success, page };
  } catch (cause) {
    const loginError = cause instanceof LoginError ? cause : new LoginError('persist_failed', String(cause));
    if (loginError.code === 'persist_failed') deps.log?.(`Persist error: ${loginError.message}`);
    return failure(loginError, loginError.code === 'persist_failed' ? 'persist_failed' : loginError.code, loginError.message);
  }
}
