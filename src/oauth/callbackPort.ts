// Binding the local callback server (§3.3): 127.0.0.1 only. A busy port first gets one
// `GET /cancel` (a previous Codex login server stops on it), then the bind is retried every
// 200 ms up to 10 times; the default port 1455 then falls back to 1457, the only other
// redirect port the authority accepts.
import type { Server } from 'node:http';
import { LoginError } from './types.js';

export const DEFAULT_LOGIN_PORT = 1455;
export const FALLBACK_LOGIN_PORT = 1457;
export const CALLBACK_HOST = '127.0.0.1';
const BIND_ATTEMPTS = 10;
const BIND_RETRY_MS = 200;
const CANCEL_TIMEOUT_MS = 2_000;

type BindResult = 'bound' | 'busy' | 'denied';

function listenOnce(server: Server, port: number): Promise<BindResult> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') resolve('busy');
      else if (error.code === 'EACCES') resolve('denied');
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve('bound');
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host: CALLBACK_HOST, exclusive: true });
  });
}

/** Asks whatever listens on the port to stop, as a previous Codex login server does on /cancel. */
export function cancelPreviousLoginServer(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const req = process.getBuiltinModule('node:http').request( // loaded on use, not with the picker
      { host: CALLBACK_HOST, port, path: '/cancel', method: 'GET', headers: { connection: 'close' }, timeout: CANCEL_TIMEOUT_MS },
      (res) => {
        res.resume();
        res.on('end', () => resolve(null));
        res.on('error', (error) => resolve(error.message));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error) => resolve(error.message));
    req.end();
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function bindWithRetries(server: Server, port: number, log?: (line: string) => void): Promise<BindResult> {
  let result: BindResult = 'busy';
  for (let attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
    result = await listenOnce(server, port);
    if (result !== 'busy') return result;
    if (attempt === 0) {
      const failure = await cancelPreviousLoginServer(port);
      if (failure) log?.(`Failed to cancel previous login server: ${failure}`);
    }
    await pause(BIND_RETRY_MS);
  }
  return result;
}

/** Binds `server` and returns the port it got; port 0 picks any free port (no fallback). */
export async function bindCallbackServer(server: Server, port: number, log?: (line: string) => void): Promise<number> {
  const ports = port === DEFAULT_LOGIN_PORT ? [DEFAULT_LOGIN_PORT, FALLBACK_LOGIN_PORT] : [port];
  let denied = false;
  for (const candidate of ports) {
    const result = await bindWithRetries(server, candidate, log);
    if (result === 'bound') {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new LoginError('other', 'Unable to determine the server port');
      return address.port;
    }
    denied ||= result === 'denied';
    if (candidate !== ports[ports.length - 1]) log?.(`Port ${CALLBACK_HOST}:${candidate} is busy; trying ${ports[ports.length - 1]}`);
  }
  const also = ports.length > 1 ? `, and so is the fallback port ${ports[1]}` : '';
  const why = denied
    ? ' The system refuses to let Codex listen there (on Windows the port may be reserved: `netsh interface ipv4 show excludedportrange protocol=tcp`).'
    : ' Another program is listening there; close it, or sign in with a device code instead.';
  throw new LoginError('port_busy', `Port ${CALLBACK_HOST}:${port} is already in use${also}.${why}`, port);
}
