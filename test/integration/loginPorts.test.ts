// The callback port: a previous Codex login is cancelled, a foreign listener on 1455 sends us
// to 1457, and a port nobody releases fails with a clear error (codex-rs login_server_e2e.rs).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginError } from '../../src/oauth/types.js';
import { browse, loginHarness, type LoginHarness } from '../support/loginHarness.js';

const benches: LoginHarness[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  for (const bench of benches.splice(0)) await bench.close();
});

async function listen(port: number): Promise<Server | null> {
  const server = createServer((_req, res) => {
    res.writeHead(404, { connection: 'close' });
    res.end('not codex');
  });
  return new Promise((resolve) => {
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      servers.push(server);
      resolve(server);
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function bench(loginPort: number) {
  const h = await loginHarness({ service: { loginPort } });
  benches.push(h);
  return h;
}

describe('callback port', () => {
  it('a second sign-in cancels the first one on the same port', async () => {
    const port = await freePort();
    const first = await (await bench(port)).login.startBrowserLogin({ openBrowser: false });
    const h = await bench(port);
    const second = await h.login.startBrowserLogin({ openBrowser: false });
    const error = (await first.done.catch((e: unknown) => e)) as LoginError;
    expect([error.code, error.message]).toEqual(['cancelled', 'Login cancelled']);
    expect(second.port).toBe(port);
    await browse(second.authUrl);
    await second.done;
    expect(h.authJson()?.auth_mode).toBe('chatgpt');
  });

  it('fails with port_busy when a foreign listener keeps the port', async () => {
    const port = await freePort();
    const foreign = await listen(port);
    expect(foreign).not.toBeNull();
    const asked: string[] = [];
    foreign!.on('request', (req: { url?: string }) => asked.push(req.url ?? ''));
    const h = await bench(port);
    const error = (await h.login.startBrowserLogin({ openBrowser: false }).catch((e: unknown) => e)) as LoginError;
    expect(error.code).toBe('port_busy');
    expect(error.port).toBe(port);
    expect(error.message).toMatch(new RegExp(`^Port 127\\.0\\.0\\.1:${port} is already in use\\.`));
    // It asked the holder to stop once, as a previous Codex login would, then gave up (a bounded number of binds).
    expect(asked).toEqual(['/cancel']);
  });

  it('falls back to 1457 when something else holds 1455', async (ctx) => {
    const blocker = await listen(1455);
    const fallbackFree = await listen(1457).then(async (server) => {
      if (!server) return false;
      servers.splice(servers.indexOf(server), 1);
      await new Promise((resolve) => server.close(resolve));
      return true;
    });
    if (!blocker || !fallbackFree) return ctx.skip();
    const h = await bench(1455);
    const attempt = await h.login.startBrowserLogin({ openBrowser: false });
    expect(attempt.port).toBe(1457);
    expect(new URL(attempt.authUrl).searchParams.get('redirect_uri')).toBe('http://127.0.0.1:1457/auth/callback');
    await browse(attempt.authUrl);
    expect((await attempt.done).method).toBe('chatgpt');
  });
});
