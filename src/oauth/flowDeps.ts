// What the sign-in flows need from the rest of the app, kept narrow so that the AuthManager,
// the HTTP client and the endpoint resolver (other modules) satisfy it structurally.
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

export interface LoginClock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

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

export const systemClock: LoginClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  setTimer: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};
