// fetch() over node:http / node:https, for direct connections (no proxy applies to the URL). Both
// are built into Node and load in a millisecond or two, where undici from node_modules costs about
// 110 files and a WebAssembly HTTP parser compiled on first use (~150 ms before the first byte).
// It returns the Fetch API's Response (src/http/nodeResponse.ts) and behaves as undici's fetch does where codex can tell: failures
// reject with TypeError('fetch failed', {cause}) carrying Node's error code (ECONNREFUSED,
// ENOTFOUND, the TLS codes…), an aborted signal rejects with its reason, connect/headers/body
// time out as undici's Agent does, compressed answers are decoded, redirects are followed.
import type { Agent as HttpAgent, IncomingMessage, RequestOptions } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import { NodeHeaders, NodeResponse } from './nodeResponse.js';

/** undici's Agent defaults: 10 s to connect, 300 s for the headers and between body chunks. */
export const CONNECT_TIMEOUT_MS = 10_000;
export const HEADERS_TIMEOUT_MS = 300_000;
export const BODY_TIMEOUT_MS = 300_000;

export interface NodeFetchOptions {
  /** CA list for TLS (Node's roots plus extra ones), or null for Node's defaults. Read per request. */
  ca: () => string[] | null;
  /** Where a redirect goes next (the client routes it again: the new URL may need a proxy). */
  follow: (url: string, init: RequestInit) => Promise<Response>;
  timeouts?: { connectMs?: number; headersMs?: number; bodyMs?: number };
}

export interface NodeFetch {
  (url: URL, init: RequestInit, redirectsLeft?: number): Promise<Response>;
  /** Closes idle keep-alive connections. */
  close(): void;
}

/** An error shaped like undici's, so describeNetworkError and the retry rules read it the same. */
const codedError = (code: string, message: string) => Object.assign(new Error(message), { code });
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** The request body as bytes (strings, URLSearchParams and byte arrays directly; anything else through Response). */
async function bodyBytes(body: RequestInit['body']): Promise<{ bytes: Buffer | null; type: string | null }> {
  if (body === undefined || body === null) return { bytes: null, type: null };
  if (typeof body === 'string') return { bytes: Buffer.from(body), type: 'text/plain;charset=UTF-8' };
  if (body instanceof URLSearchParams) return { bytes: Buffer.from(body.toString()), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  if (body instanceof ArrayBuffer) return { bytes: Buffer.from(body), type: null };
  if (ArrayBuffer.isView(body)) return { bytes: Buffer.from(body.buffer, body.byteOffset, body.byteLength), type: null };
  const wrapped = new Response(body as ConstructorParameters<typeof Response>[0]);
  return { bytes: Buffer.from(await wrapped.arrayBuffer()), type: wrapped.headers.get('content-type') };
}

/** Header pairs of `init.headers` in any of fetch's forms, names lower-cased. */
function headerPairs(headers: RequestInit['headers']): [string, string][] {
  if (!headers) return [];
  const entries: Iterable<[string, string]> =
    typeof (headers as Headers).forEach === 'function' && !Array.isArray(headers)
      ? (() => {
          const out: [string, string][] = [];
          (headers as Headers).forEach((value, name) => out.push([name, value]));
          return out;
        })()
      : Array.isArray(headers)
        ? (headers as [string, string][])
        : Object.entries(headers as Record<string, string>);
  const out: [string, string][] = [];
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    const text = String(value);
    // fetch refuses header values with CR, LF or NUL (request smuggling); so do we, before connecting.
    if (/[\r\n\0]/.test(text) || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
      throw new TypeError(`Headers.append: "${text}" is an invalid header value.`);
    }
    out.push([name.toLowerCase(), text.trim()]);
  }
  return out;
}

/** Decodes gzip/deflate/br bodies, as fetch does (it asks for them). */
function decoded(res: IncomingMessage): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (!['gzip', 'x-gzip', 'deflate', 'br'].includes(encoding)) return res;
  const zlib = process.getBuiltinModule('node:zlib');
  const decoder =
    encoding === 'br' ? zlib.createBrotliDecompress()
      : encoding === 'deflate' ? zlib.createInflate()
        : zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  res.on('error', (error) => decoder.destroy(error));
  return res.pipe(decoder);
}

export function createNodeFetch(options: NodeFetchOptions): NodeFetch {
  const connectMs = options.timeouts?.connectMs ?? CONNECT_TIMEOUT_MS;
  const headersMs = options.timeouts?.headersMs ?? HEADERS_TIMEOUT_MS;
  const bodyMs = options.timeouts?.bodyMs ?? BODY_TIMEOUT_MS;
  let httpAgent: HttpAgent | null = null;
  const httpsAgents = new Map<string, HttpsAgent>();
  // Loaded on the first request of each kind (node:https pulls in node:tls). getBuiltinModule, not
  // import(): the bundle is CommonJS compiled through vm, which has no loader for import().
  const http = () => process.getBuiltinModule('node:http');
  const https = () => process.getBuiltinModule('node:https');

  const agentFor = (protocol: string): { request: typeof import('node:http').request; agent: HttpAgent } => {
    if (protocol === 'http:') {
      const mod = http();
      httpAgent ??= new mod.Agent({ keepAlive: true });
      return { request: mod.request, agent: httpAgent };
    }
    const mod = https();
    const ca = options.ca();
    const key = ca ? 'extra' : 'default';
    let agent = httpsAgents.get(key);
    if (!agent) {
      agent = new mod.Agent({ keepAlive: true, ...(ca ? { ca } : {}) });
      httpsAgents.set(key, agent);
    }
    return { request: mod.request, agent: agent as unknown as HttpAgent };
  };

  const nodeFetch = async (url: URL, init: RequestInit, redirectsLeft = 20): Promise<Response> => {
    const signal = init.signal ?? null;
    if (signal?.aborted) throw signal.reason;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fetchFailed(new Error(`unknown scheme ${url.protocol}`));
    if (url.username || url.password) throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${url.origin}`);
    const method = (init.method ?? 'GET').toUpperCase();
    const pairs = headerPairs(init.headers);
    const { bytes, type } = await bodyBytes(init.body);
    if (bytes && (method === 'GET' || method === 'HEAD')) throw new TypeError('Request with GET/HEAD method cannot have body.');
    const has = (name: string) => pairs.some(([n]) => n === name);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of pairs) {
      const prior = headers[name];
      headers[name] = prior === undefined ? value : name === 'set-cookie' ? [...[prior].flat(), value] : `${String(prior)}, ${value}`;
    }
    // What undici's fetch adds when the caller did not.
    if (type && !has('content-type')) headers['content-type'] = type;
    if (!has('accept')) headers.accept = '*/*';
    if (!has('accept-language')) headers['accept-language'] = '*';
    if (!has('sec-fetch-mode')) headers['sec-fetch-mode'] = 'cors';
    if (!has('user-agent')) headers['user-agent'] = 'node';
    if (!has('accept-encoding')) headers['accept-encoding'] = 'gzip, deflate, br';
    if (bytes) headers['content-length'] = String(bytes.length);
    else if (method === 'POST' || method === 'PUT') headers['content-length'] = '0';

    const { request, agent } = agentFor(url.protocol);

    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const requestOptions: RequestOptions = {
        agent,
        method,
        headers,
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
      };
      const req = request(requestOptions);
      let settled = false;
      let connectTimer: NodeJS.Timeout | null = null;
      let headersTimer: NodeJS.Timeout | null = null;
      const clear = () => {
        if (connectTimer) clearTimeout(connectTimer);
        if (headersTimer) clearTimeout(headersTimer);
        signal?.removeEventListener('abort', onAbort);
      };
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        clear();
        req.destroy();
        reject(error);
      };
      const onAbort = () => fail(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error) => fail(fetchFailed(error)));
      req.on('socket', (socket) => {
        const connected = () => {
          if (connectTimer) clearTimeout(connectTimer);
          connectTimer = null;
          headersTimer = setTimeout(() => fail(fetchFailed(codedError('UND_ERR_HEADERS_TIMEOUT', 'Headers Timeout Error'))), headersMs);
        };
        // A reused keep-alive socket is already connected.
        if (socket.connecting || (socket as { pending?: boolean }).pending) {
          connectTimer = setTimeout(
            () => fail(fetchFailed(codedError('UND_ERR_CONNECT_TIMEOUT', `Connect Timeout Error (attempted address: ${url.host}, timeout: ${connectMs}ms)`))),
            connectMs,
          );
          socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
        } else connected();
      });
      req.on('response', (incoming) => {
        if (settled) return incoming.destroy();
        settled = true;
        clear();
        resolve(incoming);
      });
      req.end(bytes ?? undefined);
    });

    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (REDIRECT.has(status) && location && (init.redirect ?? 'follow') !== 'manual') {
      res.resume();
      if (init.redirect === 'error') throw fetchFailed(new Error('unexpected redirect'));
      if (redirectsLeft <= 0) throw fetchFailed(new Error('redirect count exceeded'));
      const next = new URL(location, url);
      const toGet = status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST';
      const nextHeaders = pairs.filter(([name]) => {
        if (toGet && ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'].includes(name)) return false;
        // Credentials never follow a redirect to another origin.
        return next.origin === url.origin || !['authorization', 'cookie', 'proxy-authorization'].includes(name);
      });
      const nextInit: RequestInit = { ...init, method: toGet ? 'GET' : method, headers: nextHeaders, body: toGet ? null : (bytes ?? null) };
      return options.follow(next.href, { ...nextInit, [REDIRECTS_LEFT]: redirectsLeft - 1 } as RequestInit);
    }

    // An abort or a stalled body errors the body, as with undici.
    let bodyTimer: NodeJS.Timeout | null = null;
    const armBodyTimer = () => {
      if (bodyTimer) clearTimeout(bodyTimer);
      bodyTimer = setTimeout(() => res.destroy(codedError('UND_ERR_BODY_TIMEOUT', 'Body Timeout Error')), bodyMs);
      bodyTimer.unref();
    };
    const onAbort = () => res.destroy(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    res.on('close', () => {
      if (bodyTimer) clearTimeout(bodyTimer);
      signal?.removeEventListener('abort', onAbort);
    });
    if (status < 200 || status > 599) {
      res.destroy();
      throw fetchFailed(new Error(`invalid status ${status}`));
    }
    const responseHeaders = new NodeHeaders();
    for (let i = 0; i < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
    let body: Readable | null = null;
    if (NULL_BODY.has(status) || method === 'HEAD') {
      res.resume();
    } else {
      armBodyTimer();
      res.on('data', armBodyTimer);
      body = decoded(res);
    }
    return new NodeResponse(body, { status, statusText: res.statusMessage ?? '', headers: responseHeaders, url: url.href, redirected: redirectsLeft < 20 });
  };

  return Object.assign(nodeFetch, {
    close() {
      httpAgent?.destroy();
      for (const agent of httpsAgents.values()) agent.destroy();
    },
  });
}

/** How many redirects a followed request may still take (carried in its init by the client). */
export const REDIRECTS_LEFT = Symbol('codex.redirectsLeft');
