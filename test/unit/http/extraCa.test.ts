// A network that re-signs TLS: a CA made at test time with openssl signs the certificate of a
// loopback HTTPS server. Without the CA the request fails with one line saying what to set;
// with CODEX_CA_CERTIFICATE (or NODE_EXTRA_CA_CERTS / SSL_CERT_FILE) it succeeds, direct (node:https)
// and through a CONNECT proxy (undici).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHttpClient, describeNetworkError } from '../../../src/http/client.js';

let dir = '';
let server: Server;
let url = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codex-ca-'));
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=Test Inspecting Proxy CA');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=localhost');
  writeFileSync(join(dir, 'leaf.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:codex-ca.test\n');
  ssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '1', '-extfile', 'leaf.ext');
  writeFileSync(join(dir, 'not-a-cert.pem'), 'hello\n');
  server = createServer({ key: readFileSync(join(dir, 'leaf.key')), cert: readFileSync(join(dir, 'leaf.pem')) }, (_req, res) => res.end('trusted'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token?code=secret-code`;
}, 60_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const failure = async (env: NodeJS.ProcessEnv) => {
  const error = await createHttpClient({ env }).fetch(url).then(() => null, (e: unknown) => e);
  expect(error).not.toBeNull();
  return describeNetworkError(error, url);
};

it('without the CA: one line telling the person to set CODEX_CA_CERTIFICATE', async () => {
  const line = await failure({});
  expect(line).toMatch(/^The TLS certificate of 127\.0\.0\.1:\d+ is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\): if your network inspects TLS, set CODEX_CA_CERTIFICATE to your proxy's CA bundle \(a PEM file\)\.$/);
  expect(line).not.toContain('secret-code');
});

it.each(['CODEX_CA_CERTIFICATE', 'SSL_CERT_FILE', 'NODE_EXTRA_CA_CERTS'])('with %s pointing at the CA: succeeds', async (name) => {
  const response = await createHttpClient({ env: { [name]: join(dir, 'ca.pem') } }).fetch(url);
  expect(await response.text()).toBe('trusted');
});

it('the CA is added to the default roots, not instead of them', async () => {
  const { loadExtraCaBundle } = await import('../../../src/http/caBundle.js');
  const { rootCertificates } = await import('node:tls');
  expect(loadExtraCaBundle({ CODEX_CA_CERTIFICATE: join(dir, 'ca.pem') })).toHaveLength(rootCertificates.length + 1);
  expect(loadExtraCaBundle({})).toBeNull();
});

it('a CA variable naming a missing or non-PEM file is reported in plain words', async () => {
  expect(await failure({ SSL_CERT_FILE: join(dir, 'missing.pem') })).toBe(
    `SSL_CERT_FILE points to ${join(dir, 'missing.pem')}, which cannot be read (ENOENT): fix the path or unset SSL_CERT_FILE.`,
  );
  expect(await failure({ CODEX_CA_CERTIFICATE: join(dir, 'not-a-cert.pem') })).toBe(
    `CODEX_CA_CERTIFICATE points to ${join(dir, 'not-a-cert.pem')}, which holds no PEM certificates: use a PEM bundle or unset CODEX_CA_CERTIFICATE.`,
  );
});

it('through a proxy (undici) the extra CA is trusted too, and its absence is reported the same way', async () => {
  // A CONNECT proxy on loopback that tunnels every host to the loopback HTTPS server.
  const proxy = createHttpServer();
  proxy.on('connect', (_req, client: Socket, head: Buffer) => {
    const upstream = connect((server.address() as AddressInfo).port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  try {
    const HTTPS_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const proxied = `https://codex-ca.test:${(server.address() as AddressInfo).port}/oauth/token`; // not loopback: proxied
    const response = await createHttpClient({ env: { HTTPS_PROXY, CODEX_CA_CERTIFICATE: join(dir, 'ca.pem') } }).fetch(proxied);
    expect(await response.text()).toBe('trusted');
    const error = await createHttpClient({ env: { HTTPS_PROXY } }).fetch(proxied).then(() => null, (e: unknown) => e);
    expect(describeNetworkError(error, proxied)).toMatch(/^The TLS certificate of codex-ca\.test:\d+ is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/);
  } finally {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
  }
});
