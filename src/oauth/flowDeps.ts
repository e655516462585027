// What the sign-in flows need from the rest of the app, kept narrow so that the AuthManager,
// the HTTP client and the endpoint resolver (other modules) satisfy it structurally.
import { systemClock, type Clock } from '../platform/clock.js';

export interface ChatgptTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

/** Persists a finished sign-in (AuthManager.saveChatgptTokens: atomic, under the auth lock). */
export interface TokenSink {
  saveChatgptTokens(tokens: ChatgptTokens & { apiKey?: string | null }): Promise<unknown>;
}

export interface OAuthEndpoints {
  /** No trailing slash. */
  issuer: string;
  clientId: string;
  authorizeUrl: string;
  tokenUrl: string;
  deviceApiBase: string;
  deviceVerificationUrl: string;
}

/** What the flows use of the clock (src/platform/clock.ts): time, sleeps, timers and request timeouts. */
export type LoginClock = Pick<Clock, 'now' | 'sleep' | 'setTimer' | 'timeoutSignal'>;

export interface FlowDeps {
  fetch: typeof globalThis.fetch;
  endpoints: OAuthEndpoints;
  sink: TokenSink;
  forcedWorkspaceIds: readonly string[] | null;
  clock: LoginClock;
  /** One line saying what went wrong with the network and what to do (src/http/client.ts). */
  describeNetworkError(error: unknown, url: string): string;
  /** Diagnostics (never secrets); stderr in the CLI, a log file or nothing in the UI. */
  log?(line: string): void;
}

export { systemClock };
