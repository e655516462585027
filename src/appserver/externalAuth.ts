// ChatGPT tokens owned by the parent app (`chatgptAuthTokens`, §6.3): held in this process's memory
// only, never written to any store. When a backend request made with them gets a 401, the client is
// asked for new ones (server -> client `account/chatgptAuthTokens/refresh`, 10 s), the answer is
// checked like a new sign-in, and the request is retried once. Every failure fails that one request.
import { decodeJwtPayload, jwtExpiry } from '../credential/jwt.js';
import { planFromClaim, planFromRaw, type PlanType } from '../credential/plan.js';
import { internalError, invalidRequest, RpcError } from './rpcError.js';
import { parseParams, tokensRefreshResult } from './params.js';

export const EXTERNAL_REFRESH_TIMEOUT_MS = 10_000;

export interface ExternalTokens {
  accessToken: string;
  accountId: string;
  planType: PlanType;
  email: string | null;
  userId: string | null;
  /** Epoch ms of the token's exp, when it has one. */
  expiresAt: number | null;
}

/** Asks the client for new tokens: resolves with its raw answer, rejects on error, timeout or hang-up. */
export type TokensRefresher = (params: { reason: 'unauthorized'; previousAccountId: string | null }, signal: AbortSignal) => Promise<unknown>;

const AUTH_CLAIM = 'https://api.openai.com/auth';
const PROFILE_CLAIM = 'https://api.openai.com/profile';
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const claimsOf = (payload: Record<string, unknown>, key: string) => (payload[key] ?? {}) as Record<string, unknown>;

const workspaceList = (ids: readonly string[]) => `[${ids.map((id) => JSON.stringify(id)).join(', ')}]`;

/** Builds the tokens from what the client handed in; throws the message the caller wraps. */
function tokensFrom(accessToken: string, accountId: string, rawPlan: string | null | undefined): ExternalTokens {
  const payload = decodeJwtPayload(accessToken, 'access token');
  const auth = claimsOf(payload, AUTH_CLAIM);
  const claimPlan = str(auth.chatgpt_plan_type);
  return {
    accessToken,
    accountId,
    planType: rawPlan ? planFromRaw(rawPlan) : planFromClaim(claimPlan),
    email: str(payload.email) ?? str(claimsOf(payload, PROFILE_CLAIM).email),
    userId: str(auth.chatgpt_user_id) ?? str(auth.user_id),
    expiresAt: jwtExpiry(accessToken),
  };
}

export class ExternalAuth {
  private tokens: ExternalTokens | null = null;

  constructor(private readonly forcedWorkspaceIds: readonly string[] | null) {}

  get current(): ExternalTokens | null {
    return this.tokens;
  }

  /** account/login/start {type:"chatgptAuthTokens"}. */
  set(accessToken: string, accountId: string, plan: string | null | undefined): ExternalTokens {
    const forced = this.forcedWorkspaceIds;
    if (forced && forced.length > 0 && !forced.includes(accountId)) {
      throw invalidRequest(`External auth must use one of workspace(s) ${workspaceList(forced)}, but received ${JSON.stringify(accountId)}.`);
    }
    try {
      this.tokens = tokensFrom(accessToken, accountId, plan);
    } catch (error) {
      throw internalError(`failed to set external auth: ${(error as Error).message}`);
    }
    return this.tokens;
  }

  clear(): void {
    this.tokens = null;
  }

  /** GET/POST with the client's bearer; one refresh through the client on 401, then one retry. */
  async fetch(fetchImpl: typeof globalThis.fetch, url: string, init: RequestInit, refresher: TokensRefresher): Promise<Response> {
    const first = this.tokens;
    if (!first) throw invalidRequest('codex account authentication required');
    const response = await fetchImpl(url, { ...init, headers: this.headers(first, init.headers) });
    if (response.status !== 401) return response;
    await response.body?.cancel().catch(() => undefined);
    const next = await this.refresh(first, refresher);
    return fetchImpl(url, { ...init, headers: this.headers(next, init.headers) });
  }

  private headers(tokens: ExternalTokens, given: RequestInit['headers']): Record<string, string> {
    const headers = new Headers(given);
    headers.set('authorization', `Bearer ${tokens.accessToken}`);
    headers.set('chatgpt-account-id', tokens.accountId);
    return Object.fromEntries(headers.entries());
  }

  private async refresh(previous: ExternalTokens, refresher: TokensRefresher): Promise<ExternalTokens> {
    const seconds = EXTERNAL_REFRESH_TIMEOUT_MS / 1000;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`auth refresh request timed out after ${seconds}s`)), EXTERNAL_REFRESH_TIMEOUT_MS);
    let answer: unknown;
    try {
      answer = await refresher({ reason: 'unauthorized', previousAccountId: previous.accountId }, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) throw internalError(`auth refresh request timed out after ${seconds}s`);
      if (error instanceof RpcError) throw internalError(`auth refresh request failed: code=${error.code} message=${error.message}`);
      throw internalError(`auth refresh request canceled: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    let result;
    try {
      result = parseParams(tokensRefreshResult, answer, 'account/chatgptAuthTokens/refresh');
    } catch {
      throw internalError('external auth refresh did not return ChatGPT metadata');
    }
    const accountId = result.chatgptAccountId;
    if (!accountId) throw internalError('external auth refresh did not return ChatGPT metadata');
    const forced = this.forcedWorkspaceIds;
    if (forced && forced.length > 0 && !forced.includes(accountId)) {
      throw internalError(`external auth refresh returned workspace ${JSON.stringify(accountId)}, expected one of ${workspaceList(forced)}`);
    }
    let next: ExternalTokens;
    try {
      next = tokensFrom(result.accessToken, accountId, result.chatgptPlanType);
    } catch (error) {
      throw internalError(`external auth refresh returned an invalid access token: ${(error as Error).message}`);
    }
    // The tokens may have been replaced or cleared (logout) while the client answered: keep that.
    if (this.tokens === previous) this.tokens = next;
    return next;
  }
}
