// Which proxy a request goes through, decided from the environment we were given (not process.env).
// Unlike undici's EnvHttpProxyAgent we: skip empty variables (an empty `https_proxy` must not hide a
// set `HTTPS_PROXY`), understand CIDR ranges and `*.domain` in NO_PROXY, and never proxy loopback.

// node:net on use (isIP, BlockList): the proxy line the screens show is parsed here at start-up,
// which must not pay for loading node:net.
const net = () => process.getBuiltinModule('node:net');
const isIP = (host: string) => net().isIP(host);

export interface ProxySettings {
  httpProxy: string | null;
  httpsProxy: string | null;
  noProxy: string[];
  /** NO_PROXY=* : nothing is proxied. */
  noProxyAll: boolean;
}

const first = (env: NodeJS.ProcessEnv, ...names: string[]): string | null => {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return null;
};

/** `host:port` without a scheme is accepted the way curl accepts it. */
const withScheme = (value: string | null) => (value && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? `http://${value}` : value);

export function proxySettingsFromEnv(env: NodeJS.ProcessEnv): ProxySettings {
  const all = first(env, 'all_proxy', 'ALL_PROXY');
  const noProxyRaw = first(env, 'no_proxy', 'NO_PROXY') ?? '';
  const noProxy = noProxyRaw.split(/[,\s]+/).map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  return {
    // Like curl: http:// targets use HTTP_PROXY, https:// targets HTTPS_PROXY, ALL_PROXY for both.
    httpProxy: withScheme(first(env, 'http_proxy', 'HTTP_PROXY') ?? all),
    httpsProxy: withScheme(first(env, 'https_proxy', 'HTTPS_PROXY') ?? all),
    noProxy,
    noProxyAll: noProxy.includes('*'),
  };
}

const stripBrackets = (host: string) => host.replace(/^\[(.*)\]$/, '$1').toLowerCase();

/** An IPv6 address as its eight groups (numbers), with `::` expanded and a dotted IPv4 tail as two groups. */
function ipv6Groups(host: string): number[] {
  const dotted = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  const text = dotted
    ? `${dotted[1]}${((Number(dotted[2]) << 8) | Number(dotted[3])).toString(16)}:${((Number(dotted[4]) << 8) | Number(dotted[5])).toString(16)}`
    : host;
  const [head = '', tail] = text.split('::');
  const groups = head ? head.split(':') : [];
  if (tail !== undefined) {
    const end = tail ? tail.split(':') : [];
    groups.push(...Array<string>(Math.max(0, 8 - groups.length - end.length)).fill('0'), ...end);
  }
  return groups.map((group) => Number.parseInt(group, 16));
}

/**
 * ::1 however it is written (0:0:0:0:0:0:0:1, ::0001…), and an IPv4-mapped 127.x address, dotted
 * (::ffff:127.0.0.1) or as URL writes it (::ffff:7f00:1).
 */
function isIpv6Loopback(host: string): boolean {
  const g = ipv6Groups(host);
  if (g.length !== 8 || g.slice(0, 5).some((n) => n !== 0)) return false;
  return (g[5] === 0 && g[6] === 0 && g[7] === 1) || (g[5] === 0xffff && g[6]! >> 8 === 127);
}

// Plain checks rather than a net.BlockList: building one on every start cost a request ~40 functions compiled.
export function isLoopbackHost(hostname: string): boolean {
  const host = stripBrackets(hostname);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const family = isIP(host);
  if (family === 4) return host.startsWith('127.');
  if (family === 6) return isIpv6Loopback(host);
  return false;
}

function matchesEntry(host: string, port: number, entry: string): boolean {
  let name = entry;
  let entryPort = 0;
  const hostPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
  if (hostPort) {
    name = hostPort[1]!;
    entryPort = Number(hostPort[2]);
  }
  if (entryPort && entryPort !== port) return false;
  name = stripBrackets(name);
  const cidr = /^(.+)\/(\d{1,3})$/.exec(name);
  if (cidr && isIP(cidr[1]!)) {
    const family = isIP(cidr[1]!) === 4 ? 'ipv4' : 'ipv6';
    if (isIP(host) === 0) return false;
    const list = new (net().BlockList)();
    try {
      list.addSubnet(cidr[1]!, Number(cidr[2]), family);
      return list.check(host, isIP(host) === 4 ? 'ipv4' : 'ipv6');
    } catch {
      return false;
    }
  }
  name = name.replace(/^\*?\./, '');
  return host === name || host.endsWith(`.${name}`);
}

/** The proxy URL for `target`, or null for a direct connection. */
export function proxyFor(target: URL, settings: ProxySettings): string | null {
  const proxy = target.protocol === 'https:' ? settings.httpsProxy : target.protocol === 'http:' ? settings.httpProxy : null;
  if (!proxy || settings.noProxyAll) return null;
  const host = stripBrackets(target.hostname);
  if (isLoopbackHost(host)) return null;
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  return settings.noProxy.some((entry) => matchesEntry(host, port, entry)) ? null : proxy;
}

/** A proxy URL fit for display: credentials replaced. */
export function redactProxyUrl(proxy: string): string {
  try {
    const url = new URL(proxy);
    if (url.username || url.password) {
      url.username = '***';
      url.password = '';
    }
    return url.toString().replace(/\/$/, '');
  } catch {
    return '<unparseable proxy URL>';
  }
}

/** One line for /status and diagnostics, or null when no proxy is configured. */
export function describeProxySettings(settings: ProxySettings): string | null {
  const parts: string[] = [];
  if (settings.httpsProxy) parts.push(`https via ${redactProxyUrl(settings.httpsProxy)}`);
  if (settings.httpProxy && settings.httpProxy !== settings.httpsProxy) parts.push(`http via ${redactProxyUrl(settings.httpProxy)}`);
  else if (settings.httpProxy) parts[0] = `http(s) via ${redactProxyUrl(settings.httpProxy)}`;
  if (parts.length === 0) return null;
  const bypass = settings.noProxyAll ? 'everything' : ['loopback', ...settings.noProxy].join(', ');
  return `${parts.join('; ')} (direct: ${bypass})`;
}
