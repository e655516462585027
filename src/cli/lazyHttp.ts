// An HttpClient for headless commands that loads the real one (src/http/client.ts: proxy rules and
// CA bundle, which pull in node:tls) on the first request. `codex login status` with an API key, or
// `codex logout` with nothing stored, never makes a request, so it never pays for that.
import type { HttpClient } from '../http/client.js';

export interface LazyHttpClient extends HttpClient {
  /** The real client (loaded now if it was not yet). */
  load(): Promise<HttpClient>;
}

export function lazyHttpClient(env: NodeJS.ProcessEnv): LazyHttpClient {
  let real: HttpClient | null = null;
  let loading: Promise<HttpClient> | null = null;
  const load = () =>
    (loading ??= import('../http/client.js').then(({ createHttpClient }) => (real = createHttpClient({ env }))));
  const fetch = async (input: string | URL | Request, init?: RequestInit) => (await load()).fetch(input, init);
  return {
    fetch: fetch as typeof globalThis.fetch,
    /** Known once the real client is loaded; screens receive the loaded client (see CliContext.http). */
    get proxyDescription() {
      return real?.proxyDescription ?? null;
    },
    load,
  };
}
