// An HttpClient that loads the real one (src/http/client.ts: node:http, proxy rules and CA bundle,
// which pull in node:tls) on the first request. `codex login status` with an API key, or `codex
// logout` with nothing stored, never makes a request, so it never pays for that; nor does the
// first frame of the screens.
import type { HttpClient } from '../http/client.js';
import { describeProxySettings, proxySettingsFromEnv } from '../http/proxy.js';

export interface LazyHttpClient extends HttpClient {
  /** The real client (loaded now if it was not yet). */
  load(): Promise<HttpClient>;
}

export function lazyHttpClient(env: NodeJS.ProcessEnv): LazyHttpClient {
  let real: HttpClient | null = null;
  let loading: Promise<HttpClient> | null = null;
  let description: { value: string | null } | null = null;
  const load = () =>
    (loading ??= import('../http/client.js').then(({ createHttpClient }) => (real = createHttpClient({ env }))));
  const fetch = async (input: string | URL | Request, init?: RequestInit) => (await load()).fetch(input, init);
  return {
    fetch: fetch as typeof globalThis.fetch,
    /** The real client's own line (the same settings), without loading it. */
    get proxyDescription() {
      return real ? real.proxyDescription : (description ??= { value: describeProxySettings(proxySettingsFromEnv(env)) }).value;
    },
    load,
  };
}
