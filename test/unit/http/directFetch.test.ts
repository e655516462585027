// Direct connections (no proxy applies) go through node:http / node:https (src/http/nodeFetch.ts),
// not undici: the request a server sees, the Response the caller gets, redirects, aborts and
// timeouts, and failures described in the same words as before (src/http/networkErrors.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, describeNetworkError } from '../../../src/http/client.js';
import { createNodeFetch } from '../../../src/http/nodeFetch.js';
import { NodeHeaders } from '../../../src/http/nodeResponse.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const client = () => createHttpClient({ env: {} });
const failure = async (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

describe('the request', () => {
  it('POSTs a JSON body with the headers undici sent, and reads status, headers and body', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(201, 'Made', { 'content-type': 'application/json', 'x-one': 'a' });
      res.end('{"ok":true}');
    });
    const response = await client().fetch(`${server.url}/oauth/token?x=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token' }),
    });
    expect(server.seen[0]).toMatchObject({ method: 'POST', url: '/oauth/token?x=1', body: '{"grant_type":"refresh_token"}' });
    expect(server.seen[0]!.headers).toMatchObject({
      'content-type': 'application/json', accept: 'application/json', 'content-length': '30',
      'accept-language': '*', 'sec-fetch-mode': 'cors', 'user-agent': 'node', 'accept-encoding': 'gzip, deflate, br',
    });
    expect(response).toMatchObject({ status: 201, statusText: 'Made', ok: true, redirected: false, url: `${server.url}/oauth/token?x=1` });
    expect(response.headers.get('X-One')).toBe('a');
    expect(await response.json()).toEqual({ ok: true });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('a form body gets the form content type; Headers objects and arrays of pairs are accepted', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    await client().fetch(server.url, { method: 'POST', body: new URLSearchParams({ a: '1 2' }), headers: new Headers({ 'X-A': '1' }) });
    await client().fetch(server.url, { headers: [['x-b', '2']] });
    expect(server.seen[0]).toMatchObject({ body: 'a=1+2' });
    expect(server.seen[0]!.headers).toMatchObject({ 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', 'x-a': '1' });
    expect(server.seen[1]!.headers['x-b']).toBe('2');
  });

  it('a header value with a line break is refused before anything is sent', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    const error = await failure(client().fetch(server.url, { headers: { authorization: 'Bearer a\r\nx-evil: 1' } }));
    expect(error).toBeInstanceOf(TypeError);
    expect(server.seen).toEqual([]);
  });
});

describe('the response', () => {
  it('gzip answers are decoded; 204 has no body; a 500 is a response, not an error', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/gzip') {
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end(gzipSync('hello, compressed'));
      } else if (req.url === '/empty') {
        res.writeHead(204).end();
      } else res.writeHead(500).end('boom');
    });
    expect(await (await client().fetch(`${server.url}/gzip`)).text()).toBe('hello, compressed');
    const empty = await client().fetch(`${server.url}/empty`);
    expect(empty.body).toBeNull();
    expect(await empty.text()).toBe('');
    const failed = await client().fetch(`${server.url}/boom`);
    expect([failed.ok, failed.status, await failed.text()]).toEqual([false, 500, 'boom']);
  });

  it('Headers follow the Fetch standard: names lower-cased and sorted, values combined, Set-Cookie apart', () => {
    const headers = new NodeHeaders([['B', '2'], ['a', '1'], ['b', '3'], ['Set-Cookie', 'x=1'], ['set-cookie', 'y=2']]);
    expect([...headers]).toEqual([['a', '1'], ['b', '2, 3'], ['set-cookie', 'x=1'], ['set-cookie', 'y=2']]);
    expect(headers.getSetCookie()).toEqual(['x=1', 'y=2']);
    headers.set('A', '9');
    headers.delete('b');
    expect([...headers.keys()]).toEqual(['a', 'set-cookie', 'set-cookie']);
    expect(headers.get('a')).toBe('9');
    expect(() => headers.append('bad name', 'v')).toThrow(TypeError);
  });

  it('clone() gives two readable copies; body is a web stream that can be cancelled', async () => {
    const server = await serve((_req, res) => res.end('twice'));
    const response = await client().fetch(server.url);
    const copy = response.clone();
    expect(await Promise.all([response.text(), copy.text()])).toEqual(['twice', 'twice']);
    const streamed = await client().fetch(server.url);
    const reader = streamed.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('twice');
    const cancelled = await client().fetch(server.url);
    await cancelled.body!.cancel();
    expect(cancelled.body!.locked).toBe(false);
  });
});

describe('redirects', () => {
  it('303 and a POST answered 302 continue as GET; 307 keeps method and body; the Authorization header stays on its origin', async () => {
    const other = await serve((_req, res) => res.end('elsewhere'));
    const server = await serve((req, res) => {
      if (req.url === '/see-other') res.writeHead(303, { location: '/final' }).end();
      else if (req.url === '/found') res.writeHead(302, { location: '/final' }).end();
      else if (req.url === '/temporary') res.writeHead(307, { location: '/final' }).end();
      else if (req.url === '/away') res.writeHead(302, { location: `${other.url}/there` }).end();
      else res.end(`${req.method} final`);
    });
    const post = (path: string) => client().fetch(`${server.url}${path}`, { method: 'POST', body: 'data', headers: { authorization: 'Bearer secret' } });
    const seeOther = await post('/see-other');
    expect([await seeOther.text(), seeOther.redirected, seeOther.url]).toEqual(['GET final', true, `${server.url}/final`]);
    expect(await (await post('/found')).text()).toBe('GET final');
    expect(await (await post('/temporary')).text()).toBe('POST final');
    expect(server.seen.at(-1)).toMatchObject({ method: 'POST', body: 'data' });
    expect(server.seen.at(-1)!.headers.authorization).toBe('Bearer secret');
    expect(await (await client().fetch(`${server.url}/away`, { headers: { authorization: 'Bearer secret' } })).text()).toBe('elsewhere');
    expect(other.seen[0]!.headers.authorization).toBeUndefined();
    const manual = await client().fetch(`${server.url}/found`, { redirect: 'manual' });
    expect([manual.status, manual.headers.get('location')]).toEqual([302, '/final']);
  });
});

describe('aborts, timeouts and failures, described as before', () => {
  it('an aborted signal rejects with its reason, before sending or while waiting for the answer', async () => {
    const server = await serve(() => undefined); // never answers
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    expect(await failure(client().fetch(server.url, { signal: controller.signal }))).toMatchObject({ message: 'stop now' });
    expect(server.seen).toEqual([]);
    const error = await failure(client().fetch(server.url, { signal: AbortSignal.timeout(50) }));
    expect((error as Error).name).toBe('TimeoutError');
    expect(describeNetworkError(error, `${server.url}/oauth/token`)).toMatch(/^127\.0\.0\.1:\d+ did not answer in time: check your connection or proxy settings, then try again\.$/);
  });

  it('an abort while the body is read fails the read with the reason', async () => {
    const server = await serve((_req, res) => res.writeHead(200).write('partial'));
    const controller = new AbortController();
    const response = await client().fetch(server.url, { signal: controller.signal });
    const reading = response.text();
    controller.abort(new Error('gave up'));
    await expect(reading).rejects.toThrow('gave up');
  });

  it('an abort before anyone reads the body fails the later read with the reason, instead of waiting forever', async () => {
    const server = await serve((_req, res) => res.writeHead(200).write('partial'));
    const controller = new AbortController();
    const response = await client().fetch(server.url, { signal: controller.signal });
    controller.abort(new Error('gave up early'));
    await new Promise((resolve) => setImmediate(resolve)); // the body's error and close have been emitted
    await expect(response.text()).rejects.toThrow('gave up early');
  });

  it('a connection closed in the middle of the body fails the read; a whole body reads in full', async () => {
    const cut = await serve((req, res) => {
      res.writeHead(200, { 'content-length': '100' }).write('partial', () => req.socket.destroy());
    });
    await expect((await client().fetch(cut.url)).text()).rejects.toThrow();
    const chunked = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
      setImmediate(() => res.end('[1,2]}'));
    });
    expect(await (await client().fetch(chunked.url)).json()).toEqual({ a: [1, 2] });
  });

  it('text() decodes as fetch does: a leading byte order mark dropped, a broken sequence replaced', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"ok":"é"}'), Buffer.from([0xc3])]);
    const server = await serve((_req, res) => res.end(bytes));
    expect(await (await client().fetch(server.url)).text()).toBe(new TextDecoder().decode(bytes));
    expect(new TextDecoder().decode(bytes)).toBe('{"ok":"é"}\ufffd');
  });

  it('connection refused: "fetch failed" with ECONNREFUSED in the cause, the same line as with undici', async () => {
    const server = await serve(() => undefined);
    const dead = server.url;
    await closers.pop()!();
    const error = await failure(client().fetch(`${dead}/oauth/token`));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    expect(describeNetworkError(error, `${dead}/oauth/token`)).toMatch(
      /^Could not connect to 127\.0\.0\.1:\d+: connection refused\. Check the address, or set HTTPS_PROXY if your network needs a proxy\.$/,
    );
  });

  it('a connection closed before the answer reads as closed unexpectedly', async () => {
    const server = await serve((req) => req.socket.destroy());
    const error = await failure(client().fetch(server.url));
    expect(describeNetworkError(error, server.url)).toMatch(/^The connection to 127\.0\.0\.1:\d+ was closed unexpectedly: a proxy or firewall may be interfering/);
  });

  it('no headers within the headers timeout: undici\'s code, a timeout to the person', async () => {
    const server = await serve(() => undefined);
    const fetch = createNodeFetch({ ca: () => null, follow: () => Promise.reject(new Error('no redirects')), timeouts: { headersMs: 100 } });
    const error = await failure(fetch(new URL(server.url), {}));
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(describeNetworkError(error, server.url)).toMatch(/did not answer in time/);
    fetch.close();
  });

  it('a URL that does not parse is a TypeError naming it', async () => {
    expect(await failure(client().fetch('not a url'))).toMatchObject({ name: 'TypeError', message: 'Failed to parse URL from not a url' });
  });
});
