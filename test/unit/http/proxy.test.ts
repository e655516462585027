// The one dispatcher and proxies: loopback never goes through a proxy, everything else does unless
// NO_PROXY says so. A recorder on loopback plays the proxy, so nothing leaves the machine.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, describeNetworkError } from '../../../src/http/client.js';
import { isLoopbackHost, proxyFor, proxySettingsFromEnv } from '../../../src/http/proxy.js';
import { lazyHttpClient } from '../../../src/cli/lazyHttp.js';
import { startAuthority } from '../../support/authority.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port where nothing listens. */
async function deadPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** A proxy that answers every request itself and records what it was asked for. */
async function startRecorder(connectStatus = 200) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.end('proxied');
  });
  server.on('connect', (req, socket: Socket) => {
    seen.push(`CONNECT ${req.url}`);
    if (connectStatus !== 200) return socket.end(`HTTP/1.1 ${connectStatus} Nope\r\nContent-Length: 0\r\n\r\n`);
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 7\r\nConnection: close\r\n\r\nproxied'));
  });
  return { url: await listen(server), seen };
}

describe('routing', () => {
  it('a request to the loopback authority goes direct although HTTPS_PROXY/HTTP_PROXY point at a dead port', async () => {
    const authority = await startAuthority();
    closers.push(() => authority.close());
    const dead = await deadPort();
    const http = createHttpClient({ env: { HTTPS_PROXY: dead, HTTP_PROXY: dead, ALL_PROXY: dead } });
    const response = await http.fetch(`${authority.url}/v1/models`);
    expect(response.status).toBe(401); // the authority answered: no proxy was involved
    const viaLocalhost = await http.fetch(`${authority.url.replace('127.0.0.1', 'localhost')}/v1/models`);
    expect(viaLocalhost.status).toBe(401);
  });

  it('a non-loopback host goes to HTTP_PROXY (the recorder sees it)', async () => {
    const recorder = await startRecorder();
    const http = createHttpClient({ env: { HTTP_PROXY: recorder.url } });
    const response = await http.fetch('http://example.invalid/some/path');
    expect(await response.text()).toBe('proxied');
    expect(recorder.seen.join(' ')).toMatch(/example\.invalid/);
    expect(http.proxyDescription).toBe(`http via ${recorder.url} (direct: loopback)`);
  });

  it('https goes through HTTPS_PROXY with CONNECT', async () => {
    const recorder = await startRecorder(403);
    const http = createHttpClient({ env: { https_proxy: '', HTTPS_PROXY: recorder.url } });
    const error = await http.fetch('https://example.invalid/oauth/token').catch((e: unknown) => e);
    expect(recorder.seen).toEqual(['CONNECT example.invalid:443']);
    expect(describeNetworkError(error, 'https://example.invalid/oauth/token')).toBe(
      `The proxy ${recorder.url} refused to connect to example.invalid (403): check HTTPS_PROXY and NO_PROXY.`,
    );
  });

  it('a dead proxy is named in the error, with what to check', async () => {
    const dead = await deadPort();
    const http = createHttpClient({ env: { HTTP_PROXY: dead } });
    const error = await http.fetch('http://example.invalid/').catch((e: unknown) => e);
    expect(describeNetworkError(error, 'http://example.invalid/')).toBe(
      `Could not connect to the proxy ${dead}: connection refused. Check HTTPS_PROXY / HTTP_PROXY (or add example.invalid to NO_PROXY).`,
    );
  });

  it('a proxy asking for credentials (407) says where to put them', async () => {
    const recorder = await startRecorder(407);
    const http = createHttpClient({ env: { HTTPS_PROXY: recorder.url.replace('//', '//user:secret@') } });
    const error = await http.fetch('https://example.invalid/').catch((e: unknown) => e);
    const line = describeNetworkError(error, 'https://example.invalid/');
    expect(line).toMatch(/asks for a login \(407\): put the credentials in HTTPS_PROXY/);
    expect(line).not.toContain('secret');
  });
});

describe('the lazy client the screens get', () => {
  it('shows the real client\'s proxy line before anything is loaded', () => {
    const env = { HTTPS_PROXY: 'http://user:secret@proxy.corp:3128', NO_PROXY: '.corp' };
    const lazy = lazyHttpClient(env);
    expect(lazy.proxyDescription).toBe('https via http://***@proxy.corp:3128 (direct: loopback, .corp)');
    expect(lazy.proxyDescription).toBe(createHttpClient({ env }).proxyDescription);
    expect(lazyHttpClient({}).proxyDescription).toBeNull();
  });
});

describe('proxyFor', () => {
  const settings = (env: NodeJS.ProcessEnv) => proxySettingsFromEnv(env);
  const pick = (url: string, env: NodeJS.ProcessEnv) => proxyFor(new URL(url), settings(env));
  const P = 'http://proxy.corp:3128';

  it('never proxies loopback: 127.0.0.0/8, localhost, ::1', () => {
    for (const url of ['http://127.0.0.1:1455/', 'https://127.8.9.10/', 'http://localhost:1/', 'http://app.localhost/', 'http://[::1]:8/']) {
      expect(pick(url, { HTTP_PROXY: P, HTTPS_PROXY: P })).toBeNull();
    }
    // Addresses next to loopback are not loopback.
    for (const url of ['http://128.0.0.1/', 'http://126.255.255.255/', 'http://[::2]/', 'http://[1::]/', 'http://[1::1]/']) {
      expect(pick(url, { HTTP_PROXY: P })).toBe(P);
    }
  });

  it('isLoopbackHost: ::1 however it is written, IPv4-mapped 127.x as URL writes it too, and nothing beside it', () => {
    const urlHost = new URL('http://[::ffff:127.0.0.1]/').hostname; // [::ffff:7f00:1]
    for (const host of ['::1', '[::1]', '0:0:0:0:0:0:0:1', '::0:1', '0::1', '::0001', '::ffff:127.0.0.1', urlHost, '0:0:0:0:0:ffff:7f00:1', '::FFFF:7F00:0001', '127.255.0.9', 'LOCALHOST']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['::', '1::', '::2', '1::1', '0:0:0:0:0:0:1:1', '::ffff:128.0.0.1', '::ffff:8000:1', 'ffff:7f00::1', '::ffff:0:1', '::7f00:1', '128.0.0.1', '127.example.com', 'example.com']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('uses HTTPS_PROXY for https and HTTP_PROXY for http, ALL_PROXY as the fallback', () => {
    expect(pick('https://auth.openai.com/', { HTTPS_PROXY: P })).toBe(P);
    expect(pick('http://auth.openai.com/', { HTTPS_PROXY: P })).toBeNull();
    expect(pick('https://auth.openai.com/', { ALL_PROXY: P })).toBe(P);
    expect(pick('https://auth.openai.com/', { HTTPS_PROXY: 'proxy.corp:3128' })).toBe(P);
  });

  it('an empty lowercase variable does not hide the uppercase one', () => {
    expect(pick('https://auth.openai.com/', { https_proxy: '', HTTPS_PROXY: P })).toBe(P);
    expect(pick('https://auth.openai.com/', { HTTPS_PROXY: P, no_proxy: '', NO_PROXY: 'openai.com' })).toBeNull();
  });

  it('NO_PROXY: exact hosts, domains, *.domain, host:port, CIDR and *', () => {
    const env = (NO_PROXY: string) => ({ HTTPS_PROXY: P, NO_PROXY });
    expect(pick('https://auth.openai.com/', env('auth.openai.com'))).toBeNull();
    expect(pick('https://auth.openai.com/', env('.openai.com'))).toBeNull();
    expect(pick('https://auth.openai.com/', env('*.openai.com'))).toBeNull();
    expect(pick('https://auth.openai.com/', env('openai.com'))).toBeNull();
    expect(pick('https://notopenai.com/', env('openai.com'))).toBe(P);
    expect(pick('https://auth.openai.com/', env('auth.openai.com:8443'))).toBe(P);
    expect(pick('https://auth.openai.com:8443/', env('auth.openai.com:8443'))).toBeNull();
    expect(pick('https://10.1.2.3/', env('10.0.0.0/8'))).toBeNull();
    expect(pick('https://11.1.2.3/', env('10.0.0.0/8'))).toBe(P);
    expect(pick('https://auth.openai.com/', env('*'))).toBeNull();
  });
});
