// The one HTTP client every network call uses (login, refresh, revoke, API checks). Each request is
// routed by the proxy rules (src/http/proxy.ts): a direct connection goes through node:http /
// node:https (src/http/nodeFetch.ts, built into Node: a request costs a few milliseconds of start-up),
// a proxied one through undici's ProxyAgent, which is imported only then. Both trust the same extra
// CAs (CODEX_CA_CERTIFICATE / SSL_CERT_FILE / NODE_EXTRA_CA_CERTS added to Node's roots).
import type { Dispatcher } from 'undici';
import { PROXY_MARK } from './networkErrors.js';
import { createNodeFetch, REDIRECTS_LEFT, type NodeFetch } from './nodeFetch.js';
import { describeProxySettings, proxyFor, proxySettingsFromEnv, redactProxyUrl, type ProxySettings } from './proxy.js';
import { importEsm } from '../platform/importEsm.js';

export { describeNetworkError } from './networkErrors.js';

export interface HttpClient {
  fetch: typeof globalThis.fetch;
  /** e.g. `https via http://proxy:8080 (direct: loopback, .corp)`; null without a proxy. */
  proxyDescription: string | null;
}

export interface HttpClientOptions {
  env: NodeJS.ProcessEnv;
}

type Undici = typeof import('undici');

/** Builds a dispatcher that sends each request direct or via the proxy `proxyFor` picks. */
function createRoutingDispatcher(undici: Undici, settings: ProxySettings, ca: string[] | null): Dispatcher {
  const tls = ca ? { ca } : {};
  const direct = new undici.Agent({ connect: tls });
  const proxies = new Map<string, Dispatcher>();
  const route = (origin: string): Dispatcher => {
    const proxy = proxyFor(new URL(origin), settings);
    if (!proxy) return direct;
    let agent = proxies.get(proxy);
    if (!agent) {
      agent = new undici.ProxyAgent({ uri: proxy, requestTls: tls, proxyTls: tls });
      proxies.set(proxy, agent);
    }
    return agent;
  };
  class RoutingDispatcher extends undici.Dispatcher {
    override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
      return route(String(options.origin)).dispatch(options, handler);
    }
    override close(): Promise<void>;
    override close(callback: () => void): void;
    override close(callback?: () => void): Promise<void> | void {
      const done = Promise.all([direct, ...proxies.values()].map((d) => d.close())).then(() => undefined);
      if (callback) void done.then(callback);
      else return done;
    }
    override destroy(): Promise<void>;
    override destroy(err: Error | null): Promise<void>;
    override destroy(callback: () => void): void;
    override destroy(err: Error | null, callback: () => void): void;
    override destroy(...args: unknown[]): Promise<void> | void {
      const callback = args.find((a): a is () => void => typeof a === 'function');
      const done = Promise.all([direct, ...proxies.values()].map((d) => d.destroy())).then(() => undefined);
      if (callback) void done.then(callback);
      else return done;
    }
  }
  return new RoutingDispatcher();
}

/** The CA variables (src/http/caBundle.ts reads them; it loads node:tls, so only when one is set). */
const CA_SET = (env: NodeJS.ProcessEnv) => ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'CODEX_CA_CERTIFICATE'].some((name) => env[name]?.trim());

/** URL and init of fetch's arguments, a Request's own fields under the init's. */
async function normalize(input: string | URL | Request, init: RequestInit | undefined): Promise<{ url: string; init: RequestInit }> {
  if (typeof input === 'string') return { url: input, init: init ?? {} };
  if (input instanceof URL) return { url: input.href, init: init ?? {} };
  const request = input;
  const body = init?.body !== undefined ? init.body : request.body ? await request.arrayBuffer() : null;
  return {
    url: request.url,
    init: { method: request.method, headers: request.headers, signal: request.signal, redirect: request.redirect, ...init, body },
  };
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const settings = proxySettingsFromEnv(options.env);
  // A bad CA file is reported on each request (never silently ignored), so only success is kept.
  let ca: { value: string[] | null } | null = CA_SET(options.env) ? null : { value: null };
  let caBundle: typeof import('./caBundle.js') | null = null;
  const loadCa = async (): Promise<string[] | null> => {
    if (ca) return ca.value;
    caBundle ??= await import('./caBundle.js');
    const value = caBundle.loadExtraCaBundle(options.env);
    ca = { value };
    return value;
  };

  let ready: Promise<{ undici: Undici; dispatcher: Dispatcher }> | null = null;
  const undiciFor = () => {
    ready ??= Promise.all([importEsm<Undici & { default?: Undici }>('undici'), loadCa()]).then(
      ([loaded, extraCa]) => {
        // import() of a CommonJS package: its exports are named, and also the default export.
        const undici: Undici = loaded.default?.Agent ? loaded.default : loaded;
        return { undici, dispatcher: createRoutingDispatcher(undici, settings, extraCa) };
      },
      (error: unknown) => {
        ready = null;
        throw error;
      },
    );
    return ready;
  };

  let direct: NodeFetch | null = null;
  const fetch = async (input: string | URL | Request, requestInit?: RequestInit): Promise<Response> => {
    const { url, init } = await normalize(input, requestInit);
    let target: URL;
    try {
      target = new URL(url);
    } catch (cause) {
      throw new TypeError(`Failed to parse URL from ${url}`, { cause });
    }
    const proxy = safeProxyFor(url, settings);
    if (!proxy) {
      await loadCa(); // throws CaBundleError, as the proxied path does
      direct ??= createNodeFetch({ ca: () => ca?.value ?? null, follow: (next, nextInit) => fetch(next, nextInit) });
      const redirectsLeft = (init as Record<symbol, number | undefined>)[REDIRECTS_LEFT];
      return direct(target, init, redirectsLeft);
    }
    const { undici, dispatcher } = await undiciFor();
    try {
      const response = await undici.fetch(url, { ...(init as object), dispatcher } as Parameters<Undici['fetch']>[1]);
      return response as unknown as Response;
    } catch (error) {
      if (error && typeof error === 'object') (error as Record<string, unknown>)[PROXY_MARK] = redactProxyUrl(proxy);
      throw error;
    }
  };

  return { fetch: fetch as typeof globalThis.fetch, proxyDescription: describeProxySettings(settings) };
}

function safeProxyFor(url: string, settings: ProxySettings): string | null {
  try {
    return proxyFor(new URL(url), settings);
  } catch {
    return null;
  }
}
