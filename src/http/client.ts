// The one HTTP client every network call uses (login, refresh, revoke, API checks): one undici
// dispatcher that routes each request direct or through the configured proxy and trusts extra CAs.
// undici is imported on the first request, so commands that make no network call never load it.
import type { Dispatcher } from 'undici';
import { loadExtraCaBundle } from './caBundle.js';
import { PROXY_MARK } from './networkErrors.js';
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

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const settings = proxySettingsFromEnv(options.env);
  let ready: Promise<{ undici: Undici; dispatcher: Dispatcher }> | null = null;
  const init = () => {
    ready ??= importEsm<Undici & { default?: Undici }>('undici').then((loaded) => {
      // import() of a CommonJS package: its exports are named, and also the default export.
      const undici: Undici = loaded.default?.Agent ? loaded.default : loaded;
      // A bad CA file is reported on each request (never silently ignored), so do not cache the failure.
      try {
        return { undici, dispatcher: createRoutingDispatcher(undici, settings, loadExtraCaBundle(options.env)) };
      } catch (error) {
        ready = null;
        throw error;
      }
    });
    return ready;
  };

  const fetch = async (input: string | URL | Request, requestInit?: RequestInit): Promise<Response> => {
    const { undici, dispatcher } = await init();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    try {
      const response = await undici.fetch(url, { ...(requestInit as object), dispatcher } as Parameters<Undici['fetch']>[1]);
      return response as unknown as Response;
    } catch (error) {
      const proxy = safeProxyFor(url, settings);
      if (proxy && error && typeof error === 'object') (error as Record<string, unknown>)[PROXY_MARK] = redactProxyUrl(proxy);
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
