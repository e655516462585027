// The dispatcher: argv -> command -> exit code. Decides interactivity once, here. Headless commands
// never load Ink or React; the screens (dist/ui.cjs) are loaded only for a terminal.
import { CodexHomeError } from '../config/codexHome.js';
import { ConfigError } from '../config/config.js';
import { parseArgs, UsageError, type Command, type HelpTopic } from './args.js';
import { CliContext, type CliIO } from './context.js';
import { HELP } from './help.js';
import { loginStatus } from './commands/loginStatus.js';
import { loginWithAccessToken } from './commands/loginWithAccessToken.js';
import { loginWithApiKey } from './commands/loginWithApiKey.js';
import { logout } from './commands/logout.js';
import { appServer } from './commands/appServer.js';
import { loadBundle } from '../platform/loadBundle.js';

export const NEEDS_TTY =
  'codex needs an interactive terminal. To sign in without one, run `codex login --with-api-key` (key on stdin) or `codex login --device-auth`.';

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let command: Command;
  let overrides: string[];
  try {
    ({ command, overrides } = parseArgs(argv));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`error: ${error.message}\n\nRun '${helpCommand(error.topic)}' for usage.\n`);
    return 2;
  }
  const ctx = new CliContext(io, overrides);
  try {
    return await dispatch(command, ctx);
  } catch (error) {
    if (error instanceof CodexHomeError || error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

const helpCommand = (topic: HelpTopic) => (topic === 'codex' ? 'codex --help' : `codex ${topic} --help`);

async function dispatch(command: Command, ctx: CliContext): Promise<number> {
  const { stdout, stderr } = ctx.io;
  switch (command.kind) {
    case 'help':
      stdout.write(`${HELP[command.topic]}\n`);
      return 0;
    case 'version':
      stdout.write(`codex ${ctx.version()}\n`);
      return 0;
    case 'refuse':
      stderr.write(`${command.message}\n`);
      return 1;
    case 'loginStatus':
      return loginStatus(ctx, { json: command.json });
    case 'logout':
      return logout(ctx);
    case 'appServer':
      return appServer(ctx);
    case 'login':
      if (command.method === 'apiKey') return loginWithApiKey(ctx);
      if (command.method === 'accessToken') return loginWithAccessToken(ctx);
      // As in the real CLI, --experimental_issuer moves the device-code flow only; the client id both.
      ctx.loginEndpoints = { issuer: command.method === 'device' ? command.hidden.issuer : null, clientId: command.hidden.clientId };
      return interactiveLogin(ctx, command.method, command.pasteCallback);
    case 'interactive':
      return interactive(ctx);
  }
}

/** Browser and device-code sign-in as plain text on the standard streams (src/cli/commands/loginInteractive.ts). */
async function interactiveLogin(ctx: CliContext, method: 'browser' | 'device', pasteCallback: boolean): Promise<number> {
  const [flows, login] = await Promise.all([import('./commands/loginInteractive.js'), ctx.login()]);
  const loginCtx = { login, ...ctx.io.streams(), env: ctx.io.env, version: ctx.version() };
  return method === 'device' ? flows.runDeviceLogin(loginCtx) : flows.runBrowserLogin(loginCtx, { pasteCallback });
}

async function interactive(ctx: CliContext): Promise<number> {
  const { stdin, stdout } = ctx.io.streams();
  if (!stdin.isTTY || !stdout.isTTY) {
    ctx.io.stderr.write(`${NEEDS_TTY}\n`);
    return 1;
  }
  const { runInteractive, services } = await interactiveServices(ctx);
  return runInteractive(services);
}

/**
 * The screens and their services, with the credentials already read: the first frame is the picker
 * or home, not a loading line. The screens' bundle loads meanwhile (most of the time to first
 * paint); a store slower than FIRST_READ_MS (a keyring) lets the screens show their loading line.
 */
export async function interactiveServices(ctx: CliContext) {
  const firstRead = ctx.auth().then((auth) => settledWithin(auth.reload(), FIRST_READ_MS));
  const [auth, login, config, { runInteractive }] = await Promise.all([ctx.auth(), ctx.login(), ctx.config(), loadScreens(), firstRead]);
  // The HTTP client loads on the first request (/status, a sign-in), not before the first frame.
  return { runInteractive, services: { auth, login, config, http: ctx.lazyHttp(), env: ctx.io.env } };
}

/** How long the first read of the credentials may hold back the first frame (auth.json takes ~1 ms). */
export const FIRST_READ_MS = 150;

/** Resolves when `promise` settles or after `ms`, whichever is first; never rejects (a failed read is in the snapshot). */
export function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    promise.then(done, done);
  });
}

declare const CODEX_BUNDLE: boolean | undefined;

/** The screens: dist/ui.cjs beside the bundle (compiled with its code cache), or the sources in development. */
async function loadScreens(): Promise<typeof import('../../screens/run.js')> {
  if (typeof CODEX_BUNDLE !== 'undefined') return loadBundle('ui.cjs');
  return import('../../screens/run.js');
}
