// `codex app-server`: the account API as JSON-RPC on stdin/stdout (src/appserver/), for editors and
// desktop apps. Only protocol messages go to stdout; diagnostics go to stderr. It ends, with exit 0,
// when stdin closes or on SIGTERM/SIGINT, after cancelling any sign-in in progress.
import type { CliContext } from '../context.js';
import { userAgent } from '../../appserver/userAgent.js';

export async function appServer(ctx: CliContext): Promise<number> {
  ctx.followStore = true; // a long-running server reports whoever is signed in now
  ctx.revokeInBackground = true; // login/completed as soon as the new sign-in is saved
  const [{ AppServer }, auth, config] = await Promise.all([import('../../appserver/server.js'), ctx.auth(), ctx.config()]);
  const { stdin } = ctx.io;
  const log = (line: string) => ctx.io.stderr.write(`codex app-server: ${line}\n`);
  const version = ctx.version();
  const server = new AppServer({
    auth,
    login: () => ctx.login(),
    config,
    // undici loads on the first request, not at start-up.
    fetch: (async (input: string | URL | Request, init?: RequestInit) => (await ctx.http()).fetch(input, init)) as typeof globalThis.fetch,
    codexHome: ctx.codexHome().path,
    env: ctx.io.env,
    userAgent: (name, clientVersion) => userAgent({ name, version: clientVersion }, version, ctx.io.env),
    write: (line) => ctx.io.stdout.write(line),
    log,
  });
  let stopping = false;
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  const stop = () => {
    if (stopping) return;
    stopping = true;
    stdin.pause();
    void server.shutdown().finally(() => {
      auth.dispose();
      stopped();
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Only the stored credentials are read before the first request: no refresh at start-up (the
  // request that needs a token refreshes it), so initialize is answered at once.
  await auth.start({ watch: true, refresh: false });
  server.ready();
  stdin.on('data', (chunk: Buffer | string) => server.rpc.receive(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  stdin.on('end', stop);
  stdin.on('error', stop);
  await done;
  return 0;
}
