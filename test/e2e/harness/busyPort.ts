// The "callback port busy" screen, reached as a person does: another program holds the port (it
// accepts connections and drops them), codex is pointed at it, and "Sign in with ChatGPT" is chosen.
import { createServer, type Server } from 'node:net';
import { afterEach } from 'vitest';
import { e2eEnv, type E2eEnv } from '../../support/e2eEnv.js';
import type { PtySession } from '../../support/pty.js';

export interface BusyPortScreen {
  bench: E2eEnv;
  codex: PtySession;
  port: number;
  /** The frame when the screen appeared. */
  screen: string;
}

/** Registers the clean-up for this file; the returned function opens the screen (the caller closes `bench`). */
export function useBusyPortScreen(): () => Promise<BusyPortScreen> {
  let listener: Server | undefined;
  afterEach(async () => {
    const held = listener;
    listener = undefined;
    if (held) await new Promise<void>((resolve) => held.close(() => resolve()));
  });
  return async () => {
    const server = createServer((socket) => socket.destroy());
    listener = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const bench = await e2eEnv({ browser: 'none', loginPort: port });
    const codex = bench.pty([], { cols: 120, rows: 30 });
    await codex.waitFor('q quit');
    codex.write('1');
    const screen = await codex.waitFor(`Port ${port} is already in use`);
    return { bench, codex, port, screen };
  };
}
