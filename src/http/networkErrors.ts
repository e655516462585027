// Network and TLS failures as one line that says what to do. undici reports `TypeError: fetch failed`
// with the real reason in `cause` (sometimes nested, or an AggregateError for several addresses).
import { redactUrl, scrubSecrets } from '../credential/mask.js';

/** Set by the HTTP client on errors of requests that went through a proxy (redacted URL). */
export const PROXY_MARK = 'codexProxy';

const TLS_UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_UNTRUSTED',
]);
const TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const RESETS = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED']);

interface Flattened {
  codes: string[];
  messages: string[];
  names: string[];
  proxy: string | null;
}

function flatten(error: unknown, out: Flattened = { codes: [], messages: [], names: [], proxy: null }, depth = 0): Flattened {
  if (!error || typeof error !== 'object' || depth > 6) return out;
  const e = error as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string') out.codes.push(e.code);
  if (typeof e.message === 'string') out.messages.push(e.message);
  if (typeof e.name === 'string') out.names.push(e.name);
  const mark = (error as Record<string, unknown>)[PROXY_MARK];
  if (typeof mark === 'string' && !out.proxy) out.proxy = mark;
  if (Array.isArray(e.errors)) for (const inner of e.errors) flatten(inner, out, depth + 1);
  flatten(e.cause, out, depth + 1);
  return out;
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return redactUrl(url);
  }
};

/** Node's codes for a request it refused to build (a header value with characters HTTP cannot carry, …). */
const LOCAL_CODES = new Set(['ERR_INVALID_CHAR', 'ERR_INVALID_HTTP_TOKEN', 'ERR_HTTP_INVALID_HEADER_VALUE', 'ERR_INVALID_ARG_VALUE', 'ERR_INVALID_ARG_TYPE']);

/**
 * True when a failed request did not get an answer because of the network (connection, DNS, TLS,
 * proxy, timeout); false when it was refused before anything was sent, such as a header value that
 * cannot be sent (`Cannot convert argument to a ByteString`), which no retry or "save anyway" fixes.
 */
export function isNetworkFailure(error: unknown): boolean {
  const f = flatten(error);
  if (f.codes.some((c) => LOCAL_CODES.has(c)) || f.messages.some((m) => /ByteString|invalid header/i.test(m))) return false;
  return f.codes.length > 0 || f.proxy !== null || f.names.includes('TimeoutError') || f.names.includes('AbortError') || f.messages.includes('fetch failed');
}

/** A network failure that asking again may cure: not a CA bundle that cannot be read. */
export function isRetryableNetworkFailure(error: unknown): boolean {
  return isNetworkFailure(error) && !flatten(error).codes.includes('CODEX_CA_BUNDLE');
}

/** One line, no secrets: what went wrong talking to `url`, and what to do about it. */
export function describeNetworkError(error: unknown, url: string): string {
  const host = hostOf(url);
  const f = flatten(error);
  const has = (set: Set<string>) => f.codes.find((code) => set.has(code));
  const code = (c: string) => f.codes.includes(c);
  const via = f.proxy ? ` (through the proxy ${f.proxy})` : '';

  if (code('CODEX_CA_BUNDLE')) return f.messages.find((m) => m.includes('points to')) ?? f.messages[0] ?? 'Invalid CA bundle.';
  const untrusted = has(TLS_UNTRUSTED);
  if (untrusted) {
    return `The TLS certificate of ${host} is not trusted (${untrusted}): if your network inspects TLS, set CODEX_CA_CERTIFICATE to your proxy's CA bundle (a PEM file).`;
  }
  if (code('CERT_HAS_EXPIRED')) return `The TLS certificate of ${host} has expired: check your system clock, or ask whoever runs your proxy.`;
  if (code('ERR_TLS_CERT_ALTNAME_INVALID')) {
    return `The TLS certificate presented for ${host} is for another name: something between you and ${host} is intercepting; check HTTPS_PROXY and NO_PROXY.`;
  }
  const proxyStatus = f.messages.map((m) => /Proxy response \((\d+)\)/.exec(m)?.[1]).find(Boolean);
  if (proxyStatus === '407' || f.messages.some((m) => m.includes('(407)'))) {
    return `The proxy${f.proxy ? ` ${f.proxy}` : ''} asks for a login (407): put the credentials in HTTPS_PROXY (http://user:password@host:port).`;
  }
  if (proxyStatus) return `The proxy${f.proxy ? ` ${f.proxy}` : ''} refused to connect to ${host} (${proxyStatus}): check HTTPS_PROXY and NO_PROXY.`;
  if (code('ECONNREFUSED')) {
    return f.proxy
      ? `Could not connect to the proxy ${f.proxy}: connection refused. Check HTTPS_PROXY / HTTP_PROXY (or add ${host} to NO_PROXY).`
      : `Could not connect to ${host}: connection refused. Check the address, or set HTTPS_PROXY if your network needs a proxy.`;
  }
  if (code('ENOTFOUND') || code('EAI_AGAIN')) {
    return `Could not resolve ${f.proxy ? `the proxy or ${host}` : host}${via}: check your internet connection and DNS, or set HTTPS_PROXY if your network needs a proxy.`;
  }
  if (has(TIMEOUTS) || f.names.includes('TimeoutError') || f.names.includes('AbortError')) {
    return `${host} did not answer in time${via}: check your connection or proxy settings, then try again.`;
  }
  if (has(RESETS)) {
    return `The connection to ${host} was closed unexpectedly${via}: a proxy or firewall may be interfering; try again, or check HTTPS_PROXY.`;
  }
  if (code('ENETUNREACH') || code('EHOSTUNREACH')) return `${host} is unreachable from this machine${via}: check your network connection.`;
  const detail = (f.messages.find((m) => m !== 'fetch failed') ?? f.messages[0] ?? String(error)).split('\n')[0]!;
  return `Network error talking to ${host}${via}: ${redactSecrets(detail)}. Check your connection and proxy settings.`;
}

/** Errors may quote URLs or header values (`Headers.set: "Bearer …" is an invalid header value`). */
function redactSecrets(text: string): string {
  return scrubSecrets(text).slice(0, 300);
}
